//! Keeping the search index: an article's tokens go in with it and come out with it, in
//! the writer's transaction.

use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::Article;
use quotegraph_domain::search::{fts5_document, tsvector_literal};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend};

/// Rows per multi-row insert into the index.
const INDEX_CHUNK: usize = 200;

/// Builds PostgreSQL's index of the search documents unless it is there: the one that
/// `m0002_search` creates, under the same name.
const CREATE_SEARCH_INDEX: &str = "CREATE INDEX IF NOT EXISTS idx_search_documents_tsv \
     ON search_documents USING GIN (tsv)";

/// Drops it, for a load that builds it again at its end.
const DROP_SEARCH_INDEX: &str = "DROP INDEX IF EXISTS idx_search_documents_tsv";

impl Storage {
    /// Drops PostgreSQL's search index for a large load, which [`Storage::ensure_search_index`]
    /// then builds once: inserting each document's lexemes into a GIN index that grows with
    /// the load costs more, past some tens of thousands of articles, than building it from
    /// all of them (BENCHMARKS.md). Meanwhile searches still answer, reading every document.
    /// Says whether there was an index to drop; on SQLite there is none (FTS5 keeps its own).
    pub async fn drop_search_index(&self) -> StorageResult<bool> {
        if self.writer.get_database_backend() != DbBackend::Postgres {
            return Ok(false);
        }
        self.writer.execute_unprepared(DROP_SEARCH_INDEX).await?;
        Ok(true)
    }

    /// Builds PostgreSQL's search index if it is missing: at the end of a load that dropped
    /// it, or on migrating a database whose load was killed before its end.
    pub async fn ensure_search_index(&self) -> StorageResult<()> {
        ensure_search_index(&self.writer).await
    }
}

/// [`Storage::ensure_search_index`] on `db`, which may be a transaction.
pub(crate) async fn ensure_search_index<C: ConnectionTrait>(db: &C) -> StorageResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(CREATE_SEARCH_INDEX).await?;
    }
    Ok(())
}

/// Adds articles' titles and bodies to the index, inside the caller's transaction.
pub(crate) async fn index_articles<C: ConnectionTrait>(
    db: &C,
    articles: &[Article],
) -> StorageResult<()> {
    for chunk in articles.chunks(INDEX_CHUNK) {
        let mut insert = Query::insert();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        if postgres {
            insert
                .into_table(Alias::new("search_documents"))
                .columns([Alias::new("article_id"), Alias::new("tsv")]);
        } else {
            insert
                .into_table(Alias::new("search_fts"))
                .columns([Alias::new("rowid"), Alias::new("tokens")]);
        }
        for article in chunk {
            let text = format!("{}\n{}", article.title, article.body);
            let values = if postgres {
                [
                    article.id.0.into(),
                    Expr::cust_with_values("$1::tsvector", [tsvector_literal(&text)]),
                ]
            } else {
                [article.id.0.into(), fts5_document(&text).into()]
            };
            insert
                .values(values)
                .map_err(|e| StorageError::Corrupt(format!("search index row: {e}")))?;
        }
        if !chunk.is_empty() {
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

/// Takes an article out of the index, inside the caller's transaction. The SQLite index is
/// contentless, so its row is deleted by giving back the tokens it was made from.
pub(crate) async fn unindex_article<C: ConnectionTrait>(
    db: &C,
    article: &Article,
) -> StorageResult<()> {
    let mut delete = Query::delete();
    if db.get_database_backend() == DbBackend::Postgres {
        delete
            .from_table(Alias::new("search_documents"))
            .and_where(Expr::col(Alias::new("article_id")).eq(article.id.0));
        db.execute(&delete).await?;
    } else {
        let text = format!("{}\n{}", article.title, article.body);
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("search_fts"))
            .columns([
                Alias::new("search_fts"),
                Alias::new("rowid"),
                Alias::new("tokens"),
            ])
            .values([
                "delete".into(),
                article.id.0.into(),
                fts5_document(&text).into(),
            ])
            .map_err(|e| StorageError::Corrupt(format!("search index row: {e}")))?;
        db.execute(&insert).await?;
    }
    Ok(())
}
