//! `importArticle`: raw article text in, extracted knowledge stored.

use crate::error::ApiResult;
use crate::graphql::auth::audit;
use crate::graphql::context::storage;
use crate::graphql::types::Article;
use crate::importer::{Overrides, import_text};
use crate::tokens::Role;
use async_graphql::{Context, InputObject, Object, SimpleObject};

#[derive(Default)]
pub struct ImportMutation;

/// A raw article, as copied off a news site, and what the caller knows better than its text.
#[derive(InputObject)]
pub struct ImportArticleInput {
    /// The page text: header, body, furniture and all (at most 1 MiB).
    pub text: String,
    /// Where it was published (http or https; unique).
    pub url: Option<String>,
    /// The publisher, when the text does not name it or names it wrongly.
    pub source: Option<String>,
    /// RFC 3339 or YYYY-MM-DD, when the text has no date or a wrong one.
    pub published_at: Option<String>,
}

/// How much extraction found.
#[derive(SimpleObject)]
pub struct ExtractionCounts {
    /// Statements, direct and indirect.
    pub statements: usize,
    /// Statements with a named speaker.
    pub attributed: usize,
    /// People mentioned.
    pub people: usize,
    /// Countries mentioned.
    pub countries: usize,
    /// Organizations mentioned.
    pub organizations: usize,
    /// Agreements mentioned.
    pub agreements: usize,
}

/// What `importArticle` did.
#[derive(SimpleObject)]
pub struct ImportArticlePayload {
    /// The stored article, with everything extracted from it.
    pub article: Article,
    /// False when the same content was already stored: nothing was written.
    pub created: bool,
    /// How much extraction found.
    pub extracted: ExtractionCounts,
    /// Things to check: no date found, time zone assumed, no title found.
    pub warnings: Vec<String>,
}

#[Object]
impl ImportMutation {
    /// Takes a raw article apart, extracts its statements with their speakers and what it
    /// mentions, and stores it all in one transaction. Importing the same text again
    /// returns the stored article and writes nothing. Needs an editor or admin token.
    async fn import_article(
        &self,
        ctx: &Context<'_>,
        input: ImportArticleInput,
    ) -> ApiResult<ImportArticlePayload> {
        let audit = audit(ctx, Role::Editor, "importArticle")?;
        let overrides = Overrides {
            url: input.url,
            source: input.source,
            published_at: input.published_at,
        };
        let imported = import_text(storage(ctx)?, &input.text, overrides, Some(&audit)).await?;
        let e = &imported.extraction;
        let extracted = ExtractionCounts {
            statements: e.statements.len(),
            attributed: e.statements.iter().filter(|s| s.speaker.is_some()).count(),
            people: e.mentions.people.len(),
            countries: e.mentions.countries.len(),
            organizations: e.mentions.organizations.len(),
            agreements: e.mentions.agreements.len(),
        };
        tracing::info!(
            article = imported.article.id.0,
            created = imported.created,
            statements = extracted.statements,
            "article imported"
        );
        Ok(ImportArticlePayload {
            article: Article::from(imported.article),
            created: imported.created,
            extracted,
            warnings: imported.warnings,
        })
    }
}
