//! jieba's character HMM (Begin, End, Middle, Single) for runs the
//! dictionary leaves as single characters: a port of jieba-rs 0.11.0's
//! `hmm.rs` (MIT, Copyright (c) 2018 messense), same model, same scores and
//! the same tie-breaking, over the tables `build/dictionary.rs` compiles
//! from its `hmm.model`.

use std::ops::Range;

static MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hmm.bin"));

const STATES: usize = 4;
const BEGIN: u8 = 0;
const END: u8 = 1;
const MIDDLE: u8 = 2;
const SINGLE: u8 = 3;
/// The characters the model reads; jieba-rs's `HMM_HAN_MIN..=HMM_HAN_MAX`.
const FIRST: char = '\u{4E00}';
const LAST: char = '\u{9FD5}';
const MIN_FLOAT: f64 = -3.14e100;
/// Offsets into `MODEL` (counted in its units).
const TRANSITIONS: usize = STATES;
const INDEX_BYTES: usize = 8 * (STATES + STATES * STATES);
const ROWS_BYTES: usize = INDEX_BYTES + 2 * (LAST as usize - FIRST as usize + 1);

/// The states that may precede each state, the lower index first: on a tie
/// the second wins, as in jieba-rs.
const ALLOWED_PREVIOUS: [[u8; 2]; STATES] = [
    [END, SINGLE],
    [BEGIN, MIDDLE],
    [BEGIN, MIDDLE],
    [END, SINGLE],
];

fn f64_at(byte: usize) -> f64 {
    let b: [u8; 8] = MODEL[byte..byte + 8].try_into().expect("in the model");
    f64::from_le_bytes(b)
}

fn start(state: usize) -> f64 {
    f64_at(8 * state)
}

fn transition(from: usize, to: usize) -> f64 {
    f64_at(8 * (TRANSITIONS + from * STATES + to))
}

fn emissions(c: char) -> [f64; STATES] {
    if !(FIRST..=LAST).contains(&c) {
        return [MIN_FLOAT; STATES];
    }
    let at = INDEX_BYTES + 2 * (c as usize - FIRST as usize);
    let row = u16::from_le_bytes([MODEL[at], MODEL[at + 1]]);
    if row == u16::MAX {
        return [MIN_FLOAT; STATES];
    }
    let first = ROWS_BYTES + 8 * STATES * usize::from(row);
    std::array::from_fn(|state| f64_at(first + 8 * state))
}

fn is_model_han(c: char) -> bool {
    (FIRST..=LAST).contains(&c)
}

/// Working memory, kept between calls.
#[derive(Default)]
pub(crate) struct Scratch {
    previous: Vec<[u8; STATES]>,
    path: Vec<u8>,
}

/// Cuts a run of characters (`(byte offset, char)`, the run ending at
/// `end`) into words, handed to `word` as byte ranges in order: characters
/// of the model's range by the HMM, the rest as jieba-rs does (runs of
/// ASCII letters and digits joined by `.`, `_` or `-` and ending in an
/// optional `%`, and what lies between them).
pub(crate) fn cut(
    text: &str,
    chars: &[(u32, char)],
    end: usize,
    scratch: &mut Scratch,
    mut word: impl FnMut(Range<usize>),
) {
    let mut i = 0;
    while i < chars.len() {
        let han = is_model_han(chars[i].1);
        let mut j = i + 1;
        while j < chars.len() && is_model_han(chars[j].1) == han {
            j += 1;
        }
        let run_start = chars[i].0 as usize;
        let run_end = chars.get(j).map_or(end, |&(offset, _)| offset as usize);
        if !han {
            skip_split(text, run_start..run_end, &mut word);
        } else if j - i > 1 {
            viterbi(&chars[i..j], scratch);
            let mut begin = run_start;
            let mut next = run_start;
            for (k, &(offset, _)) in chars[i..j].iter().enumerate() {
                let offset = offset as usize;
                match scratch.path[k] {
                    BEGIN => begin = offset,
                    END | SINGLE => {
                        let from = if scratch.path[k] == END {
                            begin
                        } else {
                            offset
                        };
                        let to = chars.get(i + k + 1).map_or(run_end, |&(o, _)| o as usize);
                        word(from..to);
                        next = to;
                    }
                    _ => {}
                }
            }
            if next < run_end {
                word(next..run_end);
            }
        } else {
            word(run_start..run_end);
        }
        i = j;
    }
}

fn viterbi(chars: &[(u32, char)], scratch: &mut Scratch) {
    let n = chars.len();
    scratch.previous.clear();
    scratch.previous.resize(n, [BEGIN; STATES]);
    let first = emissions(chars[0].1);
    let mut scores: [f64; STATES] = std::array::from_fn(|s| start(s) + first[s]);
    for (t, &(_, c)) in chars.iter().enumerate().skip(1) {
        let emit = emissions(c);
        let mut next = [0.0; STATES];
        for (state, score) in next.iter_mut().enumerate() {
            let [a, b] = ALLOWED_PREVIOUS[state];
            let via_a = scores[usize::from(a)] + transition(usize::from(a), state) + emit[state];
            let via_b = scores[usize::from(b)] + transition(usize::from(b), state) + emit[state];
            let (best, from) = if via_a > via_b {
                (via_a, a)
            } else {
                (via_b, b)
            };
            *score = best;
            scratch.previous[t][state] = from;
        }
        scores = next;
    }
    let mut state = if scores[usize::from(END)] > scores[usize::from(SINGLE)] {
        END
    } else {
        SINGLE
    };
    scratch.path.clear();
    scratch.path.resize(n, BEGIN);
    scratch.path[n - 1] = state;
    for t in (1..n).rev() {
        state = scratch.previous[t][usize::from(state)];
        scratch.path[t - 1] = state;
    }
}

fn is_connector(b: u8) -> bool {
    matches!(b, b'.' | b'_' | b'-')
}

/// jieba-rs's `HmmSkipSplitter`: the matches of its skip pattern and the
/// gaps between them, each one word.
fn skip_split(text: &str, range: Range<usize>, word: &mut impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let mut position = range.start;
    while position < range.end {
        let mut cursor = position;
        while cursor < range.end && !bytes[cursor].is_ascii_alphanumeric() {
            cursor += 1;
        }
        if cursor > position {
            word(position..cursor);
        }
        if cursor == range.end {
            return;
        }
        let mut end = cursor;
        loop {
            while end < range.end && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            if end + 1 < range.end
                && is_connector(bytes[end])
                && bytes[end + 1].is_ascii_alphanumeric()
            {
                end += 1;
            } else {
                break;
            }
        }
        if end < range.end && bytes[end] == b'%' {
            end += 1;
        }
        word(cursor..end);
        position = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let chars: Vec<(u32, char)> = text.char_indices().map(|(i, c)| (i as u32, c)).collect();
        let mut out = Vec::new();
        cut(text, &chars, text.len(), &mut Scratch::default(), |r| {
            out.push(&text[r])
        });
        out
    }

    #[test]
    fn joins_characters_into_new_words() {
        assert_eq!(words("杭研"), ["杭研"]);
    }

    #[test]
    fn splits_ascii_as_jieba_rs_does() {
        assert_eq!(words("WES-5.4.5版+x"), ["WES-5.4.5", "版", "+", "x"]);
        assert_eq!(words("12%!"), ["12%", "!"]);
    }
}
