//! jieba's word dictionary, compiled by `build.rs` into a compact columnar
//! form (front-coded words, frequencies, tags) that is small enough to ship
//! inside the WebAssembly module.

use jieba_rs::Jieba;

use crate::Pos;

static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.bin"));

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

/// A segmenter loaded with the whole dictionary, and the natural log of the
/// dictionary's total count (jieba's denominator of a word's probability).
pub(crate) fn load() -> (Jieba, f64) {
    let mut reader = Reader::new(DICTIONARY);
    let count = reader.varint();
    let mut words = Vec::with_capacity(count);
    let mut word = Vec::new();
    for _ in 0..count {
        let shared = reader.varint();
        let suffix_len = reader.varint();
        word.truncate(shared);
        word.extend_from_slice(reader.bytes(suffix_len));
        words.push(String::from_utf8(word.clone()).expect("build.rs writes UTF-8 words"));
    }
    let freqs: Vec<usize> = (0..count).map(|_| reader.varint()).collect();
    let log_total = (freqs.iter().sum::<usize>() as f64).ln();
    let tags = reader.bytes(count);
    debug_assert!(reader.is_empty());

    let mut jieba = Jieba::empty();
    for ((word, freq), &tag) in words.iter().zip(freqs).zip(tags) {
        jieba.add_word(word, Some(freq), Some(Pos(tag).as_str()));
    }
    (jieba, log_total)
}
