//! `Analyzer::analyze` over arbitrary UTF-8: never panics, and its tokens,
//! figures, entities and metrics are well-formed. The first byte chooses the HMM
//! setting and the reference year; the rest is the text (invalid UTF-8 is
//! replaced, so every input is used).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhlens::{AnalyzeOptions, Analyzer, Date, Entity, EntityKind, SegmentOptions};

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let analyzer = ANALYZER.get_or_init(Analyzer::new);
    let date = Date::new(1990 + i32::from(head >> 1), 1 + u32::from(head % 12), 28).unwrap();
    let mut options = AnalyzeOptions::new(date);
    if head & 1 == 1 {
        options = options.segment(SegmentOptions::new().hmm(head & 2 == 2));
    }
    let analysis = analyzer.analyze(&text, &options);

    // Tokens: non-empty, contiguous, on character boundaries, covering the text.
    let mut at = 0;
    for token in analysis.tokens() {
        assert_eq!(token.start(), at, "tokens are contiguous");
        assert!(token.end() > token.start(), "tokens are not empty");
        assert!(text.is_char_boundary(token.end()), "token ends on a character boundary");
        at = token.end();
    }
    assert_eq!(at, text.len(), "tokens cover the text");

    // Figures: in bounds, non-empty, on character boundaries, sorted, disjoint.
    let mut end = 0;
    for figure in analysis.figures() {
        let range = figure.range();
        assert!(range.start < range.end && range.end <= text.len(), "figure {range:?} in bounds");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert!(range.start >= end, "figures sorted and disjoint: {range:?} after {end}");
        end = range.end;
    }

    // Entities: in bounds, on character boundaries, sorted; the one overlap
    // is a place inside the organization listed just before it.
    let mut previous: Option<&Entity> = None;
    for entity in analysis.entities() {
        let range = entity.range();
        assert!(range.start < range.end && range.end <= text.len(), "entity {range:?} in bounds");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        if let Some(p) = previous.map(Entity::range).filter(|p| p.end > range.start) {
            let nested = previous.is_some_and(|p| p.kind() == EntityKind::Org)
                && entity.kind() == EntityKind::Place
                && p.start <= range.start
                && range.end <= p.end;
            assert!(nested, "entity {range:?} overlaps {p:?}");
        } else {
            previous = Some(entity);
        }
    }

    // Metrics: their figure indices exist.
    let figures = analysis.figures().len();
    for metric in analysis.metrics() {
        assert!(metric.value() < figures && metric.period().is_none_or(|p| p < figures));
    }
});
