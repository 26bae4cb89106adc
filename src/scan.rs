//! Searches of the whole text for a set of words in one pass. Rust's
//! substring search is vectorized natively but scalar in wasm, where a
//! search per word (forty organization suffixes, a dozen figure words)
//! cost more than segmentation; one pass over the characters with a bit
//! filter on their first character costs about one read of the text.

/// A set of characters as bits of their code point modulo 4096: a quick no
/// for most characters before a closer look.
#[derive(Clone, Debug)]
pub(crate) struct CharFilter([u64; 64]);

impl CharFilter {
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut filter = CharFilter([0; 64]);
        filter.extend(chars);
        filter
    }

    pub(crate) fn insert(&mut self, c: char) {
        let (word, mask) = Self::bit(c);
        self.0[word] |= mask;
    }

    pub(crate) fn extend(&mut self, chars: impl IntoIterator<Item = char>) {
        chars.into_iter().for_each(|c| self.insert(c));
    }

    /// False for characters not in the set; true for those in it and for a
    /// few others.
    pub(crate) fn may_contain(&self, c: char) -> bool {
        let (word, mask) = Self::bit(c);
        self.0[word] & mask != 0
    }

    fn bit(c: char) -> (usize, u64) {
        let code = c as usize;
        (code / 64 % 64, 1 << (code % 64))
    }
}

/// The first two characters of a set of words, as bits of a hash of the
/// pair: a quick no, at most points of a text, to whether one of the words
/// starts there, where the first character alone says yes too often (the
/// lexicon's 5,000 names start with 1,165 different characters, and those
/// are a third of a news text).
#[derive(Clone, Debug)]
pub(crate) struct StartFilter {
    pairs: Box<[u64; 1024]>,
    /// Words of one character.
    singles: CharFilter,
}

impl Default for StartFilter {
    fn default() -> Self {
        StartFilter {
            pairs: Box::new([0; 1024]),
            singles: CharFilter::new([]),
        }
    }
}

impl StartFilter {
    pub(crate) fn insert(&mut self, word: &str) {
        let start = Start::of(word);
        match start.pair {
            NO_PAIR => self.singles.insert(start.first),
            pair => self.pairs[pair as usize / 64] |= 1 << (pair % 64),
        }
    }

    /// False when no word starts where `start` was taken; true when one
    /// does, and for a few places more.
    pub(crate) fn may_start(&self, start: Start) -> bool {
        self.singles.may_contain(start.first)
            || start.pair != NO_PAIR
                && self.pairs[start.pair as usize / 64] & 1 << (start.pair % 64) != 0
    }
}

/// How a text starts, as [`StartFilter`] asks: its first character and a
/// hash of its first two. Taken once per word of a text, for every filter
/// asked there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Start {
    first: char,
    /// A 16-bit hash, or [`NO_PAIR`] for a text of one character.
    pair: u32,
}

const NO_PAIR: u32 = u32::MAX;

impl Start {
    pub(crate) fn of(text: &str) -> Start {
        let mut chars = text.chars();
        let first = chars.next().unwrap_or('\0');
        let pair = chars.next().map_or(NO_PAIR, |second| {
            ((first as u32).wrapping_mul(0x9E37_79B1) ^ second as u32).wrapping_mul(0x85EB_CA77)
                >> 16
        });
        Start { first, pair }
    }
}

/// Bits for each character of a few sets, one bit a set: a table over the
/// CJK Unified Ideographs block answers with one read (the rules ask of
/// every word's first and last characters), a sorted list the rest.
pub(crate) struct CharBits {
    han: Box<[u32]>,
    other: Vec<(char, u32)>,
}

/// The CJK Unified Ideographs block, where news text and the sets are.
const HAN_BLOCK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

impl CharBits {
    /// The characters of `sets`, each with the bits of the sets it is in.
    pub(crate) fn new(sets: impl IntoIterator<Item = (u32, Vec<char>)>) -> Self {
        let mut bits = CharBits {
            han: vec![0; HAN_BLOCK.count()].into_boxed_slice(),
            other: Vec::new(),
        };
        for (set, chars) in sets {
            for c in chars {
                match bits.han_index(c) {
                    Some(at) => bits.han[at] |= set,
                    None => bits.other.push((c, set)),
                }
            }
        }
        bits.other.sort_unstable();
        bits.other.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 |= next.1;
            }
            same
        });
        bits
    }

    pub(crate) fn get(&self, c: char) -> u32 {
        match self.han_index(c) {
            Some(at) => self.han[at],
            None => self
                .other
                .binary_search_by_key(&c, |&(k, _)| k)
                .map_or(0, |at| self.other[at].1),
        }
    }

    fn han_index(&self, c: char) -> Option<usize> {
        HAN_BLOCK
            .contains(&(c as u32))
            .then(|| (c as u32 - HAN_BLOCK.start()) as usize)
    }
}

/// `text.starts_with(word)`, compared byte by byte in place. Against a table
/// of words most comparisons fail within the first character; a call to the
/// library's memcmp per word, as `starts_with` makes, costs more than that.
pub(crate) fn has_prefix(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    text.len() >= word.len() && word.iter().zip(text).all(|(a, b)| a == b)
}

/// Where `word` first occurs in `text`, for the short phrases the rules
/// search. The library's `find` runs memchr on the last UTF-8 byte of a
/// character, which in Chinese text is a continuation byte met every few
/// characters, so through a phrase it restarts memchr again and again (and
/// a `&str` pattern first builds a two-way searcher); reading the characters
/// once costs less, most of all in wasm.
pub(crate) fn find_in(text: &str, word: &str) -> Option<usize> {
    occurrences(text, word).next()
}

/// Where `word` last occurs in `text` (see [`find_in`]).
pub(crate) fn rfind_in(text: &str, word: &str) -> Option<usize> {
    occurrences(text, word).next_back()
}

/// Where `word` (not empty) starts in `text`, read from either end.
fn occurrences<'t>(text: &'t str, word: &'t str) -> impl DoubleEndedIterator<Item = usize> + 't {
    let first = word.chars().next();
    text.char_indices()
        .filter(move |&(at, c)| Some(c) == first && has_prefix(&text[at..], word))
        .map(|(at, _)| at)
}

/// `text.ends_with(word)`, compared byte by byte in place from the end (see
/// [`has_prefix`]).
pub(crate) fn has_suffix(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    text.len() >= word.len()
        && word
            .iter()
            .rev()
            .zip(text.iter().rev())
            .all(|(a, b)| a == b)
}

/// The entries of a word table by the first character of their word, for
/// asking which words start at a point without trying them all.
pub(crate) struct FirstChars<'t, T> {
    filter: CharFilter,
    /// Sorted by character, in table order within one.
    entries: Vec<(char, &'t T)>,
}

impl<'t, T> FirstChars<'t, T> {
    /// Indexes `table`, whose entries' words `word` gives.
    pub(crate) fn new(table: &'t [T], word: impl Fn(&T) -> &str) -> Self {
        let mut entries: Vec<(char, &'t T)> = table
            .iter()
            .filter_map(|e| Some((word(e).chars().next()?, e)))
            .collect();
        entries.sort_by_key(|&(c, _)| c);
        FirstChars {
            filter: CharFilter::new(entries.iter().map(|&(c, _)| c)),
            entries,
        }
    }

    /// The entries whose word starts with `c`, in table order.
    pub(crate) fn starting_with(&self, c: char) -> impl Iterator<Item = &'t T> + '_ {
        let first = if self.filter.may_contain(c) {
            self.entries.partition_point(|&(f, _)| f < c)
        } else {
            self.entries.len()
        };
        self.entries[first..]
            .iter()
            .take_while(move |&&(f, _)| f == c)
            .map(|&(_, e)| e)
    }
}

/// Every occurrence in `text` of the words of `table` (`word` gives an
/// entry's), by position, as `(byte offset, entry)`; at one position, the
/// entries whose word starts there, in table order.
pub(crate) fn find_words<'t, T>(
    text: &str,
    table: &'t [T],
    word: impl Fn(&T) -> &str,
) -> Vec<(usize, &'t T)> {
    let index = FirstChars::new(table, &word);
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        if index.filter.may_contain(c) {
            let rest = &text[at..];
            found.extend(
                index
                    .starting_with(c)
                    .filter(|&e| has_prefix(rest, word(e)))
                    .map(|e| (at, e)),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_at_every_position() {
        let text = "上半年和下半年，有限公司與股份有限公司";
        let table = [
            ("上半年", 1),
            ("下半年", 2),
            ("有限公司", 3),
            ("股份有限公司", 4),
        ];
        let found = find_words(text, &table, |e| e.0);
        let words: Vec<(&str, &str)> = found.iter().map(|&(at, e)| (&text[..at], e.0)).collect();
        assert_eq!(
            words,
            [
                ("", "上半年"),
                ("上半年和", "下半年"),
                ("上半年和下半年，", "有限公司"),
                ("上半年和下半年，有限公司與", "股份有限公司"),
                ("上半年和下半年，有限公司與股份", "有限公司"),
            ]
        );
    }

    #[test]
    fn phrase_search_agrees_with_the_library() {
        let text = "平均工資占收入的比重，佔比平均上升，占𠀀的a占";
        for word in [
            "平均", "占", "的", "a占", "𠀀", "占收", "比重", "没有", "，",
        ] {
            assert_eq!(find_in(text, word), text.find(word), "{word}");
            assert_eq!(rfind_in(text, word), text.rfind(word), "{word}");
        }
    }

    #[test]
    fn a_character_has_the_bits_of_every_set_it_is_in() {
        let bits = CharBits::new([
            (1, vec!['長', '局', '·']),
            (2, vec!['長', '王', '·']),
            (4, vec!['𠀀']),
        ]);
        assert_eq!(
            ['長', '局', '王', '𠀀', '·', '的', 'a'].map(|c| bits.get(c)),
            [3, 1, 2, 4, 3, 0, 0]
        );
    }

    #[test]
    fn the_filter_never_turns_away_a_member() {
        let members = ['有', '股', 'h', '𠀀', '上'];
        let filter = CharFilter::new(members);
        assert!(members.iter().all(|&c| filter.may_contain(c)));
        assert!(!filter.may_contain('的'));
    }
}
