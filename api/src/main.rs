//! The `quotegraph` command: serve the API, print the schema, or migrate the database.

use anyhow::Context;
use clap::{Parser, Subcommand};
use quotegraph_api::commands::{extract_files, import_paths};
use quotegraph_api::config::{DEFAULT_BIND, DEFAULT_DATABASE_URL};
use quotegraph_api::{Application, Settings};
use quotegraph_storage::Storage;
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
        /// Bearer token that mutations require; without it mutations are refused.
        #[arg(long, env = "QUOTEGRAPH_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
        /// Import the article files in this folder (or file) before serving; articles
        /// already stored are skipped.
        #[arg(long, value_name = "PATH")]
        import: Vec<PathBuf>,
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
    },
    /// Print the GraphQL schema (SDL); needs no database.
    Schema,
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
            import,
        } => {
            let admin_token = admin_token.filter(|t| !t.is_empty());
            let storage = Storage::connect_and_migrate(&database)
                .await
                .context("opening the database")?;
            if !import.is_empty() {
                let summary = import_paths(&storage, &import).await?;
                eprint!("{summary}");
            }
            let settings = Settings {
                bind,
                database_url: database,
                admin_token,
            };
            let app = Application::build_with_storage(settings, storage)
                .context("starting the server")?;
            tracing::info!(
                port = app.port(),
                "quotegraph serving: GraphQL at /graphql, GraphiQL at /graphiql"
            );
            app.run_until_stopped().await?;
        }
        Command::Schema => print!("{}", quotegraph_api::graphql::sdl()),
        Command::Extract { files } => extract_files(&files)?,
        Command::Import { paths, database } => {
            let storage = Storage::connect_and_migrate(&database)
                .await
                .context("opening the database")?;
            let summary = import_paths(&storage, &paths).await?;
            eprint!("{summary}");
            anyhow::ensure!(
                summary.failed.is_empty(),
                "{} article(s) failed",
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
