//! Runs the data-driven cases in `tests/fixtures/*.toml` against the native
//! crate; `tests/js/package.test.mjs` runs the same files against the package.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use zhlens::{Analyzer, SegmentOptions};

#[derive(Deserialize)]
struct Fixtures {
    test: Vec<Case>,
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

fn cases(file: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str::<Fixtures>(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .test
}

#[test]
fn segment_fixtures() {
    let analyzer = Analyzer::new();
    let cases = cases("segment.toml");
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
