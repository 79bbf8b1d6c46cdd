//! quotegraph's extraction evaluation: runs extraction over a folder of annotated articles
//! (`articles/NN.txt` beside `gold/NN.json`) and scores it: quote recall, attribution
//! accuracy, statement precision, reported-speech recall, entity F1, metadata accuracy
//! and precision per attribution rule, with the findings behind every miss.

mod gold;
mod matching;
mod report;
mod score;
mod tally;

pub use gold::{GoldArticle, GoldQuote, GoldReported};
pub use matching::{normalize, same_speaker};
pub use report::{Report, Summary};
pub use score::{ArticleScore, Finding, score_article};
pub use tally::{Counts, Ratio, SetTally};

use quotegraph_domain::extract::extract;
use quotegraph_domain::gazetteer::Gazetteer;
use std::path::{Path, PathBuf};

/// Why a gold folder could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A gold file is not in the gold format.
    #[error("{path}: not a gold file: {source}")]
    Gold {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: serde_json::Error,
    },
    /// The folder holds no gold file.
    #[error(
        "{0}: no gold/*.json files (expected GOLD_DIR/gold/NN.json beside GOLD_DIR/articles/NN.txt)"
    )]
    Empty(PathBuf),
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The gold files of a folder, sorted by name.
fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let gold_dir = dir.join("gold");
    let entries = std::fs::read_dir(&gold_dir).map_err(|source| EvalError::Read {
        path: gold_dir.clone(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Empty(dir.to_owned()));
    }
    Ok(files)
}

/// Extracts and scores every annotated article under `dir`.
pub fn evaluate_dir(dir: &Path, gazetteer: &Gazetteer) -> Result<Report, EvalError> {
    let mut articles = Vec::new();
    for gold_path in gold_files(dir)? {
        let id = gold_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold: GoldArticle =
            serde_json::from_str(&read(&gold_path)?).map_err(|source| EvalError::Gold {
                path: gold_path.clone(),
                source,
            })?;
        let text = read(&dir.join("articles").join(format!("{id}.txt")))?;
        let extraction = extract(&text, gazetteer);
        articles.push(score_article(&id, &gold, &extraction, gazetteer));
    }
    Ok(Report::new(articles))
}
