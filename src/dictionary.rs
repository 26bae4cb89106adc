//! jieba's word dictionary as `build/dictionary.rs` compiled it: a
//! character-wise trie, read where it lies in the binary's data (nothing is
//! built per word at load). See that file for the layout.

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
/// Above this many children a node's children are searched by bisection.
const LINEAR_SEARCH: u32 = 8;
static WORD: Planes = Planes::of(column!("word"));
static TAG: &[u8] = column!("tag");
static PAIRS: &[u8] = column!("pairs");
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

/// The prefix filter's bit for the characters coded `first`, `second`; the
/// same function as `build/dictionary.rs`'s `pair_bit`.
fn pair_bit(first: Code, second: Code) -> usize {
    let bits = PAIRS.len() * 8;
    let hash =
        u32::from(first).wrapping_mul(0x9E37_79B1) ^ u32::from(second).wrapping_mul(0x85EB_CA77);
    (hash >> (32 - bits.trailing_zeros())) as usize
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

/// The compiled dictionary (a handle on static data).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Dictionary;

impl Dictionary {
    /// The trie code of `c`.
    #[inline]
    pub(crate) fn code(self, c: char) -> Code {
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

    /// The first child of `node` (of `node + 1` ends `node`'s children).
    #[inline]
    fn first_child(self, node: Node) -> u32 {
        let node = node as usize;
        u32_at(CHILD_BLOCKS, node / BLOCK) + u32::from(CHILD_OFFSETS.get(node))
    }

    /// The child of `node` along the character coded `code`.
    #[inline]
    pub(crate) fn child(self, node: Node, code: Code) -> Option<Node> {
        self.child_in(node, code, None)
    }

    /// [`Dictionary::child`], with `cache` answering again for children that
    /// took a search among many.
    #[inline]
    pub(crate) fn child_cached(
        self,
        node: Node,
        code: Code,
        cache: &mut ChildCache,
    ) -> Option<Node> {
        self.child_in(node, code, Some(cache))
    }

    #[inline(always)]
    fn child_in(self, node: Node, code: Code, cache: Option<&mut ChildCache>) -> Option<Node> {
        if code == 0 {
            return None;
        }
        if node == ROOT {
            // The root's children are nodes 1…R, coded 1…R.
            let code = u32::from(code);
            return (code < self.first_child(1)).then_some(code);
        }
        if node < self.first_child(1) {
            // A child of the root, numbered as its character is coded.
            let bit = pair_bit(node as Code, code);
            if PAIRS
                .get(bit / 8)
                .is_none_or(|byte| byte & (1 << (bit % 8)) == 0)
            {
                return None;
            }
        }
        let (low, high) = (self.first_child(node), self.first_child(node + 1));
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
    fn search_children(self, mut low: u32, mut high: u32, code: Code) -> Option<Node> {
        while high - low > LINEAR_SEARCH {
            let middle = (low + high) / 2;
            if LABELS.get(middle as usize) <= code {
                low = middle;
            } else {
                high = middle;
            }
        }
        let [code_low, code_high] = code.to_le_bytes();
        (low..high).find(|&child| {
            let child = child as usize;
            LABELS.low.get(child) == Some(&code_low) && LABELS.high.get(child) == Some(&code_high)
        })
    }

    /// The frequency index of the word that ends at `node`, if one does.
    #[inline]
    pub(crate) fn word(self, node: Node) -> Option<u16> {
        WORD.get(node as usize).checked_sub(1)
    }

    /// The POS tag index of the word that ends at `node`.
    pub(crate) fn tag(self, node: Node) -> u8 {
        TAG.get(node as usize).copied().unwrap_or(0)
    }

    /// The node of `word`, if it is a word of the dictionary.
    pub(crate) fn find(self, word: &str) -> Option<Node> {
        let mut node = ROOT;
        for c in word.chars() {
            node = self.child(node, self.code(c))?;
        }
        self.word(node).is_some().then_some(node)
    }

    /// The distinct frequencies that words' frequency indexes point into.
    pub(crate) fn frequencies(self) -> impl ExactSizeIterator<Item = u32> {
        (0..FREQS.len() / 4).map(|i| u32_at(FREQS, i))
    }

    /// The frequency at index `index`.
    pub(crate) fn frequency(self, index: u16) -> u32 {
        u32_at(FREQS, usize::from(index))
    }

    /// The sum of all words' frequencies.
    pub(crate) fn total(self) -> u64 {
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
        let dictionary = Dictionary;
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
        let dictionary = Dictionary;
        let mut cache = ChildCache::default();
        let codes: Vec<Code> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
            .chars()
            .map(|c| dictionary.code(c))
            .collect();
        let parents: Vec<Node> = (1..4000)
            .filter(|&node| {
                dictionary.first_child(node + 1) - dictionary.first_child(node) > LINEAR_SEARCH
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
    fn frequencies_and_total_are_jiebas() {
        let dictionary = Dictionary;
        assert!(dictionary.frequencies().len() > 1000);
        assert!(dictionary.total() > 60_000_000);
    }
}
