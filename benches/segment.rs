//! Native segmentation throughput. `cargo bench --bench segment`.
//! Uses the seed article from `../shared` when present, else a built-in text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhlens::Analyzer;

fn article() -> String {
    std::fs::read_to_string("../shared/fixtures/seed/article.txt").unwrap_or_else(|_| {
        "今年1至7月，园区完成规模工业总产值218.8亿元，同比增长5.25%。".repeat(200)
    })
}

fn segment(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let text = article();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("article", |b| b.iter(|| analyzer.segment(&text)));
    group.finish();
    c.bench_function("Analyzer::new", |b| b.iter(Analyzer::new));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = segment
}
criterion_main!(benches);
