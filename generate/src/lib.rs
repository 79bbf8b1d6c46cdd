//! A deterministic corpus of raw Chinese news articles for benchmarks.
//!
//! Every article looks like a page copied off a news site, in the shapes ingest and
//! extraction read: a title, a dateline with its source, body paragraphs with direct quotes
//! and reported speech attributed in the usual ways, and sometimes a reprint note, an editor
//! line, a related-articles list and a copyright footer. About half are in traditional
//! script. People, countries, organizations and agreements come from the gazetteer, plus
//! thousands of made-up speakers whose frequency is skewed like real news: a few leaders
//! speak in many articles, most people in a handful.
//!
//! The same seed gives the same files: each article depends only on the seed and its
//! number, so articles are generated on every core and still come out identical.

mod article;
mod rng;
#[cfg(test)]
mod tests;
mod words;
mod world;

pub use world::World;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How many article files go in one folder.
const FILES_PER_FOLDER: usize = 1_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many articles.
    pub articles: usize,
    /// The folder to write them under (created if missing).
    pub out: PathBuf,
    /// The seed: the same seed gives the same files.
    pub seed: u64,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Article files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated {} files, {} bytes ({:.1} MB), in {:.2} s",
            self.files,
            self.bytes,
            self.bytes as f64 / 1e6,
            self.seconds
        )
    }
}

/// Writes `options.articles` articles as `OUT/NNNN/NNNNNNN.txt`, 1,000 to a folder, on every
/// core.
pub fn generate(options: &Options) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let world = World::new(options.seed);
    let folders = options.articles.div_ceil(FILES_PER_FOLDER);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, folders.max(1));
    let results: Vec<anyhow::Result<Summary>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let world = &world;
                scope.spawn(move || {
                    let mut summary = Summary::default();
                    // Folders are dealt round-robin so every thread gets a similar share.
                    for folder in (t..folders).step_by(threads) {
                        write_folder(world, options, folder, &mut summary)?;
                    }
                    Ok(summary)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a generator thread panicked")))
            })
            .collect()
    });
    let mut total = Summary::default();
    for result in results {
        let part = result?;
        total.files += part.files;
        total.bytes += part.bytes;
    }
    total.seconds = started.elapsed().as_secs_f64();
    Ok(total)
}

/// Writes the articles of one folder.
fn write_folder(
    world: &World,
    options: &Options,
    folder: usize,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let dir = options.out.join(format!("{folder:04}"));
    std::fs::create_dir_all(&dir)?;
    let first = folder * FILES_PER_FOLDER;
    let last = (first + FILES_PER_FOLDER).min(options.articles);
    for index in first..last {
        let text = world.article(options.seed, index);
        write_file(&dir.join(format!("{index:07}.txt")), &text)?;
        summary.files += 1;
        summary.bytes += text.len() as u64;
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(text.as_bytes())?;
    out.flush()
}
