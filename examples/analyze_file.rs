//! Analyzes one file in one call, for profiling and for comparing builds:
//! `cargo build --release --example analyze_file`, then
//! `valgrind --tool=callgrind target/release/examples/analyze_file FILE`
//! counts the instructions (subtract a run on an empty file for the load);
//! with `--dump`, every figure, metric and `numbers()` span is printed, one a
//! line, so two builds' outputs on the same text can be diffed.

use zhlens::{AnalyzeOptions, Analyzer};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: analyze_file FILE [--dump]");
    let dump = args.next().as_deref() == Some("--dump");
    let text = std::fs::read_to_string(&path).expect("read the file");
    let analyzer = Analyzer::new();
    let options = AnalyzeOptions::new("2025-09-15".parse().expect("a date"));
    let started = std::time::Instant::now();
    let analysis = analyzer.analyze(&text, &options);
    eprintln!(
        "{} figures, {} entities, {} metrics in {:?}",
        analysis.figures().len(),
        analysis.entities().len(),
        analysis.metrics().len(),
        started.elapsed()
    );
    if !dump {
        return;
    }
    for f in analysis.figures() {
        let (kind, value, unit) = (f.kind(), f.value(), f.unit());
        println!(
            "F {:?} {} {kind:?} {value:?} {unit:?} {:?}",
            f.range(),
            &text[f.range()],
            f.approx()
        );
    }
    for e in analysis.entities() {
        println!("E {:?} {} {:?}", e.range(), &text[e.range()], e.kind());
    }
    for m in analysis.metrics() {
        println!("M {:?} {}", m.indicator(), m.value());
    }
    for n in analyzer.numbers(&text) {
        println!("N {:?} {}", n.range(), n.value());
    }
}
