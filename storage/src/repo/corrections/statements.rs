//! Corrections of statements: another speaker, text or kind (the statement is then
//! `edited`, and what it said before is kept), deletion, and marking a quoted term that is
//! not speech. Removed statements are remembered, so re-extraction does not bring them back.

use super::{invalid, live_person, locked_statement, snapshot};
use crate::entity::{article, mention, statement, statement_original, suppressed_statement};
use crate::repo::audit::{Audit, AuditTarget, record};
use crate::{Storage, StorageError, StorageResult};
use quotegraph_domain::fold::fold;
use quotegraph_domain::{
    ArticleId, Origin, PersonId, Section, Span, Statement, StatementId, StatementKind,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};

/// What `updateStatement` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct StatementChange {
    /// The words, which must stand in the article where the statement stands.
    pub text: Option<String>,
    /// Direct or indirect.
    pub kind: Option<StatementKind>,
}

/// Why a statement was removed by hand.
#[derive(Debug, Clone, Copy)]
enum Removal {
    /// Deleted.
    Deleted,
    /// A quoted term, not speech.
    Term,
}

impl Removal {
    fn as_str(self) -> &'static str {
        match self {
            Removal::Deleted => "deleted",
            Removal::Term => "term",
        }
    }
}

impl Storage {
    /// Gives statement `id` another speaker, or none.
    #[tracing::instrument(skip(self, audit))]
    pub async fn set_statement_speaker(
        &self,
        id: StatementId,
        speaker: Option<PersonId>,
        audit: &Audit,
    ) -> StorageResult<Statement> {
        self.write(&(id, speaker, audit), |tx, (id, speaker, audit)| {
            Box::pin(set_speaker_in(tx, *id, *speaker, audit))
        })
        .await
    }

    /// Changes statement `id`'s words or kind.
    #[tracing::instrument(skip(self, audit))]
    pub async fn update_statement(
        &self,
        id: StatementId,
        change: &StatementChange,
        audit: &Audit,
    ) -> StorageResult<Statement> {
        self.write(&(id, change, audit), |tx, (id, change, audit)| {
            Box::pin(update_in(tx, *id, change, audit))
        })
        .await
    }

    /// Deletes statement `id`; returns the article it stood in.
    #[tracing::instrument(skip(self, audit))]
    pub async fn delete_statement(
        &self,
        id: StatementId,
        audit: &Audit,
    ) -> StorageResult<ArticleId> {
        self.write(&(id, audit), |tx, (id, audit)| {
            Box::pin(remove_in(tx, *id, Removal::Deleted, audit))
        })
        .await
    }

    /// Takes statement `id` out of the statements as a quoted term that is not speech;
    /// returns the article it stood in.
    #[tracing::instrument(skip(self, audit))]
    pub async fn mark_as_term(&self, id: StatementId, audit: &Audit) -> StorageResult<ArticleId> {
        self.write(&(id, audit), |tx, (id, audit)| {
            Box::pin(remove_in(tx, *id, Removal::Term, audit))
        })
        .await
    }
}

/// Keeps what the statement says now as its original, unless an earlier correction did.
async fn keep_original(tx: &DatabaseTransaction, row: &statement::Model) -> StorageResult<()> {
    if statement_original::Entity::find_by_id(row.id)
        .one(tx)
        .await?
        .is_some()
    {
        return Ok(());
    }
    statement_original::Entity::insert(statement_original::ActiveModel {
        statement_id: Set(row.id),
        text: Set(row.text.clone()),
        kind: Set(row.kind.clone()),
        speaker_id: Set(row.speaker_id),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

/// Writes a corrected statement: marked edited, its original kept, and the change recorded.
async fn save_edit(
    tx: &DatabaseTransaction,
    row: statement::Model,
    mut edited: statement::ActiveModel,
    audit: &Audit,
    mut targets: Vec<AuditTarget>,
) -> StorageResult<Statement> {
    let before = snapshot::statement(audit, &row);
    keep_original(tx, &row).await?;
    edited.origin = Set(Origin::Edited.as_str().to_owned());
    let updated = edited.update(tx).await?;
    targets.insert(0, AuditTarget::Statement(StatementId(row.id)));
    let after = snapshot::statement(audit, &updated);
    record(tx, audit, &targets, Some(before), Some(after)).await?;
    Statement::try_from(updated)
}

async fn set_speaker_in(
    tx: &DatabaseTransaction,
    id: StatementId,
    speaker: Option<PersonId>,
    audit: &Audit,
) -> StorageResult<Statement> {
    let row = locked_statement(tx, id, "statement").await?;
    let speaker = match speaker {
        Some(person) => Some(live_person(tx, person, "person").await?.id),
        None => None,
    };
    let mut edited: statement::ActiveModel = row.clone().into();
    edited.speaker_id = Set(speaker);
    // A speaker given by hand was decided by no rule, and is as sure as it gets.
    edited.attribution_rule = Set(None);
    edited.confidence = Set(1.0);
    if let Some(person) = speaker {
        mention_speaker(tx, &row, person).await?;
    }
    let targets = [row.speaker_id, speaker]
        .into_iter()
        .flatten()
        .map(|p| AuditTarget::Person(PersonId(p)))
        .collect();
    save_edit(tx, row, edited, audit, targets).await
}

/// Makes sure the article mentions `person`, as it mentions every speaker.
async fn mention_speaker(
    tx: &DatabaseTransaction,
    row: &statement::Model,
    person: i64,
) -> StorageResult<()> {
    let mentioned = mention::Entity::find()
        .filter(mention::Column::ArticleId.eq(row.article_id))
        .filter(mention::Column::PersonId.eq(person))
        .one(tx)
        .await?;
    if mentioned.is_some() {
        return Ok(());
    }
    let first = if row.section == Section::Headline.as_str() {
        0
    } else {
        row.span_start
    };
    mention::Entity::insert(mention::ActiveModel {
        id: NotSet,
        article_id: Set(row.article_id),
        country_code: Set(None),
        organization_id: Set(None),
        agreement_id: Set(None),
        person_id: Set(Some(person)),
        count: Set(1),
        first_offset: Set(first),
    })
    .exec_without_returning(tx)
    .await?;
    Ok(())
}

async fn update_in(
    tx: &DatabaseTransaction,
    id: StatementId,
    change: &StatementChange,
    audit: &Audit,
) -> StorageResult<Statement> {
    let row = locked_statement(tx, id, "statement").await?;
    let mut edited: statement::ActiveModel = row.clone().into();
    if let Some(text) = &change.text {
        let span = place_in_article(tx, &row, text).await?;
        edited.text = Set(text.clone());
        edited.text_key = Set(fold(text));
        edited.span_start = Set(span.start as i64);
        edited.span_end = Set(span.end as i64);
    }
    if let Some(kind) = change.kind {
        edited.kind = Set(kind.as_str().to_owned());
    }
    save_edit(tx, row, edited, audit, Vec::new()).await
}

/// Where `text` stands in the statement's article (its title for a headline statement):
/// the occurrence nearest to where the statement stood. BAD_USER_INPUT on `text` when the
/// article does not contain it.
async fn place_in_article(
    tx: &DatabaseTransaction,
    row: &statement::Model,
    text: &str,
) -> StorageResult<Span> {
    if text.trim().is_empty() {
        return Err(invalid("text", "must not be empty"));
    }
    let article = article::Entity::find_by_id(row.article_id)
        .one(tx)
        .await?
        .ok_or_else(|| StorageError::Corrupt(format!("statement {}: article", row.id)))?;
    let (within, part) = if row.section == Section::Headline.as_str() {
        (&article.title, "the article's title")
    } else {
        (&article.body, "the article body")
    };
    let was = row.span_start.max(0) as usize;
    occurrences(within, text)
        .min_by_key(|span| span.start.abs_diff(was))
        .ok_or_else(|| invalid("text", format!("does not occur in {part}")))
}

/// Every place `needle` occurs in `haystack`, as character spans.
fn occurrences<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = Span> + 'a {
    let length = needle.chars().count();
    haystack.match_indices(needle).map(move |(byte, _)| {
        let start = haystack[..byte].chars().count();
        Span {
            start,
            end: start + length,
        }
    })
}

async fn remove_in(
    tx: &DatabaseTransaction,
    id: StatementId,
    why: Removal,
    audit: &Audit,
) -> StorageResult<ArticleId> {
    let row = locked_statement(tx, id, "statement").await?;
    let before = snapshot::statement(audit, &row);
    // Re-extraction finds the words again; this is how it knows to leave them out.
    suppressed_statement::Entity::insert(suppressed_statement::ActiveModel {
        id: NotSet,
        article_id: Set(row.article_id),
        section: Set(row.section.clone()),
        text: Set(row.text.clone()),
        reason: Set(why.as_str().to_owned()),
    })
    .exec_without_returning(tx)
    .await?;
    statement::Entity::delete_by_id(row.id).exec(tx).await?;
    let after = match why {
        Removal::Deleted => None,
        Removal::Term => Some(serde_json::json!({ "term": row.text })),
    };
    record(
        tx,
        audit,
        &[
            AuditTarget::Statement(id),
            AuditTarget::Article(ArticleId(row.article_id)),
        ],
        Some(before),
        after,
    )
    .await?;
    Ok(ArticleId(row.article_id))
}

#[cfg(test)]
mod tests {
    use super::occurrences;

    #[test]
    fn occurrences_are_counted_in_characters() {
        let found: Vec<_> = occurrences("合作共赢,合作共赢", "共赢")
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(found, vec![(2, 4), (7, 9)]);
    }
}
