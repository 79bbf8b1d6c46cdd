//! Search documents compressed with lz4 on PostgreSQL, as article text is (see m0008): a
//! document's tsvector, about 1,800 lexemes with their positions, is stored out of line,
//! and compressing it with pglz took a tenth of the database's time in a bulk import.

use super::m0008_lz4_article_text::compress_with;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The compressed column.
const COLUMNS: [(&str, &str); 1] = [("search_documents", "tsv")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        compress_with(manager, &COLUMNS, "lz4").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        compress_with(manager, &COLUMNS, "pglz").await
    }
}
