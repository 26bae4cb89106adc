//! The reader's own dictionary: `Analyzer::add_words`.

use zhlens::{AnalyzeOptions, Analyzer, Date, EntityKind, UserWord};

fn options() -> AnalyzeOptions {
    AnalyzeOptions::new(Date::new(2025, 9, 15).expect("a calendar date"))
}

fn entities(analyzer: &Analyzer, text: &str) -> Vec<(String, EntityKind)> {
    analyzer
        .analyze(text, &options())
        .entities()
        .iter()
        .map(|e| (text[e.range()].to_string(), e.kind()))
        .collect()
}

#[test]
fn a_word_with_a_kind_is_one_token_and_an_entity_in_both_scripts() {
    let mut analyzer = Analyzer::new();
    analyzer
        .add_words(&[UserWord::new("翔鹭微电").kind(EntityKind::Org)])
        .expect("a good word");
    for text in [
        "翔鹭微电第二季营收增长两成。",
        "翔鷺微電第二季營收成長兩成。",
    ] {
        let analysis = analyzer.analyze(text, &options());
        assert_eq!(
            &text[analysis.tokens()[0].range()],
            text.split('第').next().unwrap()
        );
        assert_eq!(entities(&analyzer, text)[0].1, EntityKind::Org, "{text}");
    }
}

#[test]
fn a_word_without_a_kind_segments_but_is_no_entity() {
    let mut analyzer = Analyzer::new();
    let text = "蓝晶石板今年热销。";
    analyzer
        .add_words(&[UserWord::new("蓝晶石板").pos("nz").freq(2000)])
        .expect("a good word");
    let analysis = analyzer.analyze(text, &options());
    assert_eq!(&text[analysis.tokens()[0].range()], "蓝晶石板");
    assert_eq!(analysis.tokens()[0].pos().as_str(), "nz");
    assert!(entities(&analyzer, text).is_empty());
}

#[test]
fn a_person_added_by_the_reader_is_found() {
    let mut analyzer = Analyzer::new();
    analyzer
        .add_words(&[UserWord::new("欧阳思远").kind(EntityKind::Person)])
        .expect("a good word");
    let found = entities(&analyzer, "公司发言人欧阳思远昨日回应。");
    assert!(
        found.contains(&("欧阳思远".to_string(), EntityKind::Person)),
        "{found:?}"
    );
}

#[test]
fn bad_entries_are_refused_by_name_and_nothing_is_added() {
    let mut analyzer = Analyzer::new();
    let cases = [
        (UserWord::new(""), "empty"),
        (UserWord::new("华芯 微电子"), "whitespace"),
        (UserWord::new("华芯微电子").pos("zz"), "part-of-speech"),
        (UserWord::new("华芯微电子").freq(0), "frequency"),
    ];
    for (word, problem) in cases {
        let good = UserWord::new("翔鹭微电").kind(EntityKind::Org);
        let err = analyzer
            .add_words(&[good, word.clone()])
            .expect_err("a bad word");
        let message = err.to_string();
        assert!(message.contains(&format!("{:?}", word.text())), "{message}");
        assert!(message.contains(problem), "{message}");
    }
    assert!(entities(&analyzer, "翔鹭微电第二季营收增长两成。").is_empty());
}
