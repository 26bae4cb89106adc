//! `Analyzer::convert_with_map` over arbitrary UTF-8, in every configuration
//! (the first byte chooses it): never panics, equals `convert`, and its map's
//! pieces are non-empty, contiguous, on character boundaries on both sides
//! and cover both texts.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhlens::{Analyzer, Config};

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let config = Config::ALL[usize::from(head) % Config::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let analyzer = ANALYZER.get_or_init(Analyzer::new);
    let converted = analyzer.convert_with_map(&text, config);
    let output = converted.text();
    let (mut input_at, mut output_at) = (0, 0);
    for piece in converted.pieces() {
        assert_eq!(piece.input.start, input_at, "{config}: input side contiguous");
        assert_eq!(piece.output.start, output_at, "{config}: output side contiguous");
        assert!(piece.input.end > piece.input.start && piece.output.end > piece.output.start, "{config}: pieces not empty");
        assert!(text.is_char_boundary(piece.input.end) && output.is_char_boundary(piece.output.end), "{config}: on character boundaries");
        (input_at, output_at) = (piece.input.end, piece.output.end);
    }
    assert_eq!((input_at, output_at), (text.len(), output.len()), "{config}: the map covers both texts");
    assert_eq!(analyzer.convert(&text, config), output, "{config}: convert_with_map's text is convert's");
});
