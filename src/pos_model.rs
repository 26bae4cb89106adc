//! Part-of-speech tags for words outside the dictionary (names, new terms that
//! jieba's HMM joins), from jieba's compound position × POS hidden Markov
//! model. jieba-rs only ships that model together with its embedded
//! dictionary, which zhlens replaces with a compact one, so zhlens decodes it.

use std::cell::RefCell;
use std::ops::Range;

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
    /// `transition[to * STATES + from]`: a state's incoming costs lie
    /// together, as the Viterbi step reads them.
    transition: Vec<f32>,
    /// Per state, the states that can precede it (a finite transition). A
    /// Middle or End state follows only its own tag's Begin or Middle: two
    /// lookups instead of a scan of the whole previous column.
    incoming: Vec<Vec<u16>>,
    /// Per state, whether only word ends (End or Single states) precede
    /// it: a Begin or Single state, which any tag's word end may precede.
    after_word_end: Vec<bool>,
    /// Per character: where its possible states, with their emission
    /// costs, lie in `emissions`.
    emission: FxHashMap<char, (u32, u32)>,
    emissions: Vec<(u16, f32)>,
}

/// Working memory reused across words: the HMM runs on every word the
/// segmenter joins outside the dictionary, thousands per article.
struct Scratch {
    columns: Vec<Range<usize>>,
    score: Vec<(u16, f32)>,
    next: Vec<(u16, f32)>,
    /// The previous column's word ends (End and Single states), in order.
    word_ends: Vec<(u16, f32)>,
    /// Every column's links (state, best previous state), one after another.
    links: Vec<(u16, u16)>,
    /// Where each column's links start in `links`.
    link_starts: Vec<usize>,
    path: Vec<u16>,
    /// The previous column by state: its cost and its place in the column,
    /// so that looked up by `incoming` ties still go to the earlier one, as
    /// in a scan of the column. Every state is `(NEVER, 0)` between columns.
    previous: Box<[(f32, usize); STATES]>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            columns: Vec::new(),
            score: Vec::new(),
            next: Vec::new(),
            word_ends: Vec::new(),
            links: Vec::new(),
            link_starts: Vec::new(),
            path: Vec::new(),
            previous: Box::new([(NEVER, 0); STATES]),
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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
            transition[to * STATES + from] = cost(r.varint());
        }
        let chars = r.varint();
        let mut emission = FxHashMap::with_capacity_and_hasher(chars, Default::default());
        let mut emissions = Vec::new();
        for _ in 0..chars {
            let c = char::from_u32(r.varint() as u32).expect("build.rs writes characters");
            let start = emissions.len() as u32;
            for _ in 0..r.varint() {
                emissions.push((r.varint() as u16, cost(r.varint())));
            }
            emission.insert(c, (start, emissions.len() as u32));
        }
        debug_assert!(r.is_empty());
        let incoming: Vec<Vec<u16>> = (0..STATES)
            .map(|to| {
                (0..STATES as u16)
                    .filter(|&from| transition[to * STATES + from as usize].is_finite())
                    .collect()
            })
            .collect();
        let after_word_end = incoming
            .iter()
            .map(|from| from.iter().all(|&f| usize::from(f) / TAGS >= END))
            .collect();
        PosModel {
            tags,
            start,
            transition,
            incoming,
            after_word_end,
            emission,
            emissions,
        }
    }

    /// The tag of the longest word the model reads in `word` (the last one
    /// on ties), as jieba's posseg does; `None` for characters it never saw.
    pub(crate) fn guess(&self, word: &str) -> Option<Pos> {
        SCRATCH.with(|scratch| self.guess_with(word, &mut scratch.borrow_mut()))
    }

    fn guess_with(&self, word: &str, scratch: &mut Scratch) -> Option<Pos> {
        let Scratch {
            columns,
            score,
            next,
            word_ends,
            links,
            link_starts,
            path,
            previous,
        } = scratch;
        columns.clear();
        for c in word.chars() {
            let &(start, end) = self.emission.get(&c)?;
            columns.push(start as usize..end as usize);
        }
        let (first, rest) = columns.split_first()?;

        score.clear();
        score.extend(
            self.emissions[first.clone()]
                .iter()
                .map(|&(s, e)| (s, self.start[s as usize] + e))
                .filter(|&(_, c)| c.is_finite()),
        );
        links.clear();
        link_starts.clear();
        for column in rest {
            for (place, &(state, c)) in score.iter().enumerate() {
                previous[state as usize] = (c, place);
            }
            next.clear();
            word_ends.clear();
            word_ends.extend(score.iter().filter(|&&(s, _)| usize::from(s) / TAGS >= END));
            link_starts.push(links.len());
            for &(state, emit) in &self.emissions[column.clone()] {
                let incoming_costs =
                    &self.transition[state as usize * STATES..(state as usize + 1) * STATES];
                let transition = |prev: u16| incoming_costs[prev as usize];
                let incoming = &self.incoming[state as usize];
                let mut best: Option<(u16, f32, usize)> = None;
                // Scanned in order, as the whole column would be: ties go
                // to the earlier state.
                let candidates: &[(u16, f32)] = match self.after_word_end[state as usize] {
                    true => word_ends,
                    false => score,
                };
                if incoming.len() < candidates.len() {
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
                    for (place, &(prev, c)) in candidates.iter().enumerate() {
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
            for &(state, _) in score.iter() {
                previous[state as usize] = (NEVER, 0);
            }
            std::mem::swap(score, next);
        }

        let (mut state, _) = score
            .iter()
            .copied()
            .filter(|&(s, _)| s as usize / TAGS >= END)
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        path.clear();
        path.resize(columns.len(), state);
        for t in (0..rest.len()).rev() {
            let column_links =
                &links[link_starts[t]..link_starts.get(t + 1).copied().unwrap_or(links.len())];
            state = column_links.iter().find(|l| l.0 == state)?.1;
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
