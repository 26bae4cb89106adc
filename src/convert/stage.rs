//! A dictionary group compiled for speed: most characters of a text start no
//! key of the group, or start only keys of one character, or start longer
//! keys none of which the text's next character continues. Those are decided
//! by one table look-up (and one hash probe for the pair); only the rest go
//! through the group's dictionaries one by one (`Tables::matches`), so the
//! result is the group's exactly.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use super::{Group, Guard, Index, Tables, decode, pair_key, unmatched_end};

/// What a group does with a character of the Basic Multilingual Plane.
#[derive(Clone, Copy)]
struct Single {
    /// The group's value for the character alone, if it has one.
    value: Option<&'static str>,
    /// Whether keys of two or more characters start with it.
    multi: bool,
}

pub(super) struct Stage {
    group: Group,
    /// By BMP code point: 0 when no key starts with it, else 1 + an index
    /// into `singles`.
    bmp: Vec<u32>,
    singles: Vec<Single>,
    /// The first two characters of every key of two or more characters.
    pairs: Index,
    /// By a character's first two UTF-8 bytes, a bit: whether it may start
    /// a key (or a description sequence). Skips most unchanged text without
    /// decoding it.
    leads: Vec<u64>,
    /// When only the group's first member has keys of two or more
    /// characters, and it is one dictionary or a union of dictionaries, the
    /// group's match at a pair is simply its longest such key there (the
    /// first dictionary's value on ties), or else the character's value:
    /// these keys, with that value.
    flat: Option<HashMap<&'static str, &'static str, BuildHasherDefault<Fnv>>>,
}

/// The dictionaries of `group` if it is one or a union of them.
fn union_of_dicts(group: &Group) -> Option<Vec<usize>> {
    match group {
        Group::Dict(d) => Some(vec![*d]),
        Group::Union(members) => members
            .iter()
            .map(|g| match g {
                Group::Dict(d) => Some(*d),
                _ => None,
            })
            .collect(),
        Group::ShortCircuit(_) => None,
    }
}

fn set_lead(leads: &mut [u64], c: char) {
    let mut buf = [0u8; 4];
    let bytes = c.encode_utf8(&mut buf).as_bytes();
    let seconds = if bytes.len() == 1 {
        0..=255
    } else {
        bytes[1]..=bytes[1]
    };
    for b in seconds {
        let i = (bytes[0] as usize) << 8 | b as usize;
        leads[i / 64] |= 1 << (i % 64);
    }
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

fn is_description(c: char) -> bool {
    ('\u{2ff0}'..='\u{2fff}').contains(&c)
}

impl Stage {
    fn new(tables: &'static Tables, group: Group) -> Stage {
        let mut ds = Vec::new();
        dicts(&group, &mut ds);
        let mut bmp = vec![0u32; 0x10000];
        let mut singles: Vec<Single> = Vec::new();
        let mut pairs = Vec::new();
        let mut leads = vec![0u64; 0x10000 / 64];
        for c in '\u{2ff0}'..='\u{2fff}' {
            set_lead(&mut leads, c);
        }
        let bytes = tables.text.as_bytes();
        for d in ds {
            for &(s, m, _) in &tables.dicts[d].entries {
                let key = &tables.text[s as usize..m as usize];
                let a = decode(&bytes[s as usize..]);
                let second = key[a.len_utf8()..].chars().next();
                set_lead(&mut leads, a);
                if let Some(b) = second {
                    pairs.push((pair_key(a, b), key.chars().count() as u32));
                }
                if (a as u32) < 0x10000 {
                    let slot = &mut bmp[a as usize];
                    if *slot == 0 {
                        let mut buf = [0u8; 4];
                        let alone: &str = a.encode_utf8(&mut buf);
                        let value = tables
                            .matches(&group, alone, 0, alone.len(), None)
                            .map(|(_, v)| v);
                        singles.push(Single {
                            value,
                            multi: false,
                        });
                        *slot = singles.len() as u32;
                    }
                    if second.is_some() {
                        singles[*slot as usize - 1].multi = true;
                    }
                }
            }
        }
        pairs.sort_unstable();
        let mut index = Index::default();
        for (i, &(p, chars)) in pairs.iter().enumerate() {
            index.extend(p, i as u32, chars);
        }
        index.build_slots();
        let has_multi = |g: &Group| {
            let mut ds = Vec::new();
            dicts(g, &mut ds);
            ds.iter().any(|&d| !tables.dicts[d].pairs.keys.is_empty())
        };
        let (head, rest): (&Group, &[Group]) = match &group {
            Group::ShortCircuit([head, rest @ ..]) => (head, rest),
            other => (other, &[]),
        };
        let flat = union_of_dicts(head)
            .filter(|_| !rest.iter().any(has_multi))
            .map(|ds| {
                let mut keys = HashMap::default();
                for d in ds {
                    for &(s, m, e) in &tables.dicts[d].entries {
                        let key = &tables.text[s as usize..m as usize];
                        if key.chars().nth(1).is_some() {
                            keys.entry(key)
                                .or_insert(&tables.text[m as usize..e as usize]);
                        }
                    }
                }
                keys
            });
        Stage {
            flat,
            group,
            bmp,
            singles,
            pairs: index,
            leads,
        }
    }

    /// The first character boundary from `at` on, before `end`, where a key
    /// may start; `end` if none.
    #[inline]
    pub(super) fn skip(&self, bytes: &[u8], mut at: usize, end: usize) -> usize {
        while at + 1 < end {
            let (b0, b1) = (bytes[at], bytes[at + 1]);
            let i = (b0 as usize) << 8 | b1 as usize;
            if self.leads[i / 64] >> (i % 64) & 1 == 1 {
                return at;
            }
            at += match b0 {
                0..0x80 => 1,
                0xc0..0xe0 => 2,
                0xe0..0xf0 => 3,
                _ => 4,
            };
        }
        at.min(end)
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

    /// The group's match at `at`, ending by `limit`: its end and value, or
    /// `None` for the value when nothing matches and the text up to the end
    /// stays as it is (one character, or a description sequence).
    #[inline]
    pub(super) fn step(
        &self,
        tables: &Tables,
        text: &str,
        at: usize,
        limit: usize,
        guard: Option<&Guard>,
    ) -> (usize, Option<&'static str>) {
        let bytes = text.as_bytes();
        let c = decode(&bytes[at..]);
        let next = at + c.len_utf8();
        if (c as u32) < 0x10000 {
            let i = self.bmp[c as usize];
            if i == 0 {
                return (unmatched(text, c, at, next, limit), None);
            }
            let single = self.singles[i as usize - 1];
            let longest = if single.multi && next < limit {
                self.pairs
                    .get(pair_key(c, decode(&bytes[next..])))
                    .map_or(0, |(_, _, chars)| chars as usize)
            } else {
                0
            };
            if let (Some(keys), 1..=32) = (&self.flat, longest) {
                let mut ends = [0usize; 32];
                let mut n = 0;
                let mut end = at;
                for c in text[at..limit].chars().take(longest.min(ends.len())) {
                    end += c.len_utf8();
                    ends[n] = end;
                    n += 1;
                }
                for &end in ends[1..n].iter().rev() {
                    if let Some(&v) = keys.get(&text[at..end]) {
                        if guard.is_none_or(|g| !g.crosses(text, at, end)) {
                            return (end, Some(v));
                        }
                    }
                }
            }
            if longest == 0 || self.flat.is_some() && longest <= 32 {
                return match single.value {
                    Some(v) => (next, Some(v)),
                    None => (unmatched(text, c, at, next, limit), None),
                };
            }
        }
        match tables.matches(&self.group, text, at, limit, guard) {
            Some((end, v)) => (end, Some(v)),
            None => (unmatched(text, c, at, next, limit), None),
        }
    }
}

#[inline]
fn unmatched(text: &str, c: char, at: usize, next: usize, limit: usize) -> usize {
    if is_description(c) {
        unmatched_end(text, at, limit)
    } else {
        next
    }
}

impl Stage {
    /// The group's value for `c` alone, if it has one.
    fn char_value(&self, tables: &Tables, c: char) -> Option<&'static str> {
        if (c as u32) < 0x10000 {
            let i = self.bmp[c as usize];
            return (i != 0)
                .then(|| self.singles[i as usize - 1].value)
                .flatten();
        }
        let mut buf = [0u8; 4];
        let alone: &str = c.encode_utf8(&mut buf);
        tables
            .matches(&self.group, alone, 0, alone.len(), None)
            .map(|(_, v)| v)
    }

    /// `text` converted one character at a time.
    pub(super) fn by_characters(&self, tables: &Tables, text: &str, out: &mut String) {
        for c in text.chars() {
            match self.char_value(tables, c) {
                Some(v) => out.push_str(v),
                None => out.push(c),
            }
        }
    }
}

/// The keys of two or more characters whose value differs from their
/// characters' values one by one (`头发` → `頭髮`, not `頭發`), with a
/// pair index of their first two characters to find them quickly: where
/// none is in a text, every way of cutting it into phrases converts it alike.
pub(super) struct Consequential {
    pub(super) stage: &'static Stage,
    pub(super) pairs: Index,
    keys: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    /// The longest key, in characters.
    longest: usize,
    /// Whether a key starts with a BMP character, a bit per code point.
    firsts: Vec<u64>,
}

/// FNV-1a: short keys, hashed often.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl Consequential {
    /// For `stage`'s group and the other groups in `also`, whose keys are
    /// converted by `stage` character by character.
    pub(super) fn new(tables: &'static Tables, stage: &'static Stage, also: &[Group]) -> Self {
        let mut ds = Vec::new();
        dicts(&stage.group, &mut ds);
        for g in also {
            dicts(g, &mut ds);
        }
        let mut pairs = Vec::new();
        let (mut keys, mut longest) = (HashSet::default(), 0);
        let mut firsts = vec![0u64; 0x10000 / 64];
        let mut by_chars = String::new();
        for d in ds {
            for &(s, m, e) in &tables.dicts[d].entries {
                let key = &tables.text[s as usize..m as usize];
                let mut chars = key.chars();
                let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
                    continue;
                };
                by_chars.clear();
                stage.by_characters(tables, key, &mut by_chars);
                if by_chars != tables.text[m as usize..e as usize] {
                    pairs.push(pair_key(a, b));
                    keys.insert(key);
                    if (a as u32) < 0x10000 {
                        firsts[a as usize / 64] |= 1 << (a as u32 % 64);
                    }
                    longest = longest.max(key.chars().count());
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut index = Index::default();
        for (i, &p) in pairs.iter().enumerate() {
            index.extend(p, i as u32, 0);
        }
        index.build_slots();
        Consequential {
            stage,
            pairs: index,
            keys,
            longest,
            firsts,
        }
    }

    /// Whether a consequential key is somewhere in `text`.
    pub(super) fn any_in(&self, text: &str) -> bool {
        let mut chars = text.char_indices();
        let Some((mut at, mut a)) = chars.next() else {
            return false;
        };
        for (i, b) in chars {
            let first =
                (a as u32) >= 0x10000 || self.firsts[a as usize / 64] >> (a as u32 % 64) & 1 == 1;
            if first && self.pairs.get(pair_key(a, b)).is_some() {
                let mut end = at;
                for c in text[at..].chars().take(self.longest) {
                    end += c.len_utf8();
                    if self.keys.contains(&text[at..end]) {
                        return true;
                    }
                }
            }
            (at, a) = (i, b);
        }
        false
    }
}
