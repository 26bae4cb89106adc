//! Part-of-speech tags for words outside the dictionary (names, new terms that
//! jieba's HMM joins), from jieba's compound position × POS hidden Markov
//! model. jieba-rs only ships that model together with its embedded
//! dictionary, which zhlens replaces with a compact one, so zhlens decodes it.

use rustc_hash::FxHashMap;

use crate::Pos;
use crate::dictionary::Reader;

static MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pos_model.bin"));

const TAGS: usize = 64;
const STATES: usize = 4 * TAGS;
/// Positions of a character in a word: Begin, Middle, End, Single.
const END: usize = 2;
const SINGLE: usize = 3;
/// The cost of an impossible event.
const NEVER: f32 = f32::INFINITY;

/// The model with costs (`-ln p`) instead of probabilities.
pub(crate) struct PosModel {
    tags: [Pos; TAGS],
    start: Vec<f32>,
    /// `transition[from * STATES + to]`.
    transition: Vec<f32>,
    /// Per state, the states that can precede it (a finite transition). A
    /// Middle or End state follows only its own tag's Begin or Middle: two
    /// lookups instead of a scan of the whole previous column.
    incoming: Vec<Vec<u16>>,
    /// Per character: its possible states with their emission costs.
    emission: FxHashMap<char, Vec<(u16, f32)>>,
}

fn cost(quantized: usize) -> f32 {
    quantized as f32 / 100.0
}

impl PosModel {
    pub(crate) fn load() -> Self {
        let mut r = Reader::new(MODEL);
        let tags = std::array::from_fn(|i| Pos(MODEL[i]));
        r.bytes(TAGS);
        let mut start = vec![NEVER; STATES];
        for _ in 0..r.varint() {
            let state = r.varint();
            start[state] = cost(r.varint());
        }
        let mut transition = vec![NEVER; STATES * STATES];
        for _ in 0..r.varint() {
            let from = r.varint();
            let to = r.varint();
            transition[from * STATES + to] = cost(r.varint());
        }
        let chars = r.varint();
        let mut emission = FxHashMap::with_capacity_and_hasher(chars, Default::default());
        for _ in 0..chars {
            let c = char::from_u32(r.varint() as u32).expect("build.rs writes characters");
            let states = (0..r.varint())
                .map(|_| (r.varint() as u16, cost(r.varint())))
                .collect();
            emission.insert(c, states);
        }
        debug_assert!(r.is_empty());
        let incoming = (0..STATES)
            .map(|to| {
                (0..STATES as u16)
                    .filter(|&from| transition[from as usize * STATES + to].is_finite())
                    .collect()
            })
            .collect();
        PosModel {
            tags,
            start,
            transition,
            incoming,
            emission,
        }
    }

    /// The tag of the longest word the model reads in `word` (the last one
    /// on ties), as jieba's posseg does; `None` for characters it never saw.
    pub(crate) fn guess(&self, word: &str) -> Option<Pos> {
        let chars: Vec<char> = word.chars().collect();
        let columns: Vec<&[(u16, f32)]> = chars
            .iter()
            .map(|c| self.emission.get(c).map(Vec::as_slice))
            .collect::<Option<_>>()?;
        let (&first, rest) = columns.split_first()?;

        let mut score: Vec<(u16, f32)> = first
            .iter()
            .map(|&(s, e)| (s, self.start[s as usize] + e))
            .filter(|&(_, c)| c.is_finite())
            .collect();
        let mut back: Vec<Vec<(u16, u16)>> = Vec::with_capacity(rest.len());
        // The previous column by state: its cost and its place in the
        // column, so that looked up by `incoming` ties still go to the
        // earlier one, as in a scan of the column.
        let mut previous = [(NEVER, 0usize); STATES];
        for column in rest {
            for (place, &(state, c)) in score.iter().enumerate() {
                previous[state as usize] = (c, place);
            }
            let mut next = Vec::with_capacity(column.len());
            let mut links = Vec::with_capacity(column.len());
            for &(state, emit) in *column {
                let transition =
                    |prev: u16| self.transition[prev as usize * STATES + state as usize];
                let incoming = &self.incoming[state as usize];
                let mut best: Option<(u16, f32, usize)> = None;
                if incoming.len() < score.len() {
                    for &prev in incoming {
                        let (c, place) = previous[prev as usize];
                        let c = c + transition(prev);
                        if c.is_finite()
                            && best.is_none_or(|(_, b, p)| c < b || (c == b && place < p))
                        {
                            best = Some((prev, c, place));
                        }
                    }
                } else {
                    for (place, &(prev, c)) in score.iter().enumerate() {
                        let c = c + transition(prev);
                        if c.is_finite() && best.is_none_or(|(_, b, _)| c < b) {
                            best = Some((prev, c, place));
                        }
                    }
                }
                if let Some((prev, c, _)) = best {
                    next.push((state, c + emit));
                    links.push((state, prev));
                }
            }
            for &(state, _) in &score {
                previous[state as usize] = (NEVER, 0);
            }
            score = next;
            back.push(links);
        }

        let (mut state, _) = score
            .into_iter()
            .filter(|&(s, _)| s as usize / TAGS >= END)
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        let mut path = vec![state; chars.len()];
        for (t, links) in back.iter().enumerate().rev() {
            state = links.iter().find(|l| l.0 == state)?.1;
            path[t] = state;
        }

        let mut best: Option<(usize, usize)> = None;
        let mut word_start = 0;
        for (i, &s) in path.iter().enumerate() {
            let position = s as usize / TAGS;
            if position == SINGLE {
                word_start = i;
            } else if position != END {
                if position == 0 {
                    word_start = i;
                }
                continue;
            }
            let len = i + 1 - word_start;
            if best.is_none_or(|(l, _)| len >= l) {
                best = Some((len, s as usize % TAGS));
            }
        }
        best.map(|(_, tag)| self.tags[tag])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_unknown_words() {
        let model = PosModel::load();
        assert_eq!(model.guess("王小明").map(Pos::as_str), Some("nr"));
        assert_eq!(
            model.guess("\u{e000}"),
            None,
            "a character the model never saw"
        );
    }
}
