//! Extraction measured against the hand annotation of the sample articles
//! (../shared/seeds/gold.json): every required item must be found, no quoted term may
//! become a statement, and precision and recall are printed.

use quotegraph_domain::StatementKind;
use quotegraph_domain::extract::{AgreementRef, Extraction, extract};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_tests::seeds::{article_text, gold_articles};
use serde_json::Value;
use std::collections::BTreeSet;

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// Whether `speaker` is one of the answers the annotation accepts (`null` = unattributed).
fn acceptable(item: &Value, speaker: Option<&str>) -> bool {
    match item["acceptable"].as_array() {
        Some(answers) => answers.iter().any(|a| a.as_str() == speaker),
        None => item["speaker"].as_str() == speaker,
    }
}

#[derive(Default)]
struct Score {
    required: usize,
    found: usize,
    true_positives: usize,
    false_positives: usize,
    unannotated: usize,
    misses: Vec<String>,
}

impl Score {
    fn require(&mut self, ok: bool, what: String) {
        self.required += 1;
        if ok {
            self.found += 1;
        } else {
            self.misses.push(what);
        }
    }
}

fn check_metadata(gold: &Value, e: &Extraction, score: &mut Score) {
    let i = &e.ingested;
    let published = i.published_at.map(|at| at.to_text());
    score.require(
        i.title.as_deref() == gold["title"].as_str(),
        format!("title: {:?}", i.title),
    );
    score.require(
        published.as_deref() == gold["published_at"].as_str(),
        format!("published_at: {published:?}"),
    );
    score.require(
        i.source.as_deref() == gold["source"].as_str(),
        format!("source: {:?}", i.source),
    );
    score.require(
        i.reprinted_from.as_deref() == gold["reprinted_from"].as_str(),
        format!("reprinted_from: {:?}", i.reprinted_from),
    );
    score.require(
        e.script.as_str() == gold["script"].as_str().unwrap_or_default(),
        format!("script: {}", e.script.as_str()),
    );
}

fn check_statements(gold: &Value, e: &Extraction, score: &mut Score) {
    let speaker_of = |s: &quotegraph_domain::extract::ExtractedStatement| {
        s.speaker.as_ref().map(|n| n.name.clone())
    };
    let direct: Vec<_> = e
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Direct)
        .collect();
    let indirect: Vec<_> = e
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Indirect)
        .collect();
    for q in gold["quotes"]["required"].as_array().into_iter().flatten() {
        let hit = direct
            .iter()
            .find(|s| s.text == q["text"].as_str().unwrap_or_default());
        let ok = hit.is_some_and(|s| acceptable(q, speaker_of(s).as_deref()));
        score.require(
            ok,
            format!(
                "quote {:?} by {} (got {:?})",
                q["text"],
                q["speaker"],
                hit.map(|s| speaker_of(s))
            ),
        );
    }
    for q in gold["indirect_statements"]["required"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let start = q["text_starts"].as_str().unwrap_or_default();
        let hit = indirect.iter().find(|s| s.text.starts_with(start));
        let ok = hit.is_some_and(|s| speaker_of(s).as_deref() == q["speaker"].as_str());
        score.require(
            ok,
            format!(
                "indirect {start:?} by {} (got {:?})",
                q["speaker"],
                hit.map(|s| speaker_of(s))
            ),
        );
    }
    let terms = strings(&gold["quotes"]["terms"]);
    let quotes: Vec<Value> = ["required", "optional"]
        .iter()
        .flat_map(|k| gold["quotes"][*k].as_array().cloned().unwrap_or_default())
        .collect();
    let reported: Vec<Value> = ["required", "optional"]
        .iter()
        .flat_map(|k| {
            gold["indirect_statements"][*k]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    for s in &e.statements {
        let speaker = speaker_of(s);
        if terms.contains(&s.text) {
            score.false_positives += 1;
            score
                .misses
                .push(format!("term extracted as a statement: {:?}", s.text));
        } else if let Some(q) = quotes
            .iter()
            .find(|q| q["text"].as_str() == Some(s.text.as_str()))
        {
            if acceptable(q, speaker.as_deref()) {
                score.true_positives += 1
            } else {
                score.false_positives += 1
            }
        } else if let Some(r) = reported.iter().find(|r| {
            s.text
                .starts_with(r["text_starts"].as_str().unwrap_or("\u{0}"))
        }) {
            if r["speaker"].as_str() == speaker.as_deref() {
                score.true_positives += 1
            } else {
                score.false_positives += 1
            }
        } else {
            score.unannotated += 1;
        }
    }
}

fn check_entities(gold: &Value, e: &Extraction, score: &mut Score) {
    let g = Gazetteer::builtin();
    let countries: BTreeSet<String> = e.mentions.countries.iter().map(|c| c.key.clone()).collect();
    for code in strings(&gold["countries"]["required"]) {
        score.require(countries.contains(&code), format!("country {code}"));
    }
    let organizations: BTreeSet<String> = e
        .mentions
        .organizations
        .iter()
        .flat_map(|o| {
            [
                g.organizations[o.key].abbreviation.clone(),
                g.organizations[o.key].name.clone(),
            ]
        })
        .collect();
    for name in strings(&gold["organizations"]["required"]) {
        score.require(
            organizations.contains(&name),
            format!("organization {name}"),
        );
    }
    let agreements: BTreeSet<String> = e
        .mentions
        .agreements
        .iter()
        .flat_map(|a| match &a.key {
            AgreementRef::Known(k) => vec![
                g.agreements[*k].name.clone(),
                g.agreements[*k].abbreviation.clone().unwrap_or_default(),
            ],
            AgreementRef::New(name) => vec![name.clone()],
        })
        .collect();
    for a in gold["agreements"]["required"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let ok = agreements.contains(a["name"].as_str().unwrap_or_default())
            || a["short"].as_str().is_some_and(|s| agreements.contains(s));
        score.require(ok, format!("agreement {}", a["name"]));
    }
    let people: BTreeSet<String> = e
        .mentions
        .people
        .iter()
        .map(|(p, _)| p.name.clone())
        .collect();
    for p in gold["people"]["required"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_default();
        score.require(people.contains(name), format!("person {name}"));
    }
    let known: BTreeSet<String> = ["required", "optional"]
        .iter()
        .flat_map(|k| strings(&gold["countries"][*k]))
        .collect();
    for extra in countries.difference(&known) {
        score
            .misses
            .push(format!("country not in the annotation: {extra}"));
        score.false_positives += 1;
    }
}

#[test]
fn extraction_finds_every_required_item_of_both_samples_in_both_scripts() {
    let mut all_misses = Vec::new();
    let (mut required, mut found, mut tp, mut fp) = (0, 0, 0, 0);
    for gold in gold_articles() {
        let file = gold["file"].as_str().expect("a file");
        let e = extract(&article_text(file), Gazetteer::builtin());
        let mut score = Score::default();
        check_metadata(&gold, &e, &mut score);
        check_statements(&gold, &e, &mut score);
        check_entities(&gold, &e, &mut score);
        let precision = score.true_positives as f64
            / (score.true_positives + score.false_positives).max(1) as f64;
        eprintln!(
            "{file} ({}): required items {}/{} (recall {:.3}); statements: {} right, {} wrong, {} not annotated (precision {:.3})",
            gold["script"].as_str().unwrap_or_default(),
            score.found,
            score.required,
            score.found as f64 / score.required.max(1) as f64,
            score.true_positives,
            score.false_positives,
            score.unannotated,
            precision,
        );
        required += score.required;
        found += score.found;
        tp += score.true_positives;
        fp += score.false_positives;
        all_misses.extend(score.misses.into_iter().map(|m| format!("{file}: {m}")));
    }
    eprintln!(
        "overall: recall {:.3} ({found}/{required}), statement precision {:.3} ({tp}/{})",
        found as f64 / required as f64,
        tp as f64 / (tp + fp).max(1) as f64,
        tp + fp
    );
    assert!(all_misses.is_empty(), "{all_misses:#?}");
}
