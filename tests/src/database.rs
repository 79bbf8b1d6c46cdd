//! A fresh database per test, dropped when the test ends.

use crate::Backend;
use sea_orm::{ConnectionTrait, Database};

/// A database that exists for one test.
pub enum TestDatabase {
    /// A SQLite file inside a temporary directory, removed with it.
    Sqlite {
        /// Its URL.
        url: String,
        /// The directory holding the file.
        _dir: tempfile::TempDir,
    },
    /// A database created on a PostgreSQL server, dropped on drop.
    Postgres {
        /// Its URL.
        url: String,
        /// URL of the server's maintenance database, used to drop it.
        admin_url: String,
        /// Its name.
        name: String,
    },
}

impl TestDatabase {
    /// Creates an empty database of `backend` (the server migrates it at start).
    pub async fn create(backend: &Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}/quotegraph.db", dir.path().display());
                TestDatabase::Sqlite { url, _dir: dir }
            }
            Backend::Postgres(admin_url) => {
                let name = format!("qg_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(admin_url.as_str())
                    .await
                    .expect("PostgreSQL answers");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("the test database is created");
                admin.close().await.ok();
                let url = replace_database(admin_url, &name);
                TestDatabase::Postgres {
                    url,
                    admin_url: admin_url.clone(),
                    name,
                }
            }
        }
    }

    /// The URL the server connects to.
    pub fn url(&self) -> &str {
        match self {
            TestDatabase::Sqlite { url, .. } | TestDatabase::Postgres { url, .. } => url,
        }
    }
}

/// `postgres://user@host:port/db?opts` with `db` replaced by `name`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
    match query {
        Some(query) => format!("{prefix}/{name}?{query}"),
        None => format!("{prefix}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let TestDatabase::Postgres {
            admin_url, name, ..
        } = self
        else {
            return;
        };
        let (admin_url, name) = (admin_url.clone(), name.clone());
        // Drop runs inside the test's runtime, which cannot block on itself: use a thread
        // with its own runtime. FORCE ends the server's pooled connections first.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(admin_url.as_str())
                    .await
                    .map_err(std::io::Error::other)?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .map_err(std::io::Error::other)?;
                admin.close().await.map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}", self.url());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn the_database_name_is_replaced_and_options_kept() {
        assert_eq!(
            replace_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            replace_database("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
