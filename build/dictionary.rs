//! Compiles jieba's word dictionary (with the lexicon's hand-written names
//! added the way jieba-rs adds words) into the columns of a character-wise
//! trie, which `src/dictionary.rs` lays out for its walks at load, and
//! jieba's character HMM into the tables `src/segment/hmm.rs` reads.
//!
//! The trie's nodes are numbered breadth first, each node's children
//! consecutive and sorted by character code, and described by columns of
//! little-endian integers, indexed by node:
//! - `labels` (u16): the code of the character that leads into the node.
//! - `child_offsets` (u16) and `child_blocks` (u32, one per 16 nodes): the
//!   node's first child is `child_blocks[node / 16] + child_offsets[node]`,
//!   and the next node's first child ends its children.
//! - `word` (u16): for a node that ends a word, 1 + the index of its
//!   frequency in the frequency table; 0 otherwise.
//! - `tag` (u8): the word's POS tag index.
//!
//! Character codes are dense (1…), first characters of words first, so the
//! root's children are nodes 1…R with codes 1…R: the first step of every
//! walk is an index. These columns compress to less than half of a double
//! array's (whose bases look random to gzip); the reader pays for that once
//! at load, not per step. The u16 columns are
//! stored as two byte planes (low bytes, then high bytes), which gzip
//! compresses a sixth better than interleaved bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

/// The lexicon lists whose names the segmenter keeps whole, with their tag,
/// in the order `Lexicon::words_to_segment` gives them (its first three lists).
const LEXICON_LISTS: &[(&str, &str)] = &[
    ("data/lexicon/orgs.txt", "nt"),
    ("data/lexicon/people.txt", "nr"),
    ("data/lexicon/places.txt", "ns"),
];

pub struct Entry {
    pub word: String,
    pub freq: u64,
    pub tag: String,
}

/// Entries sorted by word, duplicates merged the way jieba-rs's `load_dict`
/// merges them (first tag, last frequency), then the lexicon's names that
/// the dictionary lacks, each with the frequency jieba-rs's `add_word`
/// suggests for it given the words before it: exactly the dictionary that
/// jieba-rs holds after `Analyzer::new` used to add them at load time.
pub fn compile(dict: &str, manifest_dir: &Path) -> Vec<Entry> {
    let mut merged: BTreeMap<&str, (u64, &str)> = BTreeMap::new();
    for line in dict.lines() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = fields.next().map_or(0, |f| f.parse().expect("frequency"));
        let tag = fields.next().unwrap_or("");
        merged
            .entry(word)
            .and_modify(|e| e.0 = freq)
            .or_insert((freq, tag));
    }
    let mut jieba = jieba_rs::Jieba::with_dict(&mut dict.as_bytes()).expect("jieba's dict.txt");
    let mut added: BTreeMap<String, (u64, &str)> = BTreeMap::new();
    for &(list, tag) in LEXICON_LISTS {
        let path = manifest_dir.join(list);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("lexicon list");
        for name in text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|name| !name.is_empty())
        {
            if !jieba.has_word(name) {
                let freq = jieba.add_word(name, None, Some(tag));
                added.insert(name.to_string(), (freq as u64, tag));
            }
        }
    }
    merged
        .into_iter()
        .map(|(w, (freq, tag))| (w.to_string(), (freq, tag)))
        .chain(added)
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .map(|(word, (freq, tag))| Entry {
            word,
            freq,
            tag: tag.to_string(),
        })
        .collect()
}

/// Nodes per entry of `child_blocks`.
const BLOCK: usize = 16;

/// The compiled trie's columns and tables, each written to its own file.
pub struct Compiled {
    pub labels: Vec<u8>,
    pub child_offsets: Vec<u8>,
    pub child_blocks: Vec<u8>,
    pub word: Vec<u8>,
    pub tag: Vec<u8>,
    /// `[u16; 0x10000]`: the code of each BMP character, 0 for none.
    pub bmp_codes: Vec<u8>,
    /// Characters beyond the BMP, sorted, as (u32 char, u32 code) pairs.
    pub astral_codes: Vec<u8>,
    /// Distinct frequencies, ascending, as u32.
    pub freqs: Vec<u8>,
    /// The dictionary's total count, as u64.
    pub total: Vec<u8>,
}

/// Lays the words out as a trie; `tag_index` numbers the tags.
pub fn encode(entries: &[Entry], tag_index: impl Fn(&str) -> u8) -> Compiled {
    let mut use_count: HashMap<char, (bool, usize)> = HashMap::new();
    for e in entries {
        for (i, c) in e.word.chars().enumerate() {
            let slot = use_count.entry(c).or_default();
            slot.0 |= i == 0;
            slot.1 += 1;
        }
    }
    // First characters first (the root's children stay one dense run), the
    // commonest first within each group.
    let mut chars: Vec<(char, (bool, usize))> = use_count.into_iter().collect();
    chars.sort_by_key(|&(c, (first, count))| (!first, std::cmp::Reverse(count), c));
    let code: HashMap<char, u32> = chars
        .iter()
        .enumerate()
        .map(|(i, &(c, _))| (c, i as u32 + 1))
        .collect();
    assert!(
        code.len() < usize::from(u16::MAX),
        "character codes are u16"
    );

    let freqs: Vec<u64> = entries
        .iter()
        .map(|e| e.freq)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        freqs.len() < usize::from(u16::MAX),
        "frequency indexes are u16"
    );
    assert!(freqs.last().is_none_or(|&f| f <= u64::from(u32::MAX)));

    // The trie as nested maps of child codes, then numbered breadth first.
    #[derive(Default)]
    struct Node {
        children: BTreeMap<u32, usize>,
        word: Option<usize>,
    }
    let mut nodes = vec![Node::default()];
    for (index, e) in entries.iter().enumerate() {
        let mut node = 0;
        for c in e.word.chars() {
            let next = nodes.len();
            node = *nodes[node].children.entry(code[&c]).or_insert(next);
            if node == next {
                nodes.push(Node::default());
            }
        }
        nodes[node].word = Some(index);
    }
    let mut order = Vec::with_capacity(nodes.len());
    let mut labels = Vec::with_capacity(nodes.len());
    let mut queue = VecDeque::from([(0usize, 0u32)]);
    while let Some((node, label)) = queue.pop_front() {
        order.push(node);
        labels.push(label);
        queue.extend(nodes[node].children.iter().map(|(&c, &child)| (child, c)));
    }
    let first_characters = nodes[0].children.len();
    assert!(
        nodes[0]
            .children
            .keys()
            .copied()
            .eq(1..=first_characters as u32),
        "the root's children are coded 1…R"
    );
    // first_child[i] for every node and one past the last.
    let mut first_child = Vec::with_capacity(order.len() + 1);
    let mut next = 1usize;
    for &node in &order {
        first_child.push(next);
        next += nodes[node].children.len();
    }
    first_child.push(next);
    let child_blocks: Vec<u32> = first_child
        .iter()
        .step_by(BLOCK)
        .map(|&f| f as u32)
        .collect();
    let child_offsets = first_child.iter().enumerate().map(|(i, &f)| {
        u16::try_from(f - child_blocks[i / BLOCK] as usize).expect("a block's children fit a u16")
    });
    let word = order.iter().map(|&node| {
        nodes[node].word.map_or(0, |index| {
            freqs.binary_search(&entries[index].freq).unwrap() as u16 + 1
        })
    });
    let tag = order
        .iter()
        .map(|&node| {
            nodes[node]
                .word
                .map_or(0, |index| tag_index(&entries[index].tag))
        })
        .collect();

    let mut bmp_codes = vec![0u8; 2 * 0x10000];
    let mut astral: Vec<(u32, u32)> = Vec::new();
    for (&c, &k) in &code {
        if (c as u32) < 0x10000 {
            bmp_codes[2 * c as usize..][..2].copy_from_slice(&(k as u16).to_le_bytes());
        } else {
            astral.push((c as u32, k));
        }
    }
    astral.sort();
    Compiled {
        labels: byte_planes(labels.into_iter().map(|c| c as u16)),
        child_offsets: byte_planes(child_offsets),
        child_blocks: le_bytes(child_blocks.into_iter()),
        word: byte_planes(word),
        tag,
        bmp_codes,
        astral_codes: le_bytes(astral.into_iter().flat_map(|(c, k)| [c, k])),
        freqs: le_bytes(freqs.iter().map(|&f| f as u32)),
        total: entries
            .iter()
            .map(|e| e.freq)
            .sum::<u64>()
            .to_le_bytes()
            .to_vec(),
    }
}

trait LeBytes: Copy {
    fn extend_le(self, out: &mut Vec<u8>);
}
impl LeBytes for u16 {
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl LeBytes for u32 {
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl LeBytes for u64 {
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

/// u16 values as their low bytes, then their high bytes.
fn byte_planes(values: impl Iterator<Item = u16>) -> Vec<u8> {
    let (low, high): (Vec<u8>, Vec<u8>) = values.map(|v| (v as u8, (v >> 8) as u8)).unzip();
    [low, high].concat()
}

fn le_bytes<T: LeBytes>(values: impl Iterator<Item = T>) -> Vec<u8> {
    let mut out = Vec::new();
    values.for_each(|v| v.extend_le(&mut out));
    out
}

/// jieba's character HMM (jieba-macros's `hmm.model`, MIT): start and
/// transition log-probabilities (B, E, M, S), then per character of
/// U+4E00…U+9FD5 an index (u16, `u16::MAX` for none) into rows of four
/// emission log-probabilities. All f64, bit for bit as jieba-rs parses them.
pub fn encode_hmm(model: &str) -> Vec<u8> {
    const MIN_FLOAT: f64 = -3.14e100;
    const FIRST: u32 = 0x4E00;
    const LAST: u32 = 0x9FD5;
    let mut lines = model.lines().skip_while(|l| l.starts_with('#'));
    let parse = |line: &str| -> Vec<f64> {
        line.split_whitespace()
            .map(|v| v.parse().expect("hmm probability"))
            .collect()
    };
    let start = parse(lines.next().expect("hmm start probabilities"));
    let transitions: Vec<f64> = lines
        .by_ref()
        .skip_while(|l| l.starts_with('#'))
        .take_while(|l| !l.starts_with('#'))
        .flat_map(parse)
        .collect();
    assert_eq!(
        (start.len(), transitions.len()),
        (4, 16),
        "hmm.model layout"
    );
    let mut emit: BTreeMap<char, [f64; 4]> = BTreeMap::new();
    for (state, line) in lines.filter(|l| !l.starts_with('#')).enumerate() {
        for pair in line.split(',') {
            let (c, p) = pair.split_once(':').expect("char:prob");
            let c = c.chars().next().expect("emission character");
            emit.entry(c).or_insert([MIN_FLOAT; 4])[state] = p.parse().expect("hmm probability");
        }
    }
    let rows: Vec<[f64; 4]> = emit
        .iter()
        .filter(|(c, _)| (FIRST..=LAST).contains(&(**c as u32)))
        .map(|(_, row)| *row)
        .collect();
    let mut index = vec![u16::MAX; (LAST - FIRST + 1) as usize];
    for (row, (c, _)) in emit
        .iter()
        .filter(|(c, _)| (FIRST..=LAST).contains(&(**c as u32)))
        .enumerate()
    {
        index[(*c as u32 - FIRST) as usize] = row as u16;
    }
    let mut out = le_bytes(start.into_iter().chain(transitions).map(f64::to_bits));
    out.extend(le_bytes(index.into_iter()));
    out.extend(le_bytes(rows.into_iter().flatten().map(f64::to_bits)));
    out
}
