//! Unvalidated article input (`ArticleDraft`, from an admin or from extraction) and its
//! validation into a `NewArticle` that storage writes in one transaction.

use super::{
    AgreementStatus, CountryCode, Name, Origin, PublishedAt, Section, Span, StatementKind,
    optional_name, parse_day,
};
use crate::ValidationError;
use crate::script::Script;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// The largest body accepted, in bytes (1 MiB).
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// The longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// The longest URL accepted, in bytes.
pub const MAX_URL_BYTES: usize = 2048;
/// The most statements or mentions one article may carry.
pub const MAX_ITEMS_PER_ARTICLE: usize = 10_000;

/// An article as given, before validation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleDraft {
    /// Headline.
    pub title: String,
    /// Where it was published.
    pub url: Option<String>,
    /// Cleaned body text; spans point into it.
    pub body: String,
    /// The text as it came in; defaults to the body.
    pub raw_text: Option<String>,
    /// RFC 3339 or YYYY-MM-DD.
    pub published_at: Option<String>,
    /// Publisher name.
    pub source: Option<String>,
    /// Outlet it was reprinted from.
    pub reprinted_from: Option<String>,
    /// Site that hosted the copy.
    pub hosted_by: Option<String>,
    /// Category or column.
    pub category: Option<String>,
    /// Editor named on the page.
    pub editor: Option<String>,
    /// Character offset where the related-articles list starts.
    pub related_from: Option<usize>,
    /// Statements in the body.
    pub statements: Vec<StatementDraft>,
    /// Entities the body mentions.
    pub mentions: Vec<MentionDraft>,
    /// What the body says about agreements.
    pub agreement_facts: Vec<AgreementFactDraft>,
}

/// What an article says about an agreement, as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgreementFactDraft {
    /// The agreement's name.
    pub name: String,
    /// Its abbreviation.
    pub abbreviation: Option<String>,
    /// The status it reached (proposed, negotiating, concluded, signed, in_force).
    pub status: Option<String>,
    /// The day it reached it (YYYY-MM-DD).
    pub on: Option<String>,
    /// Countries that became parties (ISO codes), each with the day it joined.
    pub parties: Vec<(String, Option<String>)>,
}

/// A validated agreement fact.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAgreementFact {
    /// The agreement's name.
    pub name: Name,
    /// Its abbreviation.
    pub abbreviation: Option<Name>,
    /// The status it reached.
    pub status: Option<AgreementStatus>,
    /// The day it reached it.
    pub on: Option<NaiveDate>,
    /// Countries that became parties, with the day each joined.
    pub parties: Vec<(CountryCode, Option<NaiveDate>)>,
}

impl AgreementFactDraft {
    fn validate(self) -> Result<NewAgreementFact, ValidationError> {
        let parties = self
            .parties
            .iter()
            .enumerate()
            .map(|(i, (code, on))| {
                let field = format!("parties[{i}]");
                let code = CountryCode::parse("country", code).map_err(|e| e.under(&field))?;
                let on = on
                    .as_deref()
                    .map(|d| parse_day("joinedOn", d))
                    .transpose()
                    .map_err(|e| e.under(&field))?;
                Ok((code, on))
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        Ok(NewAgreementFact {
            name: Name::parse("name", &self.name)?,
            abbreviation: optional_name("abbreviation", self.abbreviation.as_deref())?,
            status: self
                .status
                .as_deref()
                .map(|s| AgreementStatus::parse("status", s))
                .transpose()?,
            on: self.on.as_deref().map(|d| parse_day("on", d)).transpose()?,
            parties,
        })
    }
}

/// A statement as given.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementDraft {
    /// The words exactly as in the body.
    pub text: String,
    /// Direct or indirect.
    pub kind: StatementKind,
    /// Who said it, if anyone is named.
    pub speaker: Option<SpeakerDraft>,
    /// The speaker phrase as written.
    pub speaker_phrase: Option<String>,
    /// Character range in the body; found from the text when absent.
    pub span: Option<(usize, usize)>,
    /// Body or related list; derived from `related_from` when absent.
    pub section: Option<Section>,
    /// YYYY-MM-DD when the text gives the day it was said.
    pub said_on: Option<String>,
    /// 0 to 1; defaults to 1.
    pub confidence: Option<f64>,
    /// The extraction rule that decided the speaker (a lower-case name such as
    /// `colon_before`); absent when the statement is given by hand.
    pub rule: Option<String>,
}

/// A speaker as given: matched to a person by folded name or alias, or created.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakerDraft {
    /// The name (either script).
    pub name: String,
    /// The title the article gives.
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 code of the speaker's country.
    pub country: Option<String>,
    /// English name.
    pub name_en: Option<String>,
    /// Other written forms of the name.
    pub aliases: Vec<String>,
}

/// What kind of entity a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A country, by code or any of its names.
    Country,
    /// An organization, by name or abbreviation.
    Organization,
    /// An agreement, by name or abbreviation.
    Agreement,
    /// A person, by name or alias.
    Person,
}

/// A mention as given.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionDraft {
    /// The kind of entity.
    pub kind: MentionKind,
    /// Its name, code or abbreviation.
    pub name: String,
    /// Its abbreviation, used when the entity is new.
    pub abbreviation: Option<String>,
    /// How many times the article names it; defaults to 1.
    pub count: Option<u32>,
    /// Character offset of the first mention; defaults to 0.
    pub first_offset: Option<usize>,
    /// For a person: the title the article gives.
    pub title: Option<String>,
    /// For a person: ISO code of their country.
    pub country: Option<String>,
}

/// A validated article, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// Headline, trimmed.
    pub title: String,
    /// URL, when given.
    pub url: Option<String>,
    /// Cleaned body.
    pub body: String,
    /// Raw text.
    pub raw_text: String,
    /// SHA-256 of the raw text, hex.
    pub content_hash: String,
    /// Publication time.
    pub published_at: Option<PublishedAt>,
    /// Detected script.
    pub script: Script,
    /// Publisher.
    pub source: Option<Name>,
    /// Reprinted from.
    pub reprinted_from: Option<String>,
    /// Hosted by.
    pub hosted_by: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Editor.
    pub editor: Option<String>,
    /// Start of the related list.
    pub related_from: Option<usize>,
    /// Statements.
    pub statements: Vec<NewStatement>,
    /// Mentions.
    pub mentions: Vec<NewMention>,
    /// Facts about agreements.
    pub agreement_facts: Vec<NewAgreementFact>,
}

/// A validated statement.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStatement {
    /// Words as written.
    pub text: String,
    /// Direct or indirect.
    pub kind: StatementKind,
    /// Speaker, if named.
    pub speaker: Option<NewSpeaker>,
    /// Speaker phrase as written.
    pub speaker_phrase: Option<String>,
    /// Span in the body, checked to cover `text`.
    pub span: Span,
    /// Body or related.
    pub section: Section,
    /// Day said.
    pub said_on: Option<NaiveDate>,
    /// 0 to 1.
    pub confidence: f64,
    /// The extraction rule that decided the speaker.
    pub rule: Option<String>,
    /// How it was made.
    pub origin: Origin,
}

/// A validated speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSpeaker {
    /// Name.
    pub name: Name,
    /// Title, in simplified script.
    pub title: Option<String>,
    /// Country.
    pub country: Option<CountryCode>,
    /// English name.
    pub name_en: Option<Name>,
    /// Other written forms.
    pub aliases: Vec<Name>,
}

/// A validated mention.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMention {
    /// Kind of entity.
    pub kind: MentionKind,
    /// Name, code or abbreviation.
    pub name: Name,
    /// Abbreviation for a new entity.
    pub abbreviation: Option<Name>,
    /// Count, at least 1.
    pub count: u32,
    /// First offset in the body.
    pub first_offset: usize,
    /// For a person: title, in simplified script.
    pub title: Option<String>,
    /// For a person: country.
    pub country: Option<CountryCode>,
}

impl ArticleDraft {
    /// Checks every field and returns the article storage accepts, or the first error
    /// with the path of the field at fault.
    pub fn validate(self, origin: Origin) -> Result<NewArticle, ValidationError> {
        let title = bounded_text("title", &self.title, MAX_TITLE_CHARS)?;
        let url = self.url.as_deref().map(validate_url).transpose()?;
        validate_body(&self.body)?;
        let body_chars = self.body.chars().count();
        if let Some(from) = self.related_from.filter(|from| *from > body_chars) {
            return Err(ValidationError::new(
                "relatedFrom",
                format!("{from} is outside the body of {body_chars} characters"),
            ));
        }
        let published_at = self
            .published_at
            .as_deref()
            .filter(|raw| !raw.trim().is_empty())
            .map(|raw| PublishedAt::parse("publishedAt", raw))
            .transpose()?;
        check_count("statements", self.statements.len())?;
        check_count("mentions", self.mentions.len())?;
        let context = StatementContext {
            title: &title,
            body: &self.body,
            related_from: self.related_from,
            default_day: published_at.map(|at| at.day()),
            origin,
        };
        let statements = self
            .statements
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                s.validate(&context)
                    .map_err(|e| e.under(&format!("statements[{i}]")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mentions = self
            .mentions
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                m.validate(body_chars)
                    .map_err(|e| e.under(&format!("mentions[{i}]")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let agreement_facts = self
            .agreement_facts
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                f.validate()
                    .map_err(|e| e.under(&format!("agreementFacts[{i}]")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let raw_text = self
            .raw_text
            .filter(|raw| !raw.is_empty())
            .unwrap_or_else(|| self.body.clone());
        Ok(NewArticle {
            content_hash: content_hash(&title, &raw_text),
            script: Script::detect(&format!("{title}\n{}", self.body)),
            title,
            url,
            body: self.body,
            raw_text,
            published_at,
            source: optional_name("source", self.source.as_deref())?,
            reprinted_from: optional_text("reprintedFrom", self.reprinted_from)?,
            hosted_by: optional_text("hostedBy", self.hosted_by)?,
            category: optional_text("category", self.category)?,
            editor: optional_text("editor", self.editor)?,
            related_from: self.related_from,
            statements,
            mentions,
            agreement_facts,
        })
    }
}

/// What a statement is checked against.
struct StatementContext<'a> {
    title: &'a str,
    body: &'a str,
    related_from: Option<usize>,
    default_day: Option<NaiveDate>,
    origin: Origin,
}

impl StatementDraft {
    fn validate(self, cx: &StatementContext<'_>) -> Result<NewStatement, ValidationError> {
        let text = bounded_text("text", &self.text, MAX_BODY_BYTES)?;
        // A headline statement points into the title, every other one into the body.
        let (within, part) = match self.section {
            Some(Section::Headline) => (cx.title, "title"),
            _ => (cx.body, "body"),
        };
        let span = match self.span {
            Some((start, end)) => {
                let span = Span::within("span", start, end, within.chars().count())?;
                if span.slice(within) != self.text {
                    return Err(ValidationError::new(
                        "span",
                        format!("does not cover the statement text in the {part}"),
                    ));
                }
                span
            }
            None => Span::find(within, &self.text).ok_or_else(|| {
                ValidationError::new("text", format!("does not occur in the {part}"))
            })?,
        };
        let section = self.section.unwrap_or(match cx.related_from {
            Some(from) if span.start >= from => Section::Related,
            _ => Section::Body,
        });
        let confidence = self.confidence.unwrap_or(1.0);
        if !(0.0..=1.0).contains(&confidence) {
            return Err(ValidationError::new(
                "confidence",
                "must be between 0 and 1",
            ));
        }
        let said_on = match self.said_on.as_deref() {
            Some(raw) => Some(parse_day("saidOn", raw)?),
            None => cx.default_day,
        };
        Ok(NewStatement {
            text,
            kind: self.kind,
            speaker: self
                .speaker
                .map(|s| s.validate().map_err(|e| e.under("speaker")))
                .transpose()?,
            speaker_phrase: optional_text("speakerPhrase", self.speaker_phrase)?,
            span,
            section,
            said_on,
            confidence,
            rule: self.rule.map(|r| validate_rule(&r)).transpose()?,
            origin: cx.origin,
        })
    }
}

impl SpeakerDraft {
    /// Validates the speaker on its own (fields named relative to it).
    pub fn validate(self) -> Result<NewSpeaker, ValidationError> {
        let aliases = self
            .aliases
            .iter()
            .enumerate()
            .map(|(i, alias)| Name::parse(&format!("aliases[{i}]"), alias))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NewSpeaker {
            name: Name::parse("name", &self.name)?,
            title: optional_title(self.title.as_deref())?,
            country: optional_country(self.country.as_deref())?,
            name_en: optional_name("nameEn", self.name_en.as_deref())?,
            aliases,
        })
    }
}

impl MentionDraft {
    fn validate(self, body_chars: usize) -> Result<NewMention, ValidationError> {
        let first_offset = self.first_offset.unwrap_or(0);
        if first_offset >= body_chars.max(1) {
            return Err(ValidationError::new(
                "firstOffset",
                format!("{first_offset} is outside the body of {body_chars} characters"),
            ));
        }
        let count = self.count.unwrap_or(1);
        if count == 0 {
            return Err(ValidationError::new("count", "must be at least 1"));
        }
        Ok(NewMention {
            kind: self.kind,
            name: Name::parse("name", &self.name)?,
            abbreviation: optional_name("abbreviation", self.abbreviation.as_deref())?,
            count,
            first_offset,
            title: optional_title(self.title.as_deref())?,
            country: optional_country(self.country.as_deref())?,
        })
    }
}

/// An optional `title`, in simplified script.
fn optional_title(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    Ok(optional_name("title", raw)?.map(|t| t.simplified()))
}

/// An optional `country` code; blank is none.
fn optional_country(raw: Option<&str>) -> Result<Option<CountryCode>, ValidationError> {
    raw.filter(|c| !c.trim().is_empty())
        .map(|c| CountryCode::parse("country", c))
        .transpose()
}

/// The longest rule name accepted.
const MAX_RULE_CHARS: usize = 40;

/// A rule name: lower-case ASCII letters, digits and `_`, at most 40 characters.
fn validate_rule(raw: &str) -> Result<String, ValidationError> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_RULE_CHARS
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(ValidationError::new(
            "rule",
            "must be 1 to 40 lower-case letters, digits or _",
        ))
    }
}

fn bounded_text(field: &str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if text.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    Ok(text.to_owned())
}

fn optional_text(field: &str, raw: Option<String>) -> Result<Option<String>, ValidationError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => bounded_text(field, text, Name::MAX_CHARS).map(Some),
    }
}

fn validate_url(raw: &str) -> Result<String, ValidationError> {
    let url = raw.trim();
    let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
    if !scheme_ok || url.len() > MAX_URL_BYTES || url.contains(char::is_whitespace) {
        return Err(ValidationError::new(
            "url",
            format!("must be an http(s) URL of at most {MAX_URL_BYTES} bytes without spaces"),
        ));
    }
    Ok(url.to_owned())
}

fn validate_body(body: &str) -> Result<(), ValidationError> {
    if body.trim().is_empty() {
        return Err(ValidationError::new("body", "must not be empty"));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(ValidationError::new(
            "body",
            format!(
                "is {} bytes; at most {MAX_BODY_BYTES} (1 MiB) are accepted",
                body.len()
            ),
        ));
    }
    Ok(())
}

fn check_count(field: &str, count: usize) -> Result<(), ValidationError> {
    if count > MAX_ITEMS_PER_ARTICLE {
        return Err(ValidationError::new(
            field,
            format!("at most {MAX_ITEMS_PER_ARTICLE} per article"),
        ));
    }
    Ok(())
}

/// SHA-256 of title and raw text, hex: the identity of an article's content.
pub fn content_hash(title: &str, raw_text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(title.as_bytes());
    hasher.update([0u8]);
    hasher.update(raw_text.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
