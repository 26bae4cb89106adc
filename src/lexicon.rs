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

use rustc_hash::FxHashMap;

use crate::Token;
use crate::entities::EntityKind;
use crate::scan::{Start, StartFilter};

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

/// Names and their kinds, under every prefix of theirs: a search along the
/// tokens stops at the first text that starts no name (most tokens, at
/// once), with one lookup per token.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// A name's kind; `None` for a text that only starts names.
    prefixes: FxHashMap<Box<str>, Option<EntityKind>>,
    /// Turns away most tokens before their text is hashed.
    starts: StartFilter,
}

impl Lexicon {
    /// The compiled-in lists.
    pub(crate) fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (kind, list) in BUILTIN {
            for name in names_of(list) {
                lexicon.insert(name, *kind);
            }
        }
        lexicon
    }

    /// The hand-written names (not the generated divisions), which the
    /// segmenter should read as one word: 台积电, 李家超. `build/dictionary.rs`
    /// compiles them into the dictionary; a test checks that it has them.
    #[cfg(test)]
    pub(crate) fn words_to_segment() -> impl Iterator<Item = (&'static str, EntityKind)> {
        BUILTIN[..3]
            .iter()
            .flat_map(|(kind, list)| names_of(list).map(move |name| (name, *kind)))
    }

    /// Adds `name` as an entity of `kind`; a later kind replaces an earlier.
    pub(crate) fn insert(&mut self, name: &str, kind: EntityKind) {
        self.starts.insert(name);
        for (at, _) in name.char_indices().skip(1) {
            self.prefixes.entry(name[..at].into()).or_insert(None);
        }
        self.prefixes.insert(name.into(), Some(kind));
    }

    /// The kind of `word` when it is a known name.
    pub(crate) fn kind(&self, word: &str) -> Option<EntityKind> {
        self.prefixes.get(word).copied().flatten()
    }

    /// False where no name starts (`start` taken there); true where one
    /// does, and at a few places more. Asked before [`Lexicon::longest_at`]
    /// at every word.
    pub(crate) fn may_start(&self, start: Start) -> bool {
        self.starts.may_start(start)
    }

    /// The longest name that starts at token `i` and ends at a token's end.
    pub(crate) fn longest_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(EntityKind, Range<usize>)> {
        let start = tokens.get(i)?.start();
        let mut longest = None;
        for token in &tokens[i..] {
            match self.prefixes.get(&text[start..token.end()]) {
                Some(Some(kind)) => longest = Some((*kind, start..token.end())),
                Some(None) => {}
                None => break,
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
