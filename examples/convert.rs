//! Converts a file (or standard input) with an OpenCC configuration, as the
//! package's `convert` does (word boundaries guarded for Simplified input),
//! and prints the result: `cargo run --release --example convert -- s2twp
//! FILE`. `ZHLENS_REPEAT=N` converts it N times, for profiling;
//! `ZHLENS_UNGUARDED=1` converts without the word-boundary rule, as
//! `zhlens::convert` does; `ZHLENS_UTF16=1` from and to UTF-16 code units,
//! as the package's `convert` does.

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let config: zhlens::Config = args
        .next()
        .expect("usage: convert CONFIG [FILE]")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    match args.next() {
        Some(path) => text = std::fs::read_to_string(path).expect("read the file"),
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .expect("read standard input");
        }
    }
    let repeat: usize = std::env::var("ZHLENS_REPEAT").map_or(1, |n| n.parse().expect("a count"));
    let unguarded = std::env::var_os("ZHLENS_UNGUARDED").is_some();
    let units: Option<Vec<u16>> =
        std::env::var_os("ZHLENS_UTF16").map(|_| text.encode_utf16().collect());
    let analyzer = zhlens::Analyzer::new();
    let (mut converted, mut converted_units) = (String::new(), Vec::new());
    for _ in 0..repeat.max(1) {
        if let Some(units) = &units {
            converted_units = analyzer.convert_utf16(units, config);
        } else if unguarded {
            converted = zhlens::convert(&text, config);
        } else {
            converted = analyzer.convert(&text, config);
        }
    }
    if units.is_some() {
        converted = String::from_utf16(&converted_units).expect("converted from valid UTF-16");
    }
    print!("{converted}");
}
