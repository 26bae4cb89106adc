//! An article read once: the text as given, the normalized Simplified view
//! every extractor reads, and the alignment between the two.
//!
//! Press style varies in ways that do not change what is written: full-width
//! digits (１２．５％), a full-width point or comma inside a number
//! (七二九．二, 3，000), 〇 written as ○, the spaces pangu-style typesetting
//! puts between digits and Chinese (新台幣 3 兆 1,025 億元, 去年 12 月), and
//! Traditional characters. The view folds all of them, so the segmenter, the
//! figure, entity and metric readers each see one spelling and keep one word
//! table, in Simplified. Every span they find is a byte range of the view;
//! [`Document::to_original`] takes it back to the text the caller gave.

use std::borrow::Cow;
use std::ops::Range;

use crate::convert::{self, Config, Converted};
use crate::numbers;
use crate::offsets::{Cursor, code_at};
use crate::script::{self, ScriptReport};
use crate::{Pos, Region, Token, is_han};

/// An article and its normalized view.
pub(crate) struct Document<'t> {
    original: &'t str,
    /// The folded text: the view, unless the text is Traditional.
    folded: Folded<'t>,
    /// The Simplified conversion of the folded text, when it is
    /// Traditional, and the configuration that made it.
    converted: Option<(Converted, Config)>,
    script: ScriptReport,
}

impl<'t> Document<'t> {
    /// Reads `text`: folds its typography and, when it is written mostly in
    /// Traditional characters, converts it to Simplified (OpenCC's `tw2s`,
    /// or `hk2s` where Hong Kong variants outnumber Taiwan ones); otherwise
    /// folds the few Traditional characters it holds one by one.
    pub(crate) fn read(text: &'t str) -> Self {
        let script = script::detect(text);
        let folded = Folded::new(text, !script.mostly_traditional());
        let converted = script.mostly_traditional().then(|| {
            let config = convert::regional_config(&folded.text);
            (convert::run(&folded.text, config, None, true), config)
        });
        Document {
            original: text,
            folded,
            converted,
            script,
        }
    }

    /// The text as the caller gave it.
    pub(crate) fn original(&self) -> &'t str {
        self.original
    }

    /// The normalized Simplified view: what the extractors read.
    pub(crate) fn view(&self) -> &str {
        match &self.converted {
            Some((converted, _)) => converted.text(),
            None => &self.folded.text,
        }
    }

    /// The original text's script, counted before any conversion.
    pub(crate) fn script(&self) -> ScriptReport {
        self.script
    }

    /// The byte range of the original text that a byte range of the view
    /// was read from. A view range that cuts through a converted phrase
    /// widens to the whole phrase; spaces the view dropped at either end
    /// stay outside, those inside are kept (`3 兆` for `3兆`).
    pub(crate) fn to_original(&self, view: Range<usize>) -> Range<usize> {
        let (start, end) = match &self.converted {
            Some((converted, _)) => (
                converted.to_input(view.start),
                converted.to_input_end(view.end),
            ),
            None => (view.start, view.end),
        };
        let start = self.folded.to_original_start(start);
        let end = self.folded.to_original_end(end).max(start);
        start..end
    }

    /// Takes the view's words back to the original text. Words keep covering
    /// the text: a cut inside a converted phrase moves to its start (a word
    /// left empty by that goes), and a space the view dropped becomes a word
    /// of its own again.
    pub(crate) fn tokens_to_original(&self, tokens: &mut Vec<Token>) {
        if self.converted.is_none() && self.folded.edits.is_empty() {
            return;
        }
        // Token boundaries ascend: each lookup goes on from the last one.
        let (mut pieces, mut starts, mut ends) =
            (Cursor::default(), Cursor::default(), Cursor::default());
        let mut cut = |at: usize| match &self.converted {
            Some((converted, _)) => converted.to_input_from(at, &mut pieces),
            None => at,
        };
        let space = Pos::named("x");
        let edits = &self.folded.edits;
        let mut mapped = Vec::with_capacity(tokens.len() + edits.len());
        let mut covered = 0;
        // The edits that end before the current word: most words lie
        // strictly between two edits, where the view is the original
        // shifted, and need no search.
        let mut before = 0;
        for t in tokens.iter() {
            let (view_start, view_end) = (cut(t.start()), cut(t.end()));
            while edits.get(before).is_some_and(|e| e.view.end < view_start) {
                before += 1;
            }
            let (start, end) = if edits.get(before).is_none_or(|e| view_end < e.view.start) {
                let shifted = |at| self.folded.shifted(before, at);
                (shifted(view_start), shifted(view_end))
            } else {
                (
                    self.folded.to_original_start_from(view_start, &mut starts),
                    self.folded.to_original_end_from(view_end, &mut ends),
                )
            };
            let start = start.max(covered);
            if start > covered {
                mapped.push(Token::new(covered..start, space));
            }
            if end > start {
                mapped.push(Token::new(start..end, t.pos()));
                covered = end;
            }
        }
        if covered < self.original.len() {
            mapped.push(Token::new(covered..self.original.len(), space));
        }
        *tokens = mapped;
    }

    /// Taiwan's or Hong Kong's, by which of their character variants the
    /// text uses more (Taiwan's when it is not Traditional).
    pub(crate) fn variant_region(&self) -> Region {
        match self.converted {
            Some((_, Config::Hk2s)) => Region::Hk,
            _ => Region::Tw,
        }
    }
}

/// A replaced stretch: `view` of the folded text stands for `original`. A
/// dropped space has an empty `view`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    view: Range<usize>,
    original: Range<usize>,
}

impl Edit {
    /// Whether the edit is over before the text from `at` on begins: a
    /// dropped space at `at` is not.
    fn ends_before(&self, at: usize) -> bool {
        self.view.end < at || (self.view.end == at && !self.view.is_empty())
    }
}

/// The text with its typography folded, and the edits that did it, in order;
/// between two edits the texts are the same.
struct Folded<'t> {
    text: Cow<'t, str>,
    edits: Vec<Edit>,
}

impl<'t> Folded<'t> {
    /// Folds `text`; with `stray_traditional`, also each character only
    /// Traditional text uses, to its Simplified form: the view of Simplified
    /// text quoting a Traditional word reads as Simplified too, so the
    /// extractors' tables are written in Simplified only.
    fn new(text: &'t str, stray_traditional: bool) -> Self {
        let mut edits = Vec::new();
        let mut out = String::new();
        let mut copied = 0;
        let mut replace = |range: Range<usize>, with: &str, edits: &mut Vec<Edit>| {
            out.push_str(&text[copied..range.start]);
            let start = out.len();
            out.push_str(with);
            edits.push(Edit {
                view: start..out.len(),
                original: range.clone(),
            });
            copied = range.end;
        };
        let mut previous: Option<char> = None;
        let mut at = 0;
        while at < text.len() {
            // Most characters neither fold nor are spaces: passed by their
            // bytes, only the last is read again, as the previous one.
            let plain = plain_end(text, at, stray_traditional);
            if plain > at {
                previous = text[..plain].chars().next_back();
                at = plain;
                if at == text.len() {
                    break;
                }
            }
            let c = text[at..]
                .chars()
                .next()
                .expect("at is a character boundary");
            let mut end = at + c.len_utf8();
            let next = text[end..].chars().next();
            let folded = match c {
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '（' | '）' => {
                    char::from_u32(c as u32 - 0xfee0)
                }
                '．' if previous.is_some_and(is_numeral) && next.is_some_and(is_numeral) => {
                    Some('.')
                }
                // A thousands separator among full-width digits, or when a
                // decimal point ends the group (82，225.00元); otherwise it
                // separates two amounts ($20，300美圓).
                '，' if previous.is_some_and(is_digit)
                    && digit_group_follows(&text[end..])
                    && (full_width_digit_before(&text[..at])
                        || grouping_continues(&text[..at], &text[end..])) =>
                {
                    Some(',')
                }
                '○' if previous.is_some_and(is_numeral) || next.is_some_and(is_numeral) => {
                    Some('〇')
                }
                c if stray_traditional && script::folds_alone(c) => convert::simplified_char(c),
                _ => None,
            };
            if let Some(f) = folded {
                replace(at..end, f.encode_utf8(&mut [0; 4]), &mut edits);
                previous = Some(f);
                at = end;
                continue;
            }
            if is_space(c) {
                let run_end = text.len() - text[end..].trim_start_matches(is_space).len();
                let after = text[run_end..].chars().next();
                if previous
                    .zip(after)
                    .is_some_and(|(p, n)| typeset_space(p, fold_char(n)))
                {
                    replace(at..run_end, "", &mut edits);
                    at = run_end;
                    continue;
                }
                end = run_end;
            }
            previous = Some(c);
            at = end;
        }
        let text = if edits.is_empty() {
            Cow::Borrowed(text)
        } else {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        };
        Folded { text, edits }
    }

    /// Where the text from `at` on starts in the original: a dropped space
    /// at `at` is skipped, a replaced stretch begins at its start.
    fn to_original_start(&self, at: usize) -> usize {
        let i = self.edits.partition_point(|e| e.ends_before(at));
        self.original_start(i, at)
    }

    /// [`Folded::to_original_start`] for offsets asked in ascending order.
    fn to_original_start_from(&self, at: usize, cursor: &mut Cursor) -> usize {
        let i = cursor.partition_point(&self.edits, |e| e.ends_before(at));
        self.original_start(i, at)
    }

    /// `at`'s start in the original, edit `i` being the first that does not
    /// end before it.
    fn original_start(&self, i: usize, at: usize) -> usize {
        match self.edits.get(i) {
            Some(e) if e.view.is_empty() && e.view.start == at => e.original.end,
            Some(e) if e.view.start <= at => e.original.start,
            _ => self.shifted(i, at),
        }
    }

    /// Where the text up to `at` ends in the original: a dropped space at
    /// `at` is left out, a replaced stretch ends at its end.
    fn to_original_end(&self, at: usize) -> usize {
        self.original_end(self.edits.partition_point(|e| e.view.start < at), at)
    }

    /// [`Folded::to_original_end`] for offsets asked in ascending order.
    fn to_original_end_from(&self, at: usize, cursor: &mut Cursor) -> usize {
        let i = cursor.partition_point(&self.edits, |e| e.view.start < at);
        self.original_end(i, at)
    }

    /// `at`'s end in the original, `i` edits starting before it.
    fn original_end(&self, i: usize, at: usize) -> usize {
        match i.checked_sub(1).map(|j| &self.edits[j]) {
            Some(e) if e.view.end >= at => e.original.end,
            _ => self.shifted(i, at),
        }
    }

    /// `at`, in the same stretch as the edits before edit `i`.
    fn shifted(&self, i: usize, at: usize) -> usize {
        match i.checked_sub(1).map(|j| &self.edits[j]) {
            Some(e) => e.original.end + (at - e.view.end),
            None => at,
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// Where the characters from `at` on that `Folded::new` keeps as they are,
/// whatever surrounds them, end: most of a text, skipped by their UTF-8
/// bytes without the rules. What a rule may change stops it: spaces, ○, the
/// full-width forms (U+FF00 to U+FFEF, a superset of those the rules name),
/// and with `stray_traditional` the characters that fold alone.
fn plain_end(text: &str, mut at: usize, stray_traditional: bool) -> usize {
    let bytes = text.as_bytes();
    // Characters beyond the BMP stop it too: one may fold alone.
    while let Some((code, width)) = code_at(bytes, at).filter(|&(_, width)| width < 4) {
        let Some(c) = char::from_u32(code) else {
            break;
        };
        if is_space(c)
            || matches!(c, '○' | '\u{ff00}'..='\u{ffef}')
            || stray_traditional && script::folds_alone(c)
        {
            break;
        }
        at += width;
    }
    at
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A digit or a Chinese numeral, either script, financial forms and 〇/○.
fn is_numeral(c: char) -> bool {
    is_digit(c) || numbers::digit(c).is_some() || numbers::unit(c).is_some()
}

/// The character `c` becomes in the view, as far as a space next to it is
/// concerned.
fn fold_char(c: char) -> char {
    match c {
        '０'..='９' | '％' | '（' | '）' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// A space pangu-style typesetting puts between half-width and Chinese
/// text: between a digit and a Chinese character or a percent sign, between
/// a bracket and a Chinese character (今 (28) 日), and after a currency sign
/// (NT$ 12億).
fn typeset_space(before: char, after: char) -> bool {
    let digit = |c: char| c.is_ascii_digit();
    let bracket = |c: char| matches!(c, '(' | ')');
    digit(before) && (is_han(after) || after == '%')
        || is_han(before) && (digit(after) || bracket(after))
        || bracket(before) && is_han(after)
        || before == '$' && digit(after)
}

fn full_width_digit_before(head: &str) -> bool {
    head.chars()
        .next_back()
        .is_some_and(|c| ('０'..='９').contains(&c))
}

/// Whether the number around a full-width comma is written in groups
/// anyway: a point or another separator after the group (82，225.00,
/// 333，333,434), or a separator before it (233,333，333).
fn grouping_continues(head: &str, rest: &str) -> bool {
    let before_digits = head.trim_end_matches(|c: char| c.is_ascii_digit());
    rest.chars()
        .nth(3)
        .is_some_and(|c| matches!(c, '.' | '．' | ','))
        || before_digits.ends_with(',') && before_digits.len() < head.len()
}

/// Exactly three digits, then no more: the rest of a thousands group.
fn digit_group_follows(rest: &str) -> bool {
    let mut chars = rest.chars();
    (0..3).all(|_| chars.next().is_some_and(is_digit)) && !chars.next().is_some_and(is_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back<'a>(doc: &'a Document, view_word: &str) -> &'a str {
        let at = doc.view().find(view_word).expect("in the view");
        &doc.original[doc.to_original(at..at + view_word.len())]
    }

    #[test]
    fn folds_width_inside_numbers_only() {
        let doc = Document::read(
            "增长１２．５％，达到３，０００人，$20，300美元，233,333，333元，很好．",
        );
        assert_eq!(
            doc.view(),
            "增长12.5%，达到3,000人，$20，300美元，233,333,333元，很好．"
        );
        assert_eq!(back(&doc, "12.5%"), "１２．５％");
        assert_eq!(back(&doc, "3,000人"), "３，０００人");
    }

    #[test]
    fn reads_ring_as_zero_among_numerals() {
        let doc = Document::read("二．○○○％，○号");
        assert_eq!(doc.view(), "二.〇〇〇%，○号");
    }

    #[test]
    fn drops_typeset_spaces_and_maps_spans_over_them() {
        let text = "歲出新台幣 3 兆 1,025 億元，去年 12 月，今 (28) 日 NT$ 12億 in 2025";
        let doc = Document::read(text);
        assert_eq!(
            doc.view(),
            "岁出新台币3兆1,025亿元，去年12月，今(28)日 NT$12亿 in 2025"
        );
        assert_eq!(back(&doc, "3兆1,025亿元"), "3 兆 1,025 億元");
        assert_eq!(back(&doc, "新台币3兆"), "新台幣 3 兆");
        assert_eq!(back(&doc, "3"), "3");
        assert_eq!(back(&doc, "去年12月"), "去年 12 月");
        assert_eq!(back(&doc, "今(28)日"), "今 (28) 日");
        assert_eq!(back(&doc, "NT$12亿"), "NT$ 12億");
    }

    #[test]
    fn simplified_text_without_variants_is_its_own_view() {
        let text = "今年1至7月，园区完成规模工业总产值218.8亿元。";
        let doc = Document::read(text);
        assert!(matches!(doc.folded.text, Cow::Borrowed(_)));
        assert_eq!(doc.view(), text);
        assert_eq!(doc.to_original(3..9), 3..9);
    }

    #[test]
    fn maps_every_character_boundary_back_in_order() {
        let text = "（１）２０２５ 年 ，臺灣 ３ 萬 5，000 元😀𠀀";
        let doc = Document::read(text);
        let view = doc.view();
        let bounds: Vec<usize> = view
            .char_indices()
            .map(|(i, _)| i)
            .chain([view.len()])
            .collect();
        let mut last = 0;
        for w in bounds.windows(2) {
            let r = doc.to_original(w[0]..w[1]);
            assert!(r.start >= last, "{r:?} after {last}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.start;
        }
        assert_eq!(doc.to_original(0..view.len()), 0..text.len());
    }
}
