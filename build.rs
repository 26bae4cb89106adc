//! Compiles the data zhlens ships: jieba-rs's word dictionary and POS model
//! (MIT, from the crate), and OpenCC's dictionaries and configurations
//! (Apache-2.0, vendored with checksums in `data/opencc-1.4.2/` from the
//! `opencc` npm package, see `build/opencc.rs`). Nothing is parsed from text
//! at run time: the outputs in `OUT_DIR` are compact binaries and Rust tables
//! that `src/` includes.

#[path = "build/dictionary.rs"]
mod dictionary;
#[path = "build/opencc.rs"]
mod opencc;

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build/opencc.rs");
    println!("cargo:rerun-if-changed=build/dictionary.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let jieba = package_dir("jieba-rs");
    let jieba_macros = package_dir("jieba-macros");
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let opencc = opencc::package_dir(Path::new(&manifest_dir));

    let dict = read(&jieba.join("src/data/dict.txt"));
    let posseg = read(&jieba.join("src/data/posseg.txt"));
    let dicts = opencc::dictionaries(&opencc);

    let words = dictionary::compile(&dict, Path::new(&manifest_dir));
    let mut tags: BTreeSet<String> = words.iter().map(|e| e.tag.clone()).collect();
    let (model, model_tags) = compile_pos_model(&posseg);
    tags.extend(model_tags);
    // Tags jieba-rs gives words outside its dictionary.
    tags.extend(["x", "m", "eng"].map(String::from));

    let trie = dictionary::encode(&words, |tag| tag_index(&tags, tag));
    for (name, bytes) in [
        ("labels", &trie.labels),
        ("child_offsets", &trie.child_offsets),
        ("child_blocks", &trie.child_blocks),
        ("word", &trie.word),
        ("tag", &trie.tag),
        ("bmp_codes", &trie.bmp_codes),
        ("astral_codes", &trie.astral_codes),
        ("freqs", &trie.freqs),
        ("total", &trie.total),
    ] {
        fs::write(out.join(format!("dictionary_{name}.bin")), bytes).unwrap();
    }
    let hmm = read(&jieba_macros.join("src/hmm.model"));
    fs::write(out.join("hmm.bin"), dictionary::encode_hmm(&hmm)).unwrap();
    fs::write(out.join("pos_model.bin"), encode_pos_model(&model, &tags)).unwrap();
    fs::write(out.join("pos_tags.rs"), pos_tags_source(&tags)).unwrap();
    fs::write(
        out.join("script_tables.rs"),
        script_tables_source(
            &dicts["TSCharacters"],
            &dicts["STCharacters"],
            &read(&opencc.join("dictionary/TSCharacters.txt")),
            [&dicts["TWVariantsRev"], &dicts["HKVariantsRev"]],
        ),
    )
    .unwrap();
    let (specs, used) = opencc::configs(&opencc);
    fs::write(out.join("opencc_configs.rs"), specs).unwrap();
    fs::write(out.join("opencc.bin"), opencc::encode(&dicts, &used)).unwrap();
}

/// The source folder of a dependency, as cargo resolved it from Cargo.lock.
fn package_dir(name: &str) -> PathBuf {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(&manifest_dir)
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["manifest_path"].as_str())
        .unwrap_or_else(|| panic!("{name} is not in cargo metadata"));
    Path::new(manifest).parent().unwrap().to_path_buf()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn tag_index(tags: &BTreeSet<String>, tag: &str) -> u8 {
    tags.iter().position(|t| t == tag).expect("known tag") as u8
}

/// jieba's compound (position × POS) HMM: start, transition and emission
/// log-probabilities, keyed by state `position * 64 + tag`.
struct PosModel {
    tags: Vec<String>,
    start: Vec<(u16, f64)>,
    trans: Vec<(u16, u16, f64)>,
    emit: BTreeMap<char, BTreeMap<u16, f64>>,
    allowed: BTreeMap<char, BTreeSet<u16>>,
}

const MODEL_TAGS: u16 = 64;

fn compile_pos_model(text: &str) -> (PosModel, Vec<String>) {
    let mut m = PosModel {
        tags: Vec::new(),
        start: Vec::new(),
        trans: Vec::new(),
        emit: BTreeMap::new(),
        allowed: BTreeMap::new(),
    };
    let state = |s: &str| {
        let (pos, tag) = s.split_once(',').unwrap();
        pos.parse::<u16>().unwrap() * MODEL_TAGS + tag.parse::<u16>().unwrap()
    };
    let mut section = "";
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('@') || line.starts_with('#') {
            section = line;
            continue;
        }
        match section {
            "@TAGS" => m.tags = line.split(',').map(|t| t.trim().to_string()).collect(),
            "@START" => {
                let (s, p) = line.rsplit_once(',').unwrap();
                m.start.push((state(s), p.parse().unwrap()));
            }
            "@TRANS" => {
                let mut parts = line.split('|');
                let from = state(parts.next().unwrap());
                for seg in parts.filter(|s| !s.is_empty()) {
                    let (to, p) = seg.rsplit_once(',').unwrap();
                    m.trans.push((from, state(to), p.parse().unwrap()));
                }
            }
            "@EMIT" => {
                let mut parts = line.split('|');
                let s = state(parts.next().unwrap());
                for seg in parts.filter(|s| !s.is_empty()) {
                    let (ch, p) = seg.rsplit_once(',').unwrap();
                    let ch = ch.chars().next().unwrap();
                    m.emit.entry(ch).or_default().insert(s, p.parse().unwrap());
                }
            }
            "@CHAR_STATE" => {
                let mut parts = line.split('|');
                let ch = parts.next().unwrap().chars().next().unwrap();
                let states: BTreeSet<u16> = parts.filter(|s| !s.is_empty()).map(state).collect();
                if !states.is_empty() {
                    m.allowed.insert(ch, states);
                }
            }
            _ => {}
        }
    }
    assert_eq!(m.tags.len(), MODEL_TAGS as usize, "posseg model tag count");
    let tags = m.tags.clone();
    (m, tags)
}

/// Log-probabilities as hundredths of a nat, clamped to u16: the tagger only
/// compares path scores, and 0.01 nat is far below any decision margin.
fn quantize(logp: f64) -> u16 {
    (-logp * 100.0).round().clamp(0.0, u16::MAX as f64) as u16
}

/// Layout (see `src/pos_model.rs`): the model's 64 tags as indexes into the
/// global tag table; start list; transition list; then per character its
/// candidate states with emission costs. Costs are quantized `-ln p`.
fn encode_pos_model(m: &PosModel, tags: &BTreeSet<String>) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(m.tags.iter().map(|t| tag_index(tags, t)));
    push_varint(&mut out, m.start.len() as u64);
    for &(s, p) in &m.start {
        push_varint(&mut out, s.into());
        push_varint(&mut out, quantize(p).into());
    }
    push_varint(&mut out, m.trans.len() as u64);
    for &(from, to, p) in &m.trans {
        push_varint(&mut out, from.into());
        push_varint(&mut out, to.into());
        push_varint(&mut out, quantize(p).into());
    }
    push_varint(&mut out, m.emit.len() as u64);
    for (ch, emits) in &m.emit {
        let allowed = m.allowed.get(ch);
        let states: Vec<_> = emits
            .iter()
            .filter(|(s, _)| allowed.is_none_or(|a| a.contains(s)))
            .collect();
        push_varint(&mut out, *ch as u64);
        push_varint(&mut out, states.len() as u64);
        for (&s, &p) in states {
            push_varint(&mut out, s.into());
            push_varint(&mut out, quantize(p).into());
        }
    }
    out
}

fn pos_tags_source(tags: &BTreeSet<String>) -> String {
    assert!(tags.len() <= 256, "tag indexes are bytes");
    let mut src =
        String::from("/// Every POS tag a token can carry, sorted; a `Pos` is an index here.\n");
    src.push_str("pub(crate) static POS_TAGS: &[&str] = &[\n");
    for t in tags {
        writeln!(src, "    {t:?},").unwrap();
    }
    src.push_str("];\n/// `POS_TAGS` as `tag_key`s, in the same (ascending) order.\n");
    src.push_str("pub(crate) static POS_KEYS: &[u64] = &[\n");
    for t in tags {
        assert!(t.len() <= 8 && t.is_ascii(), "tag {t:?} must fit a u64 key");
        let mut key = [0u8; 8];
        key[..t.len()].copy_from_slice(t.as_bytes());
        writeln!(src, "    {:#x},", u64::from_be_bytes(key)).unwrap();
    }
    src.push_str("];\n");
    src
}

/// The sets that let `detect_script` tell the scripts apart: characters
/// only Traditional text uses, and characters only Simplified text uses
/// (single characters of OpenCC's `TSCharacters` and `STCharacters`); and
/// those that tell Taiwan's and Hong Kong's standards apart (the keys of
/// `TWVariantsRev` and `HKVariantsRev`, such as 裡 and 綫).
fn script_tables_source(
    t2s: &opencc::Dict,
    s2t: &opencc::Dict,
    t2s_text: &str,
    [taiwan, hong_kong]: [&opencc::Dict; 2],
) -> String {
    let chars = |d: &opencc::Dict| -> BTreeMap<char, char> {
        d.iter()
            .filter_map(|(k, v)| Some((single_char(k)?, single_char(v)?)))
            .collect()
    };
    let (t2s, s2t) = (chars(t2s), chars(s2t));
    // A character is a Traditional cue when converting it changes it and it
    // never stands for itself in Simplified text; symmetrically for Simplified.
    let simplified_readings: BTreeSet<char> = t2s.values().copied().collect();
    let traditional_only: BTreeSet<char> = t2s
        .iter()
        .filter(|&(t, s)| t != s && !s2t.contains_key(t) && !simplified_readings.contains(t))
        .map(|(&t, _)| t)
        .collect();
    let simplified_only: BTreeSet<char> = s2t
        .iter()
        .filter(|&(k, v)| k != v && !t2s.contains_key(k))
        .map(|(&k, _)| k)
        .collect();

    let mut src = String::new();
    src.push_str(&bmp_bitset("TRADITIONAL_ONLY_BMP", &traditional_only));
    src.push_str(&bmp_bitset("SIMPLIFIED_ONLY_BMP", &simplified_only));
    src.push_str(&sorted_chars(
        "TRADITIONAL_ONLY",
        "Characters only Traditional text uses",
        &traditional_only,
    ));
    src.push_str(&sorted_chars(
        "SIMPLIFIED_ONLY",
        "Characters only Simplified text uses",
        &simplified_only,
    ));
    // Traditional characters that OpenCC may also keep as they are (乾 in
    // 乾隆, 於 as a surname): only a phrase tells, so they are not folded
    // one by one.
    let kept: BTreeSet<char> = t2s_text
        .lines()
        .filter_map(|line| {
            let (key, values) = line.split_once('\t')?;
            let key = single_char(key)?;
            values
                .split(' ')
                .any(|v| single_char(v) == Some(key))
                .then_some(key)
        })
        .filter(|c| traditional_only.contains(c))
        .collect();
    src.push_str(&sorted_chars(
        "TRADITIONAL_KEPT",
        "Traditional-only characters OpenCC may keep as they are",
        &kept,
    ));
    for (name, table, dict) in [
        ("TAIWAN_VARIANTS", "TWVariantsRev", taiwan),
        ("HONG_KONG_VARIANTS", "HKVariantsRev", hong_kong),
    ] {
        let keys: BTreeSet<char> = dict.keys().filter_map(|k| single_char(k)).collect();
        src.push_str(&bmp_bitset(&format!("{name}_BMP"), &keys));
        let doc = format!("The keys of one character of OpenCC's `{table}`");
        src.push_str(&sorted_chars(name, &doc, &keys));
    }
    src
}

/// A bit per Basic Multilingual Plane character, set for those in `chars`,
/// so that classifying each character of a text is one load.
fn bmp_bitset(name: &str, chars: &BTreeSet<char>) -> String {
    let mut words = [0u64; 1024];
    for &c in chars.iter().filter(|&&c| (c as u32) < 0x10000) {
        words[c as usize / 64] |= 1 << (c as usize % 64);
    }
    let mut src = format!(
        "/// `{name}`: one bit per BMP character.\npub(crate) static {name}: [u64; 1024] = [\n"
    );
    for w in words {
        writeln!(src, "    {w:#x},").unwrap();
    }
    src.push_str("];\n");
    src
}

/// `chars` as a sorted `&[char]` static named `name`, for binary search
/// beyond the BMP.
fn sorted_chars(name: &str, doc: &str, chars: &BTreeSet<char>) -> String {
    let mut src = format!("/// {doc}, sorted.\npub(crate) static {name}: &[char] = &[\n");
    for c in chars {
        writeln!(src, "    {c:?},").unwrap();
    }
    src.push_str("];\n");
    src
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}
