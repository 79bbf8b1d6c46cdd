//! Mutation inputs, mapped to domain drafts (validation happens in the domain).

use super::types::{AgreementStatusGql, MentionKindGql, SectionGql, StatementKindGql};
use async_graphql::InputObject;
use quotegraph_domain::{
    AgreementFactDraft, ArticleDraft, MentionDraft, SpeakerDraft, StatementDraft,
};

/// An article with the facts already known about it.
#[derive(InputObject)]
pub struct AddArticleInput {
    /// Headline (1–500 characters).
    pub title: String,
    /// Where it was published (http or https; unique).
    pub url: Option<String>,
    /// Cleaned body text (at most 1 MiB); spans count characters in it.
    pub body: String,
    /// The text as it came in, if different from the body.
    pub raw_text: Option<String>,
    /// RFC 3339 (2021-01-07T11:19:16+08:00) or YYYY-MM-DD.
    pub published_at: Option<String>,
    /// Publisher name (created if new).
    pub source: Option<String>,
    /// Outlet it was reprinted from.
    pub reprinted_from: Option<String>,
    /// Site that hosted the copy.
    pub hosted_by: Option<String>,
    /// Category or column.
    pub category: Option<String>,
    /// Editor.
    pub editor: Option<String>,
    /// Character offset where a trailing related-articles list starts.
    pub related_from: Option<usize>,
    /// Statements in the body.
    #[graphql(default)]
    pub statements: Vec<StatementInput>,
    /// Entities the body mentions.
    #[graphql(default)]
    pub mentions: Vec<MentionInput>,
    /// What the body says about agreements: statuses with dates, parties.
    #[graphql(default)]
    pub agreement_facts: Vec<AgreementFactInput>,
}

/// What an article says about an agreement.
#[derive(InputObject)]
pub struct AgreementFactInput {
    /// The agreement's name (created if new).
    pub name: String,
    /// Its abbreviation.
    pub abbreviation: Option<String>,
    /// The status it reached.
    pub status: Option<AgreementStatusGql>,
    /// The day it reached it.
    pub on: Option<chrono::NaiveDate>,
    /// Countries that became parties.
    #[graphql(default)]
    pub parties: Vec<PartyInput>,
}

/// A country that became party to an agreement.
#[derive(InputObject)]
pub struct PartyInput {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The day it joined.
    pub joined_on: Option<chrono::NaiveDate>,
}

impl From<AgreementFactInput> for AgreementFactDraft {
    fn from(input: AgreementFactInput) -> Self {
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        AgreementFactDraft {
            name: input.name,
            abbreviation: input.abbreviation,
            status: input.status.map(|s| {
                quotegraph_domain::AgreementStatus::from(s)
                    .as_str()
                    .to_owned()
            }),
            on: input.on.map(day),
            parties: input
                .parties
                .into_iter()
                .map(|p| (p.country, p.joined_on.map(day)))
                .collect(),
        }
    }
}

/// A statement in the article.
#[derive(InputObject)]
pub struct StatementInput {
    /// The words exactly as in the body, without quote marks.
    pub text: String,
    /// Direct quotation or reported speech.
    pub kind: StatementKindGql,
    /// Who said it; omit when no one is named.
    pub speaker: Option<SpeakerInput>,
    /// The speaker phrase as written.
    pub speaker_phrase: Option<String>,
    /// Character range in the body; found from the text when omitted.
    pub span: Option<SpanInput>,
    /// Body or related list; derived from `relatedFrom` when omitted.
    pub section: Option<SectionGql>,
    /// The day it was said (YYYY-MM-DD), when the text gives one.
    pub said_on: Option<String>,
    /// 0 to 1; defaults to 1.
    pub confidence: Option<f64>,
}

/// A character range `[start, end)`.
#[derive(InputObject)]
pub struct SpanInput {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A speaker: matched to a known person by any name, or created.
#[derive(InputObject)]
pub struct SpeakerInput {
    /// Name in either script.
    pub name: String,
    /// Title given in the article (国家主席).
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 code of the speaker's country.
    pub country: Option<String>,
    /// English name.
    pub name_en: Option<String>,
    /// Other written forms of the name.
    #[graphql(default)]
    pub aliases: Vec<String>,
}

/// An entity the article mentions.
#[derive(InputObject)]
pub struct MentionInput {
    /// What kind of entity.
    pub kind: MentionKindGql,
    /// Its name, code or abbreviation.
    pub name: String,
    /// Its abbreviation, kept when the entity is new.
    pub abbreviation: Option<String>,
    /// How many times the article names it (default 1).
    pub count: Option<u32>,
    /// Character offset of the first mention (default 0).
    pub first_offset: Option<usize>,
    /// For a person: the title the article gives.
    pub title: Option<String>,
    /// For a person: ISO code of their country.
    pub country: Option<String>,
}

impl From<AddArticleInput> for ArticleDraft {
    fn from(input: AddArticleInput) -> Self {
        ArticleDraft {
            title: input.title,
            url: input.url,
            body: input.body,
            raw_text: input.raw_text,
            published_at: input.published_at,
            source: input.source,
            reprinted_from: input.reprinted_from,
            hosted_by: input.hosted_by,
            category: input.category,
            editor: input.editor,
            related_from: input.related_from,
            statements: input.statements.into_iter().map(Into::into).collect(),
            mentions: input.mentions.into_iter().map(Into::into).collect(),
            agreement_facts: input.agreement_facts.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<StatementInput> for StatementDraft {
    fn from(input: StatementInput) -> Self {
        StatementDraft {
            text: input.text,
            kind: input.kind.into(),
            speaker: input.speaker.map(Into::into),
            speaker_phrase: input.speaker_phrase,
            span: input.span.map(|s| (s.start, s.end)),
            section: input.section.map(Into::into),
            said_on: input.said_on,
            confidence: input.confidence,
            rule: None,
        }
    }
}

impl From<SpeakerInput> for SpeakerDraft {
    fn from(input: SpeakerInput) -> Self {
        SpeakerDraft {
            name: input.name,
            title: input.title,
            country: input.country,
            name_en: input.name_en,
            aliases: input.aliases,
        }
    }
}

impl From<MentionInput> for MentionDraft {
    fn from(input: MentionInput) -> Self {
        MentionDraft {
            kind: input.kind.into(),
            name: input.name,
            abbreviation: input.abbreviation,
            count: input.count,
            first_offset: input.first_offset,
            title: input.title,
            country: input.country,
        }
    }
}
