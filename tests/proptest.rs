//! Property tests over random Unicode: emoji (ZWJ sequences, skin tones,
//! flags), CJK Extension B, control and format characters, mixed scripts,
//! figure vocabulary, and any `char` at all. For every text, tokens cover it
//! on character boundaries, figures lie inside it on character boundaries in
//! order, conversion maps cover both texts, and the UTF-16 offsets JavaScript
//! gets slice out exactly the same spans. (Lone surrogates cannot be in a
//! Rust string: tests/js/robustness.test.mjs sends them from JavaScript.)

use std::sync::OnceLock;

use proptest::prelude::*;
use zhlens::offsets::Utf16Cursor;
use zhlens::{AnalyzeOptions, Analyzer, Config, Date, FigureKind, FigureValue, Region};

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

const PIECES: &[&str] = &[
    "中国",
    "国家统计局",
    "園區",
    "總產值",
    "增长",
    "億元",
    "万人",
    "美元",
    "元",
    "%",
    "％",
    "个百分点",
    "年",
    "月",
    "今年",
    "去年",
    "上半年",
    "第",
    "至",
    "～",
    "约",
    "超",
    "以上",
    "左右",
    "多",
    "余",
    "倍",
    "分之",
    "点",
    "一",
    "二",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "〇",
    "两",
    "１",
    "９",
    "0",
    "1",
    "5",
    "7",
    ".",
    ",",
    "👍🏽",
    "👨‍👩‍👧",
    "🇨🇳",
    "😀",
    "𠀀",
    "𪚥",
    "𫜰",
    "齾",
    "\u{0}",
    "\u{7}",
    "\t",
    "\n",
    "\r\n",
    "\u{85}",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{2028}",
    "\u{feff}",
    "\u{fffd}",
    "e\u{301}",
    "\u{301}",
    "abc",
    "カタカナ",
    "한국어",
    "العربية",
    "русский",
    "⿰氵青",
    "　",
    " ",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// The UTF-16 offsets of byte offsets `bytes` (ascending), as `wasm.rs` computes them.
fn utf16(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut cursor = Utf16Cursor::new(text);
    bytes.iter().map(|&b| cursor.advance_to(b)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_the_text_exactly(text in text(), config in 0..Config::ALL.len(), hmm in any::<bool>()) {
        let analysis = analyzer().analyze(&text, &AnalyzeOptions::new(Date::new(2025, 9, 15).unwrap()).segment(zhlens::SegmentOptions::new().hmm(hmm)));
        let units: Vec<u16> = text.encode_utf16().collect();

        let mut at = 0;
        let mut bounds = Vec::new();
        for token in analysis.tokens() {
            prop_assert_eq!(token.start(), at);
            prop_assert!(token.end() > token.start() && text.is_char_boundary(token.end()));
            bounds.extend([token.start(), token.end()]);
            at = token.end();
        }
        prop_assert_eq!(at, text.len());
        // The UTF-16 offsets JavaScript receives slice out the same tokens.
        let offsets = utf16(&text, &bounds);
        for (token, pair) in analysis.tokens().iter().zip(offsets.chunks(2)) {
            prop_assert_eq!(String::from_utf16(&units[pair[0]..pair[1]]).unwrap(), &text[token.range()]);
        }

        let mut start = 0;
        for figure in analysis.figures() {
            let range = figure.range();
            prop_assert!(range.start >= start && range.start < range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let pair = utf16(&text, &[range.start, range.end]);
            prop_assert_eq!(String::from_utf16(&units[pair[0]..pair[1]]).unwrap(), &text[range.clone()]);
            start = range.start;
        }

        let config = Config::ALL[config];
        let converted = analyzer().convert_with_map(&text, config);
        let (mut input, mut output) = (0, 0);
        for piece in converted.pieces() {
            prop_assert_eq!((piece.input.start, piece.output.start), (input, output));
            prop_assert!(piece.input.end > piece.input.start && piece.output.end > piece.output.start);
            prop_assert!(text.is_char_boundary(piece.input.end) && converted.text().is_char_boundary(piece.output.end));
            (input, output) = (piece.input.end, piece.output.end);
        }
        prop_assert_eq!((input, output), (text.len(), converted.text().len()));
        prop_assert_eq!(analyzer().convert(&text, config), converted.text());
    }
}

/// Pieces of dates and periods: numerals, calendar words and links.
const DATE_PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "9",
    "12",
    "29",
    "30",
    "31",
    "113",
    "2025",
    "17",
    "一",
    "二",
    "三",
    "四",
    "十",
    "二〇二五",
    "二六",
    "年",
    "月",
    "日",
    "号",
    "季",
    "季度",
    "度",
    "份",
    "全年",
    "半年度",
    "上半年",
    "下半年",
    "至",
    "到",
    "-",
    "—",
    "/",
    ".",
    "(",
    ")",
    "今",
    "昨",
    "今日",
    "昨晚",
    "今年",
    "去年",
    "本月",
    "上月",
    "前",
    "首",
    "第",
    "个月",
    "Q",
    "底",
    "初",
    "下旬",
    "上旬",
    "年初至今",
    "截至",
    "止",
    "财政年度",
    "民国",
    "周",
    "星期",
    "下",
    "元旦",
    "五一",
    "国庆",
    "本季",
    "，",
    "。",
    "将",
    "的",
];

/// Whether `value` is an ISO 8601 calendar value at year, month or day
/// precision.
fn is_calendar_value(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().unwrap())
    };
    match parts[..] {
        [year] => number(year, 4).is_some_and(|y| y >= 1),
        [year, month] => {
            number(year, 4).is_some_and(|y| y >= 1)
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
        }
        [_, _, _] => value.parse::<Date>().is_ok(),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Every date is a valid calendar value, and every period runs from a
    /// valid start to a valid end no earlier, whatever the text and the
    /// reference date.
    #[test]
    fn dates_and_periods_are_valid(
        pieces in proptest::collection::vec(proptest::sample::select(DATE_PIECES), 0..24),
        reference in (2000i32..2040, 1u32..=12, 1u32..=31)
            .prop_filter_map("a calendar date", |(y, m, d)| Date::new(y, m, d)),
        region in 0usize..3,
    ) {
        let text = pieces.concat();
        let region = [Region::Cn, Region::Tw, Region::Hk][region];
        let options = AnalyzeOptions::new(reference).region(region);
        for figure in analyzer().analyze(&text, &options).figures() {
            let FigureValue::Iso(value) = figure.value() else { continue };
            match figure.kind() {
                FigureKind::Date => prop_assert!(is_calendar_value(value), "{text}: {value}"),
                FigureKind::Period => {
                    let (start, end) = value.split_once('/').unwrap_or(("", ""));
                    prop_assert!(is_calendar_value(start) && is_calendar_value(end), "{text}: {value}");
                    let common = start.len().min(end.len());
                    prop_assert!(start[..common] <= end[..common], "{text}: {value}");
                }
                _ => prop_assert!(false, "{text}: {value} is no date"),
            }
        }
    }
}
