//! Pass rates on the public specs in `../shared/corpora`: Microsoft
//! Recognizers-Text's Chinese Number, Percent, Ordinal, Currency, Dimension,
//! Temperature and Age models, JioNLP's money cases and cn2an. A case passes
//! when the set of (start, end, value) zhlens finds, in UTF-16 code units
//! end-exclusive, equals the expected set. `cargo test --test specs --
//! --nocapture` prints the rates; the test holds each at least at its
//! floor, so they cannot regress. Skips when `../shared` is absent.

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;
use zhlens::{AnalyzeOptions, Analyzer, FigureKind, FigureValue};

const CORPORA: &str = "../shared/corpora";

/// (start, end, value rounded, extra) in UTF-16 code units.
type Key = (usize, usize, String, String);

fn utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

fn rounded(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let r = (v * 1e6).round() / 1e6;
    format!("{:.12e}", r)
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => s.trim_end_matches('%').parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Number,
    Percent,
    Ordinal,
    Currency,
    Dimension,
    Temperature,
    Age,
}

fn found(analyzer: &Analyzer, model: Model, text: &str) -> BTreeSet<Key> {
    if model == Model::Number {
        return analyzer
            .numbers(text)
            .iter()
            .map(|n| {
                let r = n.range();
                (
                    utf16(text, r.start),
                    utf16(text, r.end),
                    rounded(n.value()),
                    String::new(),
                )
            })
            .collect();
    }
    let analysis = analyzer.analyze(text, &AnalyzeOptions::new("2025-09-15".parse().unwrap()));
    analysis
        .figures()
        .iter()
        .filter(|f| match model {
            Model::Percent => f.kind() == FigureKind::Percent,
            Model::Ordinal => f.kind() == FigureKind::Ordinal,
            Model::Currency => f.kind() == FigureKind::Money,
            _ => f.kind() == FigureKind::Quantity,
        })
        .map(|f| {
            let r = f.range();
            let value = match f.value() {
                FigureValue::Number(n) => rounded(n),
                FigureValue::Iso(s) => s.to_string(),
            };
            let extra = if model == Model::Currency {
                f.unit().unwrap_or("").to_string()
            } else {
                String::new()
            };
            (utf16(text, r.start), utf16(text, r.end), value, extra)
        })
        .collect()
}

fn recognizers(
    analyzer: &Analyzer,
    file: &str,
    model: Model,
    failures: &mut Vec<String>,
) -> Option<(usize, usize)> {
    let path = format!("{CORPORA}/recognizers-text/{file}");
    let json = fs::read_to_string(&path).ok()?;
    let cases: Vec<Value> = serde_json::from_str(json.trim_start_matches('\u{feff}')).unwrap();
    let mut pass = 0;
    for case in &cases {
        let input = case["Input"].as_str().unwrap();
        let expected: BTreeSet<Key> = case["Results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let res = &r["Resolution"];
                let value = number(&res["value"]).map_or("null".into(), rounded);
                let extra = if model == Model::Currency {
                    res["isoCurrency"].as_str().unwrap_or("").to_string()
                } else {
                    String::new()
                };
                let start = r["Start"].as_u64().unwrap() as usize;
                (start, r["End"].as_u64().unwrap() as usize + 1, value, extra)
            })
            .collect();
        let got = found(analyzer, model, input);
        if got == expected {
            pass += 1;
        } else {
            failures.push(format!(
                "{file}: {input:?}\n    want {expected:?}\n    got  {got:?}"
            ));
        }
    }
    Some((pass, cases.len()))
}

fn jsonl(name: &str) -> Option<Vec<Value>> {
    let text = fs::read_to_string(format!("{CORPORA}/{name}")).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

/// cn2an: the whole text reads as one number (positive, non-direct cases).
fn cn2an(analyzer: &Analyzer, failures: &mut Vec<String>) -> Option<(usize, usize)> {
    let rows = jsonl("cn2an/cn2an.jsonl")?;
    let (mut pass, mut total) = (0, 0);
    for row in rows {
        if row["mode"] == "direct" || row["expected"].is_object() {
            continue;
        }
        let text = row["text"].as_str().unwrap();
        let want: f64 = row["expected_literal"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .or(row["expected"].as_f64())
            .unwrap();
        total += 1;
        let got = analyzer.numbers(text);
        if got.len() == 1
            && got[0].range() == (0..text.len())
            && rounded(got[0].value()) == rounded(want)
        {
            pass += 1;
        } else {
            let got: Vec<_> = got.iter().map(|n| (&text[n.range()], n.value())).collect();
            failures.push(format!("cn2an: {text:?} want {want} got {got:?}"));
        }
    }
    Some((pass, total))
}

/// JioNLP's extractor: the money figures' spans (code points).
fn jionlp_extractor(analyzer: &Analyzer, failures: &mut Vec<String>) -> Option<(usize, usize)> {
    let rows = jsonl("jionlp/money_extractor.jsonl")?;
    let mut pass = 0;
    for row in &rows {
        let text = row["text"].as_str().unwrap();
        let want: BTreeSet<(usize, usize)> = row["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["offset"][0].as_u64().unwrap() as usize,
                    e["offset"][1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let chars = |b: usize| text[..b].chars().count();
        let analysis = analyzer.analyze(text, &AnalyzeOptions::new("2025-09-15".parse().unwrap()));
        let got: BTreeSet<(usize, usize)> = analysis
            .figures()
            .iter()
            .filter(|f| f.kind() == FigureKind::Money)
            .map(|f| (chars(f.range().start), chars(f.range().end)))
            .collect();
        if got == want {
            pass += 1;
        } else {
            failures.push(format!(
                "jionlp extractor: {text:?}\n    want {want:?}\n    got  {got:?}"
            ));
        }
    }
    Some((pass, rows.len()))
}

/// JioNLP's parser: the text is one money figure of that value (the low end
/// of a range).
fn jionlp_parser(analyzer: &Analyzer, failures: &mut Vec<String>) -> Option<(usize, usize)> {
    let rows = jsonl("jionlp/money_parser.jsonl")?;
    let mut pass = 0;
    for row in &rows {
        let text = row["text"].as_str().unwrap();
        let num = &row["expected"]["num"];
        let want = match num {
            Value::Array(a) => number(&a[0]),
            other => number(other),
        };
        let analysis = analyzer.analyze(text, &AnalyzeOptions::new("2025-09-15".parse().unwrap()));
        let money: Vec<_> = analysis
            .figures()
            .iter()
            .filter(|f| f.kind() == FigureKind::Money)
            .collect();
        let ok = money.len() == 1
            && match (money[0].value(), want) {
                (FigureValue::Number(v), Some(w)) => rounded(v) == rounded(w),
                _ => false,
            };
        if ok {
            pass += 1;
        } else {
            let got: Vec<_> = money
                .iter()
                .map(|f| (&text[f.range()], f.value()))
                .collect();
            failures.push(format!("jionlp parser: {text:?} want {num} got {got:?}"));
        }
    }
    Some((pass, rows.len()))
}

#[test]
fn spec_pass_rates() {
    let analyzer = Analyzer::new();
    let mut failures = Vec::new();
    // (name, pass, total, floor)
    let mut rates = Vec::new();
    for (file, model, floor) in [
        ("Number/Chinese/NumberModel.json", Model::Number, 0.997),
        ("Number/Chinese/PercentModel.json", Model::Percent, 0.99),
        ("Number/Chinese/OrdinalModel.json", Model::Ordinal, 1.0),
        (
            "NumberWithUnit/Chinese/CurrencyModel.json",
            Model::Currency,
            0.88,
        ),
        (
            "NumberWithUnit/Chinese/DimensionModel.json",
            Model::Dimension,
            0.88,
        ),
        (
            "NumberWithUnit/Chinese/TemperatureModel.json",
            Model::Temperature,
            0.8,
        ),
        ("NumberWithUnit/Chinese/AgeModel.json", Model::Age, 1.0),
    ] {
        if let Some((pass, total)) = recognizers(&analyzer, file, model, &mut failures) {
            rates.push((
                file.rsplit('/').next().unwrap().to_string(),
                pass,
                total,
                floor,
            ));
        }
    }
    for (name, run, floor) in [
        (
            "jionlp money_extractor",
            jionlp_extractor as fn(&Analyzer, &mut Vec<String>) -> Option<(usize, usize)>,
            0.85,
        ),
        ("jionlp money_parser", jionlp_parser, 0.74),
        ("cn2an", cn2an, 1.0),
    ] {
        if let Some((pass, total)) = run(&analyzer, &mut failures) {
            rates.push((name.to_string(), pass, total, floor));
        }
    }
    if rates.is_empty() {
        eprintln!("skipped: {CORPORA} is absent");
        return;
    }
    if std::env::var_os("SPECS_FAILURES").is_some() {
        for f in &failures {
            println!("{f}");
        }
    }
    for (name, pass, total, _) in &rates {
        println!(
            "{name:45} {pass:4}/{total:<4} {:5.1}%",
            100.0 * *pass as f64 / *total as f64
        );
    }
    for (name, pass, total, floor) in &rates {
        let rate = *pass as f64 / *total as f64;
        assert!(rate >= *floor, "{name}: {rate:.3} fell below {floor}");
    }
}
