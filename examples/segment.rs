//! Prints each word of the text given as arguments, or of standard input,
//! with its part-of-speech tag: `cargo run --example segment -- 園區完成規模工業總產值`.
//! `ZHLENS_REPEAT=N` segments it N times, for profiling: callgrind's counts
//! with N = 3 less N = 1, halved, are one call's, without the loading.

use std::io::Read;

fn main() {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin()
            .read_to_string(&mut text)
            .expect("read standard input");
    }
    let repeat: usize = std::env::var("ZHLENS_REPEAT").map_or(1, |n| n.parse().expect("a count"));
    let started = std::time::Instant::now();
    let analyzer = zhlens::Analyzer::new();
    eprintln!("loaded in {:?}", started.elapsed());
    for _ in 1..repeat {
        std::hint::black_box(analyzer.segment(&text));
    }
    for token in analyzer.segment(&text) {
        println!("{}\t{}", &text[token.range()], token.pos());
    }
}
