//! Re-extraction: after an extractor upgrade, an article's extracted statements, mentions
//! and metadata are replaced by a new extraction of its stored raw text, in one
//! transaction. Statements an admin entered or edited are kept, found again in the new
//! body; an extracted statement saying the same words as a kept one gives way to it.
//! Statements removed by hand (deleted, marked as terms) and the words corrected
//! statements had before are not extracted again.

use super::article_rows::{article_row, insert_mentions, insert_statements};
use super::resolve::Resolver;
use super::search::{index_articles, unindex_article};
use super::writer::{add_mention, resolve_names};
use crate::entity::{article, mention, statement, statement_original, suppressed_statement};
use crate::events::Change;
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::{
    Article, ArticleId, EntityRef, NewArticle, Origin, PersonId, Section, Span, StatementId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// A stored article's raw text, as re-extraction reads it.
#[derive(Debug, Clone)]
pub struct RawArticle {
    /// The article.
    pub id: ArticleId,
    /// The text as imported.
    pub raw_text: String,
    /// Whether it was entered with its parts (addArticle) rather than imported raw: then
    /// the raw text is the body, and there is nothing to extract again.
    pub entered_by_hand: bool,
}

/// What re-extracting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reextracted {
    /// Extracted statements written.
    pub statements: usize,
    /// Statements kept because an admin entered or edited them.
    pub kept: usize,
    /// The ids of the first and last statement written, when any was.
    pub written: Option<(StatementId, StatementId)>,
}

impl Storage {
    /// Up to `limit` articles with an id above `after`, in id order, with their raw text.
    #[tracing::instrument(skip(self))]
    pub async fn raw_articles_after(
        &self,
        after: ArticleId,
        limit: u64,
    ) -> StorageResult<Vec<RawArticle>> {
        let rows = article::Entity::find()
            .filter(article::Column::Id.gt(after.0))
            .order_by_asc(article::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| RawArticle {
                id: ArticleId(row.id),
                entered_by_hand: row.raw_text == row.body,
                raw_text: row.raw_text,
            })
            .collect())
    }

    /// Replaces article `id`'s extraction with `new` (a fresh extraction of its raw text)
    /// in one transaction, keeping its URL and the statements an admin entered or edited.
    /// Fails, writing nothing, when a kept statement's words are no longer in the new text.
    #[tracing::instrument(skip(self, new))]
    pub async fn replace_extraction(
        &self,
        id: ArticleId,
        new: NewArticle,
    ) -> StorageResult<Reextracted> {
        self.write_announced(
            &new,
            move |tx, new| Box::pin(replace_in(tx, id, new.clone())),
            |done| match done.written {
                Some((first, last)) => vec![Change::StatementsReplaced {
                    article: id,
                    first,
                    last,
                }],
                None => Vec::new(),
            },
        )
        .await
    }
}

async fn replace_in(
    tx: &DatabaseTransaction,
    id: ArticleId,
    mut new: NewArticle,
) -> StorageResult<Reextracted> {
    // Locked until commit, so that two re-extractions of one article (two
    // `quotegraph reextract` runs on one PostgreSQL) do not both add statements.
    let old_row = article::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(tx)
        .await?
        .ok_or_else(|| StorageError::Conflict(format!("article {}: not found", id.0)))?;
    let same_content = article::Entity::find()
        .filter(article::Column::ContentHash.eq(new.content_hash.as_str()))
        .filter(article::Column::Id.ne(id.0))
        .one(tx)
        .await?;
    if same_content.is_some() {
        return Err(StorageError::Conflict(format!(
            "article {}: another article already has the re-extracted content",
            id.0
        )));
    }
    let old = Article::try_from(old_row.clone())?;
    let kept: Vec<statement::Model> = statement::Entity::find()
        .filter(statement::Column::ArticleId.eq(id.0))
        .filter(statement::Column::Origin.ne(Origin::Extracted.as_str()))
        .order_by_asc(statement::Column::Id)
        .all(tx)
        .await?;
    let removed = removed_by_hand(tx, id, &kept).await?;
    new.statements
        .retain(|s| !removed.contains(&(s.section.as_str().to_owned(), s.text.clone())));
    let kept_spans = relocate(&kept, &new)?;
    new.statements.retain(|s| {
        !kept_spans
            .iter()
            .any(|(_, section, span)| *section == s.section && *span == s.span)
    });
    new.url = old.url.clone();
    new.published_at = new.published_at.or(old.published_at);
    let mut resolver = Resolver::default();
    if new.source.is_none() {
        new.source = old_source_name(tx, old_row.source_id).await?;
    }
    let mut resolved = resolve_names(tx, &new, &mut resolver).await?;
    statement::Entity::delete_many()
        .filter(statement::Column::ArticleId.eq(id.0))
        .filter(statement::Column::Origin.eq(Origin::Extracted.as_str()))
        .exec(tx)
        .await?;
    mention::Entity::delete_many()
        .filter(mention::Column::ArticleId.eq(id.0))
        .exec(tx)
        .await?;
    for (row, (_, section, span)) in kept.iter().zip(&kept_spans) {
        if let Some(person) = row.speaker_id {
            // As when written: a headline span is not a body offset.
            let first = if *section == Section::Headline {
                0
            } else {
                span.start
            };
            add_mention(
                &mut resolved.mentions,
                EntityRef::Person(PersonId(person)),
                1,
                first,
            );
        }
        let mut active: statement::ActiveModel = row.clone().into();
        active.span_start = Set(span.start as i64);
        active.span_end = Set(span.end as i64);
        active.update(tx).await?;
    }
    let mut row = article_row(&new, resolved.source_id);
    row.id = Set(id.0);
    row.url = Set(old.url.clone());
    let updated = row.update(tx).await?;
    insert_statements(tx, id.0, &new.statements, &resolved.speakers).await?;
    insert_mentions(tx, id.0, resolved.mentions).await?;
    unindex_article(tx, &old).await?;
    index_articles(tx, &[Article::try_from(updated)?]).await?;
    Ok(Reextracted {
        statements: new.statements.len(),
        kept: kept.len(),
        written: written_ids(tx, id).await?,
    })
}

/// The lowest and highest id of the article's extracted statements: after the old ones
/// were deleted, those just written (the article's row is locked, so no one else writes
/// its statements meanwhile).
async fn written_ids(
    tx: &DatabaseTransaction,
    id: ArticleId,
) -> StorageResult<Option<(StatementId, StatementId)>> {
    let range: Option<(Option<i64>, Option<i64>)> = statement::Entity::find()
        .select_only()
        .expr(statement::Column::Id.min())
        .expr(statement::Column::Id.max())
        .filter(statement::Column::ArticleId.eq(id.0))
        .filter(statement::Column::Origin.eq(Origin::Extracted.as_str()))
        .into_tuple()
        .one(tx)
        .await?;
    Ok(match range {
        Some((Some(first), Some(last))) => Some((StatementId(first), StatementId(last))),
        _ => None,
    })
}

/// (section, words) of what extraction must not write again: statements removed by hand
/// (deleted, or marked as terms), and what kept statements said before they were corrected.
async fn removed_by_hand(
    tx: &DatabaseTransaction,
    id: ArticleId,
    kept: &[statement::Model],
) -> StorageResult<HashSet<(String, String)>> {
    let mut removed: HashSet<(String, String)> = suppressed_statement::Entity::find()
        .filter(suppressed_statement::Column::ArticleId.eq(id.0))
        .all(tx)
        .await?
        .into_iter()
        .map(|row| (row.section, row.text))
        .collect();
    let sections: HashMap<i64, &str> = kept.iter().map(|k| (k.id, k.section.as_str())).collect();
    let originals = statement_original::Entity::find()
        .filter(statement_original::Column::StatementId.is_in(sections.keys().copied()))
        .all(tx)
        .await?;
    for original in originals {
        if let Some(section) = sections.get(&original.statement_id) {
            removed.insert(((*section).to_owned(), original.text));
        }
    }
    Ok(removed)
}

/// Where each kept statement stands in the new text: the same place when its words are
/// still there, else the first place they occur.
fn relocate(
    kept: &[statement::Model],
    new: &NewArticle,
) -> StorageResult<Vec<(i64, Section, Span)>> {
    kept.iter()
        .map(|row| {
            let section = Section::parse("section", &row.section)
                .map_err(|_| StorageError::Corrupt(format!("statement {}: section", row.id)))?;
            let within = match section {
                Section::Headline => &new.title,
                _ => &new.body,
            };
            let at_old_place = Span::within(
                "span",
                row.span_start.max(0) as usize,
                row.span_end.max(0) as usize,
                within.chars().count(),
            )
            .ok()
            .filter(|span| span.slice(within) == row.text);
            at_old_place
                .or_else(|| Span::find(within, &row.text))
                .map(|span| (row.id, section, span))
                .ok_or_else(|| {
                    StorageError::Conflict(format!(
                        "statement {}: its words are no longer in the re-extracted text, so the article is left as it was",
                        row.id
                    ))
                })
        })
        .collect()
}

async fn old_source_name(
    tx: &DatabaseTransaction,
    source_id: Option<i64>,
) -> StorageResult<Option<quotegraph_domain::Name>> {
    let Some(id) = source_id else {
        return Ok(None);
    };
    let row = crate::entity::source::Entity::find_by_id(id)
        .one(tx)
        .await?;
    row.map(|r| quotegraph_domain::Name::parse("source", &r.name).map_err(StorageError::Invalid))
        .transpose()
}
