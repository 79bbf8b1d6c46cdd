//! Writing an article with everything in it, in one transaction: all of it or nothing.

use super::agreement_facts::record_fact;
use super::article_rows::{article_row, insert_mentions, insert_statements};
use super::audit::{Audit, AuditTarget, record};
use super::resolve::{Resolver, SpeakerSeen};
use super::search::index_articles;
use crate::entity::article;
use crate::error::StorageError;
use crate::events::Change;
use crate::{Storage, StorageResult};
use quotegraph_domain::{AgreementId, Article, EntityRef, NewArticle, Section};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait,
};
use std::collections::HashMap;

/// What adding an article did.
#[derive(Debug, Clone)]
pub struct AddOutcome {
    /// The stored article: the new one, or the one that already had this content.
    pub article: Article,
    /// `false` when the same content was stored before and nothing was written.
    pub created: bool,
}

/// What the client is told when an article's URL is stored with other content.
pub(crate) const URL_TAKEN: &str =
    "url: another article with different content already has this URL";

impl Storage {
    /// Stores a validated article with its statements, speakers and mentions in one
    /// transaction. The same content twice is a no-op that returns the stored article; a
    /// URL already stored with other content is a conflict. With `audit`, a stored article
    /// is recorded in the audit log in the same transaction (a no-op records nothing).
    #[tracing::instrument(skip_all, fields(title = %new.title))]
    pub async fn add_article(
        &self,
        new: NewArticle,
        audit: Option<&Audit>,
    ) -> StorageResult<AddOutcome> {
        // A re-import is answered by a reader, without waiting for a turn to write.
        if let Some(existing) = self.article_by_hash(&new.content_hash).await? {
            return Ok(AddOutcome {
                article: existing,
                created: false,
            });
        }
        self.write_announced(
            &(new, audit),
            |tx, (new, audit)| Box::pin(store_article(tx, new, *audit)),
            |outcome| added(std::slice::from_ref(outcome)),
        )
        .await
    }

    async fn article_by_hash(&self, hash: &str) -> StorageResult<Option<Article>> {
        stored_with_content(&self.db, hash).await
    }

    /// Stores many validated articles in one transaction, as storing them one at a time
    /// would: an article that fails leaves nothing behind and the others are stored. For
    /// bulk imports: the batch is written in a few multi-row statements (see `bulk`); when
    /// one of its articles fails, it is written again an article at a time, each in its own
    /// savepoint, to store the others.
    #[tracing::instrument(skip_all, fields(articles = news.len()))]
    pub async fn add_articles(
        &self,
        news: Vec<NewArticle>,
    ) -> StorageResult<Vec<StorageResult<AddOutcome>>> {
        let fast = self
            .write_announced(
                news.as_slice(),
                |tx, news| Box::pin(super::bulk::store_batch(tx, news)),
                |outcomes| added(outcomes),
            )
            .await;
        match fast {
            Ok(outcomes) => Ok(outcomes.into_iter().map(Ok).collect()),
            Err(err) if err.is_transient() => Err(err),
            Err(err) => {
                tracing::debug!(error = %err, "an article of the batch failed; storing one at a time");
                self.write_announced(
                    news.as_slice(),
                    |tx, news| Box::pin(store_articles(tx, news)),
                    |outcomes| {
                        let stored: Vec<AddOutcome> = outcomes
                            .iter()
                            .filter_map(|o| o.as_ref().ok())
                            .cloned()
                            .collect();
                        added(&stored)
                    },
                )
                .await
            }
        }
    }
}

/// The articles `outcomes` created, as announced to subscribers.
fn added(outcomes: &[AddOutcome]) -> Vec<Change> {
    outcomes
        .iter()
        .filter(|o| o.created)
        .map(|o| Change::ArticleAdded(o.article.id))
        .collect()
}

/// The stored article with this content, if there is one.
async fn stored_with_content<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> StorageResult<Option<Article>> {
    let row = article::Entity::find()
        .filter(article::Column::ContentHash.eq(hash))
        .one(db)
        .await?;
    row.map(Article::try_from).transpose()
}

/// Whether writing `new` would be a no-op (its content is stored: that article is
/// returned) or a conflict (its URL is stored with other content), as far as `tx` sees.
/// Checked inside the write, so that only a concurrent writer can make the insert clash,
/// and running the write again then answers from here.
async fn stored_or_conflicting(
    tx: &DatabaseTransaction,
    new: &NewArticle,
) -> StorageResult<Option<Article>> {
    if let Some(existing) = stored_with_content(tx, &new.content_hash).await? {
        return Ok(Some(existing));
    }
    if let Some(url) = &new.url {
        let taken = article::Entity::find()
            .filter(article::Column::Url.eq(url.as_str()))
            .one(tx)
            .await?;
        if taken.is_some() {
            return Err(StorageError::Conflict(URL_TAKEN.into()));
        }
    }
    Ok(None)
}

async fn store_article(
    tx: &DatabaseTransaction,
    new: &NewArticle,
    audit: Option<&Audit>,
) -> StorageResult<AddOutcome> {
    if let Some(existing) = stored_or_conflicting(tx, new).await? {
        return Ok(AddOutcome {
            article: existing,
            created: false,
        });
    }
    let article = write_article(tx, new, &mut Resolver::default()).await?;
    index_articles(tx, std::slice::from_ref(&article)).await?;
    if let Some(audit) = audit {
        let after = serde_json::json!({
            "id": audit.id(AuditTarget::Article(article.id)),
            "title": article.title,
            "url": article.url,
            "contentHash": new.content_hash,
            "statements": new.statements.len(),
        });
        record(
            tx,
            audit,
            &[AuditTarget::Article(article.id)],
            None,
            Some(after),
        )
        .await?;
    }
    Ok(AddOutcome {
        article,
        created: true,
    })
}

async fn store_articles(
    tx: &DatabaseTransaction,
    news: &[NewArticle],
) -> StorageResult<Vec<StorageResult<AddOutcome>>> {
    let mut resolver = Resolver::default();
    let mut outcomes = Vec::with_capacity(news.len());
    let mut stored = Vec::new();
    for new in news {
        let before = resolver.clone();
        let savepoint = tx.begin().await?;
        let written = match stored_or_conflicting(&savepoint, new).await {
            Ok(Some(existing)) => Ok(AddOutcome {
                article: existing,
                created: false,
            }),
            Ok(None) => write_article(&savepoint, new, &mut resolver)
                .await
                .map(|article| AddOutcome {
                    article,
                    created: true,
                }),
            Err(err) => Err(err),
        };
        match written {
            Ok(outcome) => {
                savepoint.commit().await?;
                if outcome.created {
                    stored.push(outcome.article.clone());
                }
                outcomes.push(Ok(outcome));
            }
            Err(err) => {
                savepoint.rollback().await?;
                // A lost race is the whole batch's: it runs again from the start.
                if err.is_transient() {
                    return Err(err);
                }
                // What was resolved inside the rolled-back article no longer exists.
                resolver = before;
                outcomes.push(Err(err));
            }
        }
    }
    // Indexed once for the batch, outside the savepoints: FTS5 flushes its pending
    // index at every savepoint release, which would cost a flush per article.
    index_articles(tx, &stored).await?;
    Ok(outcomes)
}

/// What an article's names resolve to, before its rows are written.
pub(crate) struct Resolved {
    /// Its source.
    pub source_id: Option<i64>,
    /// Every entity it mentions, with count and first offset.
    pub mentions: HashMap<EntityRef, (u32, usize)>,
    /// The person each statement's speaker is, in statement order.
    pub speakers: Vec<Option<i64>>,
}

async fn write_article(
    tx: &DatabaseTransaction,
    new: &NewArticle,
    resolver: &mut Resolver,
) -> StorageResult<Article> {
    let resolved = resolve_names(tx, new, resolver).await?;
    let row = article::Entity::insert(article_row(new, resolved.source_id))
        .exec_with_returning(tx)
        .await?;
    let article_id = row.id;
    insert_statements(tx, article_id, &new.statements, &resolved.speakers).await?;
    insert_mentions(tx, article_id, resolved.mentions).await?;
    Article::try_from(row)
}

/// Resolves (creating when new) the article's source, mentioned entities, agreement facts
/// and speakers.
pub(crate) async fn resolve_names(
    tx: &DatabaseTransaction,
    new: &NewArticle,
    resolver: &mut Resolver,
) -> StorageResult<Resolved> {
    let source_id = match &new.source {
        Some(name) => Some(resolver.source(tx, name).await?),
        None => None,
    };
    let mut mentions: HashMap<EntityRef, (u32, usize)> = HashMap::new();
    for (i, m) in new.mentions.iter().enumerate() {
        let entity = resolver
            .mention(tx, m)
            .await
            .map_err(|e| nest(e, &format!("mentions[{i}]")))?;
        add_mention(&mut mentions, entity, m.count, m.first_offset);
    }
    for (i, fact) in new.agreement_facts.iter().enumerate() {
        let field = format!("agreementFacts[{i}]");
        for (j, (code, _)) in fact.parties.iter().enumerate() {
            resolver
                .country(tx, "country", code.as_str())
                .await
                .map_err(|e| nest(e, &format!("{field}.parties[{j}]")))?;
        }
        let id = resolver
            .agreement(tx, &fact.name, fact.abbreviation.as_ref())
            .await?;
        match &mut resolver.facts {
            Some(facts) => facts.push((AgreementId(id), fact.clone())),
            None => record_fact(tx, AgreementId(id), fact).await?,
        }
    }
    let seen_on = new.published_at.map(|at| at.day());
    let mut speakers = Vec::with_capacity(new.statements.len());
    for (i, s) in new.statements.iter().enumerate() {
        let speaker = match &s.speaker {
            Some(speaker) => Some(
                resolver
                    .speaker(tx, speaker, SpeakerSeen { on: seen_on })
                    .await
                    .map_err(|e| nest(e, &format!("statements[{i}].speaker")))?,
            ),
            None => None,
        };
        if let Some(id) = speaker {
            // A headline span is not a body offset: the person is mentioned from the start.
            let first = match s.section {
                Section::Headline => 0,
                _ => s.span.start,
            };
            add_mention(&mut mentions, EntityRef::Person(id), 1, first);
        }
        speakers.push(speaker.map(|id| id.0));
    }
    Ok(Resolved {
        source_id,
        mentions,
        speakers,
    })
}

fn nest(err: StorageError, parent: &str) -> StorageError {
    match err {
        StorageError::Invalid(invalid) => StorageError::Invalid(invalid.under(parent)),
        other => other,
    }
}

pub(crate) fn add_mention(
    mentions: &mut HashMap<EntityRef, (u32, usize)>,
    entity: EntityRef,
    count: u32,
    offset: usize,
) {
    let entry = mentions.entry(entity).or_insert((0, offset));
    entry.0 = entry.0.saturating_add(count);
    entry.1 = entry.1.min(offset);
}
