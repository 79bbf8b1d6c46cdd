//! Fixed-length keys as `varchar` on PostgreSQL. Country codes and content hashes were
//! `char(n)`; sqlx binds strings as `text`, and `bpchar = text` compares as text, so
//! PostgreSQL skipped their indexes and scanned the table (a country's articles, an article
//! found by its content). `varchar` compares as text and keeps the index. SQLite has no
//! fixed-length type: nothing to do there.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every `char(n)` column: table, column, length.
const KEYS: &[(&str, &str, u32)] = &[
    ("countries", "code", 2),
    ("country_aliases", "country_code", 2),
    ("agreement_parties", "country_code", 2),
    ("people", "country_code", 2),
    ("person_roles", "country_code", 2),
    ("mentions", "country_code", 2),
    ("articles", "content_hash", 64),
];

/// Changes the type of every key column, in one transaction with the rest of the
/// migration, so foreign keys between them stay valid.
async fn retype(manager: &SchemaManager<'_>, to: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for (table, column, length) in KEYS {
        db.execute_unprepared(&format!(
            "ALTER TABLE {table} ALTER COLUMN {column} TYPE {to}({length})"
        ))
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        retype(manager, "varchar").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        retype(manager, "char").await
    }
}
