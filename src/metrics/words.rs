//! Word tables indexed for lookups at one point of the text. Reading an
//! indicator asks, again and again as it trims a phrase, which table words
//! end or start it; trying every word of a table each time (a hundred links,
//! eighty scopes) made that the metrics' hot spot, slowest in wasm. Here a
//! table is a hash map from word to entry, so that the question costs one
//! lookup per distinct word length.

use rustc_hash::FxHashMap;

/// The words of a table with their entries, and the lengths they come in.
pub(super) struct WordTable<T: 'static> {
    entries: FxHashMap<&'static str, T>,
    /// The distinct byte lengths of the words, longest first.
    lengths: Vec<usize>,
}

impl<T: Copy> WordTable<T> {
    /// Indexes `table`; a word listed twice keeps its first entry.
    pub(super) fn new(table: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut entries = FxHashMap::default();
        let mut lengths = Vec::new();
        for (word, entry) in table {
            entries.entry(word).or_insert(entry);
            if !lengths.contains(&word.len()) {
                lengths.push(word.len());
            }
        }
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        WordTable { entries, lengths }
    }

    /// The entry of `word`, if the table lists it.
    pub(super) fn get(&self, word: &str) -> Option<T> {
        self.entries.get(word).copied()
    }

    /// The table's words that end `text`, longest first.
    pub(super) fn suffixes<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'static str, T)> + 'a {
        self.lengths
            .iter()
            .filter_map(move |&len| self.entry(text.get(text.len().checked_sub(len)?..)?))
    }

    /// The table's words that start `text`, longest first.
    pub(super) fn prefixes<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'static str, T)> + 'a {
        self.lengths
            .iter()
            .filter_map(move |&len| self.entry(text.get(..len)?))
    }

    /// The longest word of the table that ends `text`.
    pub(super) fn suffix(&self, text: &str) -> Option<(&'static str, T)> {
        self.suffixes(text).next()
    }

    /// The longest word of the table that starts `text`.
    pub(super) fn prefix(&self, text: &str) -> Option<(&'static str, T)> {
        self.prefixes(text).next()
    }

    fn entry(&self, word: &str) -> Option<(&'static str, T)> {
        self.entries.get_key_value(word).map(|(&w, &e)| (w, e))
    }
}

impl WordTable<()> {
    /// Indexes a list of words.
    pub(super) fn of(words: impl IntoIterator<Item = &'static &'static str>) -> Self {
        Self::new(words.into_iter().map(|&w| (w, ())))
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.entries.contains_key(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_words_at_either_end_longest_first() {
        let table = WordTable::new([("达", 1), ("高达", 2), ("约", 3), ("增长", 4)]);
        let ends: Vec<_> = table.suffixes("营收高达").collect();
        assert_eq!(ends, [("高达", 2), ("达", 1)]);
        assert_eq!(table.prefix("约为"), Some(("约", 3)));
        assert_eq!(table.prefix("增长5%"), Some(("增长", 4)));
        assert_eq!(table.suffix("增长率"), None);
        assert_eq!(table.get("高达"), Some(2));
        assert_eq!(table.get("高"), None);
    }

    #[test]
    fn lengths_that_cut_a_character_find_nothing() {
        let table = WordTable::of(&["ab", "为"]);
        assert_eq!(table.suffix("为"), Some(("为", ())));
        assert_eq!(table.suffix("x为"), Some(("为", ())));
        assert_eq!(table.prefix("为x"), Some(("为", ())));
        // 为 is three bytes: "ab" would cut it at either end.
        assert!(table.suffixes("为").all(|(w, _)| w == "为"));
        assert!(table.contains("ab") && !table.contains("a"));
    }

    #[test]
    fn a_word_listed_twice_keeps_its_first_entry() {
        let table = WordTable::new([("维持", 1), ("维持", 2)]);
        assert_eq!(table.get("维持"), Some(1));
    }
}
