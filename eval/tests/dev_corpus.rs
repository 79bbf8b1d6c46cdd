//! The development corpus (`../shared/corpus/dev`, or `QUOTEGRAPH_CORPUS_DIR`) scored with
//! floors a little under the measured figures, so that a regression fails.

use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_eval::evaluate_dir;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("QUOTEGRAPH_CORPUS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev"),
    }
}

#[test]
fn dev_corpus_scores_at_or_above_its_floors() {
    let report = match evaluate_dir(&corpus_dir(), Gazetteer::builtin()) {
        Ok(report) => report,
        Err(err) => panic!("evaluating the development corpus: {err}"),
    };
    println!("{}", report.to_text());
    let s = report.summary;
    let floors = [
        ("quote recall", s.quote_recall, 0.96),
        ("attribution accuracy", s.attribution_accuracy, 0.95),
        ("statement precision", s.statement_precision, 0.94),
        ("reported recall", s.reported_recall, 0.82),
        ("country F1", s.country_f1, 0.96),
        ("title accuracy", s.title_accuracy, 0.96),
        ("date accuracy", s.date_accuracy, 0.94),
        ("publisher accuracy", s.publisher_accuracy, 0.90),
        ("reprint accuracy", s.reprint_accuracy, 0.94),
    ];
    let below: Vec<String> = floors
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(name, got, floor)| format!("{name} {got:.3} < floor {floor:.3}"))
        .collect();
    assert!(below.is_empty(), "below the floors: {below:?}");
}
