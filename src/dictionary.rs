//! jieba's word dictionary as `build/dictionary.rs` compiled it: a
//! character-wise trie. See that file for the layout of its columns, which
//! are laid out to compress; at load they become one array of nodes, each
//! node's children, label, word, tag and a hash of its children's codes
//! side by side, as the walks read them.

/// Little-endian columns, one file each.
macro_rules! column {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/dictionary_", $name, ".bin"))
    };
}
static LABELS: Planes = Planes::of(column!("labels"));
static CHILD_OFFSETS: Planes = Planes::of(column!("child_offsets"));
static CHILD_BLOCKS: &[u8] = column!("child_blocks");
/// Nodes per entry of `CHILD_BLOCKS`.
const BLOCK: usize = 16;
/// Above this many children a node's children are searched by bisection
/// (and the search's answer kept in a `ChildCache`). Up to 16, two cache
/// lines of records, a scan beats the bisection's dependent loads: 8 cost
/// 1-2% of `segment` more, 4 more still, 32 the same as 16.
const LINEAR_SEARCH: u32 = 16;
static WORD: Planes = Planes::of(column!("word"));
static TAG: &[u8] = column!("tag");
static BMP_CODES: &[u8] = column!("bmp_codes");
static ASTRAL_CODES: &[u8] = column!("astral_codes");
static FREQS: &[u8] = column!("freqs");
static TOTAL: &[u8] = column!("total");

/// A node of the trie: its breadth-first number.
pub(crate) type Node = u32;

/// The root node.
pub(crate) const ROOT: Node = 0;

/// A character's code in the trie; 0 for a character no word has.
pub(crate) type Code = u16;

fn u16_at(bytes: &[u8], i: usize) -> u16 {
    bytes
        .get(2 * i..2 * i + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

/// A bit per hash of each two-character prefix of a word: most second steps
/// of a walk (at word boundaries, where no word goes on) stop after one load
/// instead of a search among the first character's children, which for
/// common characters number hundreds. Built at load (its random bits would
/// not compress); 64 KB, to stay in the nearer caches.
struct PairFilter {
    bits: Box<[u64; PairFilter::WORDS]>,
}

impl PairFilter {
    const WORDS: usize = 1 << 13;

    fn new(records: &[Record], characters: u32) -> Self {
        let mut filter = PairFilter {
            bits: Box::new([0; PairFilter::WORDS]),
        };
        for first in 1..characters {
            let (low, high) = children(records, first);
            for child in &records[low as usize..high as usize] {
                let bit = Self::bit(first as Code, child.label());
                filter.bits[bit / 64] |= 1 << (bit % 64);
            }
        }
        filter
    }

    #[inline]
    fn bit(first: Code, second: Code) -> usize {
        let hash = u32::from(first).wrapping_mul(0x9E37_79B1)
            ^ u32::from(second).wrapping_mul(0x85EB_CA77);
        (hash >> (32 - (64 * Self::WORDS).trailing_zeros())) as usize
    }

    #[inline]
    fn may_hold(&self, first: Code, second: Code) -> bool {
        let bit = Self::bit(first, second);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A u16 column stored as byte planes (see `build/dictionary.rs`).
struct Planes {
    low: &'static [u8],
    high: &'static [u8],
}

impl Planes {
    const fn of(bytes: &'static [u8]) -> Planes {
        let (low, high) = bytes.split_at(bytes.len() / 2);
        Planes { low, high }
    }

    #[inline]
    fn get(&self, i: usize) -> u16 {
        match (self.low.get(i), self.high.get(i)) {
            (Some(&low), Some(&high)) => u16::from_le_bytes([low, high]),
            _ => 0,
        }
    }
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(4 * i..4 * i + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The children a walk found by searching among many siblings, by parent
/// and code, in a small table where a slot's next pair overwrites it. A
/// common character has hundreds of children, and the bisection among them
/// mispredicts a branch at most steps; a text repeats its pairs, so that one
/// load answers most searches again: natively 17% fewer mispredicted
/// branches in `segment`, and the wasm call takes 5% less time on
/// Simplified text (BENCHMARKS.md, seventh round).
pub(crate) struct ChildCache {
    entries: Box<[CachedChild; 1 << ChildCache::BITS]>,
}

#[derive(Clone, Copy)]
struct CachedChild {
    parent: Node,
    code: Code,
    /// `ROOT` for none: the root is no node's child.
    child: Node,
}

impl ChildCache {
    /// 4,096 slots: four times as many are 1% faster.
    const BITS: u32 = 12;

    fn entry(&mut self, parent: Node, code: Code) -> &mut CachedChild {
        let key = parent.wrapping_mul(0x9E37_79B1) ^ u32::from(code).wrapping_mul(0x85EB_CA77);
        &mut self.entries[(key >> (32 - Self::BITS)) as usize]
    }
}

impl Default for ChildCache {
    fn default() -> Self {
        // The root's children are never looked up here.
        let empty = CachedChild {
            parent: ROOT,
            code: 0,
            child: ROOT,
        };
        ChildCache {
            entries: Box::new([empty; 1 << ChildCache::BITS]),
        }
    }
}

/// A node as a step of a walk reads it: its fields side by side in one
/// word, and its siblings beside it (from the columns, a step read five
/// places). The tag sits beside the word, so that the word a route chose
/// is tagged where the route just read it; a hash of the children's codes
/// answers most steps that find no child without reading the children,
/// whose first load was the route's most frequent cache miss.
#[derive(Clone, Copy)]
struct Record(u64);

/// A field of a [`Record`]: its lowest bit and its width.
#[derive(Debug)]
struct Field {
    shift: u32,
    bits: u32,
}

impl Record {
    /// The first child: the next record's ends this one's children.
    const FIRST_CHILD: Field = Field { shift: 0, bits: 19 };
    /// The code of the character that leads here from the parent.
    const LABEL: Field = Field {
        shift: 19,
        bits: 14,
    };
    /// The word's frequency index + 1, or 0 where no word ends.
    const WORD: Field = Field {
        shift: 33,
        bits: 13,
    };
    /// The word's POS tag.
    const TAG: Field = Field { shift: 46, bits: 7 };
    /// A bit per hash of each child's code ([`Record::child_code_bit`]):
    /// of the steps that find no child, most are from nodes of one to
    /// eight children (a word's tail), which leave most bits clear.
    const CHILD_CODES: Field = Field {
        shift: 53,
        bits: 11,
    };

    fn new(first_child: u32, label: Code, word: u16, tag: u8) -> Record {
        let field = |field: Field, value: u32| {
            assert!(value >> field.bits == 0, "the dictionary outgrew {field:?}");
            u64::from(value) << field.shift
        };
        Record(
            field(Record::FIRST_CHILD, first_child)
                | field(Record::LABEL, label.into())
                | field(Record::WORD, word.into())
                | field(Record::TAG, tag.into()),
        )
    }

    #[inline(always)]
    fn get(self, field: Field) -> u32 {
        (self.0 >> field.shift & ((1 << field.bits) - 1)) as u32
    }

    #[inline(always)]
    fn first_child(self) -> u32 {
        self.get(Record::FIRST_CHILD)
    }

    #[inline(always)]
    fn label(self) -> Code {
        self.get(Record::LABEL) as Code
    }

    #[inline(always)]
    fn word(self) -> u16 {
        self.get(Record::WORD) as u16
    }

    fn tag(self) -> u8 {
        self.get(Record::TAG) as u8
    }

    /// The bit of [`Record::CHILD_CODES`] a child coded `code` sets.
    #[inline(always)]
    fn child_code_bit(code: Code) -> u64 {
        let hash = u32::from(code).wrapping_mul(0x9E37_79B1) >> 16;
        1 << (Record::CHILD_CODES.shift + ((hash * Record::CHILD_CODES.bits) >> 16))
    }

    /// Whether the node may have a child coded `code`.
    #[inline(always)]
    fn may_have_child(self, code: Code) -> bool {
        self.0 & Record::child_code_bit(code) != 0
    }
}

/// The record of `node` among `records` and the next one, whose first
/// child ends `node`'s children.
#[inline(always)]
fn with_next(records: &[Record], node: Node) -> Option<(Record, Record)> {
    match records.get(node as usize..node as usize + 2) {
        Some(&[this, next]) => Some((this, next)),
        _ => None,
    }
}

/// The children of `node` among `records`, as a range of nodes.
#[inline]
fn children(records: &[Record], node: Node) -> (u32, u32) {
    with_next(records, node).map_or((0, 0), |(this, next)| {
        (this.first_child(), next.first_child())
    })
}

/// The compiled dictionary's trie.
pub(crate) struct Dictionary {
    /// One per node, and one more whose `first_child` ends the last node's.
    records: Box<[Record]>,
    /// The root's children are the nodes `1..characters`, each numbered by
    /// its code.
    characters: u32,
    pairs: PairFilter,
}

impl Dictionary {
    pub(crate) fn new() -> Self {
        let first_child =
            |node: usize| u32_at(CHILD_BLOCKS, node / BLOCK) + u32::from(CHILD_OFFSETS.get(node));
        let tag = |node: usize| TAG.get(node).copied().unwrap_or(0);
        let mut records: Box<[Record]> = (0..=LABELS.low.len())
            .map(|node| {
                Record::new(
                    first_child(node),
                    LABELS.get(node),
                    WORD.get(node),
                    tag(node),
                )
            })
            .collect();
        for node in 0..records.len() {
            let (low, high) = children(&records, node as Node);
            let codes = records[low as usize..high as usize]
                .iter()
                .fold(0, |codes, child| {
                    codes | Record::child_code_bit(child.label())
                });
            records[node].0 |= codes;
        }
        let characters = records[1].first_child();
        Dictionary {
            pairs: PairFilter::new(&records, characters),
            records,
            characters,
        }
    }

    /// The trie code of `c`.
    #[inline]
    pub(crate) fn code(&self, c: char) -> Code {
        let c = c as u32;
        if c < 0x10000 {
            return u16_at(BMP_CODES, c as usize);
        }
        let pairs = ASTRAL_CODES.len() / 8;
        let (mut low, mut high) = (0, pairs);
        while low < high {
            let mid = (low + high) / 2;
            match u32_at(ASTRAL_CODES, 2 * mid).cmp(&c) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return u32_at(ASTRAL_CODES, 2 * mid + 1) as Code,
            }
        }
        0
    }

    /// The child of `node` along the character coded `code`.
    #[inline]
    pub(crate) fn child(&self, node: Node, code: Code) -> Option<Node> {
        self.child_in(node, code, None)
    }

    /// [`Dictionary::child`], with `cache` answering again for children that
    /// took a search among many.
    #[inline]
    pub(crate) fn child_cached(
        &self,
        node: Node,
        code: Code,
        cache: &mut ChildCache,
    ) -> Option<Node> {
        self.child_in(node, code, Some(cache))
    }

    #[inline(always)]
    fn child_in(&self, node: Node, code: Code, cache: Option<&mut ChildCache>) -> Option<Node> {
        if code == 0 {
            return None;
        }
        if node == ROOT {
            // The root's children are nodes 1…R, coded 1…R.
            let code = u32::from(code);
            return (code < self.characters).then_some(code);
        }
        let (this, next) = with_next(&self.records, node)?;
        // The node's own record, which the step that found it has just
        // read, rules out most codes of no child; for a common character,
        // whose hundreds of children set every bit, the pair filter does
        // (a child of the root is numbered as its character is coded).
        if !this.may_have_child(code)
            || node < self.characters && !self.pairs.may_hold(node as Code, code)
        {
            return None;
        }
        let (low, high) = (this.first_child(), next.first_child());
        match cache {
            Some(cache) if high - low > LINEAR_SEARCH => {
                let entry = cache.entry(node, code);
                if (entry.parent, entry.code) != (node, code) {
                    *entry = CachedChild {
                        parent: node,
                        code,
                        child: self.search_children(low, high, code).unwrap_or(ROOT),
                    };
                }
                (entry.child != ROOT).then_some(entry.child)
            }
            _ => self.search_children(low, high, code),
        }
    }

    /// The child among nodes `low..high` (a node's children) labelled `code`.
    #[inline]
    fn search_children(&self, mut low: u32, mut high: u32, code: Code) -> Option<Node> {
        let label = |node: u32| self.records.get(node as usize).map_or(0, |r| r.label());
        while high - low > LINEAR_SEARCH {
            let middle = (low + high) / 2;
            if label(middle) <= code {
                low = middle;
            } else {
                high = middle;
            }
        }
        (low..high).find(|&child| label(child) == code)
    }

    /// The frequency index of the word that ends at `node`, if one does.
    #[inline]
    pub(crate) fn word(&self, node: Node) -> Option<u16> {
        self.records.get(node as usize)?.word().checked_sub(1)
    }

    /// The POS tag index of the word that ends at `node`.
    pub(crate) fn tag(&self, node: Node) -> u8 {
        self.records.get(node as usize).map_or(0, |r| r.tag())
    }

    /// The node of `word`, if it is a word of the dictionary.
    pub(crate) fn find(&self, word: &str) -> Option<Node> {
        let mut node = ROOT;
        for c in word.chars() {
            node = self.child(node, self.code(c))?;
        }
        self.word(node).is_some().then_some(node)
    }

    /// The distinct frequencies that words' frequency indexes point into.
    pub(crate) fn frequencies(&self) -> impl ExactSizeIterator<Item = u32> {
        (0..FREQS.len() / 4).map(|i| u32_at(FREQS, i))
    }

    /// The frequency at index `index`.
    pub(crate) fn frequency(&self, index: u16) -> u32 {
        u32_at(FREQS, usize::from(index))
    }

    /// The sum of all words' frequencies.
    pub(crate) fn total(&self) -> u64 {
        u64::from_le_bytes(TOTAL.try_into().expect("build.rs writes a u64"))
    }
}

/// Reads LEB128 varints and byte runs from the compiled data, which
/// `build.rs` wrote and the build checks, so truncation is a build bug.
pub(crate) struct Reader<'d> {
    data: &'d [u8],
}

impl<'d> Reader<'d> {
    pub(crate) fn new(data: &'d [u8]) -> Self {
        Reader { data }
    }

    pub(crate) fn varint(&mut self) -> usize {
        let mut value = 0usize;
        let mut shift = 0;
        loop {
            let byte = self.data[0];
            self.data = &self.data[1..];
            value |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    pub(crate) fn bytes(&mut self, len: usize) -> &'d [u8] {
        let (head, rest) = self.data.split_at(len);
        self.data = rest;
        head
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_only_words() {
        let dictionary = Dictionary::new();
        let node = dictionary.find("中国").expect("中国 is a word");
        assert_eq!(crate::Pos(dictionary.tag(node)).as_str(), "ns");
        assert!(dictionary.find("中华人民共和国").is_some());
        assert!(dictionary.find("中华人民共").is_none(), "a prefix only");
        assert!(dictionary.find("\u{e000}").is_none());
        assert!(dictionary.find("").is_none(), "the root is no word");
    }

    #[test]
    fn cached_children_are_the_children() {
        // Far more pairs than slots, asked twice: every answer, found or
        // not, must be the search's, whatever a slot held before.
        let dictionary = Dictionary::new();
        let mut cache = ChildCache::default();
        let codes: Vec<Code> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
            .chars()
            .map(|c| dictionary.code(c))
            .collect();
        let parents: Vec<Node> = (1..4000)
            .filter(|&node| {
                let (low, high) = children(&dictionary.records, node);
                high - low > LINEAR_SEARCH
            })
            .collect();
        assert!(parents.len() > 500, "many characters have many children");
        for _ in 0..2 {
            for &parent in &parents {
                for &code in &codes {
                    assert_eq!(
                        dictionary.child_cached(parent, code, &mut cache),
                        dictionary.child(parent, code),
                        "{parent} {code}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_node_is_the_child_its_parent_finds() {
        // Every edge of the trie, the root's and the pair filter's included.
        let dictionary = Dictionary::new();
        let mut cache = ChildCache::default();
        for parent in 0..dictionary.records.len() as u32 - 1 {
            let (low, high) = children(&dictionary.records, parent);
            for child in low..high {
                let label = dictionary.records[child as usize].label();
                assert_eq!(
                    dictionary.child(parent, label),
                    Some(child),
                    "{parent} {label}"
                );
                assert_eq!(
                    dictionary.child_cached(parent, label, &mut cache),
                    Some(child),
                    "{parent} {label}"
                );
            }
        }
    }

    #[test]
    fn frequencies_and_total_are_jiebas() {
        let dictionary = Dictionary::new();
        assert!(dictionary.frequencies().len() > 1000);
        assert!(dictionary.total() > 60_000_000);
    }
}
