//! `Statement`, its connection and filter.

use super::{Article, ExtractedStatement, OriginGql, Person, SectionGql, StatementKindGql};
use crate::error::{ApiError, ApiResult};
use crate::graphql::connection::{Conn, Total, connection, selects_page};
use crate::graphql::context::{load, load_if_any, load_required};
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::{HeadOf, OriginalOf, StatementCount, StatementPage};
use crate::graphql::paging::PageArgs;
use crate::graphql::prefetch::{statement_joins, unjoin};
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use quotegraph_domain::{self as domain, CountryCode};
use quotegraph_storage::{Page, StatementFilter, StatementsOf};

/// What a person said in one article.
#[derive(Clone)]
pub struct Statement(pub domain::Statement);

/// How a statement's speaker was decided.
#[derive(SimpleObject, Clone)]
pub struct Attribution {
    /// The extraction rule that decided it (signature, colon_before, trailing_clause, inside_reported,
    /// naming_sentence, headline_speaker, sentence_subject, paragraph_run, previous_subject, requote, echo, question,
    /// reported_clause, reported_sentence_subject, press_answer, unattributed); null when an admin gave the
    /// statement.
    pub rule: Option<String>,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f64,
}

/// A character range in an article body.
#[derive(SimpleObject, Clone, Copy)]
pub struct Span {
    /// First character (counted in Unicode scalar values from 0).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// What a person said in one article.
#[Object]
impl Statement {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Statement, self.0.id.0)
    }

    /// The words exactly as written, without quote marks.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Direct quotation or reported speech.
    async fn kind(&self) -> StatementKindGql {
        self.0.kind.into()
    }

    /// Who said it; null when the article names no one.
    async fn speaker(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        Ok(load_if_any(ctx, self.0.speaker_id).await?.map(Person))
    }

    /// The speaker phrase as the article writes it (柬埔寨副首相賀南洪).
    async fn speaker_phrase(&self) -> Option<&str> {
        self.0.speaker_phrase.as_deref()
    }

    /// The title the article gives the speaker, in simplified script.
    async fn speaker_title(&self) -> Option<&str> {
        self.0.speaker_title.as_deref()
    }

    /// Where the words stand: in the article body, or in the title for a headline statement.
    async fn span(&self) -> Span {
        Span {
            start: self.0.span.start,
            end: self.0.span.end,
        }
    }

    /// Headline, body or related-articles list.
    async fn section(&self) -> SectionGql {
        self.0.section.into()
    }

    /// The day it was said: the day the text gives, else the article's day.
    async fn said_on(&self) -> Option<NaiveDate> {
        self.0.said_on
    }

    /// How sure the attribution is, from 0 to 1.
    async fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// Which rule decided the speaker, and how far it is trusted.
    async fn attribution(&self) -> Attribution {
        Attribution {
            rule: self.0.rule.clone(),
            confidence: self.0.confidence,
        }
    }

    /// Extracted by quotegraph, entered by an admin, or corrected by hand (EDITED).
    async fn origin(&self) -> OriginGql {
        self.0.origin.into()
    }

    /// What the statement said before it was first corrected by hand (as extracted, or
    /// as entered with its article); null when it never was.
    async fn extracted(&self, ctx: &Context<'_>) -> ApiResult<Option<ExtractedStatement>> {
        if self.0.origin != domain::Origin::Edited {
            return Ok(None);
        }
        Ok(load(ctx, OriginalOf(self.0.id))
            .await?
            .map(ExtractedStatement))
    }

    /// The article it stands in.
    async fn article(&self, ctx: &Context<'_>) -> ApiResult<Article> {
        Ok(Article::head(
            load_required(ctx, HeadOf(self.0.article_id)).await?,
        ))
    }
}

/// A page of statements.
pub type StatementConnection = Conn<Statement>;

/// Which statements to list. All conditions must hold.
#[derive(InputObject, Clone, Default)]
pub struct StatementFilterInput {
    /// Said by the person known by this name or alias: either script, or English.
    pub speaker: Option<String>,
    /// Said by a person of this country (ISO 3166-1 alpha-2 code).
    pub country: Option<String>,
    /// In an article of this source (name in either script).
    pub source: Option<String>,
    /// In an article that mentions this organization (name, abbreviation or alias, either
    /// script).
    pub organization: Option<String>,
    /// Said on or after this day.
    pub from: Option<NaiveDate>,
    /// Said on or before this day.
    pub to: Option<NaiveDate>,
    /// Direct or indirect.
    pub kind: Option<StatementKindGql>,
    /// The text contains this, in either script, any width or case.
    pub text: Option<String>,
}

impl TryFrom<StatementFilterInput> for StatementFilter {
    type Error = ApiError;
    fn try_from(input: StatementFilterInput) -> Result<Self, Self::Error> {
        if let (Some(from), Some(to)) = (input.from, input.to)
            && from > to
        {
            return Err(ApiError::bad_input("filter.to", "is before filter.from"));
        }
        Ok(StatementFilter {
            speaker: input.speaker.filter(|s| !s.trim().is_empty()),
            country: input
                .country
                .as_deref()
                .map(|c| CountryCode::parse("filter.country", c))
                .transpose()?,
            source: input.source.filter(|s| !s.trim().is_empty()),
            organization: input.organization.filter(|s| !s.trim().is_empty()),
            from: input.from,
            to: input.to,
            kind: input.kind.map(Into::into),
            text: input.text.filter(|s| !s.is_empty()),
        })
    }
}

/// A page of the statements of one article or speaker, through the loaders, with the
/// relations its nodes select read in the same statement.
pub(crate) async fn statements_of(
    ctx: &Context<'_>,
    of: StatementsOf,
    parent: i64,
    filter: Option<StatementFilterInput>,
    args: &PageArgs,
) -> ApiResult<StatementConnection> {
    let filter: StatementFilter = filter.unwrap_or_default().try_into()?;
    let page = args.request()?;
    let key = StatementPage {
        of,
        parent,
        filter: filter.clone(),
        page,
        joins: statement_joins(ctx),
    };
    let found = if selects_page(ctx) {
        unjoin(ctx, load(ctx, key).await?.unwrap_or_default()).await?
    } else {
        Page::default()
    };
    let total = Total::Statements(StatementCount { of, parent, filter });
    Ok(connection(found, total, |s| s.id.0, Statement))
}
