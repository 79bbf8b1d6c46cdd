//! The rows an article is written as: the article itself, its statements and its mentions,
//! inserted many rows per statement. Shared by writing and re-extraction.

use crate::StorageResult;
use crate::entity::{article, mention, statement};
use quotegraph_domain::fold::fold;
use quotegraph_domain::{EntityRef, NewArticle, NewStatement};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    DatabaseTransaction, EntityTrait, Iterable,
};
use std::collections::HashMap;

/// The article's own row, with `source_id` resolved.
pub(crate) fn article_row(new: &NewArticle, source_id: Option<i64>) -> article::ActiveModel {
    article::ActiveModel {
        id: NotSet,
        title: Set(new.title.clone()),
        url: Set(new.url.clone()),
        content_hash: Set(new.content_hash.clone()),
        published_at: Set(new.published_at.map(|at| at.to_text())),
        published_on: Set(new.published_at.map(|at| at.day())),
        published_sort: Set(new.published_at.map(|at| at.sort_key())),
        script: Set(new.script.as_str().to_owned()),
        body: Set(new.body.clone()),
        raw_text: Set(new.raw_text.clone()),
        category: Set(new.category.clone()),
        editor: Set(new.editor.clone()),
        source_id: Set(source_id),
        reprinted_from: Set(new.reprinted_from.clone()),
        hosted_by: Set(new.hosted_by.clone()),
        related_from: Set(new.related_from.map(|at| at as i64)),
    }
}

/// The most values one statement binds: under SQLite's limit (32,766) and PostgreSQL's
/// (65,535).
const BOUND_VALUES: usize = 32_000;

/// Rows of `E` per multi-row INSERT: as many as the bound values allow, so that a batch's
/// rows go in few statements, and PostgreSQL's kept-count triggers, which fire once per
/// statement, add up each count once for many rows.
fn rows_per_insert<E: EntityTrait>() -> usize {
    (BOUND_VALUES / E::Column::iter().count().max(1)).max(1)
}

/// Inserts the article's statements, each with its resolved speaker.
pub(crate) async fn insert_statements(
    tx: &DatabaseTransaction,
    article_id: i64,
    statements: &[NewStatement],
    speakers: &[Option<i64>],
) -> StorageResult<()> {
    insert_statement_rows(tx, statement_rows(article_id, statements, speakers)).await
}

/// The article's statement rows, each with its resolved speaker.
pub(crate) fn statement_rows(
    article_id: i64,
    statements: &[NewStatement],
    speakers: &[Option<i64>],
) -> Vec<statement::ActiveModel> {
    statements
        .iter()
        .zip(speakers)
        .map(|(s, speaker)| statement::ActiveModel {
            id: NotSet,
            article_id: Set(article_id),
            speaker_id: Set(*speaker),
            text: Set(s.text.clone()),
            text_key: Set(fold(&s.text)),
            kind: Set(s.kind.as_str().to_owned()),
            speaker_phrase: Set(s.speaker_phrase.clone()),
            speaker_title: Set(s.speaker.as_ref().and_then(|sp| sp.title.clone())),
            span_start: Set(s.span.start as i64),
            span_end: Set(s.span.end as i64),
            section: Set(s.section.as_str().to_owned()),
            said_on: Set(s.said_on),
            confidence: Set(s.confidence),
            attribution_rule: Set(s.rule.clone()),
            origin: Set(s.origin.as_str().to_owned()),
        })
        .collect()
}

/// Inserts statement rows, many to a statement.
pub(crate) async fn insert_statement_rows(
    tx: &DatabaseTransaction,
    rows: Vec<statement::ActiveModel>,
) -> StorageResult<()> {
    for chunk in rows.chunks(rows_per_insert::<statement::Entity>()) {
        statement::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}

/// Inserts what the article mentions, with counts and first offsets.
pub(crate) async fn insert_mentions(
    tx: &DatabaseTransaction,
    article_id: i64,
    mentions: HashMap<EntityRef, (u32, usize)>,
) -> StorageResult<()> {
    insert_mention_rows(tx, mention_rows(article_id, mentions)).await
}

/// The article's mention rows, in the order they first occur in the body (the order they
/// read back in).
pub(crate) fn mention_rows(
    article_id: i64,
    mentions: HashMap<EntityRef, (u32, usize)>,
) -> Vec<mention::ActiveModel> {
    let mut rows: Vec<mention::ActiveModel> = mentions
        .into_iter()
        .map(|(entity, (count, first_offset))| {
            let mut row = mention::ActiveModel {
                id: NotSet,
                article_id: Set(article_id),
                country_code: Set(None),
                organization_id: Set(None),
                agreement_id: Set(None),
                person_id: Set(None),
                count: Set(i64::from(count)),
                first_offset: Set(first_offset as i64),
            };
            match entity {
                EntityRef::Country(code) => row.country_code = Set(Some(code.as_str().to_owned())),
                EntityRef::Organization(id) => row.organization_id = Set(Some(id.0)),
                EntityRef::Agreement(id) => row.agreement_id = Set(Some(id.0)),
                EntityRef::Person(id) => row.person_id = Set(Some(id.0)),
            }
            row
        })
        .collect();
    // Stable order: mentions read back in the order they first occur in the body.
    rows.sort_by_key(|row| match &row.first_offset {
        Set(offset) => *offset,
        _ => 0,
    });
    rows
}

/// Inserts mention rows, many to a statement.
pub(crate) async fn insert_mention_rows(
    tx: &DatabaseTransaction,
    rows: Vec<mention::ActiveModel>,
) -> StorageResult<()> {
    for chunk in rows.chunks(rows_per_insert::<mention::Entity>()) {
        mention::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BOUND_VALUES, rows_per_insert};
    use crate::entity::{mention, statement};
    use sea_orm::{EntityTrait, Iterable};

    fn columns<E: EntityTrait>() -> usize {
        E::Column::iter().count()
    }

    #[test]
    fn a_multi_row_insert_binds_no_more_values_than_the_bound_and_nearly_as_many() {
        for (rows, columns) in [
            (
                rows_per_insert::<statement::Entity>(),
                columns::<statement::Entity>(),
            ),
            (
                rows_per_insert::<mention::Entity>(),
                columns::<mention::Entity>(),
            ),
        ] {
            assert!(rows * columns <= BOUND_VALUES, "{rows} rows of {columns}");
            assert!(
                (rows + 1) * columns > BOUND_VALUES,
                "{rows} rows of {columns}"
            );
        }
    }
}
