//! Keeping the search index: an article's tokens go in with it and come out with it, in
//! the writer's transaction.

use crate::{StorageError, StorageResult};
use quotegraph_domain::Article;
use quotegraph_domain::search::{fts5_document, tsvector_literal};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend};

/// Rows per multi-row insert into the index.
const INDEX_CHUNK: usize = 200;

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
