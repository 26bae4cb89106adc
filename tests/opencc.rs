//! OpenCC's own test cases, when `../shared/corpora` is there (skipped
//! otherwise): `opencc-tests/testcases.json` (OpenCC's current expectations)
//! and the `.in`/`.ans` pairs of OpenCC 1.1.9. Checks that `convert` passes
//! every case, and that `Analyzer::convert`'s word-boundary rule loses none
//! of them. `cargo test --test opencc -- --nocapture` prints the pass rates.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use zhlens::{Analyzer, Config, convert};

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    exact: usize,
    guided: usize,
}

fn report(title: &str, tallies: &BTreeMap<String, Tally>) {
    println!("{title}\n  config  cases  convert  Analyzer::convert");
    for (name, t) in tallies {
        println!(
            "  {name:<7} {:>5}  {:>6.1}%  {:>6.1}%",
            t.cases,
            100.0 * t.exact as f64 / t.cases as f64,
            100.0 * t.guided as f64 / t.cases as f64
        );
    }
}

/// Runs the cases, returns the failures of `convert` and `Analyzer::convert`.
fn check(title: &str, cases: &[(Config, String, String)]) -> (Vec<String>, Vec<String>) {
    let analyzer = Analyzer::new();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut exact_failures, mut guided_failures) = (Vec::new(), Vec::new());
    for (config, input, expected) in cases {
        let tally = tallies.entry(config.name().to_string()).or_default();
        tally.cases += 1;
        let exact = convert(input, *config);
        let guided = analyzer.convert(input, *config);
        if exact == *expected {
            tally.exact += 1;
        } else {
            exact_failures.push(format!("{config}: {input} → {exact}, expected {expected}"));
        }
        if guided == *expected {
            tally.guided += 1;
        } else if exact == *expected {
            guided_failures.push(format!("{config}: {input} → {guided}, expected {expected}"));
        }
    }
    report(title, &tallies);
    (exact_failures, guided_failures)
}

#[test]
fn testcases_json() {
    let Some(corpora) = corpora() else { return };
    let text = fs::read_to_string(corpora.join("opencc-tests/testcases.json")).unwrap();
    // The file has one trailing comma, which JSON does not allow.
    let comma = text
        .match_indices(',')
        .map(|(i, _)| i)
        .find(|&i| text[i + 1..].trim_start().starts_with(['}', ']']))
        .expect("the trailing comma");
    let text = format!("{}{}", &text[..comma], &text[comma + 1..]);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("testcases.json");
    let mut cases = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        for (name, expected) in case["expected"].as_object().unwrap() {
            let config: Config = name.parse().unwrap();
            cases.push((
                config,
                input.to_string(),
                expected.as_str().unwrap().to_string(),
            ));
        }
    }
    assert!(cases.len() >= 500, "{} checks", cases.len());
    let (exact, guided) = check("testcases.json", &cases);
    assert!(exact.is_empty(), "convert fails:\n{}", exact.join("\n"));
    assert!(
        guided.is_empty(),
        "Analyzer::convert loses:\n{}",
        guided.join("\n")
    );
}

#[test]
fn opencc_1_1_9_pairs() {
    let Some(corpora) = corpora() else { return };
    let dir = corpora.join("opencc-1.1.9/testcases");
    let mut cases = Vec::new();
    for config in Config::ALL {
        let Ok(input) = fs::read_to_string(dir.join(format!("{config}.in"))) else {
            continue;
        };
        let answer = fs::read_to_string(dir.join(format!("{config}.ans"))).unwrap();
        // OpenCC 1.4.2's tables still give every answer of 1.1.9.
        for (line, expected) in input.lines().zip(answer.lines()) {
            cases.push((config, line.to_string(), expected.to_string()));
        }
    }
    let (exact, guided) = check("OpenCC 1.1.9 .in/.ans", &cases);
    assert!(exact.is_empty(), "convert fails:\n{}", exact.join("\n"));
    assert!(
        guided.is_empty(),
        "Analyzer::convert loses:\n{}",
        guided.join("\n")
    );
}
