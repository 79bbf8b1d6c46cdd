//! The generator's own checks: determinism and that what it writes extracts.

use crate::article::*;
use crate::rng::Rng;
use crate::world::*;
use crate::{Options, generate};
use quotegraph_domain::extract::extract;
use quotegraph_domain::gazetteer::{FoldedText, Gazetteer};
use std::collections::HashSet;
use std::path::PathBuf;

#[test]
fn the_same_seed_gives_the_same_text() {
    let a = World::new(7);
    let b = World::new(7);
    for i in 0..20 {
        assert_eq!(a.article(7, i), b.article(7, i));
    }
}

#[test]
fn different_seeds_give_different_text() {
    let a = World::new(1);
    let b = World::new(2);
    assert_ne!(a.article(1, 0), b.article(2, 0));
    assert_ne!(a.article(1, 0), a.article(1, 1));
}

#[test]
fn articles_extract_with_title_date_source_and_a_named_speaker() {
    let world = World::new(1);
    let g = Gazetteer::builtin();
    for i in 0..40 {
        let text = world.article(1, i);
        let e = extract(&text, g);
        assert!(
            e.ingested.title.is_some(),
            "no title in article {i}:\n{text}"
        );
        assert!(
            e.ingested.published_at.is_some(),
            "no date in article {i}:\n{text}"
        );
        assert!(
            e.ingested.source.is_some(),
            "no source in article {i}:\n{text}"
        );
        assert!(
            e.statements.iter().any(|s| s.speaker.is_some()),
            "no named speaker in article {i}:\n{text}"
        );
    }
}

#[test]
fn sizes_and_scripts_look_like_real_news() {
    let world = World::new(1);
    let n = 300;
    let mut total = 0;
    let mut traditional = 0;
    for i in 0..n {
        let text = world.article(1, i);
        let chars = text.chars().count();
        assert!(
            (MIN_CHARS..=MAX_CHARS).contains(&chars),
            "article {i} has {chars} characters"
        );
        total += chars;
        if text.contains('「') || text.contains("們") || text.contains("國") {
            traditional += 1;
        }
    }
    let mean = total / n;
    assert!((1_500..=2_100).contains(&mean), "mean {mean} characters");
    assert!(
        (100..=200).contains(&traditional),
        "{traditional} traditional"
    );
}

#[test]
fn made_up_speakers_are_many_and_skewed() {
    let world = World::new(1);
    assert!(world.people.len() > MADE_UP_PEOPLE);
    assert_eq!(world.people[0].name, "习近平");
    let mut rng = Rng::new(3);
    let draws: Vec<usize> = (0..10_000).map(|_| world.speaker(&mut rng)).collect();
    let top = draws.iter().filter(|&&s| s == 0).count();
    let distinct: HashSet<usize> = draws.iter().copied().collect();
    assert!(top > 500, "the most frequent speaker spoke {top} times");
    assert!(
        distinct.len() > 2_000,
        "{} distinct speakers",
        distinct.len()
    );
}

/// Names are made so extraction reads them whole: every speaker it finds is one the
/// generator wrote.
#[test]
fn extracted_speakers_are_the_people_written() {
    let world = World::new(1);
    let names: HashSet<&str> = world.people.iter().map(|p| p.name.as_str()).collect();
    let g = Gazetteer::builtin();
    let mut bad = Vec::new();
    for i in 0..150 {
        let e = extract(&world.article(1, i), g);
        for s in &e.statements {
            if let Some(n) = &s.speaker
                && !names.contains(n.name.as_str())
            {
                bad.push((i, n.name.clone(), s.speaker_phrase.clone()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} {:?}",
        bad.len(),
        &bad[..bad.len().min(40)]
    );
}

#[test]
fn every_title_is_one_extraction_knows() {
    let g = Gazetteer::builtin();
    let titles = INSTITUTIONS
        .iter()
        .chain(ORGANIZATION_TITLES)
        .flat_map(|(_, titles)| titles.iter())
        .chain(FOREIGN_TITLES);
    for title in titles {
        let folded = FoldedText::new(title);
        let n = folded.chars.len();
        assert!(
            g.titles_in(&folded).iter().any(|&(_, end)| end == n),
            "{title} ends in no known title"
        );
    }
}

#[test]
fn generate_writes_folders_of_files() {
    let dir = tempfile_dir();
    let options = Options {
        articles: 5,
        out: dir.clone(),
        seed: 1,
    };
    let summary = generate(&options).unwrap();
    assert_eq!(summary.files, 5);
    let written = std::fs::read_to_string(dir.join("0000").join("0000004.txt")).unwrap();
    assert_eq!(written, World::new(1).article(1, 4));
    std::fs::remove_dir_all(dir).unwrap();
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotegraph-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
