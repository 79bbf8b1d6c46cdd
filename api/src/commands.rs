//! The `quotegraph extract` and `quotegraph import` commands.

use crate::importer::{Overrides, article_files, prepare};
use quotegraph_domain::NewArticle;
use quotegraph_domain::extract::{AgreementRef, Extraction, extract};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_storage::{ArticleFilter, Storage};
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
                "rule": s.rule.name,
            })
        })
        .collect();
    // The article's own mentions; what only the related list names is listed apart.
    let article = e.article_mentions();
    let related_countries: Vec<&String> = e
        .mentions
        .countries
        .iter()
        .map(|c| &c.key)
        .filter(|code| !article.countries.iter().any(|a| &a.key == *code))
        .collect();
    let organizations: Vec<Value> = article
        .organizations
        .iter()
        .map(|o| json!({ "name": g.organizations[o.key].name, "abbreviation": g.organizations[o.key].abbreviation }))
        .collect();
    let agreements: Vec<Value> = article
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
        "countries": article.countries.iter().map(|c| c.key.clone()).collect::<Vec<_>>(),
        "related_countries": related_countries,
        "organizations": organizations,
        "agreements": agreements,
        "people": article.people.iter().map(|(p, _)| json!({ "name": p.name, "title": p.title, "country": p.country })).collect::<Vec<_>>(),
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

/// How many articles are written per transaction: large enough that the batch's few
/// statements cost little per article, small enough that a failed batch is cheap to redo.
const IMPORT_BATCH: usize = 256;

/// A file read and prepared, or why it could not be.
type PreparedFile = (PathBuf, Result<NewArticle, String>);

/// When a PostgreSQL import builds its search index (SQLite's FTS5 index is always kept
/// up to date as the articles go in).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchIndexBuild {
    /// After the load when the load is large, else during.
    #[default]
    Auto,
    /// During the load, each article's document added to the index as it is stored.
    During,
    /// After the load: the index dropped for its duration and built once at its end.
    After,
}

/// The fewest files for which an import builds the search index after the load (when the
/// database holds no more articles than that, since the build reads them all): measured on
/// 2 cores, a load of 50,000 articles took 13% less time that way and one of 100,000 25% less,
/// and cost 4% at 20,000 (BENCHMARKS.md).
pub const LARGE_LOAD: usize = 50_000;

impl SearchIndexBuild {
    /// Whether a load of `files` files into a database of `stored` articles builds the
    /// index after it.
    fn after_load(self, files: usize, stored: u64) -> bool {
        match self {
            Self::During => false,
            Self::After => true,
            Self::Auto => files >= LARGE_LOAD && files as u64 >= stored,
        }
    }
}

/// Imports every article file under `paths`, showing a progress bar when stderr is a
/// terminal. Files are read and extracted on every core while the previous batch is
/// written; a batch of articles shares a transaction, and an article that fails leaves
/// nothing behind while the others are stored. The search index is built as `index` says,
/// and is there again when the import returns, whether it stored everything or failed.
pub async fn import_paths(
    storage: &Storage,
    paths: &[PathBuf],
    index: SearchIndexBuild,
) -> anyhow::Result<ImportSummary> {
    let files = article_files(paths)?;
    let stored = storage.count_articles(&ArticleFilter::default()).await?;
    // On SQLite nothing is dropped: FTS5 has no separate index to build.
    let index_dropped = if index.after_load(files.len(), stored) {
        storage.drop_search_index().await?
    } else {
        false
    };
    let loaded = load(storage, files).await;
    if index_dropped {
        let started = std::time::Instant::now();
        tracing::info!("building the search index");
        storage.ensure_search_index().await?;
        tracing::info!(
            seconds = started.elapsed().as_secs_f64(),
            "search index built"
        );
    }
    let summary = loaded?;
    if summary.imported > 0 || index_dropped {
        storage.refresh_statistics().await?;
    }
    Ok(summary)
}

/// Stores `files` in batches, refreshing the statistics of what the batches look up as
/// the load grows.
async fn load(storage: &Storage, files: Vec<PathBuf>) -> anyhow::Result<ImportSummary> {
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // One batch written, one ready, one being extracted.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<PreparedFile>>(1);
    let producer = tokio::task::spawn_blocking(move || {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        for chunk in files.chunks(IMPORT_BATCH) {
            if sender.blocking_send(prepare_files(chunk, workers)).is_err() {
                break;
            }
        }
    });
    let mut summary = ImportSummary::default();
    let mut statistics = GrowthSchedule::default();
    while let Some(batch) = receiver.recv().await {
        bar.inc(batch.len() as u64);
        store_batch(storage, batch, &mut summary).await?;
        if statistics.due(summary.imported) {
            storage.refresh_lookup_statistics().await?;
        }
    }
    producer.await?;
    bar.finish_and_clear();
    Ok(summary)
}

/// When an import refreshes the statistics of the tables it looks rows up in: after its
/// first stored articles, then each time it has doubled what it had stored at the last
/// refresh, so the planner never sees those tables at less than half their size, at a cost
/// of a logarithmic number of refreshes.
#[derive(Debug, Default)]
struct GrowthSchedule {
    /// Articles stored at the last refresh (0: none yet).
    refreshed_at: usize,
}

impl GrowthSchedule {
    /// Whether a refresh is due now that `imported` articles are stored; if so, it counts
    /// as done.
    fn due(&mut self, imported: usize) -> bool {
        let due = imported > 0 && imported >= self.refreshed_at.saturating_mul(2);
        if due {
            self.refreshed_at = imported;
        }
        due
    }
}

/// Reads and prepares `files` on `workers` threads, in file order.
fn prepare_files(files: &[PathBuf], workers: usize) -> Vec<PreparedFile> {
    let share = files.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(share)
            .map(|part| {
                scope.spawn(move || part.iter().map(|f| prepare_file(f)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .zip(files.chunks(share))
            .flat_map(|(handle, part)| {
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|f| (f.clone(), Err("extraction panicked".to_owned())))
                        .collect::<Vec<_>>()
                })
            })
            .collect()
    })
}

/// Reads one file and prepares its article.
fn prepare_file(file: &Path) -> PreparedFile {
    let prepared = std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            prepare(&text, Overrides::default())
                .map(|p| p.article)
                .map_err(|e| e.message())
        });
    (file.to_owned(), prepared)
}

/// Stores one batch and counts what happened to each file.
async fn store_batch(
    storage: &Storage,
    batch: Vec<PreparedFile>,
    summary: &mut ImportSummary,
) -> anyhow::Result<()> {
    let mut paths = Vec::new();
    let mut articles = Vec::new();
    for (path, prepared) in batch {
        match prepared {
            Ok(article) => {
                paths.push(path);
                articles.push(article);
            }
            Err(reason) => summary.failed.push((path, reason)),
        }
    }
    let outcomes = storage.add_articles(articles).await?;
    for (path, outcome) in paths.into_iter().zip(outcomes) {
        match outcome {
            Ok(outcome) if outcome.created => summary.imported += 1,
            Ok(_) => summary.duplicates += 1,
            Err(err) => summary
                .failed
                .push((path, crate::error::ApiError::from(err).message())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{GrowthSchedule, LARGE_LOAD, SearchIndexBuild};

    #[test]
    fn a_large_load_into_a_smaller_database_builds_the_index_after_it() {
        let auto = SearchIndexBuild::Auto;
        assert!(auto.after_load(LARGE_LOAD, 0));
        assert!(auto.after_load(LARGE_LOAD * 2, LARGE_LOAD as u64 * 2));
        assert!(!auto.after_load(LARGE_LOAD - 1, 0), "a small load");
        assert!(
            !auto.after_load(LARGE_LOAD, LARGE_LOAD as u64 + 1),
            "a large load into a larger database, whose documents the build would read again"
        );
    }

    #[test]
    fn an_explicit_choice_is_kept_whatever_the_size() {
        assert!(SearchIndexBuild::After.after_load(1, 1_000_000));
        assert!(!SearchIndexBuild::During.after_load(1_000_000, 0));
    }

    #[test]
    fn statistics_are_refreshed_as_the_import_doubles() {
        let mut schedule = GrowthSchedule::default();
        let due: Vec<usize> = [0, 256, 300, 512, 700, 1024, 1500, 2047, 2048, 5000, 6000]
            .into_iter()
            .filter(|&imported| schedule.due(imported))
            .collect();
        assert_eq!(due, [256, 512, 1024, 2048, 5000]);
    }

    #[test]
    fn nothing_stored_refreshes_nothing() {
        let mut schedule = GrowthSchedule::default();
        assert!(!schedule.due(0));
        assert!(!schedule.due(0));
    }
}
