//! OpenCC's dictionaries and configurations, vendored from the `opencc` npm
//! package (Apache-2.0) in `data/opencc-1.4.2/`: reads the text dictionaries, makes the
//! ones OpenCC's own build generates (`data/dictionary/BUILD.bazel`), and
//! writes them with the configurations in the form `src/convert.rs` reads.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::push_varint;

/// The configurations zhlens offers, in the order of `zhlens::Config`.
pub const CONFIGS: [&str; 16] = [
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp", "t2tw",
    "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
];

/// A dictionary: sorted keys, each with the first of its values (the only
/// one OpenCC's conversion uses).
pub type Dict = BTreeMap<String, String>;

/// OpenCC's data, vendored from the npm package `opencc` 1.4.2 (see the
/// folder's README), each file checked against the folder's `SHA256SUMS`.
pub fn package_dir(manifest_dir: &Path) -> PathBuf {
    let dir = manifest_dir.join("data/opencc-1.4.2");
    verify(&dir);
    dir
}

/// Fails the build unless every file `SHA256SUMS` names has its checksum and
/// the dictionary and configuration folders hold no other file, so nothing
/// unchecked reaches the tables.
fn verify(dir: &Path) {
    let list = dir.join("SHA256SUMS");
    println!("cargo:rerun-if-changed={}", list.display());
    let sums = fs::read_to_string(&list).unwrap_or_else(|e| {
        panic!(
            "read {}: {e} (OpenCC's data is vendored in the repository)",
            list.display()
        )
    });
    let mut listed = Vec::new();
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (expected, name) = line
            .split_once("  ")
            .unwrap_or_else(|| panic!("{}: malformed line {line:?}", list.display()));
        let path = dir.join(name);
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(
            actual == expected,
            "{}: SHA-256 {actual}, but {} lists {expected}: the vendored OpenCC data was modified",
            path.display(),
            list.display()
        );
        listed.push(path);
    }
    for folder in ["config", "dictionary"] {
        for file in fs::read_dir(dir.join(folder)).expect("OpenCC data folder") {
            let path = file.unwrap().path();
            assert!(
                listed.contains(&path),
                "{} is not in {}: add its checksum or remove it",
                path.display(),
                list.display()
            );
        }
    }
}

struct Entry {
    key: String,
    values: Vec<String>,
}

/// Entries as OpenCC's `common.py` reads them, with any `@reverse-prefer`
/// annotations (reversed key → preferred value).
fn entries(text: &str) -> (Vec<Entry>, Vec<(String, String)>) {
    let (mut entries, mut prefer) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# @reverse-prefer:") {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            prefer.push((fields[0].to_string(), fields[fields.len() - 1].to_string()));
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (key, values) = line.split_once('\t').expect("key<TAB>values");
        entries.push(Entry {
            key: key.to_string(),
            values: values.split(' ').map(String::from).collect(),
        });
    }
    (entries, prefer)
}

/// The first value of each key; a repeated key keeps its first line.
fn first_values(entries: &[Entry]) -> Dict {
    let mut dict = Dict::new();
    for e in entries {
        dict.entry(e.key.clone())
            .or_insert_with(|| e.values[0].clone());
    }
    dict
}

/// `reverse.py`: every value becomes a key whose values are the keys it came
/// from, in file order, a `@reverse-prefer`red one first.
fn reverse(text: &str) -> Dict {
    let (entries, prefer) = entries(text);
    let mut reversed: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &entries {
        for v in &e.values {
            reversed.entry(v).or_default().push(&e.key);
        }
    }
    let mut dict: Dict = reversed
        .iter()
        .map(|(k, v)| (k.to_string(), v[0].to_string()))
        .collect();
    for (key, value) in prefer {
        assert!(
            reversed[key.as_str()].contains(&value.as_str()),
            "reverse preference {key} {value}"
        );
        dict.insert(key, value);
    }
    dict
}

/// `extract_tofu_risk.py`: the mappings annotated `@tofu-risk`, without the
/// key itself among their values.
fn tofu_risk(text: &str) -> Dict {
    let lines: Vec<&str> = text.lines().collect();
    let mut dict = Dict::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("# @tofu-risk:") {
            let (key, values) = lines[i + 1]
                .split_once('\t')
                .expect("mapping after @tofu-risk");
            let value = values
                .split_whitespace()
                .find(|&v| v != key)
                .expect("extension value");
            dict.entry(key.to_string())
                .or_insert_with(|| value.to_string());
        }
    }
    dict
}

/// Longest key of `dict` that `text` starts with, in bytes.
fn longest_prefix(dict: &Dict, max_chars: usize, text: &str) -> Option<usize> {
    let ends: Vec<usize> = text
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain([text.len()])
        .take(max_chars)
        .collect();
    ends.into_iter()
        .rev()
        .find(|&end| dict.contains_key(&text[..end]))
}

/// Converts with a short-circuit group of dictionaries and no segmentation,
/// as OpenCC does for the keys it generates from.
fn convert(text: &str, group: &[&Dict]) -> String {
    let longest: Vec<usize> = group
        .iter()
        .map(|d| d.keys().map(|k| k.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let mut at = 0;
    'text: while at < text.len() {
        for (dict, &max) in group.iter().zip(&longest) {
            if let Some(end) = longest_prefix(dict, max, &text[at..]) {
                out.push_str(&dict[&text[at..at + end]]);
                at += end;
                continue 'text;
            }
        }
        let c = text[at..].chars().next().unwrap();
        out.push(c);
        at += c.len_utf8();
    }
    out
}

/// Every dictionary the configurations name, by OpenCC's `.ocd2` file stem.
pub fn dictionaries(package: &Path) -> BTreeMap<String, Dict> {
    let dir = package.join("dictionary");
    let read = |name: &str| {
        let path = dir.join(format!("{name}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    };
    let mut dicts = BTreeMap::new();
    for file in fs::read_dir(&dir).expect("dictionary folder") {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            dicts.insert(name.clone(), first_values(&entries(&read(&name)).0));
        }
    }
    for name in ["TWVariants", "HKVariants", "JPShinjitaiCharacters"] {
        dicts.insert(format!("{name}Rev"), reverse(&read(name)));
    }
    let ts_characters = read("TSCharacters");
    dicts.insert("TSCharactersExt".into(), tofu_risk(&ts_characters));

    // generate_st_phrases_from_regional_phrases.py: the regional phrases'
    // keys through t2s (tofu-risk table included), kept from 3 characters
    // on, mapped back to the first key that projects to them.
    let t2s = [
        &dicts["TSPhrases"],
        &dicts["TSCharactersExt"],
        &dicts["TSCharacters"],
    ];
    let compatibility = &dicts["CJK_Compatibility_Ideographs"];
    let mut generated = Dict::new();
    for name in ["HKPhrases", "TWPhrases"] {
        for e in entries(&read(name)).0 {
            let simplified = convert(&convert(&e.key, &[compatibility]), &t2s);
            if simplified.chars().count() >= 3 {
                generated.entry(simplified).or_insert(e.key);
            }
        }
    }
    dicts.insert("STPhrases_GeneratedFromRegionalPhrases".into(), generated);
    dicts
}

/// A dictionary group of a configuration, as `src/convert.rs`'s `Group`.
///
/// Dictionaries marked `may_output_tofu` (characters few fonts have, such as
/// 殢 → 𣨼) are kept, as OpenCC's npm binding and its test cases keep them.
fn group_source(doc: &serde_json::Value, used: &mut Vec<String>) -> String {
    match doc["type"].as_str() {
        Some("group") => {
            let members: Vec<String> = doc["dicts"]
                .as_array()
                .expect("group dicts")
                .iter()
                .map(|d| group_source(d, used))
                .collect();
            let policy = match doc["match_policy"].as_str().unwrap_or("short_circuit") {
                "short_circuit" => "ShortCircuit",
                "union" => "Union",
                other => panic!("unknown match_policy {other}"),
            };
            format!("Group::{policy}(&[{}])", members.join(", "))
        }
        Some("ocd2" | "text") => {
            let file = doc["file"].as_str().expect("dict file");
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s).to_string();
            let index = used.iter().position(|u| *u == stem).unwrap_or_else(|| {
                used.push(stem);
                used.len() - 1
            });
            format!("Group::Dict({index})")
        }
        other => panic!("unsupported dictionary type {other:?}"),
    }
}

fn chain_source(stages: &serde_json::Value, used: &mut Vec<String>) -> String {
    let stages: Vec<String> = stages
        .as_array()
        .map(|a| a.iter().map(|s| group_source(&s["dict"], used)).collect())
        .unwrap_or_default();
    format!("&[{}]", stages.join(", "))
}

/// The configurations as Rust (`CONFIG_SPECS`), and the dictionaries they
/// use in the order their `Group::Dict` indexes refer to.
pub fn configs(package: &Path) -> (String, Vec<String>) {
    let mut used = Vec::new();
    let mut src = String::from("/// OpenCC's configurations, in the order of `Config`.\n");
    src.push_str("pub(crate) static CONFIG_SPECS: &[Spec] = &[\n");
    for name in CONFIGS {
        let path = package.join(format!("config/{name}.json"));
        println!("cargo:rerun-if-changed={}", path.display());
        let doc: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display())),
        )
        .unwrap();
        let segmentation = match doc.get("segmentation") {
            Some(s) => {
                assert_eq!(s["type"], "mmseg", "{name}: segmentation");
                format!("Some({})", group_source(&s["dict"], &mut used))
            }
            None => "None".into(),
        };
        let normalization = chain_source(&doc["normalization"], &mut used);
        let chain = chain_source(&doc["conversion_chain"], &mut used);
        writeln!(
            src,
            "    Spec {{ name: {name:?}, normalization: {normalization}, segmentation: {segmentation}, chain: {chain} }},"
        )
        .unwrap();
    }
    src.push_str("];\n/// The file stem of each dictionary, by `Group::Dict` index.\n");
    writeln!(src, "pub(crate) static DICT_NAMES: &[&str] = &{used:?};").unwrap();
    (src, used)
}

/// The value `key` gets from converting it one character at a time with
/// `chars` (a dictionary of one-character keys).
fn by_characters(chars: &Dict, key: &str) -> String {
    let mut buf = [0u8; 4];
    key.chars()
        .map(|c| {
            let c: &str = c.encode_utf8(&mut buf);
            chars.get(c).map_or(c, |v| v.as_str()).to_string()
        })
        .collect()
}

/// The dictionary of one-character keys that gives most of `dict`'s values
/// from their keys, among the `used` ones, and how many.
fn derive_from(dicts: &BTreeMap<String, Dict>, used: &[String], dict: &Dict) -> Option<usize> {
    if dict.keys().all(|k| k.chars().nth(1).is_none()) {
        return None;
    }
    used.iter()
        .enumerate()
        .filter(|(_, n)| dicts[*n].keys().all(|k| k.chars().nth(1).is_none()))
        .map(|(i, n)| {
            let chars = &dicts[n];
            let hits = dict
                .iter()
                .filter(|(k, v)| by_characters(chars, k) == **v)
                .count();
            (hits, std::cmp::Reverse(i))
        })
        .max()
        .filter(|&(hits, _)| hits > 0)
        .map(|(_, std::cmp::Reverse(i))| i)
}

/// Layout (see `src/convert.rs`'s `tables`): two columns of text, each as
/// its length (4 bytes little-endian) and its bytes: the keys, each without
/// the bytes it shares with the previous key of its dictionary; then the
/// values that cannot be derived. Then per dictionary, as varints: its entry
/// count; 0, or 1 + the index of the dictionary of one-character keys its
/// values are derived from; and per entry (keys sorted) the bytes shared with
/// the previous key, the length of the rest, and the value's length, or 0
/// when the value is the key converted one character at a time (most
/// phrases: 一丝不挂 → 一絲不掛).
pub fn encode(dicts: &BTreeMap<String, Dict>, used: &[String]) -> Vec<u8> {
    let (mut keys, mut values, mut lengths) = (Vec::new(), Vec::new(), Vec::new());
    for name in used {
        let dict = dicts
            .get(name)
            .unwrap_or_else(|| panic!("no dictionary {name}"));
        let derive = derive_from(dicts, used, dict);
        push_varint(&mut lengths, dict.len() as u64);
        push_varint(&mut lengths, derive.map_or(0, |i| i as u64 + 1));
        let mut previous = "";
        for (k, v) in dict {
            assert!(!v.is_empty(), "{name}: empty value for {k}");
            let shared = k
                .char_indices()
                .zip(previous.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8());
            keys.extend_from_slice(&k.as_bytes()[shared..]);
            push_varint(&mut lengths, shared as u64);
            push_varint(&mut lengths, (k.len() - shared) as u64);
            if derive.is_some_and(|d| by_characters(&dicts[&used[d]], k) == *v) {
                push_varint(&mut lengths, 0);
            } else {
                values.extend_from_slice(v.as_bytes());
                push_varint(&mut lengths, v.len() as u64);
            }
            previous = k;
        }
    }
    let mut out = Vec::new();
    for column in [keys, values] {
        out.extend((column.len() as u32).to_le_bytes());
        out.extend(column);
    }
    out.extend(lengths);
    out
}
