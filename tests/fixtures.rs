//! Runs the data-driven cases in `tests/fixtures/*.toml` against the native
//! crate; `tests/js/package.test.mjs` runs the same files against the package.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use zhlens::{AnalyzeOptions, Analyzer, Config, FigureValue, SegmentOptions, convert};

/// A fixture file: segmentation cases (`[[test]]`), conversion cases
/// (`[[convert]]`), figure cases (`[[figures]]`), metric cases
/// (`[[metrics]]`), or any of them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixtures {
    #[serde(default)]
    test: Vec<Case>,
    #[serde(default)]
    convert: Vec<ConvertCase>,
    #[serde(default)]
    figures: Vec<FiguresCase>,
    #[serde(default)]
    metrics: Vec<MetricsCase>,
    #[serde(default)]
    entities: Vec<EntitiesCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesCase {
    name: String,
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsCase {
    text: String,
    region: Option<String>,
    expect: Vec<ExpectedMetric>,
}

/// A metric with its figures named by their text.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct ExpectedMetric {
    indicator: String,
    value: String,
    period: Option<String>,
    change: Option<ExpectedChange>,
    /// The implied level before the change, to within 0.1%; checked where
    /// a case states it.
    earlier: Option<f64>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct ExpectedChange {
    direction: String,
    amount: Option<String>,
    basis: Option<String>,
    from: Option<String>,
    #[serde(default)]
    contradicted: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FiguresCase {
    name: String,
    text: String,
    reference_date: Option<String>,
    /// `CN`, `TW` or `HK`; detected when absent.
    region: Option<String>,
    expect: Vec<ExpectedFigure>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct ExpectedFigure {
    text: String,
    kind: String,
    value: toml::Value,
    unit: Option<String>,
    approx: Option<String>,
    range: Option<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConvertCase {
    name: String,
    config: String,
    text: String,
    expected: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    words: Option<Vec<String>>,
    #[serde(default)]
    tagged: Vec<String>,
    hmm: Option<bool>,
}

/// Every fixture file's cases.
fn fixtures() -> Fixtures {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Fixtures {
        test: Vec::new(),
        convert: Vec::new(),
        figures: Vec::new(),
        metrics: Vec::new(),
        entities: Vec::new(),
    };
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file: Fixtures =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            all.test.extend(file.test);
            all.convert.extend(file.convert);
            all.figures.extend(file.figures);
            all.metrics.extend(file.metrics);
            all.entities.extend(file.entities);
        }
    }
    all
}

#[test]
fn convert_fixtures() {
    let analyzer = Analyzer::new();
    let cases = fixtures().convert;
    assert!(cases.len() >= 20);
    for case in cases {
        let config: Config = case.config.parse().unwrap();
        let converted = analyzer.convert(&case.text, config);
        assert_eq!(converted, case.expected, "{}", case.name);
        // As the package converts: from and to UTF-16 code units.
        let units: Vec<u16> = case.text.encode_utf16().collect();
        let converted = String::from_utf16_lossy(&analyzer.convert_utf16(&units, config));
        assert_eq!(converted, case.expected, "{}: UTF-16", case.name);
        let mapped = analyzer.convert_with_map(&case.text, config);
        assert_eq!(mapped.text(), case.expected, "{}: with map", case.name);
        let input: String = mapped
            .pieces()
            .map(|p| &case.text[p.input.clone()])
            .collect();
        assert_eq!(input, case.text, "{}: the map covers the input", case.name);
        // Cross-word cases are where OpenCC itself is wrong.
        if convert(&case.text, config) != case.expected {
            assert!(config.name().starts_with('s'), "{}", case.name);
        }
    }
}

#[test]
fn segment_fixtures() {
    let analyzer = Analyzer::new();
    let cases = fixtures().test;
    assert!(cases.len() >= 10);
    for case in cases {
        let text = &case.text;
        let options = match case.hmm {
            Some(hmm) => SegmentOptions::new().hmm(hmm),
            None => SegmentOptions::new(),
        };
        let tokens = analyzer.segment_with(text, options);
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.start(), at, "{}: tokens must be contiguous", case.name);
            assert!(t.end() > t.start(), "{}: empty token", case.name);
            assert!(
                text.is_char_boundary(t.end()),
                "{}: token ends inside a character",
                case.name
            );
            at = t.end();
        }
        assert_eq!(at, text.len(), "{}: tokens must cover the text", case.name);

        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range()]).collect();
        if let Some(expected) = &case.words {
            assert_eq!(&words, expected, "{}", case.name);
        }
        let tagged: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}/{}", &text[t.range()], t.pos()))
            .collect();
        for want in &case.tagged {
            assert!(
                tagged.contains(want),
                "{}: no token {want:?} in {tagged:?}",
                case.name
            );
        }
    }
}

/// The options, with the case's region when it names one.
fn with_region(options: AnalyzeOptions, region: &Option<String>) -> AnalyzeOptions {
    match region {
        Some(region) => options.region(region.parse().unwrap()),
        None => options,
    }
}

#[test]
fn figure_fixtures() {
    let analyzer = Analyzer::new();
    let cases = fixtures().figures;
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for case in cases {
        let date = case.reference_date.as_deref().unwrap_or("2025-09-15");
        let options = with_region(AnalyzeOptions::new(date.parse().unwrap()), &case.region);
        let analysis = analyzer.analyze(&case.text, &options);
        let found: Vec<ExpectedFigure> = analysis
            .figures()
            .iter()
            .map(|f| ExpectedFigure {
                text: case.text[f.range()].to_string(),
                kind: f.kind().as_str().to_string(),
                value: match f.value() {
                    FigureValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                        toml::Value::Integer(n as i64)
                    }
                    FigureValue::Number(n) => toml::Value::Float(n),
                    FigureValue::Iso(iso) => toml::Value::String(iso.to_string()),
                },
                unit: f.unit().map(String::from),
                approx: f.approx().map(|a| a.as_str().to_string()),
                range: f.bounds(),
            })
            .collect();
        if found != case.expect {
            failures.push(format!(
                "{}: {}\n  found:    {found:?}\n  expected: {:?}",
                case.name, case.text, case.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn metric_fixtures() {
    let analyzer = Analyzer::new();
    let cases = fixtures().metrics;
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for case in cases {
        let text = &case.text;
        let options = with_region(
            AnalyzeOptions::new("2025-09-15".parse().unwrap()),
            &case.region,
        );
        let analysis = analyzer.analyze(text, &options);
        let figure = |i: usize| text[analysis.figures()[i].range()].to_string();
        let found: Vec<ExpectedMetric> = analysis
            .metrics()
            .iter()
            .map(|m| ExpectedMetric {
                indicator: text[m.indicator()].to_string(),
                value: figure(m.value()),
                period: m.period().map(figure),
                change: m.change().map(|c| ExpectedChange {
                    direction: c.direction().as_str().to_string(),
                    amount: c.amount().map(figure),
                    basis: c.basis().map(|b| b.as_str().to_string()),
                    from: c.from().map(figure),
                    contradicted: c.is_contradicted(),
                }),
                earlier: m.earlier(),
            })
            .zip(case.expect.iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(mut found, want)| {
                // Close enough is equal: the earlier level is a derived estimate.
                match (found.earlier, want.and_then(|w| w.earlier)) {
                    (Some(got), Some(want)) if (got - want).abs() <= want.abs() * 1e-3 => {
                        found.earlier = Some(want)
                    }
                    (_, None) => found.earlier = None,
                    _ => {}
                }
                found
            })
            .collect();
        if found != case.expect {
            failures.push(format!(
                "{text}\n  found:    {found:?}\n  expected: {:?}",
                case.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn entity_fixtures() {
    let analyzer = Analyzer::new();
    let options = AnalyzeOptions::new("2025-09-15".parse().unwrap());
    for case in fixtures().entities {
        let analysis = analyzer.analyze(&case.text, &options);
        let found: Vec<String> = analysis
            .entities()
            .iter()
            .map(|e| format!("{}:{}", e.kind().as_str(), &case.text[e.range()]))
            .collect();
        for want in &case.expect {
            assert!(
                found.contains(want),
                "{}: no {want} in {found:?}",
                case.name
            );
        }
        for span in &case.absent {
            // `kind:text` rules out that kind only; a bare text, every kind.
            let is_found = |f: &String| match span.contains(':') {
                true => f == span,
                false => f.ends_with(&format!(":{span}")),
            };
            assert!(
                !found.iter().any(is_found),
                "{}: {span} in {found:?}",
                case.name
            );
        }
    }
}
