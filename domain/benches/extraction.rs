//! Extraction speed: ingest + extract on the sample articles, repeated for a few seconds.
//! `cargo bench -p quotegraph-domain --bench extraction` (reads ../shared/seeds, or
//! QUOTEGRAPH_SEEDS_DIR). QUOTEGRAPH_BENCH_ROUNDS=N runs exactly N rounds instead.
#![allow(missing_docs, clippy::expect_used)]

use quotegraph_domain::extract::extract;
use quotegraph_domain::gazetteer::Gazetteer;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::var_os("QUOTEGRAPH_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"));
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("a readable article"))
        .collect();
    texts.sort();
    let started = Instant::now();
    let gazetteer = Gazetteer::builtin();
    println!(
        "gazetteer built in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut articles, mut statements) = (0usize, 0usize);
    // A fixed number of rounds makes instruction counts (valgrind, perf stat) comparable.
    let rounds: Option<usize> = std::env::var("QUOTEGRAPH_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok());
    let done = |started: Instant, articles: usize| match rounds {
        Some(rounds) => articles >= rounds * texts.len(),
        None => started.elapsed() >= Duration::from_secs(3),
    };
    let started = Instant::now();
    while !done(started, articles) {
        for text in &texts {
            statements += extract(text, gazetteer).statements.len();
            articles += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let rounds = articles / texts.len();
    println!(
        "extraction: {articles} articles in {seconds:.2} s = {:.0} articles/s, {:.2} MB/s ({} statements per round of {} articles, {} KB)",
        articles as f64 / seconds,
        (bytes * rounds) as f64 / seconds / 1e6,
        statements / rounds.max(1),
        texts.len(),
        bytes / 1000,
    );
}
