//! jieba's segmentation over zhlens's compiled dictionary: for each run of
//! characters jieba reads as one block, every dictionary word starting at
//! each character (one trie walk per character), jieba's most probable
//! route through them, and the HMM on what the route leaves as single
//! characters. The algorithm, scores and tie-breaking are jieba-rs
//! 0.11.0's (MIT, Copyright (c) 2018 messense: `Jieba::cut_each`, `calc`,
//! `suggest_freq`, `add_word`), so the words are the same.
//!
//! Words added at run time (the reader's own, `Analyzer::add_words`) live in
//! a small overlay beside the static trie.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use super::hmm;
use crate::Pos;
use crate::dictionary::{ChildCache, Code, Dictionary, Node, ROOT};

/// A word of the dictionary or of the overlay, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    None,
    /// A node of the compiled trie that ends a word.
    Compiled(Node),
    /// An index into the overlay's words.
    Added(u32),
}

struct AddedWord {
    freq: usize,
    log_freq: f64,
    tag: Pos,
}

/// Words added at run time: new words, and compiled words whose frequency
/// changed (those are looked up here first).
#[derive(Default)]
struct Overlay {
    words: Vec<AddedWord>,
    /// Every added word (to its index) and every proper prefix of one
    /// (`None`), so that a walk along the text stops where no word can go on.
    prefixes: HashMap<Box<str>, Option<u32>>,
    /// Compiled nodes an added word replaces.
    replaced: HashMap<Node, u32>,
}

impl Overlay {
    fn get(&self, word: &str) -> Option<u32> {
        self.prefixes.get(word).copied().flatten()
    }
}

#[derive(Clone, Copy)]
struct Step {
    log_probability: f64,
    /// The character index the step's word ends before.
    end: u32,
    word: Word,
}

/// Working memory reused across calls.
#[derive(Default)]
struct Scratch {
    /// The block's characters: byte offset in the text, character.
    chars: Vec<(u32, char)>,
    codes: Vec<Code>,
    route: Vec<Step>,
    hmm: hmm::Scratch,
    children: ChildCache,
}

impl Scratch {
    /// Memory a huge block needed is given back rather than kept.
    fn release_if_huge(&mut self) {
        const MAX_CHARS: usize = 1 << 16;
        if self.chars.capacity() > MAX_CHARS {
            *self = Scratch::default();
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// jieba's blocks: CJK ideographs, ASCII letters and digits and `+#&._%-`
/// (its `RE_HAN_DEFAULT`); everything else is cut a character at a time.
pub(super) fn is_block_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// The dictionary, its frequencies as jieba's DP reads them, and the
/// overlay.
pub(crate) struct Segmenter {
    dictionary: Dictionary,
    /// `ln(frequency)` per frequency index of the compiled dictionary.
    log_freqs: Vec<f64>,
    overlay: Overlay,
    total: u64,
    log_total: f64,
}

impl Segmenter {
    pub(crate) fn new() -> Self {
        let dictionary = Dictionary::new();
        let total = dictionary.total();
        Segmenter {
            log_freqs: dictionary.frequencies().map(|f| (f as f64).ln()).collect(),
            dictionary,
            overlay: Overlay::default(),
            total,
            log_total: (total as f64).ln(),
        }
    }

    /// ln of the dictionary's total count.
    pub(crate) fn log_total(&self) -> f64 {
        self.log_total
    }

    /// The word `word` is, if the dictionary has it.
    pub(crate) fn find(&self, word: &str) -> Word {
        if !self.overlay.prefixes.is_empty()
            && let Some(index) = self.overlay.get(word)
        {
            return Word::Added(index);
        }
        self.dictionary
            .find(word)
            .map_or(Word::None, Word::Compiled)
    }

    /// The frequency of a dictionary word.
    pub(crate) fn freq(&self, word: Word) -> Option<usize> {
        match word {
            Word::None => None,
            Word::Compiled(node) => {
                let index = self.dictionary.word(node)?;
                Some(self.dictionary.frequency(index) as usize)
            }
            Word::Added(index) => Some(self.overlay.words[index as usize].freq),
        }
    }

    /// The tag of a dictionary word.
    pub(crate) fn tag(&self, word: Word) -> Option<Pos> {
        match word {
            Word::None => None,
            Word::Compiled(node) => Some(Pos(self.dictionary.tag(node))),
            Word::Added(index) => Some(self.overlay.words[index as usize].tag),
        }
    }

    /// jieba-rs's `suggest_freq`: a frequency just high enough for the
    /// route to keep `segment` whole, or its own if that is higher.
    pub(crate) fn suggest_freq(&self, segment: &str) -> usize {
        let log_total = self.log_total;
        let mut log_freq = 0f64;
        self.cut(segment, false, |range, word| {
            let word = match word {
                Word::None => self.find(&segment[range]),
                word => word,
            };
            log_freq = log_freq + (self.freq(word).unwrap_or(1) as f64).ln() - log_total;
        });
        let own = self.freq(self.find(segment)).unwrap_or(1);
        (((log_freq + log_total).exp()) as usize + 1).max(own)
    }

    /// jieba-rs's `add_word`: adds `word` with `freq` (by default the
    /// suggested frequency) and `tag`, or changes the frequency of a word
    /// the dictionary has (keeping its tag). Returns the frequency.
    pub(crate) fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Pos) -> usize {
        if word.is_empty() {
            return 0;
        }
        let freq = freq.unwrap_or_else(|| self.suggest_freq(word));
        let existing = self.find(word);
        let added = AddedWord {
            freq,
            log_freq: (freq as f64).ln(),
            tag: self.tag(existing).unwrap_or(tag),
        };
        let old_freq = self.freq(existing).unwrap_or(0);
        match existing {
            Word::Added(index) => self.overlay.words[index as usize] = added,
            _ => {
                let index = self.overlay.words.len() as u32;
                self.overlay.words.push(added);
                self.overlay.prefixes.insert(word.into(), Some(index));
                for (end, _) in word.char_indices().skip(1) {
                    self.overlay
                        .prefixes
                        .entry(word[..end].into())
                        .or_insert(None);
                }
                if let Word::Compiled(node) = existing {
                    self.overlay.replaced.insert(node, index);
                }
            }
        }
        self.total = self.total + freq as u64 - old_freq as u64;
        self.log_total = (self.total as f64).ln();
        freq
    }

    /// Cuts `text` into words, handed to `emit` in order as byte ranges with
    /// the dictionary word each is when the route looked it up (`Word::None`
    /// does not mean the word is unknown).
    pub(crate) fn cut(&self, text: &str, hmm: bool, mut emit: impl FnMut(Range<usize>, Word)) {
        SCRATCH.with(|scratch| {
            // A nested cut (only possible from `emit`) gets its own memory.
            let mut own = None;
            let mut borrowed = scratch.try_borrow_mut().ok();
            let scratch = match borrowed.as_deref_mut() {
                Some(scratch) => scratch,
                None => own.insert(Scratch::default()),
            };
            self.cut_with(text, hmm, scratch, &mut emit);
            scratch.release_if_huge();
        });
    }

    fn cut_with(
        &self,
        text: &str,
        hmm: bool,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(Range<usize>, Word),
    ) {
        let mut rest = text.char_indices().peekable();
        while let Some(&(start, first)) = rest.peek() {
            if is_block_char(first) {
                scratch.chars.clear();
                scratch.codes.clear();
                let mut end = text.len();
                while let Some(&(i, c)) = rest.peek() {
                    if !is_block_char(c) {
                        end = i;
                        break;
                    }
                    scratch.chars.push((i as u32, c));
                    scratch.codes.push(self.dictionary.code(c));
                    rest.next();
                }
                self.cut_block(text, start..end, hmm, scratch, emit);
            } else {
                rest.next();
                let mut end = start + first.len_utf8();
                // \r\n is one token.
                if first == '\r' && rest.peek().is_some_and(|&(_, c)| c == '\n') {
                    rest.next();
                    end += 1;
                }
                emit(start..end, Word::None);
            }
        }
    }

    /// jieba-rs's `calc`: the best route from every character to the end.
    fn route(&self, text: &str, scratch: &mut Scratch) {
        let Scratch {
            chars,
            codes,
            route,
            children,
            ..
        } = scratch;
        let n = chars.len();
        route.clear();
        route.resize(
            n + 1,
            Step {
                log_probability: 0.0,
                end: n as u32,
                word: Word::None,
            },
        );
        let log_total = self.log_total;
        let log1 = 0.0f64 - log_total;
        let overlay = !self.overlay.prefixes.is_empty();
        for i in (0..n).rev() {
            let mut best: Option<Step> = None;
            let mut consider = |end: usize, word: Word, log_freq: f64| {
                let log_probability = log_freq - log_total + route[end].log_probability;
                let better = best.is_none_or(|b| {
                    log_probability > b.log_probability
                        || (log_probability == b.log_probability && end as u32 > b.end)
                });
                if better {
                    best = Some(Step {
                        log_probability,
                        end: end as u32,
                        word,
                    });
                }
            };
            let mut node = ROOT;
            for (j, &code) in codes[i..].iter().enumerate() {
                let Some(child) = self.dictionary.child_cached(node, code, children) else {
                    break;
                };
                node = child;
                if let Some(index) = self.dictionary.word(node) {
                    if overlay && self.overlay.replaced.contains_key(&node) {
                        continue;
                    }
                    consider(
                        i + j + 1,
                        Word::Compiled(node),
                        self.log_freqs[usize::from(index)],
                    );
                }
            }
            if overlay {
                let start = chars[i].0 as usize;
                for (j, &(offset, c)) in chars[i..].iter().enumerate() {
                    let end = offset as usize + c.len_utf8();
                    match self.overlay.prefixes.get(&text[start..end]) {
                        None => break,
                        Some(None) => {}
                        Some(&Some(index)) => consider(
                            i + j + 1,
                            Word::Added(index),
                            self.overlay.words[index as usize].log_freq,
                        ),
                    }
                }
            }
            route[i] = best.unwrap_or(Step {
                log_probability: log1 + route[i + 1].log_probability,
                end: i as u32 + 1,
                word: Word::None,
            });
        }
    }

    /// jieba-rs's `cut_route`: the route's words, with what it leaves as
    /// single characters joined (ASCII letters and digits into one word;
    /// with `hmm`, any run through `cut_single_run`).
    fn cut_block(
        &self,
        text: &str,
        block: Range<usize>,
        hmm: bool,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(Range<usize>, Word),
    ) {
        self.route(text, scratch);
        let n = scratch.chars.len();
        let byte =
            |chars: &[(u32, char)], i: usize| chars.get(i).map_or(block.end, |&(o, _)| o as usize);
        let mut x = 0;
        let mut singles: Option<usize> = None;
        while x < n {
            let step = scratch.route[x];
            let y = step.end as usize;
            if y - x == 1 && (hmm || scratch.chars[x].1.is_ascii_alphanumeric()) {
                singles.get_or_insert(x);
            } else {
                if let Some(from) = singles.take() {
                    self.cut_single_run(text, from..x, hmm, block.end, scratch, emit);
                }
                emit(byte(&scratch.chars, x)..byte(&scratch.chars, y), step.word);
            }
            x = y;
        }
        if let Some(from) = singles {
            self.cut_single_run(text, from..n, hmm, block.end, scratch, emit);
        }
    }

    /// Characters `run` of the block, each a step of the route: without the
    /// HMM a run of ASCII letters and digits, one word; with it, one word if
    /// the dictionary has it, else the HMM's words (a single character is
    /// always itself).
    fn cut_single_run(
        &self,
        text: &str,
        run: Range<usize>,
        hmm: bool,
        block_end: usize,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(Range<usize>, Word),
    ) {
        let chars = &scratch.chars;
        let byte = |i: usize| chars.get(i).map_or(block_end, |&(o, _)| o as usize);
        let range = byte(run.start)..byte(run.end);
        if run.len() == 1 {
            emit(range, scratch.route[run.start].word);
        } else if !hmm {
            emit(range, Word::None);
        } else if self.find(&text[range.clone()]) == Word::None {
            hmm::cut(
                text,
                &chars[run.clone()],
                range.end,
                &mut scratch.hmm,
                |word| emit(word, Word::None),
            );
        } else {
            for x in run {
                emit(byte(x)..byte(x + 1), scratch.route[x].word);
            }
        }
    }
}
