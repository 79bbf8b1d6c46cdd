//! The values audit entries record before and after a change, as JSON naming nodes by the
//! ids clients know.

use crate::StorageResult;
use crate::entity::{article, person, person_alias, statement};
use crate::repo::audit::{Audit, AuditTarget};
use quotegraph_domain::{ArticleId, PersonId, StatementId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

/// A person with their names, country and aliases.
pub(crate) async fn person<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    row: &person::Model,
) -> StorageResult<Value> {
    let aliases: Vec<String> = person_alias::Entity::find()
        .filter(person_alias::Column::PersonId.eq(row.id))
        .order_by_asc(person_alias::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|alias| alias.alias)
        .collect();
    Ok(json!({
        "id": audit.id(AuditTarget::Person(PersonId(row.id))),
        "name": row.name,
        "nameHant": row.name_hant,
        "nameEn": row.name_en,
        "country": row.country_code,
        "aliases": aliases,
    }))
}

/// A statement's words, kind, speaker and origin.
pub(crate) fn statement(audit: &Audit, row: &statement::Model) -> Value {
    json!({
        "id": audit.id(AuditTarget::Statement(StatementId(row.id))),
        "article": audit.id(AuditTarget::Article(ArticleId(row.article_id))),
        "text": row.text,
        "kind": row.kind,
        "section": row.section,
        "speaker": row.speaker_id.map(|id| audit.id(AuditTarget::Person(PersonId(id)))),
        "origin": row.origin,
    })
}

/// An article's identity: title, URL, content hash and how many statements it had.
pub(crate) fn article(audit: &Audit, row: &article::Model, statements: usize) -> Value {
    json!({
        "id": audit.id(AuditTarget::Article(ArticleId(row.id))),
        "title": row.title,
        "url": row.url,
        "contentHash": row.content_hash,
        "publishedAt": row.published_at,
        "statements": statements,
    })
}
