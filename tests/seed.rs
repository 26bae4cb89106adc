//! The seed article of `../shared/fixtures/seed` (Traditional, with gold
//! annotations): every gold figure is found with its kind and value, no
//! numeral of the gold negatives is reported, and at least 15 of the 16 gold
//! metrics are exact (indicator, value, period, change); the same after
//! converting the article to Simplified. Skips when `../shared` is absent.

use std::fs;

use serde_json::Value;
use zhlens::{AnalyzeOptions, Analyzer, Config, FigureValue, convert};

const SEED: &str = "../shared/fixtures/seed";

fn check(analyzer: &Analyzer, article: &str, gold: &Value, script: &dyn Fn(&str) -> String) {
    let date = gold["reference_date"].as_str().unwrap().parse().unwrap();
    let analysis = analyzer.analyze(article, &AnalyzeOptions::new(date));
    let figures = analysis.figures();
    let mut from = 0;
    for want in gold["figures"].as_array().unwrap() {
        let text = script(want["text"].as_str().unwrap());
        let start = from
            + article[from..]
                .find(&text)
                .unwrap_or_else(|| panic!("{text} is in the article"));
        from = start + text.len();
        let found = figures
            .iter()
            .find(|f| f.range() == (start..start + text.len()))
            .unwrap_or_else(|| {
                panic!(
                    "no figure {text} at {start}; found {:?}",
                    spans(article, figures)
                )
            });
        assert_eq!(found.kind().as_str(), want["kind"], "{text}");
        match (found.value(), &want["value"]) {
            (FigureValue::Number(n), Value::Number(w)) => {
                assert_eq!(n, w.as_f64().unwrap(), "{text}")
            }
            (FigureValue::Iso(iso), Value::String(w)) => assert_eq!(iso, w, "{text}"),
            (got, w) => panic!("{text}: value {got:?}, gold {w}"),
        }
        let unit = want["unit"].as_str().map(|u| {
            if want["kind"] == "quantity" {
                script(u)
            } else {
                u.to_string()
            }
        });
        assert_eq!(found.unit().map(String::from), unit, "{text}");
        assert_eq!(
            found.approx().map(|a| a.as_str()),
            want["approx"].as_str(),
            "{text}"
        );
    }
    for negative in gold["negatives"].as_array().unwrap() {
        let negative = script(negative.as_str().unwrap());
        for (start, _) in article.match_indices(&negative) {
            let end = start + negative.len();
            let overlapping: Vec<&str> = figures
                .iter()
                .filter(|f| f.range().start < end && start < f.range().end)
                .map(|f| &article[f.range()])
                .collect();
            assert!(
                overlapping.is_empty(),
                "{negative} reported as {overlapping:?}"
            );
        }
    }
}

/// How many gold metrics the analysis has exactly.
fn exact_metrics(
    analyzer: &Analyzer,
    article: &str,
    gold: &Value,
    script: &dyn Fn(&str) -> String,
) -> usize {
    let date = gold["reference_date"].as_str().unwrap().parse().unwrap();
    let analysis = analyzer.analyze(article, &AnalyzeOptions::new(date));
    let figure = |i: usize| script(&article[analysis.figures()[i].range()]);
    let text = |v: &Value| v.as_str().map(script);
    let amount = |i: usize| match analysis.figures()[i].value() {
        FigureValue::Number(n) => n,
        FigureValue::Iso(_) => f64::NAN,
    };
    gold["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|want| {
            analysis.metrics().iter().any(|m| {
                let change_matches = match (want.get("change"), m.change()) {
                    (None, None) => true,
                    (Some(c), Some(got)) => {
                        c["direction"] == got.direction().as_str()
                            && c["basis"].as_str() == got.basis().map(|b| b.as_str())
                            && text(&c["from"]) == got.from().map(figure)
                            && c["value"].as_f64() == got.amount().map(amount)
                    }
                    _ => false,
                };
                Some(script(&article[m.indicator()])) == text(&want["indicator"])
                    && Some(figure(m.value())) == text(&want["value"])
                    && m.period().map(figure) == text(&want["period"])
                    && change_matches
            })
        })
        .count()
}

/// How many gold entities are found with their kind.
fn entities_found(
    analyzer: &Analyzer,
    article: &str,
    gold: &Value,
    script: &dyn Fn(&str) -> String,
) -> usize {
    let analysis = analyzer.analyze(article, &AnalyzeOptions::new("2025-09-15".parse().unwrap()));
    let found: Vec<(String, &str)> = analysis
        .entities()
        .iter()
        .map(|e| (article[e.range()].to_string(), e.kind().as_str()))
        .collect();
    gold["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            found.contains(&(
                script(e["text"].as_str().unwrap()),
                e["kind"].as_str().unwrap(),
            ))
        })
        .count()
}

fn spans<'t>(article: &'t str, figures: &[zhlens::Figure]) -> Vec<&'t str> {
    figures.iter().map(|f| &article[f.range()]).collect()
}

#[test]
fn seed_figures_in_both_scripts() {
    let (Ok(article), Ok(gold)) = (
        fs::read_to_string(format!("{SEED}/article.txt")),
        fs::read_to_string(format!("{SEED}/gold.json")),
    ) else {
        eprintln!("skipped: {SEED} is absent");
        return;
    };
    let gold: Value = serde_json::from_str(&gold).unwrap();
    let analyzer = Analyzer::new();
    check(&analyzer, &article, &gold, &|t| t.to_string());
    let traditional = exact_metrics(&analyzer, &article, &gold, &|t| t.to_string());
    assert!(traditional >= 15, "{traditional} of 16 metrics exact");
    let simplified = convert(&article, Config::T2s);
    check(&analyzer, &simplified, &gold, &|t| convert(t, Config::T2s));
    let in_simplified = exact_metrics(&analyzer, &simplified, &gold, &|t| convert(t, Config::T2s));
    assert!(
        in_simplified >= 15,
        "{in_simplified} of 16 metrics exact in Simplified"
    );
    eprintln!("seed metrics exact: {traditional}/16 Traditional, {in_simplified}/16 Simplified");
    let entities = entities_found(&analyzer, &article, &gold, &|t| t.to_string());
    let entities_simplified =
        entities_found(&analyzer, &simplified, &gold, &|t| convert(t, Config::T2s));
    eprintln!(
        "seed entities found: {entities}/17 Traditional, {entities_simplified}/17 Simplified"
    );
    assert_eq!((entities, entities_simplified), (17, 17));
}
