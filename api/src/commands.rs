//! The `quotegraph extract` and `quotegraph import` commands.

use crate::importer::{Overrides, article_files, import_text};
use quotegraph_domain::extract::{AgreementRef, Extraction, extract};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_storage::Storage;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The JSON line `quotegraph extract` prints for one article.
pub fn extraction_json(file: &Path, e: &Extraction) -> Value {
    let g = Gazetteer::builtin();
    let i = &e.ingested;
    let statements: Vec<Value> = e
        .statements
        .iter()
        .map(|s| {
            json!({
                "kind": s.kind.as_str(),
                "text": s.text,
                "speaker": s.speaker.as_ref().map(|p| json!({ "name": p.name, "title": p.title, "country": p.country })),
                "speaker_phrase": s.speaker_phrase,
                "span": [s.span.0, s.span.1],
                "section": s.section.as_str(),
                "said_on": s.said_on.map(|d| d.to_string()),
                "confidence": s.confidence,
            })
        })
        .collect();
    let organizations: Vec<Value> = e
        .mentions
        .organizations
        .iter()
        .map(|o| json!({ "name": g.organizations[o.key].name, "abbreviation": g.organizations[o.key].abbreviation }))
        .collect();
    let agreements: Vec<Value> = e
        .mentions
        .agreements
        .iter()
        .map(|a| match &a.key {
            AgreementRef::Known(k) => json!({ "name": g.agreements[*k].name, "abbreviation": g.agreements[*k].abbreviation }),
            AgreementRef::New(name) => json!({ "name": name, "abbreviation": null }),
        })
        .collect();
    json!({
        "file": file.display().to_string(),
        "title": i.title,
        "published_at": i.published_at.map(|at| at.to_text()),
        "source": i.source,
        "reprinted_from": i.reprinted_from,
        "hosted_by": i.hosted_by,
        "editor": i.editor,
        "category": i.category,
        "script": e.script.as_str(),
        "statements": statements,
        "countries": e.mentions.countries.iter().map(|c| c.key.clone()).collect::<Vec<_>>(),
        "organizations": organizations,
        "agreements": agreements,
        "people": e.mentions.people.iter().map(|(p, _)| json!({ "name": p.name, "title": p.title, "country": p.country })).collect::<Vec<_>>(),
        "related": i.related.iter().map(|r| r.headline.clone()).collect::<Vec<_>>(),
        "warnings": i.warnings,
    })
}

/// Extracts each file and prints one JSON line per file; unreadable files are reported on
/// stderr and make the command fail at the end.
pub fn extract_files(files: &[PathBuf]) -> anyhow::Result<()> {
    let mut failed = 0;
    for file in files {
        match std::fs::read_to_string(file) {
            Ok(text) => println!(
                "{}",
                extraction_json(file, &extract(&text, Gazetteer::builtin()))
            ),
            Err(err) => {
                eprintln!("{}: {err}", file.display());
                failed += 1;
            }
        }
    }
    anyhow::ensure!(failed == 0, "{failed} file(s) could not be read");
    Ok(())
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportSummary {
    /// Newly stored articles.
    pub imported: usize,
    /// Files whose content was stored before.
    pub duplicates: usize,
    /// Files that could not be imported, with the reason.
    pub failed: Vec<(PathBuf, String)>,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "imported: {}, skipped as duplicates: {}, failed: {}",
            self.imported,
            self.duplicates,
            self.failed.len()
        )?;
        for (path, reason) in &self.failed {
            writeln!(f, "  failed {}: {reason}", path.display())?;
        }
        Ok(())
    }
}

/// Imports every article file under `paths`, one transaction per article, showing a
/// progress bar when stderr is a terminal.
pub async fn import_paths(storage: &Storage, paths: &[PathBuf]) -> anyhow::Result<ImportSummary> {
    let files = article_files(paths)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut summary = ImportSummary::default();
    for file in &files {
        bar.set_message(
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        match std::fs::read_to_string(file) {
            Err(err) => summary.failed.push((file.clone(), err.to_string())),
            Ok(text) => match import_text(storage, &text, Overrides::default()).await {
                Ok(imported) if imported.created => summary.imported += 1,
                Ok(_) => summary.duplicates += 1,
                Err(err) => summary.failed.push((file.clone(), err.message())),
            },
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(summary)
}
