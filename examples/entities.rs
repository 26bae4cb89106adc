//! Prints the entities of standard input, one per line:
//! `cargo run --example entities < article.txt`.

use std::io::Read;

use zhlens::{AnalyzeOptions, Analyzer};

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read standard input");
    let analysis = Analyzer::new().analyze(
        &text,
        &AnalyzeOptions::new("2025-09-15".parse().expect("a date")),
    );
    for e in analysis.entities() {
        println!("{}\t{}", e.kind().as_str(), &text[e.range()]);
    }
}
