//! Names known beforehand: governments, ministries, legislatures,
//! regulators, listed companies, well-known people and the places of
//! mainland China, Taiwan and Hong Kong (`data/lexicon/*.txt`, written once
//! in Simplified since entities read the Document's Simplified view; the
//! sources and licenses are in MODEL.md), plus the reader's own words
//! ([`crate::Analyzer::add_words`]).
//!
//! A name is matched on whole words: at a token's start, the longest name
//! that ends at a token's end.

use std::ops::Range;

use crate::Token;
use crate::entities::EntityKind;

/// The compiled-in name lists, each with the kind of its names.
const BUILTIN: &[(EntityKind, &str)] = &[
    (EntityKind::Org, include_str!("../data/lexicon/orgs.txt")),
    (
        EntityKind::Person,
        include_str!("../data/lexicon/people.txt"),
    ),
    (
        EntityKind::Place,
        include_str!("../data/lexicon/places.txt"),
    ),
    (
        EntityKind::Place,
        include_str!("../data/lexicon/places-divisions.txt"),
    ),
];

/// Names and their kinds, sorted by name: the names that start with a
/// given text are one run of the list, so a search along the tokens stops
/// at the first text no name starts with (most tokens, at once).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    names: Vec<(Box<str>, EntityKind)>,
    /// Each first character of a name and where its run of names begins:
    /// a token's search looks only at the names it can start.
    first_chars: Vec<(char, usize)>,
}

impl Lexicon {
    /// The compiled-in lists.
    pub(crate) fn builtin() -> Lexicon {
        let mut names: Vec<(Box<str>, EntityKind)> = BUILTIN
            .iter()
            .flat_map(|(kind, list)| names_of(list).map(|name| (name.into(), *kind)))
            .collect();
        // A later list's kind replaces an earlier one's, as `insert` does.
        names.reverse();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        names.dedup_by(|later, earlier| later.0 == earlier.0);
        Lexicon::indexed(names)
    }

    fn indexed(names: Vec<(Box<str>, EntityKind)>) -> Lexicon {
        let mut first_chars: Vec<(char, usize)> = Vec::new();
        for (at, (name, _)) in names.iter().enumerate() {
            let first = name.chars().next().unwrap_or_default();
            if first_chars.last().is_none_or(|&(c, _)| c != first) {
                first_chars.push((first, at));
            }
        }
        Lexicon { names, first_chars }
    }

    /// The names that start with `c`.
    fn starting_with(&self, c: char) -> &[(Box<str>, EntityKind)] {
        let Ok(k) = self.first_chars.binary_search_by_key(&c, |&(f, _)| f) else {
            return &[];
        };
        let end = self
            .first_chars
            .get(k + 1)
            .map_or(self.names.len(), |&(_, at)| at);
        &self.names[self.first_chars[k].1..end]
    }

    /// The hand-written names (not the generated divisions), which the
    /// segmenter should read as one word: 台积电, 李家超.
    pub(crate) fn words_to_segment() -> impl Iterator<Item = (&'static str, EntityKind)> {
        BUILTIN[..3]
            .iter()
            .flat_map(|(kind, list)| names_of(list).map(move |name| (name, *kind)))
    }

    /// Adds `name` as an entity of `kind`; a later kind replaces an earlier.
    pub(crate) fn insert(&mut self, name: &str, kind: EntityKind) {
        match self.names.binary_search_by(|(n, _)| (**n).cmp(name)) {
            Ok(at) => self.names[at].1 = kind,
            Err(at) => {
                let mut names = std::mem::take(&mut self.names);
                names.insert(at, (name.into(), kind));
                *self = Lexicon::indexed(names);
            }
        }
    }

    /// The kind of `word` when it is a known name.
    pub(crate) fn kind(&self, word: &str) -> Option<EntityKind> {
        let names = self.starting_with(word.chars().next()?);
        names
            .binary_search_by(|(n, _)| (**n).cmp(word))
            .ok()
            .map(|at| names[at].1)
    }

    /// The longest name that starts at token `i` and ends at a token's end.
    pub(crate) fn longest_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(EntityKind, Range<usize>)> {
        let start = tokens.get(i)?.start();
        let mut names = self.starting_with(text[start..].chars().next()?);
        let mut longest = None;
        for token in &tokens[i..] {
            let words = &text[start..token.end()];
            // Longer words sort after shorter ones they extend.
            names = &names[names.partition_point(|(n, _)| **n < *words)..];
            match names.first() {
                Some((name, kind)) if **name == *words => {
                    longest = Some((*kind, start..token.end()));
                }
                Some((name, _)) if name.starts_with(words) => {}
                _ => break,
            }
        }
        longest
    }
}

/// The names of a list: one a line, `#` starting a comment.
fn names_of(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_simplified_and_one_name_a_line() {
        for (_, list) in BUILTIN {
            for name in names_of(list) {
                assert!(!name.contains(char::is_whitespace), "{name:?}");
                // Matched on the view: a name must be its own view.
                assert_eq!(
                    crate::document::Document::read(name).view(),
                    name,
                    "{name:?} is not what the view reads"
                );
            }
        }
    }

    #[test]
    fn the_lists_name_the_three_regions_bodies() {
        let lexicon = Lexicon::builtin();
        for name in [
            "国家统计局",
            "立法院",
            "主计总处",
            "立法会",
            "港交所",
            "央行",
        ] {
            assert_eq!(lexicon.kind(name), Some(EntityKind::Org), "{name}");
        }
        for name in ["深水埗区", "深水埗", "台中市", "岳阳市", "大湾区", "内地"] {
            assert_eq!(lexicon.kind(name), Some(EntityKind::Place), "{name}");
        }
    }
}
