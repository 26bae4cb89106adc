//! Offset conversion, in one place: between a converted text and the input it
//! came from, and from UTF-8 byte offsets to the UTF-16 code units that
//! JavaScript strings index by.

use std::ops::{Range, RangeInclusive};

/// A piece of a conversion: a byte range of the output and the byte range
/// of the input it was converted from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    /// Where the piece came from, in the input.
    pub input: Range<usize>,
    /// The piece, in the output.
    pub output: Range<usize>,
}

/// A stretch of a conversion: `output` was converted from `input`. A
/// character-wise span is many pieces in one: its characters have the same
/// widths on both sides, so each maps to the one at the same offset and the
/// span needs no entry per character.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    input: Range<usize>,
    output: Range<usize>,
    charwise: bool,
}

/// Which end of the piece holding an offset a span gives.
#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

impl Span {
    /// Where in the input the piece that holds output offset `output` (or
    /// ends at it, for `Edge::End`) starts or ends.
    fn input_at(&self, output: usize, edge: Edge) -> usize {
        across(self.charwise, &self.output, &self.input, output, edge)
    }

    /// [`Span::input_at`] the other way.
    fn output_at(&self, input: usize, edge: Edge) -> usize {
        across(self.charwise, &self.input, &self.output, input, edge)
    }
}

/// Offset `at` of one side of a span, `from`, on the other side, `to`: as
/// far in, where characters are as wide on both sides, else the edge of the
/// span's one piece.
fn across(charwise: bool, from: &Range<usize>, to: &Range<usize>, at: usize, edge: Edge) -> usize {
    match (charwise, edge) {
        (true, _) => to.start + (at - from.start),
        (false, Edge::Start) => to.start,
        (false, Edge::End) => to.end,
    }
}

/// Where each piece of a converted text came from: pieces in order, each
/// non-empty on both sides, contiguous on both sides and covering both texts.
/// Text left as it was, and characters replaced by characters as wide, are
/// kept as character-wise spans: most of a conversion is one or a few spans,
/// not an entry per character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Alignment {
    spans: Vec<Span>,
}

impl Alignment {
    /// Appends that `output` was converted from `input`, both starting where
    /// the previous piece ended. When they have as many characters, each
    /// character maps to its counterpart: every phrase of OpenCC's tables
    /// converts character by character, and finer pieces keep highlights on
    /// single characters.
    pub(crate) fn push(&mut self, input: &str, output: &str) {
        let (i, o) = self.ends();
        let (a, b) = (input.as_bytes(), output.as_bytes());
        if std::ptr::eq(input, output) || same_widths(a, b) {
            self.push_span(i..i + a.len(), o..o + b.len(), true);
        } else if char_count(a) == char_count(b) {
            let (mut x, mut y) = (0, 0);
            while x < a.len() {
                let (m, n) = (utf8_width(a[x]), utf8_width(b[y]));
                self.push_span(i + x..i + x + m, o + y..o + y + n, m == n);
                (x, y) = (x + m, y + n);
            }
        } else {
            self.push_span(i..i + a.len(), o..o + b.len(), false);
        }
    }

    /// Where the input and the output covered so far end.
    fn ends(&self) -> (usize, usize) {
        self.spans
            .last()
            .map_or((0, 0), |s| (s.input.end, s.output.end))
    }

    /// Appends a span, joined to the last one when both are character-wise.
    fn push_span(&mut self, input: Range<usize>, output: Range<usize>, charwise: bool) {
        if input.is_empty() && output.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut()
            && charwise
            && last.charwise
        {
            last.input.end = input.end;
            last.output.end = output.end;
            return;
        }
        self.spans.push(Span {
            input,
            output,
            charwise,
        });
    }

    /// The pieces, given the output text: a piece per character of a
    /// character-wise span.
    pub(crate) fn pieces<'a>(&'a self, output: &'a str) -> impl Iterator<Item = Piece> + 'a {
        self.spans.iter().flat_map(move |span| {
            let whole = (!span.charwise).then(|| Piece {
                input: span.input.clone(),
                output: span.output.clone(),
            });
            let characters = span.charwise.then(|| {
                output[span.output.clone()]
                    .char_indices()
                    .map(move |(k, c)| {
                        let (i, o) = (span.input.start + k, span.output.start + k);
                        Piece {
                            input: i..i + c.len_utf8(),
                            output: o..o + c.len_utf8(),
                        }
                    })
            });
            whole.into_iter().chain(characters.into_iter().flatten())
        })
    }

    /// The alignment of `self` (input → middle) followed by `next` (middle →
    /// output): pieces cut only where both cut the middle text.
    pub(crate) fn then(&self, next: &Alignment) -> Alignment {
        let (a, b) = (&self.spans, &next.spans);
        let mut composed = Alignment {
            spans: Vec::with_capacity(a.len().max(b.len())),
        };
        let (mut i, mut j, mut middle) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            let (x, y) = (&a[i], &b[j]);
            // Where the next cut of both is: inside two character-wise
            // spans every character boundary is one; a whole piece of
            // either reaches on to its end, which may fall inside a whole
            // piece of the other, and so on.
            let charwise = x.charwise && y.charwise;
            let (mut k, mut l) = (i, j);
            let mut end = if charwise {
                x.output.end.min(y.input.end)
            } else {
                middle
            };
            loop {
                let mut grew = false;
                while a[k].output.end < end {
                    k += 1;
                }
                while b[l].input.end < end {
                    l += 1;
                }
                if !a[k].charwise && a[k].output.end > end {
                    end = a[k].output.end;
                    grew = true;
                }
                if !b[l].charwise && b[l].input.end > end {
                    end = b[l].input.end;
                    grew = true;
                }
                if !grew {
                    break;
                }
            }
            composed.push_span(
                x.input_at(middle, Edge::Start)..a[k].input_at(end, Edge::End),
                y.output_at(middle, Edge::Start)..b[l].output_at(end, Edge::End),
                charwise,
            );
            middle = end;
            while a.get(i).is_some_and(|s| s.output.end <= middle) {
                i += 1;
            }
            while b.get(j).is_some_and(|s| s.input.end <= middle) {
                j += 1;
            }
        }
        composed
    }

    /// The input offset of an output character boundary: the start of the
    /// piece it is in, or the input's end.
    pub(crate) fn to_input(&self, output: usize) -> usize {
        let i = self.spans.partition_point(|s| s.output.end <= output);
        self.input_start_in(i, output)
    }

    /// [`Alignment::to_input`] for offsets asked in ascending order, each
    /// search going on from where `cursor` left off.
    pub(crate) fn to_input_from(&self, output: usize, cursor: &mut Cursor) -> usize {
        let i = cursor.partition_point(&self.spans, |s| s.output.end <= output);
        self.input_start_in(i, output)
    }

    /// The input offset of `output` in span `i`, or the input's end past
    /// the last span.
    fn input_start_in(&self, i: usize, output: usize) -> usize {
        self.spans
            .get(i)
            .map_or_else(|| self.ends().0, |s| s.input_at(output, Edge::Start))
    }

    /// The input offset up to which an output character boundary reaches:
    /// the end of the piece it is in or ends, or 0 at the start.
    pub(crate) fn to_input_end(&self, output: usize) -> usize {
        let i = self.spans.partition_point(|s| s.output.start < output);
        i.checked_sub(1).map_or(0, |j| {
            let s = &self.spans[j];
            s.input_at(output.min(s.output.end), Edge::End)
        })
    }

    /// The output range converted from an input range of character
    /// boundaries, widened to whole pieces where it cuts through one.
    pub(crate) fn to_output(&self, input: Range<usize>) -> Range<usize> {
        let end_of_text = self.ends().1;
        let first = self.spans.partition_point(|s| s.input.end <= input.start);
        let last = self.spans.partition_point(|s| s.input.start < input.end);
        let start = self.spans.get(first).map_or(end_of_text, |s| {
            s.output_at(input.start.max(s.input.start), Edge::Start)
        });
        let end = if last > first {
            let s = &self.spans[last - 1];
            s.output_at(input.end.min(s.input.end), Edge::End)
        } else {
            start
        };
        start..end
    }
}

/// A place in a sorted list for offsets asked in ascending order: each
/// search walks on from the last answer, so mapping a whole token list costs
/// one pass over the list instead of a binary search per token.
#[derive(Default)]
pub(crate) struct Cursor(usize);

impl Cursor {
    /// `items.partition_point(before)`. Asked out of order (`before` no
    /// longer holds for the item behind the cursor), it searches afresh.
    pub(crate) fn partition_point<T>(&mut self, items: &[T], before: impl Fn(&T) -> bool) -> usize {
        if self.0 > 0 && !before(&items[self.0 - 1]) {
            self.0 = items.partition_point(before);
        } else {
            while items.get(self.0).is_some_and(&before) {
                self.0 += 1;
            }
        }
        self.0
    }
}

/// Converts ascending byte offsets of `text` into UTF-16 code-unit offsets in
/// one forward pass, so a whole token list costs one scan of the text.
pub struct Utf16Cursor<'t> {
    text: &'t str,
    byte: usize,
    unit: usize,
}

/// Whether two UTF-8 texts have characters of the same widths, one for one
/// (most converted pieces): then they are one character-wise span.
fn same_widths(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut x = 0;
    while x < a.len() {
        let width = utf8_width(a[x]);
        if utf8_width(b[x]) != width {
            return false;
        }
        x += width;
    }
    true
}

/// Characters of UTF-8 text: its lead bytes, in a loop the compiler
/// vectorizes.
fn char_count(utf8: &[u8]) -> usize {
    utf8.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// The length of the UTF-8 character a lead byte starts.
#[inline]
pub(crate) fn utf8_width(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// The code point and width of the character at byte `at` of valid UTF-8
/// `bytes`, if `at` is a character boundary before the end: scans that
/// test most characters against a table by code point read them from the
/// bytes, without decoding `char`s and moving a `Chars` on.
#[inline(always)]
pub(crate) fn code_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let low = |b: u8| u32::from(b & 0x3f);
    match *bytes.get(at..)? {
        [a, b, c, ..] if a & 0xf0 == 0xe0 => {
            Some((u32::from(a & 0x0f) << 12 | low(b) << 6 | low(c), 3))
        }
        [a, ..] if a < 0x80 => Some((u32::from(a), 1)),
        [a, b, ..] if a < 0xe0 => Some((u32::from(a & 0x1f) << 6 | low(b), 2)),
        [a, b, c, d, ..] => Some((
            u32::from(a & 0x07) << 18 | low(b) << 12 | low(c) << 6 | low(d),
            4,
        )),
        _ => None,
    }
}

/// Whether a UTF-16 code unit is a surrogate, high or low.
#[inline(always)]
pub(crate) fn is_surrogate(unit: u16) -> bool {
    unit & 0xf800 == 0xd800
}

/// `code_at` for UTF-16 code units: a lone surrogate reads as U+FFFD, as
/// it does when JS hands a string over as UTF-8.
#[inline(always)]
pub(crate) fn utf16_code_at(units: &[u16], at: usize) -> Option<(u32, usize)> {
    let unit = *units.get(at)?;
    if !is_surrogate(unit) {
        return Some((u32::from(unit), 1));
    }
    match units.get(at + 1) {
        Some(&low) if unit < 0xdc00 && low & 0xfc00 == 0xdc00 => Some((
            0x10000 + ((u32::from(unit) - 0xd800) << 10 | (u32::from(low) - 0xdc00)),
            2,
        )),
        _ => Some((char::REPLACEMENT_CHARACTER as u32, 1)),
    }
}

/// `units` as UTF-8, a lone surrogate as U+FFFD: `String::from_utf16_lossy`
/// grows its string as it goes, and copies each character by a call in
/// wasm; this reserves the most it can need once, and copies the three
/// bytes of most Chinese characters as a length known at compile time.
pub(crate) fn utf16_to_string(units: &[u16]) -> String {
    let mut text = String::with_capacity(units.len() * 3);
    let (mut at, mut buffer) = (0, [0; 4]);
    while let Some((code, width)) = utf16_code_at(units, at) {
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        let encoded = c.encode_utf8(&mut buffer);
        match encoded.len() {
            3 => text.push_str(&encoded[..3]),
            1 => text.push_str(&encoded[..1]),
            _ => text.push_str(encoded),
        }
        at += width;
    }
    text
}

/// `units` with each lone surrogate replaced by U+FFFD, as
/// `String::from_utf16_lossy` replaces them: copied only if there is one.
pub(crate) fn without_lone_surrogates(units: &[u16]) -> std::borrow::Cow<'_, [u16]> {
    let is_lone = |at: usize| match units[at] {
        0xd800..=0xdbff => units.get(at + 1).is_none_or(|&low| low & 0xfc00 != 0xdc00),
        0xdc00..=0xdfff => at == 0 || units[at - 1] & 0xfc00 != 0xd800,
        _ => false,
    };
    // Surrogates are units from 0xd800 on, as are only a few other
    // characters of news (full-width punctuation): four units at a time,
    // the scan passes over the rest.
    let mut at = 0;
    let first = loop {
        at = find_unit_in(units, at, 0xd800..=0xdfff);
        if at == units.len() {
            return std::borrow::Cow::Borrowed(units);
        }
        if is_lone(at) {
            break at;
        }
        at += 1;
    };
    let fixed = (0..units.len())
        .map(|at| {
            if at >= first && is_lone(at) {
                char::REPLACEMENT_CHARACTER as u16
            } else {
                units[at]
            }
        })
        .collect();
    std::borrow::Cow::Owned(fixed)
}

/// For `word` read as lanes of `BITS` bits (8 or 16), the high bit of each
/// lane that holds `lowest` or more, which must have its lane's high bit
/// set: adding `2^BITS - lowest` to a lane's other bits carries into its
/// high bit where the lane is high enough, and never into the next lane.
#[inline(always)]
fn lanes_at_least<const BITS: u32>(word: u64, lowest: u64) -> u64 {
    let ones = u64::MAX / ((1 << BITS) - 1);
    let highs = ones << (BITS - 1);
    word & ((word & !highs) + ones * ((1 << BITS) - lowest)) & highs
}

/// The first index from `at` on, before `end`, of a byte of `bytes` at
/// least `lowest`, which must be 0x80 or more; `end` if none. Eight bytes
/// at a time (`lanes_at_least`).
pub(crate) fn find_byte_from(bytes: &[u8], mut at: usize, end: usize, lowest: u8) -> usize {
    while at + 8 <= end {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let found = lanes_at_least::<8>(word, lowest.into());
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    (at..end).find(|&i| bytes[i] >= lowest).unwrap_or(end)
}

/// The first index from `at` on of a unit of `units` in `range`, which
/// must lie from 0x8000 on; `units.len()` if none. Four units at a time
/// (`lanes_at_least`, twice): a range that stops short of the full-width
/// forms (U+FF00 on) does not stop at every Chinese comma.
pub(crate) fn find_unit_in(units: &[u16], mut at: usize, range: RangeInclusive<u16>) -> usize {
    let (low, high) = (u64::from(*range.start()), u64::from(*range.end()) + 1);
    debug_assert!(low >= 0x8000);
    while let Some(&[a, b, c, d]) = units.get(at..at + 4) {
        let word = u64::from(a) | u64::from(b) << 16 | u64::from(c) << 32 | u64::from(d) << 48;
        let found = lanes_at_least::<16>(word, low) & !lanes_at_least::<16>(word, high);
        if found != 0 {
            return at + (found.trailing_zeros() / 16) as usize;
        }
        at += 4;
    }
    (at..units.len())
        .find(|&i| range.contains(&units[i]))
        .unwrap_or(units.len())
}

/// The character boundary of `text` at or before byte `at` (at most
/// `text.len()`): where a window of bytes around a point may start.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The character boundary of `text` at or after byte `at` (at most
/// `text.len()`): where a window of bytes around a point may end.
pub(crate) fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// UTF-16 units of the whole UTF-8 characters `utf8[range]`: a unit per
/// byte but continuation bytes, and one more per lead of four bytes,
/// counted eight bytes at a time (wasm has no vectorized byte loop, and
/// most spans asked for are words of a few 3-byte characters: one step).
fn utf16_len(utf8: &[u8], range: Range<usize>) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut units = range.len();
    let mut at = range.start;
    while at < range.end {
        let mut eight = [0u8; 8];
        match utf8.get(at..at + 8) {
            Some(bytes) => eight.copy_from_slice(bytes),
            None => eight[..utf8.len() - at].copy_from_slice(&utf8[at..]),
        }
        let bytes = (range.end - at).min(8);
        let word = u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * bytes));
        // Per byte, in its high bit: 10xxxxxx, and 1111xxxx.
        let continuation = word & !(word << 1) & HIGH_BITS;
        let four_byte_lead = word & (word << 1) & (word << 2) & (word << 3) & HIGH_BITS;
        units = units + four_byte_lead.count_ones() as usize - continuation.count_ones() as usize;
        at += 8;
    }
    units
}

impl<'t> Utf16Cursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of `byte`, a character boundary of the text.
    ///
    /// The cost is the distance from the previous offset asked for, either
    /// way: spans that overlap (a figure's end after the next one's start)
    /// step back a little instead of rescanning the text from its start.
    pub fn advance_to(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.unit -= utf16_len(self.text.as_bytes(), byte..self.byte);
        } else {
            self.unit += utf16_len(self.text.as_bytes(), self.byte..byte);
        }
        self.byte = byte;
        self.unit
    }
}

/// UTF-16 offsets of byte offsets that come in no particular order (a
/// metric's indicator may follow its value): sorted and converted in one
/// pass, then looked up.
pub struct Utf16Offsets {
    table: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    /// Converts `bytes`, character boundaries of `text`.
    pub fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        // A stable sort merges the ascending runs (figures, then entities)
        // instead of sorting them again.
        bytes.sort();
        bytes.dedup();
        let mut cursor = Utf16Cursor::new(text);
        let table = bytes
            .into_iter()
            .map(|b| (b, cursor.advance_to(b)))
            .collect();
        Utf16Offsets { table }
    }

    /// The UTF-16 offset of `byte`, one of the offsets given to `new`.
    pub fn get(&self, byte: usize) -> usize {
        let i = self.table.partition_point(|&(b, _)| b < byte);
        self.table
            .get(i)
            .filter(|&&(b, _)| b == byte)
            .map_or(0, |&(_, unit)| unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(a: &Alignment, output: &str) -> Vec<(Range<usize>, Range<usize>)> {
        a.pieces(output)
            .map(|p| (p.input.clone(), p.output.clone()))
            .collect()
    }

    /// Every arrangement of surrogates, paired and lone, among other units.
    fn surrogate_texts() -> Vec<Vec<u16>> {
        let pieces: [&[u16]; 7] = [
            &[0x4e2d],
            &[0xd800],
            &[0xdc00],
            &[0xd83d, 0xde00],
            &[0xff0c],
            &[0xf900],
            &[0x61],
        ];
        // Every sequence of up to four pieces.
        let (mut texts, mut longest) = (vec![Vec::new()], vec![Vec::new()]);
        for _ in 0..4 {
            longest = longest
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| [t.as_slice(), p].concat()))
                .collect();
            texts.extend(longest.iter().cloned());
        }
        texts
    }

    #[test]
    fn utf16_is_read_as_from_utf16_lossy_reads_it() {
        for units in surrogate_texts() {
            let lossy = String::from_utf16_lossy(&units);
            assert_eq!(utf16_to_string(&units), lossy, "{units:x?}");
            assert_eq!(
                *without_lone_surrogates(&units),
                lossy.encode_utf16().collect::<Vec<u16>>(),
                "{units:x?}"
            );
            let (mut at, mut read) = (0, String::new());
            while let Some((code, width)) = utf16_code_at(&units, at) {
                read.push(char::from_u32(code).expect("a scalar value"));
                at += width;
            }
            assert_eq!(read, lossy, "{units:x?}");
        }
    }

    #[test]
    fn find_unit_in_finds_the_first_unit_in_range() {
        let units: Vec<u16> = "天氣，“引號”全形！ｱ𪚥\u{f900}後ab\u{fa0e}林。\u{2f800}末\u{ffff}"
            .encode_utf16()
            .collect();
        for low in [0x8000, 0xd800, 0xd87e, 0xf900, 0xff0c, 0xffff] {
            for high in [low, 0xdfff, 0xfad9, 0xff0b, 0xffff]
                .into_iter()
                .filter(|&h| h >= low)
            {
                for at in 0..=units.len() {
                    let expected = (at..units.len())
                        .find(|&i| (low..=high).contains(&units[i]))
                        .unwrap_or(units.len());
                    assert_eq!(
                        find_unit_in(&units, at, low..=high),
                        expected,
                        "{low:x}..={high:x} from {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn code_at_reads_what_chars_decodes() {
        let text = "a é中𠀀\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}z";
        let bytes = text.as_bytes();
        let (mut at, mut read) = (0, Vec::new());
        while let Some((code, width)) = code_at(bytes, at) {
            read.push((at, char::from_u32(code).expect("a scalar value")));
            at += width;
        }
        assert_eq!(at, text.len());
        assert_eq!(read, text.char_indices().collect::<Vec<_>>());
        assert_eq!(code_at(bytes, text.len() + 1), None);
    }

    #[test]
    fn equal_length_pieces_split_into_characters() {
        let mut a = Alignment::default();
        a.push("a𠀀", "aX");
        a.push("乾", "干净");
        assert_eq!(
            ranges(&a, "aX干净"),
            [(0..1, 0..1), (1..5, 1..2), (5..8, 2..8)]
        );
    }

    #[test]
    fn composition_cuts_only_where_both_cut() {
        // "ab" → "xy" by characters, then "xy" → "z" whole.
        let mut first = Alignment::default();
        first.push("ab", "xy");
        first.push("c", "w");
        let mut second = Alignment::default();
        second.push("xy", "z");
        second.push("w", "v");
        assert_eq!(
            ranges(&first.then(&second), "zv"),
            [(0..2, 0..1), (2..3, 1..2)]
        );
    }

    #[test]
    fn text_left_as_it_was_is_one_span_of_many_pieces() {
        let mut a = Alignment::default();
        let kept = "新台幣3兆";
        a.push(kept, kept);
        a.push("臺", "台");
        assert_eq!(a.spans.len(), 1, "equal widths join the span");
        assert_eq!(
            ranges(&a, "新台幣3兆台"),
            [
                (0..3, 0..3),
                (3..6, 3..6),
                (6..9, 6..9),
                (9..10, 9..10),
                (10..13, 10..13),
                (13..16, 13..16)
            ]
        );
        assert_eq!(a.to_input(10), 10);
        assert_eq!(a.to_input_end(10), 10);
        assert_eq!(a.to_output(9..13), 9..13);
    }

    #[test]
    fn composition_keeps_character_cuts_around_whole_pieces() {
        // "ab" → "AB" by characters, "c" → "Cc" whole, "d" → "D"; then
        // "AB" → "AB" by characters, "BCc" → "x" whole, "D" → "D".
        let mut first = Alignment::default();
        first.push("ab", "AB");
        first.push("c", "Cc");
        first.push("d", "D");
        let mut second = Alignment::default();
        second.push("A", "A");
        second.push("BCc", "x");
        second.push("D", "D");
        let composed = first.then(&second);
        assert_eq!(
            ranges(&composed, "AxD"),
            [(0..1, 0..1), (1..3, 1..2), (3..4, 2..3)]
        );
        assert_eq!([0, 1, 2, 3].map(|o| composed.to_input(o)), [0, 1, 3, 4]);
        assert_eq!([0, 1, 2, 3].map(|o| composed.to_input_end(o)), [0, 1, 3, 4]);
    }

    #[test]
    fn ranges_widen_to_whole_pieces() {
        let mut a = Alignment::default();
        a.push("a", "a");
        a.push("bcd", "xy");
        a.push("e", "e");
        assert_eq!(a.to_output(0..1), 0..1);
        assert_eq!(a.to_output(2..3), 1..3);
        assert_eq!(a.to_output(4..5), 3..4);
        assert_eq!(a.to_output(5..5), 4..4);
        assert_eq!([0, 1, 2, 3, 4].map(|o| a.to_input(o)), [0, 1, 1, 4, 5]);
        assert_eq!([0, 1, 2, 3, 4].map(|o| a.to_input_end(o)), [0, 1, 4, 4, 5]);
    }

    #[test]
    fn utf16_counts_surrogate_pairs_as_two_units() {
        let text = "a😀中𠀀b";
        let mut cursor = Utf16Cursor::new(text);
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .map(|b| cursor.advance_to(b))
            .collect();
        assert_eq!(offsets, [0, 1, 3, 4, 6, 7]);
        assert_eq!(cursor.advance_to(4), 3, "steps back when asked to go back");
        assert_eq!(cursor.advance_to(0), 0);
    }

    #[test]
    fn utf16_lengths_of_every_span_are_what_encoding_gives() {
        // Spans shorter and longer than the eight bytes counted at once,
        // ending at the text's end or before it, over every width.
        let text = "a😀中𠀀bé中文字1,000元ß😀😀Ω";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (k, &start) in bounds.iter().enumerate() {
            for &end in &bounds[k..] {
                assert_eq!(
                    utf16_len(text.as_bytes(), start..end),
                    text[start..end].encode_utf16().count(),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn utf16_offsets_in_any_order() {
        let text = "a😀中𠀀b";
        let offsets = Utf16Offsets::new(text, vec![8, 1, 12, 5, 1]);
        assert_eq!([1, 5, 8, 12].map(|b| offsets.get(b)), [1, 3, 4, 6]);
    }
}
