//! Script conversion with OpenCC's dictionaries and semantics: an optional
//! normalization chain; max-match segmentation with a dictionary group, runs
//! of unmatched characters kept together as one segment; then each stage of
//! the conversion chain converts each segment on its own by longest prefix
//! match, a group's dictionaries tried in turn (`short_circuit`: the first
//! that matches) or together (`union`: the longest match, the first
//! dictionary on ties). An entry's first value is used.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::offsets::{Alignment, Cursor, Piece, ceil_char_boundary, floor_char_boundary};

include!(concat!(env!("OUT_DIR"), "/opencc_configs.rs"));

mod stage;
mod text;

use stage::Stage;
use text::{Aligned, CharsFrom, Sink, Staged, Text, char_of};

/// A dictionary group of a configuration, as written in OpenCC's JSON.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Group {
    Dict(usize),
    ShortCircuit(&'static [Group]),
    Union(&'static [Group]),
}

/// One OpenCC configuration.
pub(crate) struct Spec {
    name: &'static str,
    normalization: &'static [Group],
    segmentation: Option<Group>,
    chain: &'static [Group],
}

/// An OpenCC conversion configuration, named as OpenCC names its files.
///
/// `S2t` converts Simplified to Traditional in OpenCC's standard forms,
/// `T2s` back; `tw` and `hk` are the Taiwan and Hong Kong standards, `p`
/// adds their vocabulary (`s2twp`: 软件 → 軟體), `jp` is Japanese Shinjitai.
///
/// ```
/// use zhlens::Config;
///
/// let config: Config = "s2twp".parse().unwrap();
/// assert_eq!(config, Config::S2twp);
/// assert_eq!(config.name(), "s2twp");
/// let error = "x2y".parse::<Config>().unwrap_err();
/// assert!(error.to_string().starts_with(r#"unknown config "x2y"; the configs are: s2t, t2s, "#));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Config {
    /// Simplified → Traditional (OpenCC standard).
    S2t,
    /// Traditional (OpenCC standard) → Simplified.
    T2s,
    /// Simplified → Traditional (Taiwan standard).
    S2tw,
    /// Traditional (Taiwan standard) → Simplified.
    Tw2s,
    /// Simplified → Traditional (Taiwan standard, with Taiwan phrases).
    S2twp,
    /// Traditional (Taiwan standard) → Simplified, with mainland phrases.
    Tw2sp,
    /// Simplified → Traditional (Hong Kong standard).
    S2hk,
    /// Traditional (Hong Kong standard) → Simplified.
    Hk2s,
    /// Simplified → Traditional (Hong Kong standard, with Hong Kong phrases).
    S2hkp,
    /// Traditional (Hong Kong standard) → Simplified, with mainland phrases.
    Hk2sp,
    /// Traditional (OpenCC standard) → Taiwan standard.
    T2tw,
    /// Traditional (Taiwan standard) → OpenCC standard.
    Tw2t,
    /// Traditional (OpenCC standard) → Hong Kong standard.
    T2hk,
    /// Traditional (Hong Kong standard) → OpenCC standard.
    Hk2t,
    /// Traditional (OpenCC standard) → Japanese Shinjitai.
    T2jp,
    /// Japanese Shinjitai → Traditional (OpenCC standard).
    Jp2t,
}

impl Config {
    /// Every configuration, in the order of OpenCC's names in [`Error`]s.
    pub const ALL: [Config; 16] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::Tw2s,
        Config::S2twp,
        Config::Tw2sp,
        Config::S2hk,
        Config::Hk2s,
        Config::S2hkp,
        Config::Hk2sp,
        Config::T2tw,
        Config::Tw2t,
        Config::T2hk,
        Config::Hk2t,
        Config::T2jp,
        Config::Jp2t,
    ];

    /// OpenCC's name of the configuration, such as `"s2twp"`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    fn spec(self) -> &'static Spec {
        &CONFIG_SPECS[self as usize]
    }

    /// Whether the input is Simplified text, which zhlens can segment.
    pub(crate) fn reads_simplified(self) -> bool {
        self.name().starts_with('s')
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Config {
    type Err = Error;

    fn from_str(name: &str) -> Result<Config, Error> {
        Config::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::new(ErrorKind::UnknownConfig(name.to_string())))
    }
}

/// Converted text, and where each of its pieces came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    text: String,
    alignment: Alignment,
}

impl Converted {
    /// The converted text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The converted text, owned.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The pieces of the output in order, each with the input range it was
    /// converted from: contiguous on both sides and covering both texts. A
    /// piece is one character on each side unless a phrase changed the
    /// number of characters; then it is the whole phrase.
    pub fn pieces(&self) -> impl Iterator<Item = Piece> + '_ {
        self.alignment.pieces(&self.text)
    }

    /// The output byte range converted from an input byte range, widened to
    /// whole pieces where the range cuts through one.
    pub fn to_output(&self, input: Range<usize>) -> Range<usize> {
        // Inside text converted character by character, an offset that is
        // no character boundary maps to one that is none either.
        let output = self.alignment.to_output(input);
        floor_char_boundary(&self.text, output.start)..ceil_char_boundary(&self.text, output.end)
    }

    /// The input byte offset of an output character boundary: the start of
    /// the piece it falls in.
    pub(crate) fn to_input(&self, output: usize) -> usize {
        self.alignment.to_input(output)
    }

    /// [`Converted::to_input`] for offsets asked in ascending order.
    pub(crate) fn to_input_from(&self, output: usize, cursor: &mut Cursor) -> usize {
        self.alignment.to_input_from(output, cursor)
    }

    /// The input byte offset up to which the output up to `output` was
    /// converted from: the end of the piece it falls in or ends.
    pub(crate) fn to_input_end(&self, output: usize) -> usize {
        self.alignment.to_input_end(output)
    }
}

/// A dictionary: keys sorted, each with its value, both slices of the text.
struct Dict {
    /// `(key start, key end = value start, value end)` in `Tables::text`.
    entries: Vec<(u32, u32, u32)>,
}

struct Tables {
    text: &'static str,
    dicts: Vec<Dict>,
}

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc.bin"));

fn read_varint(data: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = data[*at];
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// Loads the tables now rather than on the first conversion.
#[cfg(target_arch = "wasm32")]
pub(crate) fn prepare() {
    tables();
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Layout: see `build/opencc.rs`'s `encode`.
        let mut at = 0;
        let mut column = || {
            let len = u32::from_le_bytes(DATA[at..at + 4].try_into().unwrap()) as usize;
            let bytes = &DATA[at + 4..at + 4 + len];
            at += 4 + len;
            std::str::from_utf8(bytes).expect("build.rs writes UTF-8")
        };
        let (keys, values) = (column(), column());
        // Each dictionary: whether its values derive from a dictionary of
        // one-character keys, and per entry its key and value (None:
        // derived) as ranges of the columns.
        type Raw = (Option<usize>, Vec<(Range<usize>, Option<Range<usize>>)>);
        let mut raw: Vec<Raw> = Vec::new();
        let (mut key_at, mut value_at) = (0, 0);
        let mut key = String::new();
        let mut owned_keys = String::with_capacity(keys.len() * 2);
        while at < DATA.len() {
            let count = read_varint(DATA, &mut at);
            let derive = read_varint(DATA, &mut at)
                .checked_sub(1)
                .map(|d| d as usize);
            let mut entries = Vec::with_capacity(count as usize);
            key.clear();
            for _ in 0..count {
                let shared = read_varint(DATA, &mut at) as usize;
                let rest = read_varint(DATA, &mut at) as usize;
                let value = read_varint(DATA, &mut at) as usize;
                key.truncate(shared);
                key.push_str(&keys[key_at..key_at + rest]);
                key_at += rest;
                let k = owned_keys.len()..owned_keys.len() + key.len();
                owned_keys.push_str(&key);
                let v = (value > 0).then(|| value_at..value_at + value);
                value_at += value;
                entries.push((k, v));
            }
            raw.push((derive, entries));
        }
        // Keys and values, each key followed by its value.
        let mut text = String::with_capacity(owned_keys.len() + values.len() * 3);
        let mut dicts = Vec::with_capacity(raw.len());
        for (derive, entries) in &raw {
            let chars: Option<std::collections::HashMap<char, &str>> = derive.map(|d| {
                raw[d]
                    .1
                    .iter()
                    .map(|(k, v)| {
                        let c = owned_keys[k.clone()].chars().next().expect("one character");
                        let v = v.clone().expect("one-character values are stored");
                        (c, &values[v])
                    })
                    .collect()
            });
            let mut triples = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let start = text.len() as u32;
                text.push_str(&owned_keys[k.clone()]);
                let mid = text.len() as u32;
                match v {
                    Some(v) => text.push_str(&values[v.clone()]),
                    None => {
                        let chars = chars
                            .as_ref()
                            .expect("derived values name their dictionary");
                        for c in owned_keys[k.clone()].chars() {
                            match chars.get(&c) {
                                Some(v) => text.push_str(v),
                                None => text.push(c),
                            }
                        }
                    }
                }
                triples.push((start, mid, text.len() as u32));
            }
            dicts.push(triples);
        }
        let text: &'static str = Box::leak(text.into_boxed_str());
        let dicts = dicts.into_iter().map(|entries| Dict { entries }).collect();
        Tables { text, dicts }
    })
}

/// The segmenter, as the word-boundary rule of `Analyzer::convert` asks it.
pub(crate) trait Words {
    /// Byte ranges of the words of `text` of two or more characters, in
    /// order, but runs of digits.
    fn words(&self, text: &str) -> Vec<Range<usize>>;
    /// Whether the segmenter is sure of a word (never of a number): asked
    /// only of the few words a phrase match would cross.
    fn is_sure(&self, word: &str) -> bool;
    /// Whether the segmenter's own reading of `clause` is clearly more
    /// probable than its best reading with the phrase at `phrase` (a byte
    /// range of `clause`) as one word.
    fn prefers_own_reading(&self, clause: &str, phrase: Range<usize>) -> bool;
}

/// The words a phrase match may not cross.
struct Guard<'a> {
    words: Vec<Range<usize>>,
    source: &'a dyn Words,
    /// Where the last look-up in `words` ended: matches are asked about in
    /// text order, so the next one is found by looking on from there.
    cursor: std::cell::Cell<usize>,
}

/// What may keep a phrase match from applying, so that the next shorter one
/// does.
trait Veto<T: ?Sized> {
    /// Whether the match `start..end` of `text`, of a `consequential`
    /// phrase or not (see `Guard::crosses`), may not apply.
    fn vetoes(&self, text: &T, start: usize, end: usize, consequential: bool) -> bool;
}

/// No veto: every match applies.
struct NoVeto;

impl<T: ?Sized> Veto<T> for NoVeto {
    #[inline(always)]
    fn vetoes(&self, _: &T, _: usize, _: usize, _: bool) -> bool {
        false
    }
}

impl<T: Text + ?Sized> Veto<T> for Guard<'_> {
    fn vetoes(&self, text: &T, start: usize, end: usize, consequential: bool) -> bool {
        self.crosses(text, start, end, consequential)
    }
}

impl Guard<'_> {
    /// Whether the phrase match `start..end` of `text` starts inside a sure
    /// word and ends after it, or ends inside one and starts before it, and,
    /// for a `consequential` phrase (one that converts otherwise than its
    /// characters do), the segmenter also prefers its own reading of the
    /// clause to one with the phrase. A phrase that converts as its
    /// characters do carries no knowledge to weigh: it only keeps a later
    /// phrase from matching (不合眼 would lose 合眼 → 閤眼).
    /// The index of the first word that ends after `at`.
    fn first_ending_after(&self, at: usize) -> usize {
        let words = &self.words;
        let mut i = self.cursor.get();
        // Back over a match's length, or on over the text since the last.
        while i > 0 && words[i - 1].end > at {
            i -= 1;
        }
        while words.get(i).is_some_and(|w| w.end <= at) {
            i += 1;
        }
        self.cursor.set(i);
        i
    }

    fn crosses<T: Text + ?Sized>(
        &self,
        text: &T,
        start: usize,
        end: usize,
        consequential: bool,
    ) -> bool {
        let containing = |at: usize| {
            let i = self.first_ending_after(at);
            self.words.get(i).filter(|w| w.start < at)
        };
        let crosses_sure_word = [
            containing(start).filter(|w| end > w.end),
            containing(end).filter(|w| start < w.start),
        ]
        .into_iter()
        .flatten()
        .any(|w| self.source.is_sure(&text[w.clone()].utf8()));
        crosses_sure_word
            && (!consequential || {
                let clause = clause_around(text, start);
                let before = text[clause.start..start].utf8().len();
                let phrase = text[start..end].utf8().len();
                self.source
                    .prefers_own_reading(&text[clause.clone()].utf8(), before..before + phrase)
            })
    }
}

/// The characters of the BMP that jieba cuts alone but OpenCC's keys hold
/// (马克·吐温, 〇〇七).
const PUNCTUATION_IN_KEYS: [char; 2] = ['·', '〇'];

/// Whether a clause may end after `c`: jieba always ends a word there
/// (`crate::segment::is_boundary`), and no key of the configurations that
/// read Simplified text holds it, so that none of their stages converts it
/// either. Beyond the BMP, the ideographs newer than jieba's blocks are
/// keys: none ends a clause.
fn may_end_clause(c: char) -> bool {
    crate::segment::is_boundary(c) && u32::from(c) < 0x10000 && !PUNCTUATION_IN_KEYS.contains(&c)
}

/// The clause of `text` around byte `at`: a piece ending just after a
/// character for which `may_end_clause` holds (after the last of a run of
/// whitespace), so that words and phrase matches of a clause are the same in
/// the whole text. The shorter the clauses, the less text the word-boundary
/// rule segments: quotes, brackets and full-width digits end them too.
fn clause_around<T: Text + ?Sized>(text: &T, at: usize) -> Range<usize> {
    let units = text.units();
    let ends_clause = |c: u32, next: Option<u32>| {
        may_end_clause(char_of(c)) && !next.is_some_and(|n| char_of(n).is_whitespace())
    };
    let mut start = 0;
    let (mut i, mut next) = (at, T::code_at(units, at).map(|(c, _)| c));
    while let Some((c, width)) = T::code_before(units, i) {
        if ends_clause(c, next) {
            start = i;
            break;
        }
        (i, next) = (i - width, Some(c));
    }
    let mut i = at;
    while let Some((c, width)) = T::code_at(units, i) {
        if ends_clause(c, T::code_at(units, i + width).map(|(n, _)| n)) {
            return start..i + width;
        }
        i += width;
    }
    start..units.len()
}

/// The words the word-boundary rule needs: those of the clauses where a
/// phrase match can change the conversion (`Consequential`), found by
/// segmenting only those (joined where adjacent). Elsewhere every way of
/// cutting a clause into phrases converts it alike, so the rule cannot
/// change it, and the words are not needed.
fn guarded_words<T: Text + ?Sized>(
    tables: &'static Tables,
    config: Config,
    text: &T,
    source: &dyn Words,
) -> Vec<Range<usize>> {
    /// The stages, for each later one what the stages before it make of
    /// each BMP character, one by one, and the pairs of BMP characters that
    /// may start a consequential key of some stage.
    type Checks = (
        Vec<&'static Stage>,
        Vec<Vec<char>>,
        stage::PairFilter,
        stage::Utf8PairFilter,
    );
    static CHECKS: [OnceLock<Checks>; 16] = [const { OnceLock::new() }; 16];
    let spec = config.spec();
    let (stages, converted, may_start_pairs, may_start_utf8_pairs) = CHECKS[config as usize]
        .get_or_init(|| {
            // Stage 0 also converts what segmentation matched (its value), so
            // the segmentation's keys must be among its own.
            let (mut segmentation, mut first) = (Vec::new(), Vec::new());
            spec.segmentation
                .iter()
                .for_each(|g| stage::dicts(g, &mut segmentation));
            stage::dicts(&spec.chain[0], &mut first);
            assert!(segmentation.iter().all(|d| first.contains(d)));
            let stages: Vec<&'static Stage> =
                spec.chain.iter().map(|g| Stage::of(tables, g)).collect();
            let mut converted = Vec::new();
            let mut chars: Vec<char> = (0..0x10000)
                .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            for stage in &stages[..stages.len() - 1] {
                for c in &mut chars {
                    *c = stage.convert_char(*c);
                }
                converted.push(chars.clone());
            }
            // A later stage's pair, in the characters of the text: every pair
            // the stages before make it of.
            let (mut pairs, mut utf8_pairs) =
                (stage::PairFilter::new(), stage::Utf8PairFilter::new());
            let mut insert = |a, b| {
                pairs.insert(a, b);
                utf8_pairs.insert(a, b);
            };
            for &(a, b) in stages[0].consequential_pairs() {
                insert(a, b);
            }
            for (stage, table) in stages[1..].iter().zip(&converted) {
                let mut sources: std::collections::HashMap<char, Vec<char>> = Default::default();
                for (code, &to) in table.iter().enumerate() {
                    if let Some(c) = char::from_u32(code as u32) {
                        sources.entry(to).or_default().push(c);
                    }
                }
                for &(a, b) in stage.consequential_pairs() {
                    let (Some(from_a), Some(from_b)) = (sources.get(&a), sources.get(&b)) else {
                        continue;
                    };
                    for &x in from_a {
                        for &y in from_b {
                            insert(x, y);
                        }
                    }
                }
            }
            (stages, converted, pairs, utf8_pairs)
        });
    // Later stages see the text as converted so far, one character at a
    // time (no key holds a clause end, so neither does a converted key);
    // segments are where their matches may not cross, which changes nothing
    // unless one of their own consequential keys is there.
    // `c`, then the character after it if any, then the text from `after`:
    // each decoded once, the rest only as far as a walk goes.
    let units = text.units();
    let needs_words = |c: char, next: Option<char>, after: usize| {
        let chars = || {
            [c].into_iter()
                .chain(next)
                .chain(CharsFrom::<T>::new(units, after))
        };
        stages[0].consequential_key_starts(chars())
            || stages[1..]
                .iter()
                .zip(converted)
                .enumerate()
                .any(|(i, (stage, table))| {
                    stage.consequential_key_starts(chars().map(|c| match table.get(c as usize) {
                        Some(&c) => c,
                        None => stages[..=i].iter().fold(c, |c, s| s.convert_char(c)),
                    }))
                })
    };
    let mut words = Vec::new();
    let mut span: Option<Range<usize>> = None;
    let flush = |span: Range<usize>, words: &mut Vec<Range<usize>>| {
        let found = text[span.clone()].words(source);
        words.extend(
            found
                .into_iter()
                .map(|w| w.start + span.start..w.end + span.start),
        );
    };
    // Most places are two characters whose pair the filters rule out (in
    // UTF-8, two three-byte characters by their bytes, before decoding);
    // `needs_words` walks from the rest, and beyond the BMP, it decides.
    let mut at = 0;
    loop {
        at = T::skip_ruled_out_pairs(units, at, may_start_pairs, may_start_utf8_pairs);
        // Consequential keys have two characters or more: none starts at
        // the last.
        let Some((code, width)) = T::code_at(units, at) else {
            break;
        };
        let after = at + width;
        let Some((next_code, next_width)) = T::code_at(units, after) else {
            break;
        };
        let may_need = code >= 0x10000
            || next_code >= 0x10000
            || may_start_pairs.may_contain_codes(code, next_code);
        if !(may_need && needs_words(char_of(code), Some(char_of(next_code)), after + next_width)) {
            at = after;
            continue;
        }
        let clause = clause_around(text, at);
        // Adjacent clauses are segmented together.
        span = Some(match span.take() {
            Some(s) if s.end == clause.start => s.start..clause.end,
            Some(s) => {
                flush(s, &mut words);
                clause.clone()
            }
            None => clause.clone(),
        });
        at = clause.end;
    }
    if let Some(s) = span {
        flush(s, &mut words);
    }
    words
}

/// Where text left unconverted at `at` ends: after one character, or after
/// a whole ideographic description sequence (⿰氵青), which OpenCC keeps as
/// it is. `code` is the character's code point, `next` where it ends.
#[inline(always)]
fn unmatched_end<T: Text + ?Sized>(
    units: &[T::Unit],
    at: usize,
    code: u32,
    next: usize,
    end: usize,
) -> usize {
    if is_description(code) {
        description_end::<T>(&units[..end], at).unwrap_or(next)
    } else {
        next
    }
}

/// Whether `code` is an ideographic description character, which may start
/// a sequence.
fn is_description(code: u32) -> bool {
    (0x2ff0..=0x2fff).contains(&code)
}

/// The end of the ideographic description sequence at `at`, if whole.
#[cold]
fn description_end<T: Text + ?Sized>(units: &[T::Unit], at: usize) -> Option<usize> {
    fn arity(code: u32) -> usize {
        match code {
            0x2ff2 | 0x2ff3 => 3,
            0x2ffe | 0x2fff => 1,
            0x2ff0..=0x2ffd => 2,
            _ => 0,
        }
    }
    /// OpenCC's limits: 16 levels, 64 characters.
    fn sequence<T: Text + ?Sized>(
        units: &[T::Unit],
        at: usize,
        depth: usize,
        count: &mut usize,
    ) -> Option<usize> {
        if depth == 0 || *count >= 64 {
            return None;
        }
        let (code, width) = T::code_at(units, at)?;
        *count += 1;
        let mut end = at + width;
        for _ in 0..arity(code) {
            end = sequence::<T>(units, end, depth - 1, count)?;
        }
        Some(end)
    }
    sequence::<T>(units, at, 16, &mut 0)
}

/// What becomes of the matches `Stage::for_each_match` finds.
trait Matches {
    /// The match `at..end` of the text, converted to `value`, a key of the
    /// group's member `level` (0: the first of a short circuit).
    fn found(&mut self, at: usize, end: usize, value: &'static str, level: u32);
    /// Whether `units` takes the runs of characters that each convert to
    /// one UTF-16 unit, or stay, and start no longer key.
    const BY_UNIT: bool = false;
    /// The run of characters from `at` on that `convert` appends to the
    /// units of the output, converted, returning where it ends.
    fn units(&mut self, at: usize, convert: impl FnOnce(&mut Vec<u16>) -> usize) -> usize {
        let _ = (at, convert);
        unreachable!("asked only where BY_UNIT");
    }
    /// Whether the text a stage passes as it is, where it matches nothing,
    /// may be passed over without a word.
    const PASSES_UNMATCHED: bool = false;
}

/// The converted text: the text between matches copied in one piece.
struct Output<'a, T: ?Sized, S> {
    text: &'a T,
    out: &'a mut S,
    /// Where the text not yet copied starts.
    kept: usize,
}

impl<T: Text + ?Sized, S: Sink<T>> Output<'_, T, S> {
    /// Copies the text up to `at` as it is.
    #[inline(always)]
    fn keep(&mut self, at: usize) {
        if self.kept < at {
            self.out.push_run(&self.text[self.kept..at]);
            self.kept = at;
        }
    }
}

impl<T: Text + ?Sized, S: Sink<T>> Matches for Output<'_, T, S> {
    #[inline(always)]
    fn found(&mut self, at: usize, end: usize, value: &'static str, _: u32) {
        self.keep(at);
        self.out.push_value(self.text, at..end, value);
        self.kept = end;
    }

    const BY_UNIT: bool = S::BY_UNIT;

    #[inline(always)]
    fn units(&mut self, at: usize, convert: impl FnOnce(&mut Vec<u16>) -> usize) -> usize {
        self.keep(at);
        self.kept = convert(self.out.unit_buffer());
        self.kept
    }
}

/// The output of a first stage whose group tries the segmentation's own
/// group first, with OpenCC's segments of it: in one walk, what
/// segmentation then the stage make of the text. Where the segmentation's
/// group matches (the short circuit's first member), the stage matches the
/// same key: each such match is a segment. Between them the segmentation
/// matches nothing, nor, there, the stage's first member: the rest of the
/// group converts each run, one segment.
struct SegmentedOutput<'a, T: ?Sized, S> {
    output: Output<'a, T, S>,
    /// The segments, in output offsets.
    segments: Segments,
}

impl<T: Text + ?Sized, S: Sink<T>> Matches for SegmentedOutput<'_, T, S> {
    #[inline(always)]
    fn found(&mut self, at: usize, end: usize, value: &'static str, level: u32) {
        if level != 0 {
            return self.output.found(at, end, value, level);
        }
        self.output.keep(at);
        let start = self.output.out.len();
        self.output.found(at, end, value, level);
        self.segments.push_match(start..self.output.out.len());
    }

    const BY_UNIT: bool = S::BY_UNIT;

    #[inline(always)]
    fn units(&mut self, at: usize, convert: impl FnOnce(&mut Vec<u16>) -> usize) -> usize {
        self.output.units(at, convert)
    }
}

/// OpenCC's segments: each match, and each run of text between.
struct Segments {
    segments: Vec<Range<usize>>,
    /// Where the text after the last match starts.
    run: usize,
}

impl Segments {
    /// A match, after the run before it, if any.
    #[inline(always)]
    fn push_match(&mut self, range: Range<usize>) {
        if self.run < range.start {
            self.segments.push(self.run..range.start);
        }
        self.run = range.end;
        self.segments.push(range);
    }

    /// The segments, with the run up to `end` last, if any.
    fn finish(mut self, end: usize) -> Vec<Range<usize>> {
        if self.run < end {
            self.segments.push(self.run..end);
        }
        self.segments
    }
}

impl Matches for Segments {
    const PASSES_UNMATCHED: bool = true;

    #[inline(always)]
    fn found(&mut self, at: usize, end: usize, _: &'static str, _: u32) {
        self.push_match(at..end);
    }
}

/// Converts each segment of `text` with `stage` into `out`: the segments
/// of the output. With `segmenting`, `segments` is the whole text, and the
/// output's segments are those of a `SegmentedOutput`.
fn convert_segments<T: Text + ?Sized, S: Sink<T>, G: Veto<T>>(
    stage: &Stage,
    text: &T,
    segments: &[Range<usize>],
    guard: Option<&G>,
    segmenting: bool,
    out: &mut S,
) -> Vec<Range<usize>> {
    let mut out_segments = Vec::with_capacity(segments.len());
    for segment in segments {
        let start = out.len();
        let output = Output {
            text,
            out: &mut *out,
            kept: segment.start,
        };
        if segmenting {
            let mut output = SegmentedOutput {
                output,
                segments: Segments {
                    segments: out_segments,
                    run: start,
                },
            };
            for_each_match(stage, text, segment.clone(), guard, &mut output);
            output.output.keep(segment.end);
            out_segments = output.segments.finish(output.output.out.len());
        } else {
            let mut output = output;
            for_each_match(stage, text, segment.clone(), guard, &mut output);
            output.keep(segment.end);
            out_segments.push(start..out.len());
        }
    }
    out_segments
}

/// `Stage::for_each_match` with the guard, if any.
#[inline(always)]
fn for_each_match<T: Text + ?Sized, G: Veto<T>, M: Matches>(
    stage: &Stage,
    text: &T,
    range: Range<usize>,
    guard: Option<&G>,
    matches: &mut M,
) {
    match guard {
        Some(guard) => stage.for_each_match(text, range, guard, matches),
        None => stage.for_each_match(text, range, &NoVeto, matches),
    }
}

/// OpenCC's max-match segmentation: matched keys are segments, and each
/// run of unmatched characters is one.
fn segment<T: Text + ?Sized, G: Veto<T>>(
    stage: &Stage,
    text: &T,
    guard: Option<&G>,
) -> Vec<Range<usize>> {
    let mut found = Segments {
        segments: Vec::new(),
        run: 0,
    };
    let len = text.units().len();
    for_each_match(stage, text, 0..len, guard, &mut found);
    found.finish(len)
}

/// The Traditional configuration for segmenting `text`: `Hk2s` when Hong
/// Kong variants prevail (`script::hong_kong_variants_prevail`), otherwise
/// `Tw2s`; SIGHAN's Taiwan corpus (AS) segments better through `tw2s` than
/// through `t2s`.
pub(crate) fn regional_config(text: &str) -> Config {
    if crate::script::hong_kong_variants_prevail(text) {
        Config::Hk2s
    } else {
        Config::Tw2s
    }
}

/// The Simplified form OpenCC gives a Traditional character (the first value
/// of `TSCharacters`), for a stray Traditional character in Simplified text.
pub(crate) fn simplified_char(c: char) -> Option<char> {
    let tables = tables();
    let dict = &tables.dicts[DICT_NAMES.iter().position(|n| *n == "TSCharacters")?];
    let mut buffer = [0; 4];
    let key: &str = c.encode_utf8(&mut buffer);
    let at = dict
        .entries
        .binary_search_by(|&(start, mid, _)| tables.text[start as usize..mid as usize].cmp(key))
        .ok()?;
    let (_, mid, end) = dict.entries[at];
    tables.text[mid as usize..end as usize].chars().next()
}

/// Whether the word-boundary rule segments the whole text, as it did before
/// `guarded_words`: for tests that compare the two.
#[cfg(test)]
fn full_text_words() -> bool {
    FULL_TEXT_WORDS.with(|f| f.get())
}

#[cfg(not(test))]
fn full_text_words() -> bool {
    false
}

#[cfg(test)]
thread_local! {
    static FULL_TEXT_WORDS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Converts `text`; with `words`, phrase matches of the first stage may not
/// cross the words it is sure of in the normalized text.
pub(crate) fn run(text: &str, config: Config, words: Option<&dyn Words>, align: bool) -> Converted {
    let capacity = text.len() + text.len() / 8;
    let guard = |normalized: &str| guard_over(config, normalized, words);
    if align {
        let mut out = Aligned::with_capacity(capacity);
        let alignment = run_into::<str, Aligned, _, _>(text, config, guard, &mut out);
        Converted {
            text: out.text,
            alignment: alignment.expect("every stage records where its pieces came from"),
        }
    } else {
        let mut out = String::with_capacity(capacity);
        run_into::<str, String, _, _>(text, config, guard, &mut out);
        Converted {
            text: out,
            alignment: Alignment::default(),
        }
    }
}

/// `run` from and to UTF-16 code units, as JS strings hold text (a lone
/// surrogate reads as U+FFFD): the last stage writes the units as it
/// converts, and the text is never encoded into UTF-8 but for the clauses
/// the word-boundary rule segments.
pub(crate) fn run_utf16(units: &[u16], config: Config, words: Option<&dyn Words>) -> Vec<u16> {
    let units = crate::offsets::without_lone_surrogates(units);
    let mut out = Vec::with_capacity(units.len() + units.len() / 8);
    let guard = |normalized: &[u16]| guard_over(config, normalized, words);
    run_into::<[u16], Vec<u16>, _, _>(&units, config, guard, &mut out);
    out
}

/// The word-boundary rule over the `normalized` text, with `words`.
fn guard_over<'a, T: Text + ?Sized>(
    config: Config,
    normalized: &T,
    words: Option<&'a dyn Words>,
) -> Option<Guard<'a>> {
    words.map(|source| Guard {
        cursor: std::cell::Cell::new(0),
        words: if full_text_words() {
            normalized.words(source)
        } else {
            guarded_words(tables(), config, normalized, source)
        },
        source,
    })
}

/// Converts `text` into `out`, the stages before the last into `M`s, with
/// the guard `guard_over` makes of the normalized text over the first
/// stage's matches: where each piece came from, if the sinks record it.
fn run_into<T, M, S, G>(
    text: &T,
    config: Config,
    guard_over: impl FnOnce(&T) -> Option<G>,
    out: &mut S,
) -> Option<Alignment>
where
    T: Text + ?Sized,
    M: Staged<T>,
    S: Sink<T>,
    G: Veto<T>,
{
    let tables = tables();
    let spec = config.spec();
    let capacity = |text: &T| text.units().len() + text.units().len() / 8;
    // The input itself until a stage changes it.
    let mut current: Option<M> = None;
    let mut alignment: Option<Alignment> = None;
    let mut join = |stage: Option<Alignment>| {
        alignment = match (alignment.take(), stage) {
            (Some(a), Some(stage)) => Some(a.then(&stage)),
            (a, stage) => a.or(stage),
        };
    };
    for group in spec.normalization {
        let stage = Stage::of(tables, group);
        let input = current.as_ref().map_or(text, M::text);
        // Most text has nothing to normalize: then it need not be copied,
        // and each character stays where it was.
        if stage.may_change(input) {
            let mut next = M::with_capacity(capacity(input));
            let whole = 0..input.units().len();
            convert_segments(stage, input, &[whole], None::<&G>, false, &mut next);
            join(next.take_alignment());
            current = Some(next);
        }
    }
    let input = current.as_ref().map_or(text, M::text);
    let guard = guard_over(input);
    // Most first stages try the segmentation's own group first: then one
    // walk segments and converts (`SegmentedOutput`).
    let segmenting = matches!(
        (spec.segmentation, spec.chain[0]),
        (Some(segmentation), Group::ShortCircuit([head, ..])) if *head == segmentation
    );
    let mut segments = match &spec.segmentation {
        Some(group) if !segmenting => segment(Stage::of(tables, group), input, guard.as_ref()),
        _ => std::iter::once(0..input.units().len()).collect(),
    };
    let last = spec.chain.len() - 1;
    for (i, group) in spec.chain.iter().enumerate() {
        // Only the first stage reads the text the guard describes.
        let guard = guard.as_ref().filter(|_| i == 0);
        let segmenting = segmenting && i == 0;
        let stage = Stage::of(tables, group);
        let input = current.as_ref().map_or(text, M::text);
        if i == last {
            convert_segments(stage, input, &segments, guard, segmenting, out);
            join(out.take_alignment());
        } else {
            let mut next = M::with_capacity(capacity(input));
            segments = convert_segments(stage, input, &segments, guard, segmenting, &mut next);
            join(next.take_alignment());
            current = Some(next);
        }
    }
    alignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_sequences_stay_whole() {
        // 讠 alone converts; inside ⿰讠吾 it is a component, as in OpenCC.
        assert_eq!(run("讠", Config::S2t, None, false).into_text(), "訁");
        assert_eq!(
            run("⿰讠吾讠", Config::S2t, None, false).into_text(),
            "⿰讠吾訁"
        );
        // An incomplete sequence is an ordinary character.
        assert_eq!(run("⿰讠", Config::S2t, None, false).into_text(), "⿰訁");
    }

    /// Both ways of finding the words of the word-boundary rule, for every
    /// configuration that reads Simplified text: text and map.
    fn assert_same_as_full_text(analyzer: &crate::Analyzer, text: &str, what: &str) {
        for config in Config::ALL.into_iter().filter(|c| c.reads_simplified()) {
            let fast = run(text, config, Some(analyzer), true);
            FULL_TEXT_WORDS.with(|f| f.set(true));
            let full = run(text, config, Some(analyzer), true);
            FULL_TEXT_WORDS.with(|f| f.set(false));
            assert!(
                fast == full,
                "{what}, {config}: clause words differ from full-text words"
            );
        }
    }

    #[test]
    fn clause_words_convert_as_full_text_words_on_the_fixtures() {
        let analyzer = crate::Analyzer::new();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/convert.toml");
        let doc: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        let mut all = String::new();
        for case in doc["convert"].as_array().unwrap() {
            let text = case["text"].as_str().unwrap();
            assert_same_as_full_text(&analyzer, text, case["name"].as_str().unwrap());
            all.push_str(text);
            all.push('\n');
        }
        assert_same_as_full_text(&analyzer, &all, "all fixtures");
    }

    /// On the SIGHAN 2005 PKU and MSR test inputs, when `../shared` has them.
    #[test]
    fn clause_words_convert_as_full_text_words_on_sighan() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/sighan2005/testing"
        );
        let analyzer = crate::Analyzer::new();
        for file in ["pku_test.utf8", "msr_test.utf8"] {
            let Ok(text) = std::fs::read_to_string(format!("{dir}/{file}")) else {
                eprintln!("{dir}/{file} not found: skipped");
                continue;
            };
            assert_same_as_full_text(&analyzer, &text, file);
        }
    }

    /// Asserts `holds` of every key of the dictionaries of `groups`.
    fn assert_every_key<'g>(
        groups: impl IntoIterator<Item = &'g Group>,
        holds: impl Fn(&str) -> bool,
    ) {
        let t = tables();
        let mut used = Vec::new();
        for g in groups {
            stage::dicts(g, &mut used);
        }
        for d in used {
            for &(s, m, _) in &t.dicts[d].entries {
                let key = &t.text[s as usize..m as usize];
                assert!(holds(key), "{} has key {key:?}", DICT_NAMES[d]);
            }
        }
    }

    #[test]
    fn no_key_of_a_simplified_config_crosses_a_clause_end() {
        let specs = Config::ALL
            .into_iter()
            .filter(|c| c.reads_simplified())
            .map(Config::spec);
        let groups = specs.flat_map(|spec| spec.segmentation.iter().chain(spec.chain));
        assert_every_key(groups, |key| !key.chars().any(may_end_clause));
    }

    /// A `SegmentedOutput` over UTF-16 takes runs of characters that each
    /// convert alone without asking their level: no segmentation key may be
    /// one character, or it would be no segment of its own.
    #[test]
    fn segmentation_keys_have_two_characters_or_more() {
        let groups = Config::ALL
            .iter()
            .flat_map(|c| c.spec().segmentation.iter());
        assert_every_key(groups, |key| key.chars().nth(1).is_some());
    }

    #[test]
    fn configs_are_in_the_order_of_their_specs() {
        assert_eq!(CONFIG_SPECS.len(), Config::ALL.len());
        for (i, c) in Config::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
            assert_eq!(c.name().parse::<Config>(), Ok(*c));
        }
    }

    #[test]
    fn dictionaries_are_sorted() {
        let t = tables();
        for d in &t.dicts {
            assert!(d.entries.windows(2).all(|w| {
                t.text[w[0].0 as usize..w[0].1 as usize] < t.text[w[1].0 as usize..w[1].1 as usize]
            }));
        }
    }
}
