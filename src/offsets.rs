//! Offset conversion, in one place: between a converted view of the input and
//! the input itself, and from UTF-8 byte offsets to the UTF-16 code units that
//! JavaScript strings index by.

/// Where each character of a converted text came from in the original.
///
/// Built while converting one character into another of a different UTF-8
/// length; maps any character boundary of the converted text back to the
/// original's byte offset.
#[derive(Debug, Default)]
pub(crate) struct Alignment {
    /// `(converted, original)` byte offsets at each point where the two
    /// texts' offsets start to differ by a new amount, ascending.
    shifts: Vec<(usize, usize)>,
}

impl Alignment {
    /// Records that the character at `converted` in the converted text
    /// stands at `original` in the input, when their distance changed.
    pub(crate) fn record(&mut self, converted: usize, original: usize) {
        let shifted = self.shifts.last().map_or(converted != original, |&(c, o)| {
            converted - c != original - o
        });
        if shifted {
            self.shifts.push((converted, original));
        }
    }

    /// The original byte offset of a character boundary of the converted text.
    pub(crate) fn to_original(&self, converted: usize) -> usize {
        match self.shifts.partition_point(|&(c, _)| c <= converted) {
            0 => converted,
            i => {
                let (c, o) = self.shifts[i - 1];
                o + (converted - c)
            }
        }
    }
}

/// Converts ascending byte offsets of `text` into UTF-16 code-unit offsets in
/// one forward pass, so a whole token list costs one scan of the text.
pub struct Utf16Cursor<'t> {
    text: &'t str,
    byte: usize,
    unit: usize,
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
    /// Offsets must come in ascending order; an offset behind the cursor
    /// restarts the scan from the beginning.
    pub fn advance_to(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            *self = Utf16Cursor::new(self.text);
        }
        // One unit per UTF-8 lead byte, two for the lead bytes of 4-byte
        // characters: a byte loop the compiler vectorizes, unlike `chars()`.
        self.unit += self.text.as_bytes()[self.byte..byte]
            .iter()
            .map(|&b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0))
            .sum::<usize>();
        self.byte = byte;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_maps_boundaries_across_width_changes() {
        // "a𠀀b" converted to "aXb": the 4-byte character became 1 byte.
        let mut a = Alignment::default();
        a.record(0, 0);
        a.record(1, 1);
        a.record(2, 5);
        assert_eq!([0, 1, 2, 3].map(|c| a.to_original(c)), [0, 1, 5, 6]);
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
        assert_eq!(cursor.advance_to(0), 0, "restarts when asked to go back");
    }
}
