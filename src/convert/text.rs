//! What a conversion reads and writes: the text as UTF-8 or as the UTF-16
//! code units of a JS string (`Text`), and the sinks the stages write into
//! (`Sink`): UTF-8 with or without where each piece came from, or UTF-16.

use std::borrow::Cow;
use std::ops::Range;

use super::Words;
use super::stage::{LeadFilter, PairFilter, Utf8PairFilter};
use crate::offsets::{
    Alignment, Utf16Cursor, code_at, is_surrogate, utf16_code_at, utf16_to_string,
};

/// The text a conversion reads: UTF-8, or the UTF-16 code units of a JS
/// string, which then need not be encoded into UTF-8 and back. Offsets
/// count its units.
pub(super) trait Text: std::ops::Index<Range<usize>, Output = Self> {
    type Unit: Copy;
    fn units(&self) -> &[Self::Unit];
    /// The code point and width of the character at `at` of `units`, if
    /// `at` is before the end.
    fn code_at(units: &[Self::Unit], at: usize) -> Option<(u32, usize)>;
    /// The code point and width of the character that ends at `at`.
    fn code_before(units: &[Self::Unit], at: usize) -> Option<(u32, usize)>;
    /// Whether a character of `leads` may be in the text.
    fn may_hold(&self, leads: &LeadFilter) -> bool;
    /// The first character from `at` on that may start a pair of `pairs`
    /// (`utf8_pairs` holds the same pairs by their UTF-8 bytes) as far as
    /// the units tell without decoding: each ruled out needs a look-up
    /// only. `units.len()` if the rest of the text holds no such pair.
    fn skip_ruled_out_pairs(
        units: &[Self::Unit],
        at: usize,
        pairs: &PairFilter,
        utf8_pairs: &Utf8PairFilter,
    ) -> usize;
    /// The units, if they are UTF-16.
    fn utf16(units: &[Self::Unit]) -> Option<&[u16]>;
    /// The text in UTF-8, as the segmenter reads it.
    fn utf8(&self) -> Cow<'_, str>;
    /// `source`'s words of the text (see `Words::words`).
    fn words(&self, source: &dyn Words) -> Vec<Range<usize>>;
}

/// The character of a code point that `Text::code_at` read (a lone
/// surrogate there reads as U+FFFD already).
pub(super) fn char_of(code: u32) -> char {
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The characters of a text from a place on (a lone surrogate as U+FFFD).
pub(super) struct CharsFrom<'a, T: Text + ?Sized> {
    units: &'a [T::Unit],
    at: usize,
}

impl<'a, T: Text + ?Sized> CharsFrom<'a, T> {
    pub(super) fn new(units: &'a [T::Unit], at: usize) -> Self {
        CharsFrom { units, at }
    }
}

impl<T: Text + ?Sized> Iterator for CharsFrom<'_, T> {
    type Item = char;

    #[inline(always)]
    fn next(&mut self) -> Option<char> {
        let (code, width) = T::code_at(self.units, self.at)?;
        self.at += width;
        Some(char_of(code))
    }
}

impl Text for str {
    type Unit = u8;

    fn units(&self) -> &[u8] {
        self.as_bytes()
    }

    #[inline(always)]
    fn code_at(units: &[u8], at: usize) -> Option<(u32, usize)> {
        code_at(units, at)
    }

    fn code_before(units: &[u8], at: usize) -> Option<(u32, usize)> {
        let start = units[..at].iter().rposition(|&b| b & 0xc0 != 0x80)?;
        code_at(units, start)
    }

    fn may_hold(&self, leads: &LeadFilter) -> bool {
        leads.skip(self.as_bytes(), 0, self.len()) < self.len()
    }

    /// Two three-byte characters (most of Chinese) are tested by their
    /// six bytes; any other pair stops the skip.
    #[inline(always)]
    fn skip_ruled_out_pairs(
        units: &[u8],
        mut at: usize,
        _: &PairFilter,
        utf8_pairs: &Utf8PairFilter,
    ) -> usize {
        while let Some(window) = units.get(at..at + 8) {
            let window = u64::from_le_bytes(window.try_into().expect("eight bytes"));
            if utf8_pairs.may_contain(window) != Some(false) {
                break;
            }
            at += 3;
        }
        at
    }

    #[inline(always)]
    fn utf16(_: &[u8]) -> Option<&[u16]> {
        None
    }

    fn utf8(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn words(&self, source: &dyn Words) -> Vec<Range<usize>> {
        source.words(self)
    }
}

impl Text for [u16] {
    type Unit = u16;

    fn units(&self) -> &[u16] {
        self
    }

    #[inline(always)]
    fn code_at(units: &[u16], at: usize) -> Option<(u32, usize)> {
        utf16_code_at(units, at)
    }

    fn code_before(units: &[u16], at: usize) -> Option<(u32, usize)> {
        let units = &units[..at];
        match *units {
            [.., high, low] if high & 0xfc00 == 0xd800 && low & 0xfc00 == 0xdc00 => {
                utf16_code_at(units, at - 2)
            }
            [.., _] => utf16_code_at(units, at - 1),
            [] => None,
        }
    }

    fn may_hold(&self, leads: &LeadFilter) -> bool {
        leads.may_hold_units(self)
    }

    /// Each unit is read once, as the second of a pair and then as the
    /// first of the next; a surrogate stops the skip.
    #[inline(always)]
    fn skip_ruled_out_pairs(
        units: &[u16],
        mut at: usize,
        pairs: &PairFilter,
        _: &Utf8PairFilter,
    ) -> usize {
        let Some(&(mut first)) = units.get(at).filter(|&&u| !is_surrogate(u)) else {
            return at;
        };
        while let Some(&second) = units.get(at + 1) {
            if is_surrogate(second) || pairs.may_contain_codes(first.into(), second.into()) {
                return at;
            }
            (first, at) = (second, at + 1);
        }
        units.len()
    }

    #[inline(always)]
    fn utf16(units: &[u16]) -> Option<&[u16]> {
        Some(units)
    }

    fn utf8(&self) -> Cow<'_, str> {
        Cow::Owned(utf16_to_string(self))
    }

    /// The words of the text made UTF-8, offsets back in its units.
    fn words(&self, source: &dyn Words) -> Vec<Range<usize>> {
        let text = utf16_to_string(self);
        let mut cursor = Utf16Cursor::new(&text);
        source
            .words(&text)
            .into_iter()
            .map(|w| cursor.advance_to(w.start)..cursor.advance_to(w.end))
            .collect()
    }
}

/// What converted text is written into: UTF-8, with where each piece came
/// from or not, or UTF-16 code units for JS, which would otherwise read a
/// UTF-8 result again to re-encode it.
pub(super) trait Sink<T: Text + ?Sized> {
    /// Appends text kept as it is.
    fn push_run(&mut self, run: &T);
    /// Appends `value`, what `text[span]` converts to: most often one or
    /// two characters.
    fn push_value(&mut self, text: &T, span: Range<usize>, value: &'static str);
    /// Where the next piece goes.
    fn len(&self) -> usize;
    /// Where each piece written so far came from, if the sink records it.
    fn take_alignment(&mut self) -> Option<Alignment> {
        None
    }
    /// Whether the sink takes characters by their UTF-16 units
    /// (`unit_buffer`).
    const BY_UNIT: bool = false;
    /// The units written so far, for a stage to append converted units to.
    fn unit_buffer(&mut self) -> &mut Vec<u16> {
        unreachable!("asked only where BY_UNIT");
    }
}

/// A sink that a later stage reads.
pub(super) trait Staged<T: Text + ?Sized>: Sink<T> {
    fn with_capacity(len: usize) -> Self;
    fn text(&self) -> &T;
}

impl Sink<str> for String {
    #[inline(always)]
    fn push_run(&mut self, run: &str) {
        push_short(self, run);
    }

    #[inline(always)]
    fn push_value(&mut self, _: &str, _: Range<usize>, value: &'static str) {
        push_short(self, value);
    }

    fn len(&self) -> usize {
        self.len()
    }
}

impl Staged<str> for String {
    fn with_capacity(len: usize) -> String {
        String::with_capacity(len)
    }

    fn text(&self) -> &str {
        self
    }
}

/// Converted text with where each piece came from.
#[derive(Default)]
pub(super) struct Aligned {
    pub(super) text: String,
    alignment: Alignment,
}

impl Sink<str> for Aligned {
    fn push_run(&mut self, run: &str) {
        push_short(&mut self.text, run);
        self.alignment.push(run, run);
    }

    fn push_value(&mut self, text: &str, span: Range<usize>, value: &'static str) {
        push_short(&mut self.text, value);
        self.alignment.push(&text[span], value);
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    fn take_alignment(&mut self) -> Option<Alignment> {
        Some(std::mem::take(&mut self.alignment))
    }
}

impl Staged<str> for Aligned {
    fn with_capacity(len: usize) -> Aligned {
        Aligned {
            text: String::with_capacity(len),
            alignment: Alignment::default(),
        }
    }

    fn text(&self) -> &str {
        &self.text
    }
}

/// Appends `piece` as UTF-16 code units, by code point:
/// `out.extend(piece.encode_utf16())` made the wasm t2s call 1.09–1.13× as
/// long.
#[inline(always)]
fn push_utf16(out: &mut Vec<u16>, piece: &str) {
    let bytes = piece.as_bytes();
    // Most values are one character of three bytes.
    if let [a, b, c] = *bytes
        && a & 0xf0 == 0xe0
    {
        out.push(u16::from(a & 0x0f) << 12 | u16::from(b & 0x3f) << 6 | u16::from(c & 0x3f));
        return;
    }
    let mut at = 0;
    while let Some((code, width)) = code_at(bytes, at) {
        match u16::try_from(code) {
            Ok(unit) => out.push(unit),
            Err(_) => {
                let c = char::from_u32(code).expect("decoded from UTF-8");
                out.extend_from_slice(c.encode_utf16(&mut [0; 2]));
            }
        }
        at += width;
    }
}

impl Sink<[u16]> for Vec<u16> {
    /// Most runs between matches are a character or two: pushed, not
    /// copied by a call.
    #[inline(always)]
    fn push_run(&mut self, run: &[u16]) {
        match *run {
            [unit] => self.push(unit),
            [a, b] => self.extend_from_slice(&[a, b]),
            _ => self.extend_from_slice(run),
        }
    }

    #[inline(always)]
    fn push_value(&mut self, _: &[u16], _: Range<usize>, value: &'static str) {
        push_utf16(self, value);
    }

    fn len(&self) -> usize {
        self.len()
    }

    const BY_UNIT: bool = true;

    #[inline(always)]
    fn unit_buffer(&mut self) -> &mut Vec<u16> {
        self
    }
}

impl Staged<[u16]> for Vec<u16> {
    fn with_capacity(len: usize) -> Vec<u16> {
        Vec::with_capacity(len)
    }

    fn text(&self) -> &[u16] {
        self
    }
}

/// Appends `piece`, most often one or two characters of the BMP (three or
/// six bytes): a copy of a length known at compile time becomes a few
/// stores, where any other calls `memcpy` (in wasm, `memory.copy`, a call
/// out of the module). More lengths cost more in the branch than they save.
#[inline(always)]
fn push_short(out: &mut String, piece: &str) {
    match piece.len() {
        3 => out.push_str(&piece[..3]),
        6 => out.push_str(&piece[..6]),
        _ => out.push_str(piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From every character on, the skip stops at or before the first pair
    /// of the set, in UTF-8 and UTF-16 alike, and only passes over
    /// characters that start no pair of the set.
    #[test]
    fn skips_stop_at_every_pair_of_the_set() {
        let set = [
            ('头', '发'),
            ('下', '周'),
            ('a', '周'),
            ('𠀀', '发'),
            ('发', '𠀀'),
        ];
        let (mut pairs, mut utf8_pairs) = (PairFilter::new(), Utf8PairFilter::new());
        for &(a, b) in &set {
            pairs.insert(a, b);
            utf8_pairs.insert(a, b);
        }
        let text = "今天头发长了，下周到校a周𠀀发展头发𠀀\u{d7ff}下周末。下";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let starts_pair = |i: usize| {
            chars
                .get(i + 1)
                .is_some_and(|&(_, next)| set.contains(&(chars[i].1, next)))
        };
        let units: Vec<u16> = text.encode_utf16().collect();
        let unit_index = |byte: usize| text[..byte].encode_utf16().count();
        for from in 0..chars.len() {
            let first = (from..chars.len()).find(|&i| starts_pair(i));
            let limit = first.map_or(text.len(), |i| chars[i].0);
            let found =
                str::skip_ruled_out_pairs(text.as_bytes(), chars[from].0, &pairs, &utf8_pairs);
            assert!(
                found <= limit && text.is_char_boundary(found),
                "UTF-8 from {from}: {found}"
            );
            let limit = unit_index(limit);
            let found = <[u16]>::skip_ruled_out_pairs(
                &units,
                unit_index(chars[from].0),
                &pairs,
                &utf8_pairs,
            );
            assert!(found <= limit, "UTF-16 from {from}: {found}");
            // Surrogates stop the skip on a character's first unit.
            assert!(
                found == units.len() || units[found] & 0xfc00 != 0xdc00,
                "UTF-16 from {from}: {found}"
            );
        }
        // The pairs of the text not in the set are passed over.
        let plain: Vec<u16> = "今天天气很好我们一起去公园".encode_utf16().collect();
        assert!(<[u16]>::skip_ruled_out_pairs(&plain, 0, &pairs, &utf8_pairs) >= plain.len() - 1);
    }
}
