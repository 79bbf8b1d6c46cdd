//! The full-text index. It lives in the database, so it commits with the article: FTS5 on
//! SQLite (contentless: the tokens are made in Rust, see `quotegraph_domain::search`), a
//! tsvector with a GIN index on PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE search_documents (
                        article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                        tsv TSVECTOR NOT NULL
                    )",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_search_documents_tsv ON search_documents USING GIN (tsv)",
                )
                .await?;
            }
            _ => {
                // The ascii tokenizer splits on ASCII spaces only and keeps every other
                // character, so the CJK pairs stay whole.
                db.execute_unprepared("CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', tokenize='ascii')").await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => db.execute_unprepared("DROP TABLE search_documents").await?,
            _ => db.execute_unprepared("DROP TABLE search_fts").await?,
        };
        Ok(())
    }
}
