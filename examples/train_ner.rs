//! Trains and scores a character-level name tagger (person, place,
//! organization): an averaged structured perceptron over BMES tags, with
//! character n-grams, jieba's words and part-of-speech tags, and the
//! entities zhlens's rules and lexicon find as features. MODEL.md's
//! *Statistical tagger* section gives the sources, the recipe and the scores.
//!
//! ```text
//! cargo run --release --example train_ner -- prepare SENTENCES.txt FILE.conllu|FILE.txt…
//! python scripts/train/label.py SENTENCES.txt LABELLED.jsonl
//! cargo run --release --example train_ner -- train LABELLED.jsonl MODEL.bin [--no-rules] [--people] [--min-count N]
//! cargo run --release --example train_ner -- eval MODEL.bin [--teacher LABELLED.jsonl]
//! cargo run --release --example train_ner -- eval-texts OUT.txt
//! ```
//!
//! `prepare` takes the `# text =` sentences of Universal Dependencies files
//! (`.conllu`) and the lines of text files, and writes them in Simplified
//! as zhlens reads them (a Traditional sentence through OpenCC t2s, or hk2s
//! from files whose name has `_hk`). `eval` scores on MSRA and People's
//! Daily as scripts/lib/ner.mjs does (exact span and kind, UTF-16 offsets,
//! outermost rule entities) and on the news development set as
//! scripts/lib/news.mjs does (distinct kind and text per passage), for the
//! rules alone, the model alone and the two combined; with `--teacher`, also
//! for the teacher's labels of the texts `eval-texts` writes (what the tagger
//! reads of each evaluation sentence and passage, one a line). The
//! evaluation sets are read from ../shared and never trained on.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::Path;

use zhlens::{AnalyzeOptions, Analyzer, Config, EntityKind, Script};

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];
/// O, then B, M, E, S for each kind in the order of `KINDS`.
const TAGS: usize = 1 + 4 * KINDS.len();
const EPOCHS: usize = 8;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("prepare") if args.len() >= 3 => prepare(&args[1], &args[2..]),
        Some("train") if args.len() >= 3 => train(
            &args[1],
            &args[2],
            &Options {
                with_rules: !args.iter().any(|a| a == "--no-rules"),
                people_only: args.iter().any(|a| a == "--people"),
                min_count: args.iter().position(|a| a == "--min-count").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(1),
            },
        ),
        Some("eval") if args.len() >= 2 => evaluate(
            &args[1],
            args.iter()
                .position(|a| a == "--teacher")
                .and_then(|i| args.get(i + 1))
                .map(String::as_str),
        ),
        Some("eval-texts") if args.len() >= 2 => evaluation_texts(&args[1]),
        _ => Err("usage: train_ner prepare OUT.txt FILE.conllu|FILE.txt… | train LABELLED.jsonl MODEL.bin [--no-rules] [--people] [--min-count N] | eval MODEL.bin [--teacher LABELLED.jsonl] | eval-texts OUT.txt".into()),
    };
    if let Err(message) = result {
        eprintln!("train_ner: {message}");
        std::process::exit(1);
    }
}

fn prepare(out: &str, sources: &[String]) -> Result<(), String> {
    let mut seen = HashSet::new();
    let mut lines = String::new();
    let mut converted = 0;
    for source in sources {
        let config = if source.contains("_hk") {
            Config::Hk2s
        } else {
            Config::T2s
        };
        let text = fs::read_to_string(source).map_err(|e| format!("{source}: {e}"))?;
        let sentences: Box<dyn Iterator<Item = &str>> = if source.ends_with(".conllu") {
            Box::new(text.lines().filter_map(|l| l.strip_prefix("# text = ")))
        } else {
            Box::new(text.lines())
        };
        for sentence in sentences.map(str::trim).filter(|s| !s.is_empty()) {
            let simplified = if zhlens::detect_script(sentence).script() == Script::Traditional {
                converted += 1;
                zhlens::convert(sentence, config)
            } else {
                sentence.to_string()
            };
            if seen.insert(simplified.clone()) {
                lines.push_str(&simplified);
                lines.push('\n');
            }
        }
    }
    fs::write(out, lines).map_err(|e| format!("{out}: {e}"))?;
    eprintln!(
        "prepare: {} sentences ({converted} converted from Traditional) to {out}",
        seen.len()
    );
    Ok(())
}

/// A span of characters `start..end` of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Span {
    start: usize,
    end: usize,
    kind: usize,
}

fn kind_index(kind: EntityKind) -> usize {
    KINDS
        .iter()
        .position(|&k| k == kind)
        .expect("every kind is listed")
}

fn kind_of(name: &str) -> Option<usize> {
    KINDS.iter().position(|k| k.as_str() == name)
}

fn tag_of(kind: usize, part: usize) -> usize {
    1 + 4 * kind + part
}

/// BMES tags of `spans` over `len` characters (spans must not overlap).
fn tags_of(spans: &[Span], len: usize) -> Vec<usize> {
    let mut tags = vec![0; len];
    for s in spans {
        if s.end - s.start == 1 {
            tags[s.start] = tag_of(s.kind, 3);
            continue;
        }
        tags[s.start] = tag_of(s.kind, 0);
        for t in &mut tags[s.start + 1..s.end - 1] {
            *t = tag_of(s.kind, 1);
        }
        tags[s.end - 1] = tag_of(s.kind, 2);
    }
    tags
}

fn spans_of(tags: &[usize]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &t) in tags.iter().enumerate() {
        if t == 0 {
            continue;
        }
        let (kind, part) = ((t - 1) / 4, (t - 1) % 4);
        match part {
            0 => start = i,
            2 => spans.push(Span {
                start,
                end: i + 1,
                kind,
            }),
            3 => spans.push(Span {
                start: i,
                end: i + 1,
                kind,
            }),
            _ => {}
        }
    }
    spans
}

/// Whether tag `to` may follow tag `from` (`None`: the sentence's start).
fn allowed(from: Option<usize>, to: usize) -> bool {
    let inside = |t: usize| t != 0 && matches!((t - 1) % 4, 0 | 1);
    let continues = |t: usize| t != 0 && matches!((t - 1) % 4, 1 | 2);
    match from {
        Some(f) if inside(f) => continues(to) && (f - 1) / 4 == (to - 1) / 4,
        _ => !continues(to),
    }
}

/// What the features of one sentence are computed from: its characters in
/// the Simplified view, and jieba's words and the rules' entities over them.
struct Sentence {
    chars: Vec<char>,
    /// Per character: (position in its word B/M/E/S, the word's POS, the word).
    words: Vec<(u8, String, String)>,
    rules: Vec<usize>,
}

fn char_class(c: char) -> &'static str {
    if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        "d"
    } else if c.is_ascii_alphabetic() || ('Ａ'..='ｚ').contains(&c) {
        "a"
    } else if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        "h"
    } else if c.is_whitespace() {
        "s"
    } else {
        "p"
    }
}

/// The sentence's character boundaries: byte offset of each character, then its length.
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// Rule entities as characters: all of them, and the outermost only (an
/// entity inside the one before it left out, as flat annotations leave it).
fn rule_spans(analysis: &zhlens::Analysis, starts: &[usize]) -> (Vec<Span>, Vec<Span>) {
    let char_at = |byte: usize| starts.binary_search(&byte).ok();
    let mut end = 0;
    let (mut all, mut outermost) = (Vec::new(), Vec::new());
    for e in analysis.entities() {
        let r = e.range();
        let (Some(start), Some(stop)) = (char_at(r.start), char_at(r.end)) else {
            continue;
        };
        let span = Span {
            start,
            end: stop,
            kind: kind_index(e.kind()),
        };
        all.push(span);
        if r.end <= end && r.start < end {
            continue;
        }
        end = end.max(r.end);
        outermost.push(span);
    }
    (all, outermost)
}

/// Analyzes `original` (any script); `view` is its Simplified text with
/// the same characters one for one, or `original` itself.
/// Returns it with the rules' entities, all and outermost.
fn read_sentence(
    analyzer: &Analyzer,
    original: &str,
    view: &str,
) -> (Sentence, Vec<Span>, Vec<Span>) {
    let options = AnalyzeOptions::new("2025-09-15".parse().expect("a date"));
    let analysis = analyzer.analyze(original, &options);
    let starts = char_starts(original);
    let chars: Vec<char> = view.chars().collect();
    let n = chars.len();
    let mut words = vec![(b'S', String::from("x"), String::new()); n];
    for t in analysis.tokens() {
        let (Ok(a), Ok(b)) = (
            starts.binary_search(&t.start()),
            starts.binary_search(&t.end()),
        ) else {
            continue;
        };
        let word: String = chars[a..b].iter().collect();
        for (i, slot) in words[a..b].iter_mut().enumerate() {
            let position = match (i, b - a) {
                (_, 1) => b'S',
                (0, _) => b'B',
                (i, len) if i + 1 == len => b'E',
                _ => b'M',
            };
            *slot = (position, t.pos().as_str().to_string(), word.clone());
        }
    }
    let (all, outermost) = rule_spans(&analysis, &starts);
    (
        Sentence {
            rules: tags_of(&outermost, n),
            chars,
            words,
        },
        all,
        outermost,
    )
}

fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn features(s: &Sentence, i: usize, with_rules: bool) -> Vec<u64> {
    let c = |d: isize| -> String {
        let j = i as isize + d;
        if j < 0 || j >= s.chars.len() as isize {
            "#".to_string()
        } else {
            s.chars[j as usize].to_string()
        }
    };
    let (c_2, c_1, c0, c1, c2) = (c(-2), c(-1), c(0), c(1), c(2));
    let (position, pos, word) = &s.words[i];
    let position = (*position as char).to_string();
    let length = word.chars().count().min(5).to_string();
    let prev_pos = if i > 0 {
        s.words[i - 1].1.as_str()
    } else {
        "#"
    };
    let next_pos = s.words.get(i + 1).map_or("#", |w| w.1.as_str());
    let class = |d: isize| {
        let j = i as isize + d;
        if j < 0 || j >= s.chars.len() as isize {
            "#"
        } else {
            char_class(s.chars[j as usize])
        }
    };
    let mut f = vec![
        hash(&["bias"]),
        hash(&["c0", &c0]),
        hash(&["c-1", &c_1]),
        hash(&["c1", &c1]),
        hash(&["c-2", &c_2]),
        hash(&["c2", &c2]),
        hash(&["b-1", &c_1, &c0]),
        hash(&["b0", &c0, &c1]),
        hash(&["b-2", &c_2, &c_1]),
        hash(&["b1", &c1, &c2]),
        hash(&["skip", &c_1, &c1]),
        hash(&["class", class(-1), class(0), class(1)]),
        hash(&["wp", &position, pos]),
        hash(&["wl", &position, &length, pos]),
        hash(&["wc", &position, pos, &c0]),
        hash(&["pp", prev_pos, pos, &position]),
        hash(&["np", pos, next_pos, &position]),
    ];
    if word.chars().count() > 1 {
        f.push(hash(&["w", word, &position]));
    }
    if with_rules {
        let rule = s.rules[i].to_string();
        let prev = if i > 0 {
            s.rules[i - 1].to_string()
        } else {
            "#".into()
        };
        let next = s.rules.get(i + 1).map_or("#".into(), |t| t.to_string());
        f.push(hash(&["r", &rule]));
        f.push(hash(&["rc", &rule, &c0]));
        f.push(hash(&["rw", &rule, pos, &position]));
        f.push(hash(&["rn", &prev, &rule, &next]));
    }
    f
}

/// Feature weights (one row of `TAGS` per feature) and tag transitions.
struct Model {
    index: HashMap<u64, usize>,
    weights: Vec<f32>,
    /// `TAGS + 1` rows: from each tag, then from the sentence's start.
    transitions: Vec<f32>,
    with_rules: bool,
}

impl Model {
    fn decode(&self, s: &Sentence) -> Vec<usize> {
        let n = s.chars.len();
        if n == 0 {
            return Vec::new();
        }
        let scores: Vec<[f32; TAGS]> = (0..n)
            .map(|i| {
                let mut row = [0f32; TAGS];
                for h in features(s, i, self.with_rules) {
                    if let Some(&k) = self.index.get(&h) {
                        for (t, w) in row.iter_mut().zip(&self.weights[k * TAGS..(k + 1) * TAGS]) {
                            *t += w;
                        }
                    }
                }
                row
            })
            .collect();
        let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
        let mut back = vec![[0usize; TAGS]; n];
        for t in 0..TAGS {
            if allowed(None, t) {
                best[0][t] = scores[0][t] + self.transitions[TAGS * TAGS + t];
            }
        }
        for i in 1..n {
            for t in 0..TAGS {
                for f in 0..TAGS {
                    if !allowed(Some(f), t) || best[i - 1][f] == f32::NEG_INFINITY {
                        continue;
                    }
                    let score = best[i - 1][f] + self.transitions[f * TAGS + t] + scores[i][t];
                    if score > best[i][t] {
                        best[i][t] = score;
                        back[i][t] = f;
                    }
                }
            }
        }
        // A sentence may not end inside a name.
        let ends = |t: usize| t == 0 || matches!((t - 1) % 4, 2 | 3);
        let mut t = (0..TAGS)
            .filter(|&t| ends(t))
            .max_by(|&a, &b| best[n - 1][a].total_cmp(&best[n - 1][b]))
            .expect("O ends");
        let mut tags = vec![0; n];
        for i in (0..n).rev() {
            tags[i] = t;
            t = back[i][t];
        }
        tags
    }

    fn save(&self, path: &str) -> Result<(), String> {
        // Weights quantized to i8 with one scale for all: what a shipped
        // asset would hold, so its size is the one MODEL.md reports.
        let mut out = Vec::new();
        let max = self
            .weights
            .iter()
            .chain(&self.transitions)
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        out.push(u8::from(self.with_rules));
        for w in &self.transitions {
            out.push((w * scale).round() as i8 as u8);
        }
        let mut keys: Vec<(&u64, &usize)> = self.index.iter().collect();
        keys.sort();
        for (h, &k) in keys {
            let row = &self.weights[k * TAGS..(k + 1) * TAGS];
            if row.iter().all(|w| (w * scale).round() == 0.0) {
                continue;
            }
            out.extend_from_slice(&h.to_le_bytes());
            out.extend(row.iter().map(|w| (w * scale).round() as i8 as u8));
        }
        fs::write(path, &out).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("model: {} bytes to {path}", out.len());
        Ok(())
    }

    fn load(path: &str) -> Result<Model, String> {
        let bytes = fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let scale = f32::from_le_bytes(bytes[0..4].try_into().expect("four bytes"));
        let with_rules = bytes[4] == 1;
        let t_len = (TAGS + 1) * TAGS;
        let transitions = bytes[5..5 + t_len]
            .iter()
            .map(|&b| f32::from(b as i8) / scale)
            .collect();
        let mut index = HashMap::new();
        let mut weights = Vec::new();
        for chunk in bytes[5 + t_len..].chunks_exact(8 + TAGS) {
            index.insert(
                u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes")),
                index.len(),
            );
            weights.extend(chunk[8..].iter().map(|&b| f32::from(b as i8) / scale));
        }
        Ok(Model {
            index,
            weights,
            transitions,
            with_rules,
        })
    }
}

/// A line of `scripts/train/label.py`'s output: the sentence and its names.
fn labelled_sentence(line: &str) -> Result<(String, Vec<Span>), String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let text = v["text"].as_str().ok_or("a line without text")?;
    let mut spans = Vec::new();
    for e in v["entities"].as_array().ok_or("a line without entities")? {
        let kind = kind_of(e[2].as_str().unwrap_or_default()).ok_or("an unknown kind")?;
        let (Some(start), Some(end)) = (e[0].as_u64(), e[1].as_u64()) else {
            return Err(format!("an entity without offsets: {e}"));
        };
        spans.push(Span {
            start: start as usize,
            end: end as usize,
            kind,
        });
    }
    Ok((text.to_string(), spans))
}

/// Training choices: `--no-rules` leaves the rules' entities out of the
/// features; `--people` learns people only (the teacher's places and
/// organizations become O); `--min-count N` keeps features seen N times or more.
struct Options {
    with_rules: bool,
    people_only: bool,
    min_count: usize,
}

fn train(labelled: &str, out: &str, options: &Options) -> Result<(), String> {
    let with_rules = options.with_rules;
    let analyzer = Analyzer::new();
    let text = fs::read_to_string(labelled).map_err(|e| format!("{labelled}: {e}"))?;
    let mut data = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (sentence, mut gold) = labelled_sentence(line)?;
        if options.people_only {
            gold.retain(|g| g.kind == 0);
        }
        let (s, _, _) = read_sentence(&analyzer, &sentence, &sentence);
        let tags = tags_of(&gold, s.chars.len());
        let feats: Vec<Vec<u64>> = (0..s.chars.len())
            .map(|i| features(&s, i, with_rules))
            .collect();
        data.push((s, feats, tags));
    }
    eprintln!(
        "train: {} sentences, {} characters",
        data.len(),
        data.iter().map(|d| d.2.len()).sum::<usize>()
    );

    let mut seen: HashMap<u64, usize> = HashMap::new();
    for (_, feats, _) in &data {
        for h in feats.iter().flatten() {
            *seen.entry(*h).or_default() += 1;
        }
    }
    let mut kept: Vec<u64> = seen
        .into_iter()
        .filter(|&(_, n)| n >= options.min_count)
        .map(|(h, _)| h)
        .collect();
    kept.sort_unstable();
    let index: HashMap<u64, usize> = kept.into_iter().enumerate().map(|(k, h)| (h, k)).collect();
    for (_, feats, _) in &mut data {
        for f in feats.iter_mut() {
            f.retain(|h| index.contains_key(h));
        }
    }
    let mut model = Model {
        weights: vec![0.0; index.len() * TAGS],
        transitions: vec![0.0; (TAGS + 1) * TAGS],
        index,
        with_rules,
    };
    // Averaging: `totals` holds each update times the step it was made at,
    // so the average is w - totals / steps.
    let mut totals = vec![0f32; model.weights.len()];
    let mut transition_totals = vec![0f32; model.transitions.len()];
    let mut step = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for epoch in 0..EPOCHS {
        // A fixed shuffle per epoch (xorshift), so training is reproducible.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &d in &order {
            let (s, feats, gold) = &data[d];
            let predicted = model.decode(s);
            if predicted != *gold {
                errors += 1;
                for (i, (&g, &p)) in gold.iter().zip(&predicted).enumerate() {
                    if g != p {
                        for h in &feats[i] {
                            let k = model.index[h] * TAGS;
                            model.weights[k + g] += 1.0;
                            model.weights[k + p] -= 1.0;
                            totals[k + g] += step;
                            totals[k + p] -= step;
                        }
                    }
                    let (gf, pf) = if i == 0 {
                        (TAGS, TAGS)
                    } else {
                        (gold[i - 1], predicted[i - 1])
                    };
                    if g != p || gf != pf {
                        model.transitions[gf * TAGS + g] += 1.0;
                        model.transitions[pf * TAGS + p] -= 1.0;
                        transition_totals[gf * TAGS + g] += step;
                        transition_totals[pf * TAGS + p] -= step;
                    }
                }
            }
            step += 1.0;
        }
        eprintln!(
            "epoch {}: {errors} of {} sentences wrong",
            epoch + 1,
            data.len()
        );
    }
    for (w, t) in model.weights.iter_mut().zip(&totals) {
        *w -= t / step;
    }
    for (w, t) in model.transitions.iter_mut().zip(&transition_totals) {
        *w -= t / step;
    }
    model.save(out)
}

/// Precision, recall and F1 counts.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add<T: Eq + std::hash::Hash>(&mut self, predicted: &HashSet<T>, gold: &HashSet<T>) {
        let tp = predicted.intersection(gold).count();
        self.tp += tp;
        self.fp += predicted.len() - tp;
        self.fn_ += gold.len() - tp;
    }

    fn show(&self) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!("{p:.3} / {r:.3} / {f:.3}")
    }
}

/// The systems scored: the rules; the model; the model's names added where
/// they overlap no rule entity; its people only added so (people are its
/// most precise kind); and the rules' places and organizations with the
/// model's people instead of the rules' (the model reads the rules' people
/// as a feature, so it keeps those it agrees with).
const SYSTEMS: [&str; 5] = [
    "rules",
    "model",
    "rules+model",
    "rules+model people",
    "rules, model people",
];

fn overlaps_none(span: &Span, others: &[Span]) -> bool {
    others
        .iter()
        .all(|o| span.end <= o.start || o.end <= span.start)
}

fn systems(model: &Model, s: &Sentence, rules: &[Span]) -> [Vec<Span>; 5] {
    let tagged = spans_of(&model.decode(s));
    let free: Vec<Span> = tagged
        .iter()
        .filter(|m| overlaps_none(m, rules))
        .copied()
        .collect();
    let combined = rules.iter().chain(&free).copied().collect();
    let people = rules
        .iter()
        .chain(free.iter().filter(|m| m.kind == 0))
        .copied()
        .collect();
    let others: Vec<Span> = rules.iter().filter(|r| r.kind != 0).copied().collect();
    let model_people = others
        .iter()
        .chain(
            tagged
                .iter()
                .filter(|m| m.kind == 0 && overlaps_none(m, &others)),
        )
        .copied()
        .collect();
    [rules.to_vec(), tagged, combined, people, model_people]
}

/// Sentences of a BIO file and their entities, read as scripts/lib/ner.mjs reads them.
fn read_bio(path: &Path) -> Result<Vec<(String, HashSet<Span>)>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sentences = Vec::new();
    let (mut chars, mut tags) = (String::new(), Vec::<String>::new());
    let mut flush = |chars: &mut String, tags: &mut Vec<String>| {
        if tags.is_empty() {
            return;
        }
        let mut entities = HashSet::new();
        let mut open: Option<(String, usize)> = None;
        let mut close = |open: &mut Option<(String, usize)>, i: usize| {
            if let Some((ty, start)) = open.take() {
                let kind = match ty.as_str() {
                    "PER" => 0,
                    "LOC" => 1,
                    "ORG" => 2,
                    _ => return,
                };
                entities.insert(Span {
                    start,
                    end: i,
                    kind,
                });
            }
        };
        for (i, tag) in tags.iter().enumerate() {
            let mut parts = tag.splitn(2, '-');
            let (bio, ty) = (parts.next().unwrap_or("O"), parts.next().unwrap_or(""));
            if bio == "B" || (bio == "I" && open.as_ref().is_none_or(|(t, _)| t != ty)) {
                close(&mut open, i);
                open = Some((ty.to_string(), i));
            } else if bio != "I" {
                close(&mut open, i);
            }
        }
        close(&mut open, tags.len());
        sentences.push((std::mem::take(chars), entities));
        tags.clear();
    };
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut chars, &mut tags);
            continue;
        }
        let mut fields = line.split(['\t', ' ']);
        chars.push_str(fields.next().unwrap_or_default());
        tags.push(fields.next().unwrap_or("O").to_string());
    }
    flush(&mut chars, &mut tags);
    Ok(sentences)
}

/// Spans in characters to the UTF-16 offsets the scorer compares.
fn utf16(spans: &[Span], text: &str) -> HashSet<Span> {
    let mut offsets = vec![0];
    for c in text.chars() {
        offsets.push(offsets.last().expect("starts with 0") + c.len_utf16());
    }
    spans
        .iter()
        .map(|s| Span {
            start: offsets[s.start],
            end: offsets[s.end],
            kind: s.kind,
        })
        .collect()
}

/// What an evaluation item's predictions are checked against: spans
/// (MSRA and People's Daily, in UTF-16 offsets) or distinct kinds and texts
/// (a news passage).
enum Gold {
    Spans(HashSet<Span>),
    Names(HashSet<(usize, String)>),
}

/// One sentence or passage of an evaluation set: `view` is what the tagger
/// reads, the Simplified text with the same characters one for one.
struct Item {
    set: String,
    text: String,
    view: String,
    gold: Gold,
}

fn evaluation_items() -> Result<Vec<Item>, String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let corpora = shared.join("corpora/ner");
    let mut items = Vec::new();
    for (id, file) in [
        ("msra", "msra/msra_test_bio.txt"),
        ("peoples_daily", "peoples_daily/example.test"),
    ] {
        for (text, gold) in read_bio(&corpora.join(file))? {
            items.push(Item {
                set: id.to_string(),
                view: text.clone(),
                text,
                gold: Gold::Spans(gold),
            });
        }
    }
    let dev =
        fs::read_to_string(shared.join("fixtures/news/dev.jsonl")).map_err(|e| e.to_string())?;
    for line in dev.lines().filter(|l| !l.trim().is_empty()) {
        let passage: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let text = passage["text"].as_str().ok_or("a passage without text")?;
        let region = passage["region"].as_str().unwrap_or("CN");
        let config = match region {
            "TW" => Some(Config::Tw2s),
            "HK" => Some(Config::Hk2s),
            _ => None,
        };
        // Where conversion changed the number of characters (rare) the
        // tagger reads the original.
        let view = config
            .map(|c| zhlens::convert(text, c))
            .filter(|v| v.chars().count() == text.chars().count())
            .unwrap_or_else(|| text.to_string());
        let gold = passage["entities"]
            .as_array()
            .ok_or("a passage without entities")?
            .iter()
            .filter_map(|e| {
                Some((
                    kind_of(e["kind"].as_str()?)?,
                    e["text"].as_str()?.to_string(),
                ))
            })
            .collect();
        items.push(Item {
            set: format!("dev-{region}"),
            text: text.to_string(),
            view,
            gold: Gold::Names(gold),
        });
    }
    Ok(items)
}

/// Writes what the tagger reads of every evaluation item, one a line, for
/// the teacher to label (`eval --teacher`).
fn evaluation_texts(out: &str) -> Result<(), String> {
    let lines: String = evaluation_items()?
        .iter()
        .map(|item| format!("{}\n", item.view))
        .collect();
    fs::write(out, lines).map_err(|e| format!("{out}: {e}"))
}

/// The teacher's labels of `evaluation_texts`, in the same order.
fn teacher_labels(path: &str, items: &[Item]) -> Result<Vec<Vec<Span>>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let labels: Vec<(String, Vec<Span>)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(labelled_sentence)
        .collect::<Result<_, _>>()?;
    if labels.len() != items.len() || labels.iter().zip(items).any(|(l, i)| l.0 != i.view) {
        return Err(format!(
            "{path} does not label the evaluation texts in order"
        ));
    }
    Ok(labels.into_iter().map(|(_, spans)| spans).collect())
}

fn evaluate(model_path: &str, teacher: Option<&str>) -> Result<(), String> {
    let model = Model::load(model_path)?;
    let analyzer = Analyzer::new();
    let items = evaluation_items()?;
    let teacher = teacher
        .map(|path| teacher_labels(path, &items))
        .transpose()?;
    let mut names: Vec<&str> = SYSTEMS.to_vec();
    if teacher.is_some() {
        // What a student that learnt its teacher perfectly would score,
        // alone and added to the rules as the model is.
        names.extend(["teacher", "rules+teacher"]);
    }
    // Per set, per system: counts per kind, then for all kinds.
    let mut sets: Vec<(String, Vec<[Counts; KINDS.len() + 1]>)> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        // Outermost rule entities for the flat sets; every one for the news
        // passages, as scripts/lib/news.mjs counts them.
        let (s, all, outermost) = read_sentence(&analyzer, &item.text, &item.view);
        let rules = match item.gold {
            Gold::Spans(_) => outermost,
            Gold::Names(_) => all,
        };
        let mut predictions = systems(&model, &s, &rules).to_vec();
        if let Some(teacher) = &teacher {
            let labels = &teacher[index];
            predictions.push(labels.clone());
            predictions.push(
                rules
                    .iter()
                    .chain(labels.iter().filter(|t| overlaps_none(t, &rules)))
                    .copied()
                    .collect(),
            );
        }
        if sets.last().is_none_or(|(set, _)| *set != item.set) {
            sets.push((item.set.clone(), vec![Default::default(); names.len()]));
        }
        let counts = &mut sets.last_mut().expect("pushed").1;
        let original: Vec<char> = item.text.chars().collect();
        for (spans, count) in predictions.iter().zip(counts.iter_mut()) {
            let (per_kind, all) = count.split_at_mut(KINDS.len());
            match &item.gold {
                Gold::Spans(gold) => {
                    let predicted = utf16(spans, &item.text);
                    for (kind, count) in per_kind.iter_mut().enumerate() {
                        let only = |set: &HashSet<Span>| {
                            set.iter()
                                .filter(|s| s.kind == kind)
                                .copied()
                                .collect::<HashSet<_>>()
                        };
                        count.add(&only(&predicted), &only(gold));
                    }
                    all[0].add(&predicted, gold);
                }
                Gold::Names(gold) => {
                    let found: HashSet<(usize, String)> = spans
                        .iter()
                        .map(|s| (s.kind, original[s.start..s.end].iter().collect()))
                        .collect();
                    all[0].add(&found, gold);
                }
            }
        }
    }
    // The passages of a region are not all together in the dev set.
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(String, Vec<[Counts; KINDS.len() + 1]>)> = Vec::new();
    for (set, counts) in sets {
        match merged.last_mut() {
            Some((last, total)) if *last == set => {
                for (t, c) in total.iter_mut().zip(&counts) {
                    for (t, c) in t.iter_mut().zip(c) {
                        t.tp += c.tp;
                        t.fp += c.fp;
                        t.fn_ += c.fn_;
                    }
                }
            }
            _ => merged.push((set, counts)),
        }
    }
    println!("set\tsystem\tperson\tplace\torg\tall (P / R / F1)");
    for (set, counts) in &merged {
        for (system, c) in names.iter().zip(counts) {
            if set.starts_with("dev-") {
                println!("{set}\t{system}\t\t\t\t{}", c[3].show());
            } else {
                let cells: Vec<String> = c.iter().map(Counts::show).collect();
                println!("{set}\t{system}\t{}", cells.join("\t"));
            }
        }
    }
    std::io::stdout().flush().map_err(|e| e.to_string())
}
