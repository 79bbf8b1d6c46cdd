//! The `quotegraph` command: serve the API, print the schema, migrate the database,
//! extract, import or evaluate articles, or generate a benchmark corpus.

use anyhow::Context;
use clap::{Parser, Subcommand};
use quotegraph_api::commands::{SearchIndexBuild, extract_files, import_paths};
use quotegraph_api::config::{DEFAULT_BIND, DEFAULT_DATABASE_URL, Limits};
use quotegraph_api::reextract::reextract_all;
use quotegraph_api::tokens::{Tokens, hash_token};
use quotegraph_api::{Application, Settings};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_generate::{Options, generate};
use quotegraph_storage::{DEFAULT_SEARCH_CACHE_HITS, Storage};
use std::net::SocketAddr;
use std::path::PathBuf;
use tracing_subscriber::EnvFilter;

/// quotegraph: who said what in the news, as a GraphQL knowledge base.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size of the serve flags does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the GraphQL API, GraphiQL, /healthz and /metrics.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "QUOTEGRAPH_BIND", default_value = DEFAULT_BIND)]
        bind: SocketAddr,
        /// Database: a SQLite URL (created if missing) or postgres://….
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database: String,
        /// A token with the admin role, named `admin` in the audit log.
        #[arg(long, env = "QUOTEGRAPH_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
        /// Named tokens: `name:role:sha256hex` entries (role reader, editor or admin; the
        /// hash from `quotegraph hash-token`), separated by commas or newlines.
        #[arg(long, env = "QUOTEGRAPH_TOKENS", hide_env_values = true)]
        tokens: Option<String>,
        /// A file of `name:role:sha256hex` entries, one a line (`#` starts a comment).
        #[arg(long, env = "QUOTEGRAPH_TOKENS_FILE", value_name = "FILE")]
        tokens_file: Option<PathBuf>,
        /// Queries need a token too (any role), for private deployments.
        #[arg(long, env = "QUOTEGRAPH_PRIVATE")]
        private: bool,
        /// Import the article files in this folder (or file) before serving; articles
        /// already stored are skipped.
        #[arg(long, value_name = "PATH")]
        import: Vec<PathBuf>,
        /// What one request and one client may ask of the server.
        #[command(flatten)]
        limits: Limits,
        /// Search results kept between requests, over all kept searches (16 bytes each);
        /// 0 ranks every search afresh. Kept results are dropped at every write.
        #[arg(long, env = "QUOTEGRAPH_SEARCH_CACHE_HITS", default_value_t = DEFAULT_SEARCH_CACHE_HITS)]
        search_cache_hits: usize,
        /// Also answer GET and POST /bench/static with this file's bytes (benchmarks only).
        #[arg(long, value_name = "FILE", hide = true)]
        bench_static: Option<PathBuf>,
    },
    /// Extract each article file and print one JSON line per file.
    Extract {
        /// Article files (raw text as copied off a news site).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Extract and store article files, or every *.txt file in folders.
    Import {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Database: a SQLite URL (created if missing) or postgres://….
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database: String,
        /// When PostgreSQL's search index is built: `after` the load (dropped for its
        /// duration, searches meanwhile read every document), `during` it, or `auto`
        /// (after for a load of 50,000 files or more, into no more stored articles).
        #[arg(long, value_enum, default_value_t = SearchIndexBuild::Auto)]
        search_index: SearchIndexBuild,
    },
    /// Print the GraphQL schema (SDL); needs no database.
    Schema,
    /// Read a token from standard input and print the SHA-256 hash that configures it
    /// (with --name and --role, the whole `name:role:hash` entry).
    HashToken {
        /// The token's name, as the audit log will record it.
        #[arg(long, requires = "role")]
        name: Option<String>,
        /// reader, editor or admin.
        #[arg(long, requires = "name")]
        role: Option<String>,
    },
    /// Write a deterministic corpus of generated raw news articles, for benchmarks.
    Generate {
        /// How many articles.
        #[arg(long)]
        articles: usize,
        /// Folder to write them under, 1,000 files to a subfolder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The same seed writes the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Score extraction against a folder of hand-annotated articles (GOLD_DIR/articles/NN.txt
    /// beside GOLD_DIR/gold/NN.json): per-article findings, then a summary line.
    Eval {
        /// The folder holding `articles/` and `gold/`.
        gold_dir: PathBuf,
        /// Print the whole report as one JSON document instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Extract every stored article again from its raw text (after an extractor upgrade),
    /// each article in one transaction, keeping statements an admin entered or edited.
    Reextract {
        /// Database: a SQLite URL (created if missing) or postgres://….
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database: String,
        /// Articles read and extracted at a time.
        #[arg(long, default_value_t = 64)]
        batch: u64,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate {
        /// Database: a SQLite URL (created if missing) or postgres://….
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve {
            bind,
            database,
            admin_token,
            tokens,
            tokens_file,
            private,
            import,
            limits,
            search_cache_hits,
            bench_static,
        } => {
            let tokens = configured_tokens(admin_token, tokens, tokens_file)?;
            // Read once at start-up, so every request answers the same bytes from memory.
            let bench_static = bench_static
                .map(std::fs::read)
                .transpose()
                .context("reading --bench-static")?
                .map(actix_web::web::Bytes::from);
            let storage = Storage::connect_and_migrate(&database)
                .await
                .context("opening the database")?
                .with_search_cache(search_cache_hits);
            if !import.is_empty() {
                let summary = import_paths(&storage, &import, SearchIndexBuild::Auto).await?;
                eprint!("{summary}");
            }
            let settings = Settings {
                bind,
                database_url: database,
                tokens,
                private,
                limits,
            };
            let app = Application::build_with_storage_and_static(settings, storage, bench_static)
                .context("starting the server")?;
            tracing::info!(
                port = app.port(),
                "quotegraph serving: GraphQL at /graphql, GraphiQL at /graphiql"
            );
            app.run_until_stopped().await?;
        }
        Command::Generate {
            articles,
            out,
            seed,
        } => {
            let summary = generate(&Options {
                articles,
                out,
                seed,
            })?;
            eprintln!("{summary}");
        }
        Command::Schema => print!("{}", quotegraph_api::graphql::sdl()),
        Command::HashToken { name, role } => print_token_hash(name, role)?,
        Command::Extract { files } => extract_files(&files)?,
        Command::Eval { gold_dir, json } => {
            let report = quotegraph_eval::evaluate_dir(&gold_dir, Gazetteer::builtin())
                .with_context(|| format!("evaluating {}", gold_dir.display()))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.to_text());
            }
        }
        Command::Import {
            paths,
            database,
            search_index,
        } => {
            let storage = Storage::connect_and_migrate(&database)
                .await
                .context("opening the database")?;
            let summary = import_paths(&storage, &paths, search_index).await?;
            eprint!("{summary}");
            tracing::info!(sql_statements = storage.statements_run(), "import finished");
            anyhow::ensure!(
                summary.failed.is_empty(),
                "{} article(s) failed",
                summary.failed.len()
            );
        }
        Command::Reextract { database, batch } => {
            let storage = Storage::connect_and_migrate(&database)
                .await
                .context("opening the database")?;
            let summary = reextract_all(&storage, batch).await?;
            eprint!("{summary}");
            anyhow::ensure!(
                summary.failed.is_empty(),
                "{} article(s) left as they were",
                summary.failed.len()
            );
        }
        Command::Migrate { database } => {
            Storage::connect_and_migrate(&database)
                .await
                .context("migrating the database")?;
            tracing::info!("database is up to date");
        }
    }
    Ok(())
}

/// The tokens configured by QUOTEGRAPH_ADMIN_TOKEN, QUOTEGRAPH_TOKENS and the tokens file.
fn configured_tokens(
    admin_token: Option<String>,
    entries: Option<String>,
    file: Option<PathBuf>,
) -> anyhow::Result<Tokens> {
    let mut tokens = Tokens::parse(entries.as_deref().unwrap_or_default())
        .context("reading QUOTEGRAPH_TOKENS")?;
    if let Some(file) = file {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let more = Tokens::parse(&text).with_context(|| format!("reading {}", file.display()))?;
        tokens = tokens.merge(more)?;
    }
    if let Some(token) = admin_token.filter(|t| !t.is_empty()) {
        tokens = tokens
            .with_admin_token(&token)
            .context("QUOTEGRAPH_ADMIN_TOKEN")?;
    }
    Ok(tokens)
}

/// `quotegraph hash-token`: the token is read from standard input, so that it stays out of
/// the shell's history and the process list.
fn print_token_hash(name: Option<String>, role: Option<String>) -> anyhow::Result<()> {
    let mut token = String::new();
    std::io::stdin()
        .read_line(&mut token)
        .context("reading the token from standard input")?;
    let token = token.trim_end_matches(['\r', '\n']);
    anyhow::ensure!(!token.is_empty(), "no token on standard input");
    let hash = hash_token(token);
    match (name, role) {
        (Some(name), Some(role)) => {
            let entry = format!("{name}:{role}:{hash}");
            // Checked as the server will read it.
            Tokens::parse(&entry)?;
            println!("{entry}");
        }
        _ => println!("{hash}"),
    }
    Ok(())
}
