//! The sample articles and their hand annotation, read from `../shared/seeds` (or
//! `QUOTEGRAPH_SEEDS_DIR`); the project keeps no copy of their text.

use serde_json::{Value, json};
use std::path::PathBuf;

/// The folder holding the sample articles and `gold.json`.
pub fn seeds_dir() -> PathBuf {
    match std::env::var_os("QUOTEGRAPH_SEEDS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"),
    }
}

/// The parsed `gold.json`.
pub fn gold() -> Value {
    let path = seeds_dir().join("gold.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).expect("gold.json is JSON")
}

/// The annotated articles of `gold.json`.
pub fn gold_articles() -> Vec<Value> {
    gold()["articles"].as_array().cloned().unwrap_or_default()
}

/// The text of a sample article file.
pub fn article_text(file: &str) -> String {
    let path = seeds_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The written forms of `name` that the annotation lists under `people`.
fn written_forms(article: &Value, name: &str) -> Vec<String> {
    article["people"]["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["name"] == name)
        .flat_map(|p| strings(&p["written"]))
        .collect()
}

/// Details the annotation gives about a person: (title, country).
fn person_details(article: &Value, name: &str) -> (Value, Value) {
    let person = article["people"]["required"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == name);
    match person {
        Some(p) => (p["title"].clone(), p["country"].clone()),
        None => (Value::Null, Value::Null),
    }
}

/// The `addArticle` input holding an annotated article's structured facts: its metadata,
/// every required quote with its speaker, and its required mentions. The body is the
/// article file as it is.
pub fn add_article_input(article: &Value) -> Value {
    let body = article_text(article["file"].as_str().expect("a file name"));
    let statements: Vec<Value> = article["quotes"]["required"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| {
            let speaker = q["speaker"].as_str().expect("a speaker");
            let (title, country) = person_details(article, speaker);
            json!({
                "text": q["text"],
                "kind": "DIRECT",
                "speakerPhrase": q["speaker_as_written"],
                "saidOn": q["said_on"],
                "speaker": {
                    "name": speaker,
                    "title": q.get("title").cloned().unwrap_or(title),
                    "country": q.get("country").cloned().unwrap_or(country),
                    "aliases": written_forms(article, speaker),
                },
            })
        })
        .collect();
    let mut mentions: Vec<Value> = strings(&article["countries"]["required"])
        .into_iter()
        .map(|code| json!({ "kind": "COUNTRY", "name": code }))
        .collect();
    mentions.extend(
        strings(&article["organizations"]["required"])
            .into_iter()
            .map(|name| json!({ "kind": "ORGANIZATION", "name": name, "abbreviation": name })),
    );
    mentions.extend(
        article["agreements"]["required"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| json!({ "kind": "AGREEMENT", "name": a["name"], "abbreviation": a["short"] })),
    );
    json!({
        "title": article["title"],
        "body": body,
        "publishedAt": article["published_at"],
        "source": article["source"],
        "reprintedFrom": article["reprinted_from"],
        "hostedBy": article["hosted_by"],
        "editor": article["editor"],
        "category": article["category"],
        "statements": statements,
        "mentions": mentions,
    })
}

/// The texts of the required quotes the annotation attributes to `speaker`, in all articles.
pub fn required_quotes_of(speaker: &str) -> Vec<String> {
    gold_articles()
        .iter()
        .flat_map(|a| {
            a["quotes"]["required"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|q| q["speaker"] == speaker)
        .filter_map(|q| q["text"].as_str().map(str::to_owned))
        .collect()
}

/// The texts of every quote the annotation accepts as `speaker`'s: the required ones and
/// the optional ones whose acceptable answers include `speaker`.
pub fn acceptable_quotes_of(speaker: &str) -> Vec<String> {
    let optional = gold_articles()
        .iter()
        .flat_map(|a| {
            a["quotes"]["optional"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|q| {
            q["acceptable"]
                .as_array()
                .is_some_and(|answers| answers.iter().any(|a| a == speaker))
        })
        .filter_map(|q| q["text"].as_str().map(str::to_owned))
        .collect::<Vec<_>>();
    required_quotes_of(speaker)
        .into_iter()
        .chain(optional)
        .collect()
}
