//! Word segmentation: jieba's dictionary and models over the Document's
//! Simplified view, with tokens mapped back to the original text.

mod hmm;
mod segmenter;

use std::fmt;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::convert::Words;
use crate::document::Document;
use crate::{Analyzer, is_han};

pub(crate) use segmenter::Segmenter;
use segmenter::Word;

include!(concat!(env!("OUT_DIR"), "/pos_tags.rs"));

/// A word of the input: its byte range and part-of-speech tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    start: usize,
    end: usize,
    pos: Pos,
}

impl Token {
    pub(crate) fn new(range: Range<usize>, pos: Pos) -> Self {
        Token {
            start: range.start,
            end: range.end,
            pos,
        }
    }

    /// Byte offset of the word's first byte in the input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the word in the input.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The word's byte range in the input: `&text[token.range()]` is the word.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The word's part-of-speech tag.
    pub fn pos(&self) -> Pos {
        self.pos
    }
}

/// A part-of-speech tag, one of jieba's tag set.
///
/// ```
/// let analyzer = zhlens::Analyzer::new();
/// let tokens = analyzer.segment("北京");
/// assert_eq!(tokens[0].pos().as_str(), "ns");
/// assert_eq!(tokens[0].pos().to_string(), "ns");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos(pub(crate) u8);

impl Pos {
    /// The tag's name, such as `"n"`, `"nr"` or `"x"`.
    pub fn as_str(self) -> &'static str {
        POS_TAGS[usize::from(self.0)]
    }

    /// Every tag, in the order of [`Pos::index`].
    ///
    /// ```
    /// let tags = zhlens::Pos::all();
    /// assert!(tags.contains(&"nr") && tags.contains(&"x"));
    /// ```
    pub fn all() -> &'static [&'static str] {
        POS_TAGS
    }

    /// The tag's position in [`Pos::all`], for compact encodings.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Looks the tag up as a `u64` key: per token, comparing integers
    /// instead of strings is measurably faster.
    pub(crate) fn named(tag: &str) -> Pos {
        let index = POS_KEYS.binary_search(&tag_key(tag)).unwrap_or_else(|_| {
            POS_KEYS
                .binary_search(&tag_key("x"))
                .expect("build.rs adds x")
        });
        Pos(index as u8)
    }
}

/// A tag's bytes, zero-padded, read big-endian: ordered as the strings are.
/// Longer tags than any known one map to a key no tag has.
fn tag_key(tag: &str) -> u64 {
    if tag.len() > 8 {
        return u64::MAX;
    }
    let mut key = [0u8; 8];
    key[..tag.len()].copy_from_slice(tag.as_bytes());
    u64::from_be_bytes(key)
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text's tokens with an index of where each block of [`BLOCK`] bytes of
/// the text starts among them: the metric rules ask which token starts or
/// ends at a byte tens of thousands of times per megabyte, and a binary
/// search over 200,000 tokens misses the cache at most of its steps (in
/// wasm, a fifth of the rules' time).
pub(crate) struct TokenIndex<'t> {
    tokens: &'t [Token],
    /// For each block, how many tokens start before it.
    blocks: Vec<u32>,
}

/// The bytes of a block of [`TokenIndex`]: about six tokens of Chinese, so
/// that the search within a block takes three steps (64 bytes cost more in
/// lookups than the larger index costs to build).
const BLOCK: usize = 32;

impl<'t> TokenIndex<'t> {
    /// Indexes `tokens`, contiguous non-empty tokens of a text of `len`
    /// bytes.
    pub(crate) fn new(tokens: &'t [Token], len: usize) -> Self {
        let mut blocks = Vec::with_capacity(len / BLOCK + 2);
        let mut i = 0;
        for block in 0..=len / BLOCK + 1 {
            while tokens.get(i).is_some_and(|t| t.start < block * BLOCK) {
                i += 1;
            }
            blocks.push(i as u32);
        }
        TokenIndex { tokens, blocks }
    }

    /// How many tokens start before byte `at`: the index of the first that
    /// starts at or after it.
    pub(crate) fn starting_from(&self, at: usize) -> usize {
        let block = (at / BLOCK).min(self.blocks.len() - 2);
        let (low, high) = (self.blocks[block] as usize, self.blocks[block + 1] as usize);
        low + self.tokens[low..high].partition_point(|t| t.start < at)
    }

    /// How many tokens end at or before byte `at`.
    pub(crate) fn ending_by(&self, at: usize) -> usize {
        let i = self.starting_from(at);
        // Tokens do not overlap: only the last that starts before `at` can
        // run past it.
        i - usize::from(i > 0 && self.tokens[i - 1].end > at)
    }

    /// How many tokens end before byte `at`.
    pub(crate) fn ending_before(&self, at: usize) -> usize {
        let i = self.starting_from(at);
        i - usize::from(i > 0 && self.tokens[i - 1].end >= at)
    }

    /// The tokens that lie wholly within `range`.
    pub(crate) fn within(&self, range: Range<usize>) -> &'t [Token] {
        let first = self.starting_from(range.start);
        &self.tokens[first..self.ending_by(range.end).max(first)]
    }
}

impl std::ops::Deref for TokenIndex<'_> {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        self.tokens
    }
}

/// How to segment; see the crate documentation's *Options*.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegmentOptions {
    /// `None`: on for Traditional text, off for Simplified.
    hmm: Option<bool>,
}

impl SegmentOptions {
    /// The defaults: the HMM on for Traditional text only.
    pub fn new() -> Self {
        SegmentOptions::default()
    }

    /// Whether jieba's character HMM may join characters outside the
    /// dictionary into new words, whatever the script.
    pub fn hmm(mut self, yes: bool) -> Self {
        self.hmm = Some(yes);
        self
    }
}

impl Analyzer {
    /// Splits `text` into words with default [`SegmentOptions`].
    pub fn segment(&self, text: &str) -> Vec<Token> {
        self.segment_with(text, SegmentOptions::default())
    }

    /// Splits `text` into words.
    pub fn segment_with(&self, text: &str, options: SegmentOptions) -> Vec<Token> {
        let document = Document::read(text);
        let mut tokens = self.segment_view(&document, options);
        document.tokens_to_original(&mut tokens);
        tokens
    }

    /// The words of the document's view, as byte ranges of the view. The
    /// HMM defaults to on for Traditional text (see the crate docs).
    pub(crate) fn segment_view(&self, document: &Document, options: SegmentOptions) -> Vec<Token> {
        let view = document.view();
        let mut tokens = Vec::with_capacity(view.len() / 4);
        let hmm = options
            .hmm
            .unwrap_or(document.script().mostly_traditional());
        self.segment_into(view, hmm, &mut tokens);
        tokens
    }

    fn segment_into(&self, text: &str, hmm: bool, tokens: &mut Vec<Token>) {
        let tags = Tags::get();
        let segmenter = &self.segmenter;
        // New words recur (a name, a term) and the POS model costs a Viterbi
        // pass over up to 256 states per character: each is tagged once.
        let mut guessed: FxHashMap<&str, Pos> = FxHashMap::default();
        segmenter.cut(text, hmm, |range, word| {
            let written = &text[range.clone()];
            let mut pos = tags.of(segmenter, written, word);
            // jieba's POS model names words outside the dictionary.
            if pos == tags.x && written.chars().any(is_han) {
                pos = *guessed
                    .entry(written)
                    .or_insert_with(|| self.pos_model.guess(written).unwrap_or(tags.x));
            }
            tokens.push(Token::new(range, pos));
        });
        join_numbers(text, tokens);
    }
}

/// The tags given to words outside the dictionary.
#[derive(Clone, Copy)]
struct Tags {
    x: Pos,
    m: Pos,
    eng: Pos,
}

impl Tags {
    fn get() -> Self {
        Tags {
            x: Pos::named("x"),
            m: Pos::named("m"),
            eng: Pos::named("eng"),
        }
    }

    /// The tag of `written`, which the cut found as `word`, before the POS
    /// model: the dictionary's, else `guess`'s.
    fn of(self, segmenter: &Segmenter, written: &str, word: Word) -> Pos {
        let word = match word {
            Word::None => segmenter.find(written),
            word => word,
        };
        segmenter.tag(word).unwrap_or_else(|| self.guess(written))
    }

    /// jieba-rs's `guess_tag` without its POS model: digits are `m`, other
    /// ASCII letters and digits `eng`, the rest `x`.
    fn guess(self, word: &str) -> Pos {
        let (mut alphanumeric, mut digits) = (0, 0);
        for b in word.bytes().filter(u8::is_ascii_alphanumeric) {
            alphanumeric += 1;
            digits += usize::from(b.is_ascii_digit());
        }
        match alphanumeric {
            0 => self.x,
            _ if alphanumeric == digits => self.m,
            _ => self.eng,
        }
    }
}

/// A word is sure when jieba's dictionary counts it at least this often: 发明
/// (2757) and 制造 (6418) are, 线图 (26), which OpenCC's 周线 (weekly line)
/// rightly crosses in 周线图, is not.
const SURE_WORD_FREQUENCY: usize = 100;

/// A sure word vetoes a phrase match that crosses it only where jieba's
/// most probable reading of the clause is at least this many times as
/// probable as its best reading with the phrase as a word: 老头|发怒 is 46
/// times as probable as 老|头发|怒, but 下|周到 only 3 times as probable as
/// 下周|到 (到 is among jieba's commonest words), so OpenCC's 下周 (next
/// week) stands in 下周到校, and falls in 领导下周密部署, where 下|周密 is
/// 160 times as probable.
const SURE_READING_RATIO: f64 = 10.0;

impl Analyzer {
    /// jieba's log-probability of a word: its count over the total, a
    /// character outside the dictionary counting 1 (as in jieba's DP).
    fn word_log_probability(&self, word: &str) -> f64 {
        // A dictionary word's suggested frequency is its count (+1 where
        // jieba's own cut of it is the word itself), or a likelier split's.
        let segmenter = &self.segmenter;
        let count = if segmenter.find(word) != Word::None {
            segmenter.suggest_freq(word) as f64
        } else {
            1.0
        };
        count.ln() - segmenter.log_total()
    }

    /// jieba's log-probability of its most probable reading of `text`.
    fn reading_log_probability(&self, text: &str) -> f64 {
        let mut words = Vec::new();
        self.segmenter
            .cut(text, false, |range, _| words.push(range));
        words
            .into_iter()
            .map(|range| self.word_log_probability(&text[range]))
            .sum()
    }
}

impl Words for Analyzer {
    fn words(&self, text: &str) -> Vec<Range<usize>> {
        // The words of two characters or more but runs of digits, which
        // `join_numbers` would join: numbers are never sure (`is_sure`).
        let mut words = Vec::new();
        self.segmenter.cut(text, false, |range, _| {
            let written = &text[range.clone()];
            if written.chars().nth(1).is_some() && !is_digits(written) {
                words.push(range);
            }
        });
        words
    }

    fn is_sure(&self, word: &str) -> bool {
        // A dictionary word's suggested frequency is its own (or more):
        // the own, found at once, often suffices. Of numbers (tagged `m`, as
        // `segment_into` tags them without the POS model), none: 一百
        // crossed is no reason to keep a phrase apart.
        let (found, tags) = (self.segmenter.find(word), Tags::get());
        found != Word::None
            && (self.segmenter.freq(found) >= Some(SURE_WORD_FREQUENCY)
                || self.segmenter.suggest_freq(word) >= SURE_WORD_FREQUENCY)
            && tags.of(&self.segmenter, word, found) != tags.m
    }

    fn prefers_own_reading(&self, clause: &str, phrase: Range<usize>) -> bool {
        let word = &clause[phrase.clone()];
        // A phrase jieba does not know is never one of its words.
        if self.segmenter.find(word) == Word::None {
            return true;
        }
        // The most probable reading with the phrase as a word: the best of
        // what comes before it, the phrase, and the best of what follows.
        let with_phrase = self.reading_log_probability(&clause[..phrase.start])
            + self.word_log_probability(word)
            + self.reading_log_probability(&clause[phrase.end..]);
        self.reading_log_probability(clause) - with_phrase >= SURE_READING_RATIO.ln()
    }
}

fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// jieba splits numbers it has not seen at every non-digit; a reader sees
/// one number in `218.8`, `1,200` and `5.25%`, so they become one `m` token
/// (the view has folded full-width digits).
fn join_numbers(text: &str, tokens: &mut Vec<Token>) {
    let word = |t: &Token| &text[t.range()];
    // Most words are not numbers: their first byte tells, without slicing.
    let starts_with_digit = |t: &Token| text.as_bytes()[t.start].is_ascii_digit();
    // Compacts in place: `write` never passes `read`.
    let (mut read, mut write) = (0, 0);
    while read < tokens.len() {
        let mut token = tokens[read];
        read += 1;
        if starts_with_digit(&token) && is_digits(word(&token)) {
            token.pos = Pos::named("m");
            loop {
                let next = tokens.get(read).map(word).unwrap_or("");
                let after = tokens.get(read + 1).map(word).unwrap_or("");
                if is_digits(next) || next == "%" {
                    read += 1;
                } else if next == "." && is_digits(after)
                    || next == "," && after.len() == 3 && is_digits(after)
                {
                    read += 2;
                } else {
                    break;
                }
                token.end = tokens[read - 1].end;
                if next == "%" {
                    break;
                }
            }
        }
        tokens[write] = token;
        write += 1;
    }
    tokens.truncate(write);
}

/// A character jieba cuts alone, outside its blocks of ideographs and ASCII
/// letters and digits: a word always ends after it, but after a `\r` that a
/// `\n` follows.
pub(crate) fn is_boundary(c: char) -> bool {
    !segmenter::is_block_char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_has_every_name_the_lexicon_keeps_whole() {
        let segmenter = Segmenter::new();
        for (name, _) in crate::lexicon::Lexicon::words_to_segment() {
            assert!(segmenter.find(name) != Word::None, "{name}");
        }
    }

    #[test]
    fn added_words_are_cut_whole_and_change_frequencies() {
        let mut segmenter = Segmenter::new();
        let words = |segmenter: &Segmenter, text: &'static str| {
            let mut out = Vec::new();
            segmenter.cut(text, false, |range, _| out.push(&text[range]));
            out
        };
        assert_eq!(
            words(&segmenter, "华芯微电子公司"),
            ["华", "芯", "微电子", "公司"]
        );
        let freq = segmenter.add_word("华芯微电子", None, Pos::named("nt"));
        assert_eq!(segmenter.freq(segmenter.find("华芯微电子")), Some(freq));
        assert_eq!(words(&segmenter, "华芯微电子公司"), ["华芯微电子", "公司"]);
        let added = segmenter.find("华芯微电子");
        assert_eq!(segmenter.tag(added).map(Pos::as_str), Some("nt"));
        // A word the dictionary has keeps its tag and takes the new count.
        let total = segmenter.log_total();
        segmenter.add_word("中国", Some(1), Pos::named("n"));
        let china = segmenter.find("中国");
        assert_eq!(segmenter.freq(china), Some(1));
        assert_eq!(segmenter.tag(china).map(Pos::as_str), Some("ns"));
        assert!(segmenter.log_total() < total);
    }

    #[test]
    fn the_token_index_answers_as_binary_searches_do() {
        let text = "全国规模以上工业增加值同比增长5.2%，其中制造业增长5.8%。".repeat(20);
        let tokens = Analyzer::new().segment(&text);
        let index = TokenIndex::new(&tokens, text.len());
        for at in 0..=text.len() + 3 {
            assert_eq!(
                index.starting_from(at),
                tokens.partition_point(|t| t.start < at),
                "{at}"
            );
            assert_eq!(
                index.ending_by(at),
                tokens.partition_point(|t| t.end <= at),
                "{at}"
            );
            assert_eq!(
                index.ending_before(at),
                tokens.partition_point(|t| t.end < at),
                "{at}"
            );
        }
        let within = index.within(9..30);
        assert!(within.iter().all(|t| t.start >= 9 && t.end <= 30));
        assert_eq!(
            within.len(),
            tokens
                .iter()
                .filter(|t| t.start >= 9 && t.end <= 30)
                .count()
        );
        assert!(TokenIndex::new(&[], 0).within(0..5).is_empty());
    }

    #[test]
    fn every_tag_is_found_by_its_key() {
        for &tag in POS_TAGS {
            assert_eq!(Pos::named(tag).as_str(), tag);
        }
    }

    #[test]
    fn unknown_tags_fall_back_to_x() {
        assert_eq!(Pos::named("nrfgxyzzy").as_str(), "x");
        assert_eq!(Pos::named("no such tag").as_str(), "x");
    }
}
