//! What a conversion reads and writes: the text as UTF-8 or as the UTF-16
//! code units of a JS string (`Text`), and the sinks the stages write into
//! (`Sink`): UTF-8 with or without where each piece came from, or UTF-16.

use std::borrow::Cow;
use std::ops::Range;

use super::Words;
use super::stage::{LeadFilter, Utf8PairFilter};
use crate::offsets::{Alignment, Utf16Cursor, code_at, utf16_code_at, utf16_to_string};

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
    /// The width of the character at `at`, if the characters there are two
    /// whose pair `pairs` rules out by their units alone.
    fn rules_out_pair(units: &[Self::Unit], at: usize, pairs: &Utf8PairFilter) -> Option<usize>;
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

    #[inline(always)]
    fn rules_out_pair(units: &[u8], at: usize, pairs: &Utf8PairFilter) -> Option<usize> {
        let window = u64::from_le_bytes(units.get(at..at + 8)?.try_into().expect("eight bytes"));
        (pairs.may_contain(window) == Some(false)).then_some(3)
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

    /// Decoding UTF-16 costs little more than the filter: none.
    #[inline(always)]
    fn rules_out_pair(_: &[u16], _: usize, _: &Utf8PairFilter) -> Option<usize> {
        None
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
    /// Whether the sink takes a character by its UTF-16 unit (`push_unit`).
    const BY_UNIT: bool = false;
    /// Appends the character `unit`.
    fn push_unit(&mut self, unit: u16) {
        let _ = unit;
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
    fn push_unit(&mut self, unit: u16) {
        self.push(unit);
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
