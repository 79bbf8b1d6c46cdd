//! Importing raw articles: ingest and extract, apply what the caller knows better (URL,
//! source, date), validate, and store in one transaction. Used by the `importArticle`
//! mutation, `quotegraph import` and `quotegraph serve --import`.

use crate::error::ApiError;
use quotegraph_domain::extract::{Extraction, extract};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_domain::{Article, NewArticle, Origin, ValidationError};
use quotegraph_storage::{Audit, Storage};
use std::path::{Path, PathBuf};

/// What the caller knows about an article better than its text does.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Where it was published.
    pub url: Option<String>,
    /// Its publisher.
    pub source: Option<String>,
    /// RFC 3339 or YYYY-MM-DD.
    pub published_at: Option<String>,
}

/// An imported article.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The stored article (the earlier one when the content was stored before).
    pub article: Article,
    /// `false` when the same content was stored before and nothing was written.
    pub created: bool,
    /// What extraction found.
    pub extraction: Extraction,
    /// Things the caller should know (no date found, time zone assumed …).
    pub warnings: Vec<String>,
}

/// The longest title made up from a body when the page has none.
const MADE_UP_TITLE_CHARS: usize = 40;

/// An article extracted and validated, ready to store.
pub struct Prepared {
    /// What storage writes.
    pub article: NewArticle,
    /// What extraction found.
    pub extraction: Extraction,
    /// Things the caller should know.
    pub warnings: Vec<String>,
}

/// Extracts and stores one raw article; with `audit`, records it in the audit log.
pub async fn import_text(
    storage: &Storage,
    text: &str,
    overrides: Overrides,
    audit: Option<&Audit>,
) -> Result<Imported, ApiError> {
    let prepared = prepare(text, overrides)?;
    let outcome = storage.add_article(prepared.article, audit).await?;
    Ok(Imported {
        article: outcome.article,
        created: outcome.created,
        extraction: prepared.extraction,
        warnings: prepared.warnings,
    })
}

/// Ingests, extracts and validates one raw article (no I/O: runs on any thread).
pub fn prepare(text: &str, overrides: Overrides) -> Result<Prepared, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::bad_input("text", "must not be empty"));
    }
    if text.len() > quotegraph_domain::MAX_BODY_BYTES {
        return Err(ApiError::bad_input(
            "text",
            format!("is {} bytes; at most 1 MiB is accepted", text.len()),
        ));
    }
    let gazetteer = Gazetteer::builtin();
    let extraction = extract(text, gazetteer);
    let mut warnings = extraction.ingested.warnings.clone();
    let mut draft = extraction.draft(gazetteer);
    draft.raw_text = Some(text.to_owned());
    if draft.title.trim().is_empty() {
        draft.title = draft
            .body
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(MADE_UP_TITLE_CHARS)
            .collect();
        warnings.push("no title found: the first words of the body stand in".into());
    }
    draft.url = overrides.url.or(draft.url);
    draft.source = overrides.source.or(draft.source);
    if let Some(at) = overrides.published_at {
        draft.published_at = Some(at);
        warnings.retain(|w| !w.contains("publication"));
    }
    let article = draft
        .validate(Origin::Extracted)
        .map_err(|e| rename_field(e, "text"))?;
    Ok(Prepared {
        article,
        extraction,
        warnings,
    })
}

/// Validation errors on extracted fields are about the text the caller gave.
fn rename_field(err: ValidationError, text_field: &str) -> ValidationError {
    match err.field.as_str() {
        "url" | "publishedAt" | "source" => err,
        _ => ValidationError::new(text_field, format!("{}: {}", err.field, err.message)),
    }
}

/// The article files under `paths`: files as given, folders searched for `*.txt`, sorted.
pub fn article_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_txt(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn collect_txt(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_txt(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}
