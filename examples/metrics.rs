//! Prints the metrics of each line of standard input:
//! `echo 今年1至7月，园区完成规模工业总产值218.8亿元，同比增长5.25%。 | cargo run --example metrics`.

use std::io::BufRead;

use zhlens::{AnalyzeOptions, Analyzer};

fn main() {
    let analyzer = Analyzer::new();
    let options = AnalyzeOptions::new("2025-09-15".parse().expect("a date"));
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("read standard input");
        let analysis = analyzer.analyze(&line, &options);
        let figure = |i: usize| &line[analysis.figures()[i].range()];
        for m in analysis.metrics() {
            let change = m.change().map(|c| {
                format!(
                    " [{} {} amount={:?} basis={:?} from={:?}]",
                    &line[c.range()],
                    c.direction().as_str(),
                    c.amount().map(figure),
                    c.basis().map(|b| b.as_str()),
                    c.from().map(figure)
                )
            });
            println!(
                "{} = {} period={:?}{}",
                &line[m.indicator()],
                figure(m.value()),
                m.period().map(figure),
                change.unwrap_or_default()
            );
        }
        println!("--");
    }
}
