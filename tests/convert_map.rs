//! Property test: for every config, on random text mixing Simplified and
//! Traditional phrases, ASCII, emoji, Extension B characters (some of which
//! conversion produces from BMP ones, 齾 → 𫜰) and compatibility ideographs,
//! the map covers input and output in order and concatenating its input
//! slices gives the input back.

use zhlens::{Analyzer, Config, convert, convert_with_map};

const ALPHABET: &[&str] = &[
    "头发",
    "发明",
    "被",
    "了解",
    "干净",
    "乾淨",
    "頭髮",
    "軟體",
    "软件",
    "鼠标",
    "滑鼠",
    "齾",
    "𫜰",
    "𠀀",
    "𪚥",
    "👍🏽",
    "😀",
    "豈",
    "a",
    " ",
    "1",
    "，",
    "。",
    "里面",
    "裏面",
    "台风",
    "颱風",
    "為",
    "爲",
    "着",
    "著",
    "线",
    "綫",
    "後",
    "后",
    "⿰氵青",
    "々",
    "芸",
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn check(text: &str, config: Config, converted: &zhlens::Converted) {
    let (mut input, mut output) = (0, 0);
    for p in converted.pieces() {
        assert_eq!(
            (p.input.start, p.output.start),
            (input, output),
            "{config} {text:?}"
        );
        assert!(p.input.end > p.input.start && p.output.end > p.output.start);
        assert!(text.is_char_boundary(p.input.end));
        assert!(converted.text().is_char_boundary(p.output.end));
        (input, output) = (p.input.end, p.output.end);
    }
    assert_eq!(
        (input, output),
        (text.len(), converted.text().len()),
        "{config} {text:?}"
    );
    let back: String = converted.pieces().map(|p| &text[p.input.clone()]).collect();
    assert_eq!(back, text);
    for (i, c) in text.char_indices() {
        let range = converted.to_output(i..i + c.len_utf8());
        assert!(
            range.start < range.end,
            "{config} {text:?}: {c} maps to nothing"
        );
        assert!(converted.text().is_char_boundary(range.start));
        assert!(converted.text().is_char_boundary(range.end));
    }
}

#[test]
fn maps_cover_both_texts_in_every_config() {
    let analyzer = Analyzer::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let text: String = (0..rng.below(24))
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        for config in Config::ALL {
            let exact = convert_with_map(&text, config);
            assert_eq!(exact.text(), convert(&text, config));
            check(&text, config, &exact);
            let guided = analyzer.convert_with_map(&text, config);
            assert_eq!(guided.text(), analyzer.convert(&text, config));
            check(&text, config, &guided);
            // What JS gets: the same text, from and to UTF-16 code units
            // (lone surrogates read as U+FFFD, as JS reads them into UTF-8).
            let units: Vec<u16> = guided.text().encode_utf16().collect();
            let input: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(
                analyzer.convert_utf16(&input, config),
                units,
                "{config} {text:?}"
            );
            let lone = [&[0xdc00][..], &input, &[0xd800]].concat();
            let lossy: Vec<u16> = analyzer
                .convert(&String::from_utf16_lossy(&lone), config)
                .encode_utf16()
                .collect();
            assert_eq!(
                analyzer.convert_utf16(&lone, config),
                lossy,
                "{config} {text:?}"
            );
        }
    }
}
