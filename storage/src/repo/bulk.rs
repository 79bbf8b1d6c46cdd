//! Writing a batch of articles in a few statements: the batch's stored articles and names
//! read up front (one query per table), each article's names resolved from what was read,
//! then the articles, their statements, mentions, titles and search rows inserted many rows
//! to a statement. It stores what writing the articles one at a time stores, in the same
//! order; it fails as a whole when any article fails, and the caller then writes the batch
//! again an article at a time, each in its own savepoint.

use super::agreement_batch::record_facts;
use super::article_rows::{
    article_row, insert_mention_rows, insert_statement_rows, mention_rows, statement_rows,
};
use super::resolve::Resolver;
use super::search::index_articles;
use super::titles::record_titles;
use super::writer::{AddOutcome, Resolved, URL_TAKEN, resolve_names};
use crate::StorageResult;
use crate::entity::article;
use crate::error::StorageError;
use quotegraph_domain::{Article, NewArticle};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// Rows per multi-row insert of articles (each carries its body and raw text).
const ARTICLE_CHUNK: usize = 100;

/// What becomes of one article of the batch.
enum Fate<'n> {
    /// Stored before the batch.
    Stored(Article),
    /// The same content as the article at this index of the batch.
    SameAs(usize),
    /// New, with its names resolved.
    New(&'n NewArticle, Resolved),
}

/// Stores the batch in the caller's transaction and says what became of each article; any
/// article's failure (a URL taken, an unknown country …) is the batch's.
pub(crate) async fn store_batch(
    tx: &DatabaseTransaction,
    news: &[NewArticle],
) -> StorageResult<Vec<AddOutcome>> {
    let (mut stored, taken_urls) = stored_articles(tx, news).await?;
    let mut resolver = Resolver::bulk(tx.get_database_backend());
    resolver.prefetch(tx, news).await?;
    let mut fates = Vec::with_capacity(news.len());
    let mut first_with_hash: HashMap<&str, usize> = HashMap::new();
    let mut urls: HashSet<&str> = HashSet::new();
    for (i, new) in news.iter().enumerate() {
        if let Some(existing) = stored.remove(&new.content_hash) {
            first_with_hash.insert(&new.content_hash, i);
            fates.push(Fate::Stored(existing));
            continue;
        }
        if let Some(&first) = first_with_hash.get(new.content_hash.as_str()) {
            fates.push(Fate::SameAs(first));
            continue;
        }
        if let Some(url) = &new.url
            && (taken_urls.contains(url) || !urls.insert(url))
        {
            return Err(StorageError::Conflict(URL_TAKEN.into()));
        }
        first_with_hash.insert(&new.content_hash, i);
        fates.push(Fate::New(new, resolve_names(tx, new, &mut resolver).await?));
    }
    resolver.write_new_people(tx).await?;
    let created = insert_articles(tx, &fates).await?;
    if let Some(sightings) = &resolver.sightings {
        record_titles(tx, sightings).await?;
    }
    if let Some(facts) = &resolver.facts {
        record_facts(tx, facts).await?;
    }
    index_articles(
        tx,
        &created.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>(),
    )
    .await?;
    outcomes(fates, created)
}

/// The batch's articles stored before it, by content hash, and the URLs of the batch that
/// stored articles already have.
async fn stored_articles(
    tx: &DatabaseTransaction,
    news: &[NewArticle],
) -> StorageResult<(HashMap<String, Article>, HashSet<String>)> {
    let hashes: Vec<&str> = news.iter().map(|n| n.content_hash.as_str()).collect();
    let rows = article::Entity::find()
        .filter(article::Column::ContentHash.is_in(hashes))
        .all(tx)
        .await?;
    let mut stored = HashMap::new();
    for row in rows {
        stored.insert(row.content_hash.clone(), Article::try_from(row)?);
    }
    let urls: Vec<&str> = news.iter().filter_map(|n| n.url.as_deref()).collect();
    let taken = if urls.is_empty() {
        HashSet::new()
    } else {
        article::Entity::find()
            .select_only()
            .column(article::Column::Url)
            .filter(article::Column::Url.is_in(urls))
            .into_tuple::<Option<String>>()
            .all(tx)
            .await?
            .into_iter()
            .flatten()
            .collect()
    };
    Ok((stored, taken))
}

/// Inserts the new articles with their statements and mentions, in batch order; returns
/// each stored article with its index in the batch.
async fn insert_articles(
    tx: &DatabaseTransaction,
    fates: &[Fate<'_>],
) -> StorageResult<Vec<(usize, Article)>> {
    let new: Vec<(usize, &NewArticle, &Resolved)> = fates
        .iter()
        .enumerate()
        .filter_map(|(i, fate)| match fate {
            Fate::New(new, resolved) => Some((i, *new, resolved)),
            _ => None,
        })
        .collect();
    let mut ids: HashMap<String, article::Model> = HashMap::new();
    for chunk in new.chunks(ARTICLE_CHUNK) {
        let rows = chunk
            .iter()
            .map(|(_, new, resolved)| article_row(new, resolved.source_id));
        // Matched back by content hash: RETURNING promises no order.
        for row in article::Entity::insert_many(rows)
            .exec_with_returning(tx)
            .await?
        {
            ids.insert(row.content_hash.clone(), row);
        }
    }
    let mut created = Vec::with_capacity(new.len());
    let (mut statements, mut mentions) = (Vec::new(), Vec::new());
    for (i, new, resolved) in new {
        let row = ids.remove(&new.content_hash).ok_or_else(|| {
            StorageError::Corrupt("an article inserted in a batch was not returned".into())
        })?;
        statements.extend(statement_rows(row.id, &new.statements, &resolved.speakers));
        mentions.extend(mention_rows(row.id, resolved.mentions.clone()));
        created.push((i, Article::try_from(row)?));
    }
    insert_statement_rows(tx, statements).await?;
    insert_mention_rows(tx, mentions).await?;
    Ok(created)
}

/// What became of each article of the batch, in batch order.
fn outcomes(
    fates: Vec<Fate<'_>>,
    created: Vec<(usize, Article)>,
) -> StorageResult<Vec<AddOutcome>> {
    let mut by_index: HashMap<usize, Article> = created.into_iter().collect();
    let mut out: Vec<AddOutcome> = Vec::with_capacity(fates.len());
    for (i, fate) in fates.into_iter().enumerate() {
        let (article, created) = match fate {
            Fate::Stored(article) => (Some(article), false),
            Fate::SameAs(first) => (out.get(first).map(|o| o.article.clone()), false),
            Fate::New(..) => (by_index.remove(&i), true),
        };
        let article = article
            .ok_or_else(|| StorageError::Corrupt("an article of a batch has no outcome".into()))?;
        out.push(AddOutcome { article, created });
    }
    Ok(out)
}
