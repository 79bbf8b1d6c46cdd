//! Mapping rows to domain types. Rows that do not fit the model (an unknown enum name, a
//! negative offset) are reported as `Corrupt`, never passed on.

use crate::entity::{
    agreement, agreement_party, agreement_status, article, country, mention, organization, person,
    person_alias, person_role, source, statement, statement_original,
};
use crate::error::StorageError;
use quotegraph_domain::script::Script;
use quotegraph_domain::*;

fn corrupt(what: &str, value: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("{what}: {value}"))
}

pub(crate) fn code(raw: &str) -> Result<CountryCode, StorageError> {
    CountryCode::parse("country_code", raw).map_err(|_| corrupt("country code", raw))
}

fn offset(raw: i64) -> Result<usize, StorageError> {
    usize::try_from(raw).map_err(|_| corrupt("offset", raw))
}

impl TryFrom<article::Model> for Article {
    type Error = StorageError;
    fn try_from(row: article::Model) -> Result<Self, Self::Error> {
        let published_at = row
            .published_at
            .as_deref()
            .map(|raw| {
                PublishedAt::parse("published_at", raw).map_err(|_| corrupt("published_at", raw))
            })
            .transpose()?;
        Ok(Article {
            id: ArticleId(row.id),
            script: Script::parse(&row.script).ok_or_else(|| corrupt("script", &row.script))?,
            title: row.title,
            url: row.url,
            content_hash: row.content_hash,
            published_at,
            body: row.body,
            raw_text: row.raw_text,
            category: row.category,
            editor: row.editor,
            source_id: row.source_id.map(SourceId),
            reprinted_from: row.reprinted_from,
            hosted_by: row.hosted_by,
            related_from: row.related_from.map(offset).transpose()?,
        })
    }
}

impl From<source::Model> for Source {
    fn from(row: source::Model) -> Self {
        Source {
            id: SourceId(row.id),
            name: row.name,
            name_hans: row.name_hans,
        }
    }
}

impl TryFrom<person::Model> for Person {
    type Error = StorageError;
    fn try_from(row: person::Model) -> Result<Self, Self::Error> {
        Ok(Person {
            id: PersonId(row.id),
            name: row.name,
            name_hant: row.name_hant,
            name_en: row.name_en,
            country: row.country_code.as_deref().map(code).transpose()?,
        })
    }
}

impl From<person_alias::Model> for PersonAlias {
    fn from(row: person_alias::Model) -> Self {
        PersonAlias {
            person_id: PersonId(row.person_id),
            alias: row.alias,
        }
    }
}

impl TryFrom<person_role::Model> for PersonRole {
    type Error = StorageError;
    fn try_from(row: person_role::Model) -> Result<Self, Self::Error> {
        Ok(PersonRole {
            person_id: PersonId(row.person_id),
            title: row.title,
            country: row.country_code.as_deref().map(code).transpose()?,
            organization_id: row.organization_id.map(OrganizationId),
            first_seen: row.first_seen,
            last_seen: row.last_seen,
        })
    }
}

impl TryFrom<statement::Model> for Statement {
    type Error = StorageError;
    fn try_from(row: statement::Model) -> Result<Self, Self::Error> {
        Ok(Statement {
            id: StatementId(row.id),
            article_id: ArticleId(row.article_id),
            speaker_id: row.speaker_id.map(PersonId),
            kind: StatementKind::parse("kind", &row.kind)
                .map_err(|_| corrupt("kind", &row.kind))?,
            section: Section::parse("section", &row.section)
                .map_err(|_| corrupt("section", &row.section))?,
            origin: Origin::parse("origin", &row.origin)
                .map_err(|_| corrupt("origin", &row.origin))?,
            span: Span {
                start: offset(row.span_start)?,
                end: offset(row.span_end)?,
            },
            text: row.text,
            speaker_phrase: row.speaker_phrase,
            speaker_title: row.speaker_title,
            said_on: row.said_on,
            confidence: row.confidence,
            rule: row.attribution_rule,
        })
    }
}

impl TryFrom<statement_original::Model> for OriginalStatement {
    type Error = StorageError;
    fn try_from(row: statement_original::Model) -> Result<Self, Self::Error> {
        Ok(OriginalStatement {
            statement_id: StatementId(row.statement_id),
            kind: StatementKind::parse("kind", &row.kind)
                .map_err(|_| corrupt("kind", &row.kind))?,
            text: row.text,
            speaker_id: row.speaker_id.map(PersonId),
        })
    }
}

impl TryFrom<country::Model> for Country {
    type Error = StorageError;
    fn try_from(row: country::Model) -> Result<Self, Self::Error> {
        Ok(Country {
            code: code(&row.code)?,
            name_hans: row.name_hans,
            name_hant: row.name_hant,
            name_en: row.name_en,
        })
    }
}

impl From<organization::Model> for Organization {
    fn from(row: organization::Model) -> Self {
        Organization {
            id: OrganizationId(row.id),
            name: row.name,
            abbreviation: row.abbreviation,
        }
    }
}

impl TryFrom<agreement::Model> for Agreement {
    type Error = StorageError;
    fn try_from(row: agreement::Model) -> Result<Self, Self::Error> {
        Ok(Agreement {
            id: AgreementId(row.id),
            kind: AgreementKind::parse("kind", &row.kind)
                .map_err(|_| corrupt("agreement kind", &row.kind))?,
            name: row.name,
            abbreviation: row.abbreviation,
        })
    }
}

impl TryFrom<agreement_status::Model> for StatusChange {
    type Error = StorageError;
    fn try_from(row: agreement_status::Model) -> Result<Self, Self::Error> {
        Ok(StatusChange {
            status: AgreementStatus::parse("status", &row.status)
                .map_err(|_| corrupt("agreement status", &row.status))?,
            on: row.on_date,
        })
    }
}

impl TryFrom<agreement_party::Model> for AgreementParty {
    type Error = StorageError;
    fn try_from(row: agreement_party::Model) -> Result<Self, Self::Error> {
        let party = match (row.country_code.as_deref(), row.organization_id) {
            (Some(c), None) => PartyRef::Country(code(c)?),
            (None, Some(id)) => PartyRef::Organization(OrganizationId(id)),
            _ => return Err(corrupt("agreement party", row.id)),
        };
        Ok(AgreementParty {
            agreement_id: AgreementId(row.agreement_id),
            party,
            joined_on: row.joined_on,
        })
    }
}

impl TryFrom<mention::Model> for Mention {
    type Error = StorageError;
    fn try_from(row: mention::Model) -> Result<Self, Self::Error> {
        let entity = match (
            row.country_code.as_deref(),
            row.organization_id,
            row.agreement_id,
            row.person_id,
        ) {
            (Some(c), None, None, None) => EntityRef::Country(code(c)?),
            (None, Some(id), None, None) => EntityRef::Organization(OrganizationId(id)),
            (None, None, Some(id), None) => EntityRef::Agreement(AgreementId(id)),
            (None, None, None, Some(id)) => EntityRef::Person(PersonId(id)),
            _ => return Err(corrupt("mention", row.id)),
        };
        Ok(Mention {
            article_id: ArticleId(row.article_id),
            entity,
            count: u32::try_from(row.count).map_err(|_| corrupt("mention count", row.count))?,
            first_offset: offset(row.first_offset)?,
        })
    }
}

/// Maps every row, failing on the first that does not fit.
pub(crate) fn all<M, T>(rows: Vec<M>) -> Result<Vec<T>, StorageError>
where
    T: TryFrom<M, Error = StorageError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// Groups items by a key, keeping their order within each group.
pub(crate) fn group_by<K: std::hash::Hash + Eq, T>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> std::collections::HashMap<K, Vec<T>> {
    let mut grouped: std::collections::HashMap<K, Vec<T>> = std::collections::HashMap::new();
    for item in items {
        grouped.entry(key(&item)).or_default().push(item);
    }
    grouped
}
