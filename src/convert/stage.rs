//! A dictionary group compiled into one double-array trie over a dense
//! numbering of the characters its keys use. Each key's node holds the value
//! the group gives it and the group member that gives it (its *level*), so
//! that one walk along the text finds the group's match: OpenCC's groups
//! are short circuits of unions of dictionaries, and a short circuit takes
//! its first member with a match, a union its longest. The same nodes mark
//! the group's *consequential* keys, which the word-boundary rule looks for.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::sync::Mutex;

use super::{Group, Matches, Tables, Text, Veto, is_description, unmatched_end};
use crate::offsets::{find_byte_from, find_unit_in, is_surrogate, utf8_width};

/// A slot of the double array: node `n`'s child by character number `c` is
/// slot `base(n) + c` if that slot's `parent` is `n`. One `u64` of three
/// fields, the key word (below) in the low bits: the walk's loads are
/// most of a conversion's cache misses, and two thirds of the twelve bytes
/// three `u32`s took keep more of the trie in cache.
#[derive(Clone, Copy)]
struct Slot(u64);

impl Slot {
    const KEY_BITS: u32 = 23;
    const INDEX_BITS: u32 = 20;
    const INDEX_MASK: u64 = (1 << Self::INDEX_BITS) - 1;

    fn new(base: u32, parent: u32, key: u32) -> Slot {
        debug_assert!(key >> Self::KEY_BITS == 0);
        Slot(
            u64::from(key)
                | (u64::from(base) & Self::INDEX_MASK) << Self::KEY_BITS
                | (u64::from(parent) & Self::INDEX_MASK) << (Self::KEY_BITS + Self::INDEX_BITS),
        )
    }

    /// The key word of the key ending at the node, or 0.
    #[inline(always)]
    fn key(self) -> u32 {
        (self.0 & ((1 << Self::KEY_BITS) - 1)) as u32
    }

    #[inline(always)]
    fn base(self) -> u32 {
        (self.0 >> Self::KEY_BITS & Self::INDEX_MASK) as u32
    }

    #[inline(always)]
    fn parent(self) -> u32 {
        (self.0 >> (Self::KEY_BITS + Self::INDEX_BITS)) as u32
    }

    fn add_flags(&mut self, flags: u32) {
        self.0 |= u64::from(flags);
    }
}

const ROOT: u32 = 0;
/// The parent of free slots, and of the root.
const NO_PARENT: u32 = Slot::INDEX_MASK as u32;

// A key word: the value's index + 1, the level, and whether the key is
// consequential; flags of the node: whether it has children (most
// characters have none, so the walk stops without looking at the next),
// and whether a consequential key ends at or below it.
const VALUE_BITS: u32 = 0x0003_ffff;
const LEVEL_SHIFT: u32 = 18;
const LEVEL_BITS: u32 = 0x3;
const INNER: u32 = 1 << 20;
const CONSEQUENTIAL: u32 = 1 << 21;
const TOWARDS_CONSEQUENTIAL: u32 = 1 << 22;
const NODE_FLAGS: u32 = INNER | CONSEQUENTIAL | TOWARDS_CONSEQUENTIAL;

fn level(key: u32) -> u32 {
    key >> LEVEL_SHIFT & LEVEL_BITS
}

pub(super) struct Stage {
    group: Group,
    /// By BMP code point: the character's number, or 0 when no key uses it.
    bmp_numbers: Vec<u16>,
    /// The same for characters beyond the BMP.
    astral_numbers: HashMap<char, u16>,
    slots: Vec<Slot>,
    /// By BMP code point, the character's node below the root, or 0 (the
    /// root is no one's child): the look-up every character of the text
    /// starts with, one load instead of three.
    bmp_roots: Vec<u32>,
    /// By BMP code point, what the character becomes alone when that is one
    /// UTF-16 unit (itself if no key is it), or 0: a sink of units takes
    /// most characters with one look-up here and no branch on whether they
    /// change.
    bmp_units: UnitTable,
    /// By BMP code point, a bit: whether a longer key starts with it.
    inner_starts: BmpBits,
    /// By BMP code point, a bit: whether the character is no key alone,
    /// nor a surrogate or a description character, which the loop reads
    /// on: where no longer key starts, the text passes it as it is.
    keyless: BmpBits,
    values: Vec<&'static str>,
    /// The characters that may start a key: skips most unchanged text
    /// without decoding it. (A description sequence only keeps text as it
    /// is: where no key starts, the stage changes nothing.)
    leads: LeadFilter,
    /// By BMP code point, a bit: whether a consequential key starts with it
    /// (beyond the BMP, the trie says).
    consequential_starts: BmpBits,
    /// The first two characters of the consequential keys.
    consequential_pairs: PairFilter,
    /// The same pairs, listed.
    consequential_pair_list: Vec<(char, char)>,
    /// The first two characters of all keys.
    pairs: PairFilter,
    /// The keys of two characters and the first three characters of the
    /// longer ones, of the BMP (`triple`).
    short_starts: PairFilter,
}

/// The dictionaries of `group` by level: those of each member of a short
/// circuit in turn, a union's together.
fn levels(group: &Group) -> Vec<Vec<usize>> {
    const SHAPE: &str = "OpenCC's groups are short circuits of unions of dictionaries";
    let union = |g: &Group| match g {
        Group::Dict(d) => vec![*d],
        Group::Union(members) => members
            .iter()
            .map(|m| match m {
                Group::Dict(d) => *d,
                _ => panic!("{SHAPE}"),
            })
            .collect(),
        Group::ShortCircuit(_) => panic!("{SHAPE}"),
    };
    match group {
        Group::ShortCircuit(members) => members.iter().map(union).collect(),
        other => vec![union(other)],
    }
}

/// A set of characters, by their first two UTF-8 bytes or their first
/// UTF-16 code unit (supersets), for finding the next character of the text
/// that may be in it.
pub(super) struct LeadFilter {
    /// A bit per first two bytes.
    pairs: Vec<u64>,
    /// The smallest first byte of the characters, when few bytes of text
    /// reach it (as for the normalization's compatibility ideographs, all
    /// U+F900 and up): then whole words of text are ruled out at once.
    rare_from: Option<u8>,
    /// A bit per first code unit.
    units: BmpBits,
    /// The smallest and largest first code units: most units of text lie
    /// outside.
    unit_range: (u16, u16),
}

impl LeadFilter {
    /// First bytes from here on start only full-width forms, specials and
    /// characters beyond the BMP; below, the common ideographs.
    const RARE_FROM: u8 = 0xef;

    fn new(chars: impl IntoIterator<Item = char>) -> LeadFilter {
        let mut pairs = vec![0u64; 0x10000 / 64];
        let mut lowest = u8::MAX;
        let (mut units, mut lowest_unit, mut highest_unit) = (no_bmp_bits(), u16::MAX, 0);
        for c in chars {
            // Beyond the BMP, the high surrogate.
            let first_unit = c.encode_utf16(&mut [0; 2])[0];
            units[usize::from(first_unit) / 64] |= 1 << (first_unit % 64);
            lowest_unit = lowest_unit.min(first_unit);
            highest_unit = highest_unit.max(first_unit);
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            lowest = lowest.min(bytes[0]);
            let seconds = if bytes.len() == 1 {
                0..=255
            } else {
                bytes[1]..=bytes[1]
            };
            for b in seconds {
                let i = (bytes[0] as usize) << 8 | b as usize;
                pairs[i / 64] |= 1 << (i % 64);
            }
        }
        LeadFilter {
            pairs,
            rare_from: (lowest >= Self::RARE_FROM).then_some(lowest),
            units,
            unit_range: (lowest_unit, highest_unit),
        }
    }

    /// Whether a character of the set may be among `units`.
    pub(super) fn may_hold_units(&self, units: &[u16]) -> bool {
        let in_set = |u: u16| bmp_bit(&self.units, u.into());
        let (lowest, highest) = self.unit_range;
        if lowest < 0x8000 {
            return units.iter().any(|&u| in_set(u));
        }
        let mut at = 0;
        loop {
            at = find_unit_in(units, at, lowest..=highest);
            match units.get(at) {
                None => return false,
                Some(&u) if in_set(u) => return true,
                Some(_) => at += 1,
            }
        }
    }

    /// The first character boundary from `at` on, before `end`, where a
    /// character of the set may start; `end` if none.
    #[inline]
    pub(super) fn skip(&self, bytes: &[u8], mut at: usize, end: usize) -> usize {
        while at + 1 < end {
            if let Some(lowest) = self.rare_from {
                // Bytes this high are never continuation bytes: what this
                // finds is a character boundary.
                at = find_byte_from(bytes, at, end, lowest);
                if at + 1 >= end {
                    break;
                }
            }
            let (b0, b1) = (bytes[at], bytes[at + 1]);
            let i = (b0 as usize) << 8 | b1 as usize;
            if self.pairs[i / 64] >> (i % 64) & 1 == 1 {
                return at;
            }
            at += utf8_width(b0);
        }
        at.min(end)
    }
}

/// A bit per BMP code point.
type BmpBits = Box<[u64; 0x10000 / 64]>;

/// The second and third characters of a triple of BMP characters, as the
/// second of a pair (`PairFilter`); a key of two characters has a third of
/// 0 (a U+0000 after such a pair in the text only costs a walk of the trie).
#[inline(always)]
fn triple(second: u16, third: u16) -> u32 {
    u32::from(second) | u32::from(third) << 16
}

/// A UTF-16 unit by BMP code point.
type UnitTable = Box<[u16; 0x10000]>;

fn no_bmp_bits() -> BmpBits {
    Box::new([0; 0x10000 / 64])
}

/// Sets `c`'s bit; beyond the BMP, nothing.
fn set_bmp_bit(bits: &mut BmpBits, c: char) {
    if let Some(word) = bits.get_mut(c as usize / 64) {
        *word |= 1 << (c as u32 % 64);
    }
}

/// The bit of `code`, which must be in the BMP.
#[inline(always)]
fn bmp_bit(bits: &BmpBits, code: u32) -> bool {
    bits[(code as usize / 64) & (bits.len() - 1)] >> (code % 64) & 1 == 1
}

pub(super) fn dicts(group: &Group, out: &mut Vec<usize>) {
    match group {
        Group::Dict(d) => out.push(*d),
        Group::ShortCircuit(members) | Group::Union(members) => {
            for g in *members {
                dicts(g, out);
            }
        }
    }
}

/// A key of the group: its text, level and value.
type Entry = (&'static str, u32, &'static str);

impl Stage {
    fn new(tables: &'static Tables, group: Group) -> Stage {
        let mut entries: Vec<Entry> = Vec::new();
        for (level, ds) in levels(&group).into_iter().enumerate() {
            for d in ds {
                for &(s, m, e) in &tables.dicts[d].entries {
                    let (key, value) = (
                        &tables.text[s as usize..m as usize],
                        &tables.text[m as usize..e as usize],
                    );
                    entries.push((key, level as u32, value));
                }
            }
        }
        // A key's first entry is what the group makes of it: its earliest
        // level, there its first dictionary (the union's choice on ties):
        // a stable sort keeps the group's order of dictionaries.
        entries.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut stage = Stage {
            group,
            bmp_numbers: vec![0; 0x10000],
            astral_numbers: HashMap::new(),
            slots: Vec::new(),
            bmp_roots: Vec::new(),
            bmp_units: Box::new([0; 0x10000]),
            inner_starts: no_bmp_bits(),
            keyless: no_bmp_bits(),
            values: Vec::new(),
            leads: LeadFilter::new([]),
            consequential_starts: no_bmp_bits(),
            consequential_pairs: PairFilter::new(),
            consequential_pair_list: Vec::new(),
            pairs: PairFilter::new(),
            short_starts: PairFilter::new(),
        };
        stage.number_characters(&entries);
        stage.build_trie(&entries);
        stage.bmp_roots = (0..0x10000)
            .map(|code| stage.child_by_code(ROOT, code).unwrap_or(ROOT))
            .collect();
        for code in 0..0x10000 {
            let word = stage
                .root_child(code)
                .map_or(0, |node| stage.slots[node as usize].key());
            stage.bmp_units[code as usize] = stage.unit_of(code, word);
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if word & INNER != 0 {
                set_bmp_bit(&mut stage.inner_starts, c);
            }
            if word & VALUE_BITS == 0 && !is_description(code) {
                set_bmp_bit(&mut stage.keyless, c);
            }
        }
        stage.mark_consequential(&entries);
        let mut firsts = Vec::with_capacity(entries.len());
        for (key, ..) in &entries {
            let mut chars = key.chars();
            let first = chars.next().expect("keys are not empty");
            firsts.push(first);
            if let Some(second) = chars.next() {
                stage.pairs.insert(first, second);
                let bmp = |c: char| u16::try_from(u32::from(c)).ok();
                let third = chars.next().map(bmp);
                if let (Some(a), Some(b), None | Some(Some(_))) = (bmp(first), bmp(second), third) {
                    let c = third.flatten().unwrap_or(0);
                    stage.short_starts.insert_codes(a.into(), triple(b, c));
                }
            }
        }
        stage.leads = LeadFilter::new(firsts);
        stage
    }

    /// Numbers the characters of the keys 1, 2, … in code point order, so
    /// that keys sort the same by numbers as by text.
    fn number_characters(&mut self, entries: &[Entry]) {
        let mut astral = Vec::new();
        for (key, ..) in entries {
            for c in key.chars() {
                match self.bmp_numbers.get_mut(c as usize) {
                    Some(used) => *used = 1,
                    None => astral.push(c),
                }
            }
        }
        astral.sort_unstable();
        astral.dedup();
        let mut count = 0u16;
        let mut next = || {
            count = count.checked_add(1).expect("characters fit u16");
            count
        };
        for number in self.bmp_numbers.iter_mut().filter(|n| **n != 0) {
            *number = next();
        }
        for c in astral {
            self.astral_numbers.insert(c, next());
        }
    }

    #[inline(always)]
    fn number(&self, c: char) -> u32 {
        self.number_of_code(c as u32)
    }

    /// The number of the character with code point `code`.
    #[inline(always)]
    fn number_of_code(&self, code: u32) -> u32 {
        match self.bmp_numbers.get(code as usize) {
            Some(&n) => u32::from(n),
            None => self.astral_number(code),
        }
    }

    #[cold]
    fn astral_number(&self, code: u32) -> u32 {
        char::from_u32(code)
            .and_then(|c| self.astral_numbers.get(&c))
            .map_or(0, |&n| u32::from(n))
    }

    #[inline]
    fn child(&self, node: u32, c: char) -> Option<u32> {
        self.child_by_code(node, c as u32)
    }

    /// `bmp_units`' entry for the BMP code point `code`, whose key word
    /// below the root is `word` (0 for none): 0 for surrogates and
    /// description characters, which the loop reads on.
    fn unit_of(&self, code: u32, word: u32) -> u16 {
        if (0xd800..0xe000).contains(&code) || is_description(code) {
            return 0;
        }
        if word & VALUE_BITS == 0 {
            return code as u16;
        }
        let mut units = self.value(word).encode_utf16();
        match (units.next(), units.next()) {
            (Some(unit), None) => unit,
            _ => 0,
        }
    }

    /// `child_by_code` of the root.
    #[inline(always)]
    fn root_child(&self, code: u32) -> Option<u32> {
        match self.bmp_roots.get(code as usize) {
            Some(&node) => (node != ROOT).then_some(node),
            None => self.child_by_code(ROOT, code),
        }
    }

    /// `child` by the character's code point.
    #[inline(always)]
    fn child_by_code(&self, node: u32, code: u32) -> Option<u32> {
        let n = self.number_of_code(code);
        if n == 0 {
            return None;
        }
        let at = self.slots[node as usize].base().wrapping_add(n);
        let slot = self.slots.get(at as usize)?;
        (slot.parent() == node).then_some(at)
    }

    /// Builds the trie of the distinct keys, then lays it out in the double
    /// array: nodes with the most children first, while the array is still
    /// sparse, each at the first base where all its children's slots are
    /// free; nodes with one child fill the holes left.
    fn build_trie(&mut self, entries: &[Entry]) {
        // Distinct keys as character numbers, with their key words.
        let mut numbers: Vec<u32> = Vec::new();
        let mut keys: Vec<(usize, usize, u32)> = Vec::new();
        for (i, &(key, level, value)) in entries.iter().enumerate() {
            if i > 0 && entries[i - 1].0 == key {
                continue;
            }
            let start = numbers.len();
            numbers.extend(key.chars().map(|c| self.number(c)));
            self.values.push(value);
            assert!(self.values.len() as u32 <= VALUE_BITS && level <= LEVEL_BITS);
            keys.push((
                start,
                numbers.len(),
                self.values.len() as u32 | level << LEVEL_SHIFT,
            ));
        }
        // The trie, breadth first: per node its key word and its children
        // (character number, node) in `edges`.
        let mut nodes: Vec<(u32, Range<usize>)> = vec![(0, 0..0)];
        let mut edges: Vec<(u32, usize)> = Vec::new();
        // Nodes to find children of: node, its keys (sorted, all longer
        // than `depth` characters), depth.
        let mut queue = VecDeque::from([(0, 0, keys.len(), 0)]);
        while let Some((node, lo, hi, depth)) = queue.pop_front() {
            let first_edge = edges.len();
            let mut i = lo;
            while i < hi {
                let c = numbers[keys[i].0 + depth];
                let end = i + keys[i..hi].partition_point(|k| numbers[k.0 + depth] == c);
                let (start, stop, key) = keys[i];
                let ends_here = stop - start == depth + 1;
                edges.push((c, nodes.len()));
                nodes.push((if ends_here { key } else { 0 }, 0..0));
                let below = i + usize::from(ends_here);
                if below < end {
                    queue.push_back((nodes.len() - 1, below, end, depth + 1));
                }
                i = end;
            }
            nodes[node].1 = first_edge..edges.len();
        }
        let mut order: Vec<usize> = (0..nodes.len())
            .filter(|&n| !nodes[n].1.is_empty())
            .collect();
        order.sort_by_key(|&n| std::cmp::Reverse(nodes[n].1.len()));
        let mut bases = vec![0usize; nodes.len()];
        // The root's slot is 0.
        let mut used = vec![true];
        let mut first_free = 1;
        // Where the last node with as many children went: the array only
        // fills up, so the next one starts looking there. Nodes with many
        // children all look on from the last one's place: fitting them into
        // the holes before costs much more time than it saves space.
        let (mut last_count, mut last_at) = (0, 0);
        for n in order {
            let children = &edges[nodes[n].1.clone()];
            let first = children[0].0 as usize;
            while used.get(first_free).copied().unwrap_or(false) {
                first_free += 1;
            }
            if children.len() != last_count && children.len() <= 4 {
                (last_count, last_at) = (children.len(), 0);
            }
            let mut at = first_free.max(first + 1).max(last_at);
            let base = loop {
                let base = at - first;
                let is_free =
                    |&(c, _): &(u32, usize)| !used.get(base + c as usize).copied().unwrap_or(false);
                if children.iter().all(is_free) {
                    break base;
                }
                at += 1;
            };
            let end = base + children.last().expect("an inner node").0 as usize + 1;
            if used.len() < end {
                used.resize(end, false);
            }
            for &(c, _) in children {
                used[base + c as usize] = true;
            }
            bases[n] = base;
            last_at = base + first;
        }
        assert!(
            used.len() < NO_PARENT as usize,
            "slot indexes fit their field"
        );
        self.slots = vec![Slot::new(0, NO_PARENT, 0); used.len()];
        self.slots[0] = Slot::new(bases[0] as u32, NO_PARENT, 0);
        // Slots by node, top down: parents before children.
        let mut slot_of = vec![0usize; nodes.len()];
        for (n, (_, children)) in nodes.iter().enumerate() {
            for &(c, child) in &edges[children.clone()] {
                let at = bases[n] + c as usize;
                slot_of[child] = at;
                let inner = if nodes[child].1.is_empty() { 0 } else { INNER };
                self.slots[at] = Slot::new(
                    bases[child] as u32,
                    slot_of[n] as u32,
                    nodes[child].0 | inner,
                );
            }
        }
    }

    /// Marks the keys whose value differs from their characters' values one
    /// by one (`头发` → `頭髮`, not `頭發`), in any dictionary of the group,
    /// and the nodes on the way to them: where no such key is in a text,
    /// every way of cutting it into phrases converts it alike.
    fn mark_consequential(&mut self, entries: &[Entry]) {
        let mut by_chars = String::new();
        let mut marked = Vec::new();
        for &(key, _, value) in entries {
            if key.chars().nth(1).is_none() {
                continue;
            }
            by_chars.clear();
            self.by_characters(key, &mut by_chars);
            if by_chars != value {
                marked.push(key);
            }
        }
        for key in marked {
            let mut node = ROOT;
            for c in key.chars() {
                node = self.child(node, c).expect("keys are in the trie");
                self.slots[node as usize].add_flags(TOWARDS_CONSEQUENTIAL);
            }
            self.slots[node as usize].add_flags(CONSEQUENTIAL);
            let mut chars = key.chars();
            let (first, second) = (chars.next(), chars.next());
            let (Some(first), Some(second)) = (first, second) else {
                unreachable!("consequential keys have two characters or more");
            };
            set_bmp_bit(&mut self.consequential_starts, first);
            self.consequential_pairs.insert(first, second);
            self.consequential_pair_list.push((first, second));
        }
    }

    /// Whether a key may start somewhere in `text`.
    pub(super) fn may_change<T: Text + ?Sized>(&self, text: &T) -> bool {
        text.may_hold(&self.leads)
    }

    /// The group compiled, once per group.
    pub(super) fn of(tables: &'static Tables, group: &Group) -> &'static Stage {
        static STAGES: Mutex<Vec<&'static Stage>> = Mutex::new(Vec::new());
        let mut stages = STAGES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = stages.iter().find(|s| s.group == *group) {
            return s;
        }
        let stage: &'static Stage = Box::leak(Box::new(Stage::new(tables, *group)));
        stages.push(stage);
        stage
    }

    /// The group's matches in `text[range]`, in order, each as its start,
    /// end and value; the text between them stays as it is. OpenCC's
    /// maximum matching: at each place the longest key, else one character
    /// (or a description sequence) as it is.
    #[inline]
    pub(super) fn for_each_match<T: Text + ?Sized, V: Veto<T>, M: Matches>(
        &self,
        text: &T,
        range: Range<usize>,
        veto: &V,
        matches: &mut M,
    ) {
        // Characters are read from the units by code point, most of them
        // once: the walk past one reads the next, the loop the one after
        // the match.
        let units = &text.units()[..range.end];
        let mut at = range.start;
        loop {
            // Runs are read from UTF-16 only: JS's text; the Document's
            // view, in UTF-8, converts a character at a time.
            if let Some(units) = T::utf16(units) {
                if M::BY_UNIT {
                    let table = &self.bmp_units;
                    at = matches.units(at, |out| {
                        out.reserve(units.len() - at);
                        let alone = |unit: u16| table[usize::from(unit)] != 0;
                        self.run_end(units, at, alone, |unit| out.push(table[usize::from(unit)]))
                    });
                } else if M::PASSES_UNMATCHED {
                    let keyless = |unit: u16| bmp_bit(&self.keyless, unit.into());
                    at = self.run_end(units, at, keyless, |_| {});
                }
            }
            let Some((code, width)) = T::code_at(units, at) else {
                break;
            };
            let next = at + width;
            // Most characters start no key of a stage of variants or
            // phrases: two bits in cache tell, before the root's table.
            if T::utf16(units).is_none()
                && code < 0x10000
                && bmp_bit(&self.keyless, code)
                && !bmp_bit(&self.inner_starts, code)
            {
                at = next;
                continue;
            }
            let Some(node) = self.root_child(code) else {
                at = unmatched_end::<T>(units, at, code, next, range.end);
                continue;
            };
            let word = self.slots[node as usize].key();
            // Most keys found are one character with no longer key on.
            if word & INNER == 0 {
                if word & VALUE_BITS != 0 {
                    matches.found(at, next, self.value(word), level(word));
                }
                at = next;
                continue;
            }
            at = match self.longest(text, units, at, code, next, node, veto) {
                Some((end, key)) => {
                    matches.found(at, end, self.value(key), level(key));
                    end
                }
                None => unmatched_end::<T>(units, at, code, next, range.end),
            };
        }
    }

    /// Where the run of characters from `at` on ends that the stage leaves
    /// alone or converts alone, each `alone` and starting no longer key
    /// (`may_start_longer`), each handed to `take` once known to belong. A
    /// tight loop of a load or two per character, most of the text: the
    /// loop of `for_each_match`, with the values the walk needs live around
    /// it, spends several times as many.
    #[inline(always)]
    fn run_end(
        &self,
        units: &[u16],
        mut at: usize,
        alone: impl Fn(u16) -> bool,
        mut take: impl FnMut(u16),
    ) -> usize {
        while let Some(&unit) = units.get(at) {
            // `alone` is false for surrogates and description characters.
            if !alone(unit)
                || bmp_bit(&self.inner_starts, unit.into()) && self.may_start_longer(units, at)
            {
                break;
            }
            take(unit);
            at += 1;
        }
        at
    }

    /// Whether a key of two characters or more may start at `at` of
    /// `units`, a BMP character that starts one, as far as filters in cache
    /// tell: of the first pairs of keys, then of the keys of two characters
    /// and the first triples of the longer ones. Most pairs that start a
    /// key start no key of the text: the trie is walked where they may.
    #[inline(always)]
    fn may_start_longer(&self, units: &[u16], at: usize) -> bool {
        let (a, Some(&b)) = (u32::from(units[at]), units.get(at + 1)) else {
            return false;
        };
        if is_surrogate(b) {
            return true;
        }
        if !self.pairs.may_contain_codes(a, b.into()) {
            return false;
        }
        self.short_starts.may_contain_codes(a, triple(b, 0))
            || units.get(at + 2).is_some_and(|&c| {
                is_surrogate(c) || self.short_starts.may_contain_codes(a, triple(b, c))
            })
    }

    fn value(&self, key: u32) -> &'static str {
        self.values[(key & VALUE_BITS) as usize - 1]
    }

    /// The earliest level's longest key at `at` that `veto` allows (it
    /// always allows one character), from the node `node` of the character
    /// there (code point `code`, ending at `next`) on along `units` (the
    /// text up to where matches may end): its end and key word. Keys come
    /// shortest first.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn longest<T: Text + ?Sized, V: Veto<T>>(
        &self,
        text: &T,
        units: &[T::Unit],
        at: usize,
        code: u32,
        next: usize,
        mut node: u32,
        veto: &V,
    ) -> Option<(usize, u32)> {
        let mut best: Option<(usize, u32)> = None;
        let mut end = next;
        loop {
            let word = self.slots[node as usize].key();
            let key = word & !NODE_FLAGS;
            if key != 0
                && best.is_none_or(|(_, b)| level(key) <= level(b))
                && (end == next || !veto.vetoes(text, at, end, word & CONSEQUENTIAL != 0))
            {
                best = Some((end, key));
            }
            if word & INNER == 0 {
                break;
            }
            let Some((next_code, width)) = T::code_at(units, end) else {
                break;
            };
            if end == next && !self.pairs.may_contain_codes(code, next_code) {
                break;
            }
            match self.child_by_code(node, next_code) {
                Some(child) => (node, end) = (child, end + width),
                None => break,
            }
        }
        best
    }

    /// The group's value for `c` alone, which must be one character.
    pub(super) fn convert_char(&self, c: char) -> char {
        let key = self
            .child(ROOT, c)
            .map_or(0, |n| self.slots[n as usize].key());
        match key & VALUE_BITS {
            0 => c,
            v => {
                let mut value = self.values[v as usize - 1].chars();
                let converted = value.next().expect("values are not empty");
                assert!(value.next().is_none(), "{c} converts to one character");
                converted
            }
        }
    }

    /// `text` converted one character at a time.
    pub(super) fn by_characters(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            let key = self
                .child(ROOT, c)
                .map_or(0, |n| self.slots[n as usize].key());
            match key & VALUE_BITS {
                0 => out.push(c),
                v => out.push_str(self.values[v as usize - 1]),
            }
        }
    }

    /// Whether a consequential key starts with `c`.
    #[inline(always)]
    pub(super) fn starts_consequential_key(&self, c: char) -> bool {
        (c as u32) >= 0x10000 || bmp_bit(&self.consequential_starts, c as u32)
    }

    /// The first two characters of the consequential keys.
    pub(super) fn consequential_pairs(&self) -> &[(char, char)] {
        &self.consequential_pair_list
    }

    /// Whether a consequential key starts the characters.
    /// Two bit tests rule out most places without touching the trie.
    #[inline(always)]
    pub(super) fn consequential_key_starts(&self, mut chars: impl Iterator<Item = char>) -> bool {
        let Some(first) = chars.next().filter(|&c| self.starts_consequential_key(c)) else {
            return false;
        };
        let Some(second) = chars.next() else {
            return false;
        };
        self.consequential_pairs.may_contain(first, second)
            && self.walk_to_consequential([first, second].into_iter().chain(chars))
    }

    fn walk_to_consequential(&self, chars: impl Iterator<Item = char>) -> bool {
        let mut node = ROOT;
        for c in chars {
            let Some(child) = self.child(node, c) else {
                return false;
            };
            let key = self.slots[child as usize].key();
            if key & CONSEQUENTIAL != 0 {
                return true;
            }
            if key & TOWARDS_CONSEQUENTIAL == 0 {
                return false;
            }
            node = child;
        }
        false
    }
}

/// A set of character pairs that may answer "maybe" for a pair not in it
/// (a bit per hash): 64 KB, small enough to stay in cache where the trie
/// does not, so most pairs no key starts with cost no trie look-up.
pub(super) struct PairFilter(Box<[u64; 1 << (PairFilter::BITS - 6)]>);

impl PairFilter {
    const BITS: u32 = 19;

    pub(super) fn new() -> PairFilter {
        PairFilter(Box::new([0; 1 << (Self::BITS - 6)]))
    }

    fn bit(a: u32, b: u32) -> usize {
        let hash = a.wrapping_mul(0x9e37_79b1) ^ b.wrapping_mul(0x85eb_ca77);
        (hash >> (32 - Self::BITS)) as usize
    }

    pub(super) fn insert(&mut self, a: char, b: char) {
        self.insert_codes(a as u32, b as u32);
    }

    pub(super) fn insert_codes(&mut self, a: u32, b: u32) {
        let i = Self::bit(a, b);
        self.0[i / 64] |= 1 << (i % 64);
    }

    #[inline(always)]
    pub(super) fn may_contain(&self, a: char, b: char) -> bool {
        self.may_contain_codes(a as u32, b as u32)
    }

    /// `may_contain` by code points.
    #[inline(always)]
    pub(super) fn may_contain_codes(&self, a: u32, b: u32) -> bool {
        let i = Self::bit(a, b);
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
}

/// A `PairFilter` of pairs of three-byte characters (most of Chinese),
/// keyed by their six UTF-8 bytes: a scan reads the key from the text with
/// one load, without decoding either character.
pub(super) struct Utf8PairFilter(PairFilter);

impl Utf8PairFilter {
    /// The first and fourth bytes' high bits, and what they are when both
    /// start three-byte characters.
    const LEADS: u64 = 0xf000_00f0;
    const THREE_BYTE_LEADS: u64 = 0xe000_00e0;

    pub(super) fn new() -> Utf8PairFilter {
        Utf8PairFilter(PairFilter::new())
    }

    /// Adds the pair if both characters are three bytes long: the filter is
    /// asked of no other pairs.
    pub(super) fn insert(&mut self, a: char, b: char) {
        if a.len_utf8() == 3 && b.len_utf8() == 3 {
            let mut bytes = [0u8; 8];
            a.encode_utf8(&mut bytes[..3]);
            b.encode_utf8(&mut bytes[3..6]);
            let key = u64::from_le_bytes(bytes);
            self.0.insert_codes(key as u32, (key >> 32) as u32);
        }
    }

    /// For eight bytes of text read little-endian, starting at a character:
    /// if two three-byte characters start them, whether that pair may be in
    /// the set.
    #[inline(always)]
    pub(super) fn may_contain(&self, window: u64) -> Option<bool> {
        (window & Self::LEADS == Self::THREE_BYTE_LEADS).then(|| {
            let key = window & 0xffff_ffff_ffff;
            self.0.may_contain_codes(key as u32, (key >> 32) as u32)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wherever a key of two characters or more starts, the filters let
    /// the trie be walked, in every stage of every configuration.
    #[test]
    fn keys_of_two_characters_or_more_start_where_the_filters_say_they_may() {
        let text = "头发后来干净了，下周到校报到。发展中国家的经济发展水平，理发店里面条很长；\
                    乾隆皇帝下乡，著名的台湾软件公司在周末发表了声明。記憶體與軟體";
        let units: Vec<u16> = text.encode_utf16().collect();
        let tables = super::super::tables();
        for config in crate::Config::ALL {
            let spec = config.spec();
            for group in spec.segmentation.iter().chain(spec.chain) {
                let stage = Stage::of(tables, group);
                for at in 0..units.len() {
                    let Some(mut node) = stage.root_child(units[at].into()) else {
                        continue;
                    };
                    let mut found = false;
                    for &unit in &units[at + 1..] {
                        match stage.child_by_code(node, unit.into()) {
                            Some(child) => node = child,
                            None => break,
                        }
                        found |= stage.slots[node as usize].key() & VALUE_BITS != 0;
                    }
                    assert!(
                        !found || stage.may_start_longer(&units, at),
                        "{config}: a key at {at} ruled out"
                    );
                }
            }
        }
    }

    #[test]
    fn rare_first_bytes_skip_to_the_next_character_of_the_set() {
        // Compatibility ideographs, as the normalization's keys, among
        // full-width punctuation (first byte 0xef too), quotes and dashes;
        // no other character here shares their first two bytes.
        let set = ['\u{f900}', '\u{fa0e}', '\u{2f800}'];
        let filter = LeadFilter::new(set);
        assert_eq!(filter.rare_from, Some(0xef));
        let text = "天氣很好，“引號”——全形！ｱ𪚥\u{f900}後ab\u{fa0e}林。\u{2f800}末";
        let bytes = text.as_bytes();
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &at in &boundaries {
            for &end in boundaries.iter().filter(|&&end| end >= at) {
                let next = text[at..end]
                    .char_indices()
                    .find(|(_, c)| set.contains(c))
                    .map_or(end, |(i, _)| at + i);
                let found = filter.skip(bytes, at, end);
                // A last byte alone is not ruled out: no pair to read.
                assert!(
                    found == next || found + 1 == end && next == end,
                    "from {at} to {end}: {found}, not {next}"
                );
            }
        }
    }

    #[test]
    fn units_hold_a_character_of_the_set_exactly_when_the_text_does() {
        // High ones (the compatibility ideographs) and, for the loop without
        // the four-unit scan, a low one.
        for set in [
            &['\u{f900}', '\u{fa0e}', '\u{2f800}'][..],
            &['发', '\u{2f800}'],
        ] {
            let filter = LeadFilter::new(set.iter().copied());
            let text = "天氣，“引號”全形！ｱ𪚥\u{f900}後ab\u{fa0e}林。\u{2f800}末发\u{2f801}";
            let chars: Vec<char> = text.chars().collect();
            for start in 0..chars.len() {
                for end in start..=chars.len() {
                    let piece: String = chars[start..end].iter().collect();
                    let units: Vec<u16> = piece.encode_utf16().collect();
                    // A superset: what shares a first unit with one of the
                    // set (U+2F801 and U+2F800 a high surrogate) may be.
                    let first_units: Vec<u16> =
                        set.iter().map(|c| c.encode_utf16(&mut [0; 2])[0]).collect();
                    let held = filter.may_hold_units(&units);
                    assert_eq!(
                        held,
                        units.iter().any(|u| first_units.contains(u)),
                        "{piece}"
                    );
                    assert!(held || !piece.chars().any(|c| set.contains(&c)), "{piece}");
                }
            }
        }
    }

    #[test]
    fn utf8_pairs_are_found_from_the_text_bytes() {
        let pairs = [
            ('头', '发'),
            ('下', '周'),
            ('後', '台'),
            ('a', '周'),
            ('𠀀', '发'),
        ];
        let mut filter = Utf8PairFilter::new();
        for &(a, b) in &pairs {
            filter.insert(a, b);
        }
        let window = |text: &str| {
            let mut bytes = [0u8; 8];
            bytes[..text.len().min(8)].copy_from_slice(&text.as_bytes()[..text.len().min(8)]);
            u64::from_le_bytes(bytes)
        };
        for text in ["头发长了", "下周到校", "後台老闆"] {
            assert_eq!(filter.may_contain(window(text)), Some(true), "{text}");
        }
        // Pairs with a character of another width are never read by bytes.
        for text in ["a周到了", "𠀀发展", "头a发", "中文"] {
            assert_eq!(
                filter.may_contain(window(text)).is_some(),
                text.chars().take(2).all(|c| c.len_utf8() == 3),
                "{text}"
            );
        }
        // Most pairs not inserted are ruled out.
        let text = "今天天气很好我们一起去公园散步然后回家吃饭";
        let chars: Vec<char> = text.chars().collect();
        let maybe = chars
            .windows(2)
            .filter(|w| {
                let pair: String = w.iter().chain(['。', '。'].iter()).collect();
                filter.may_contain(window(&pair)) == Some(true)
            })
            .count();
        assert!(
            maybe <= 1,
            "{maybe} pairs not inserted may be in the filter"
        );
    }
}
