//! The `quotegraph reextract` command: extraction run again over every stored article's
//! raw text after an extractor upgrade, in batches, each article in its own transaction,
//! keeping the statements an admin entered or edited.

use crate::error::ApiError;
use crate::importer::{Overrides, prepare};
use quotegraph_domain::{ArticleId, NewArticle};
use quotegraph_storage::{RawArticle, Storage};

/// What a re-extraction did.
#[derive(Debug, Default)]
pub struct ReextractSummary {
    /// Articles whose extraction was replaced.
    pub reextracted: usize,
    /// Extracted statements written.
    pub statements: usize,
    /// Statements kept because an admin entered or edited them.
    pub kept: usize,
    /// Articles entered with their parts (no raw text to extract from).
    pub entered_by_hand: usize,
    /// Articles left as they were, with the reason.
    pub failed: Vec<(ArticleId, String)>,
}

impl std::fmt::Display for ReextractSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "re-extracted: {} ({} statements, {} kept as edited), entered by hand: {}, failed: {}",
            self.reextracted,
            self.statements,
            self.kept,
            self.entered_by_hand,
            self.failed.len()
        )?;
        for (id, reason) in &self.failed {
            writeln!(f, "  failed article {}: {reason}", id.0)?;
        }
        Ok(())
    }
}

/// One stored article, extracted again (or why it could not be).
type Prepared = (ArticleId, bool, Result<NewArticle, String>);

/// Re-extracts every stored article, `batch` at a time: a batch is read, extracted on a
/// blocking thread, then written article by article.
pub async fn reextract_all(storage: &Storage, batch: u64) -> anyhow::Result<ReextractSummary> {
    let mut summary = ReextractSummary::default();
    let mut after = ArticleId(0);
    loop {
        let rows = storage.raw_articles_after(after, batch.max(1)).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.id;
        let prepared = tokio::task::spawn_blocking(move || extract_again(rows)).await?;
        for (id, entered_by_hand, article) in prepared {
            if entered_by_hand {
                summary.entered_by_hand += 1;
                continue;
            }
            let outcome = match article {
                Ok(article) => storage
                    .replace_extraction(id, article)
                    .await
                    .map_err(|e| ApiError::from(e).message()),
                Err(reason) => Err(reason),
            };
            match outcome {
                Ok(done) => {
                    summary.reextracted += 1;
                    summary.statements += done.statements;
                    summary.kept += done.kept;
                }
                Err(reason) => summary.failed.push((id, reason)),
            }
        }
    }
    Ok(summary)
}

fn extract_again(rows: Vec<RawArticle>) -> Vec<Prepared> {
    rows.into_iter()
        .map(|row| {
            let article = if row.entered_by_hand {
                Err(String::new())
            } else {
                prepare(&row.raw_text, Overrides::default())
                    .map(|p| p.article)
                    .map_err(|e| e.message())
            };
            (row.id, row.entered_by_hand, article)
        })
        .collect()
}
