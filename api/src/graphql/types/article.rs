//! `Article`.

use super::{ArticleMentions, ScriptKind, Source, StatementConnection, StatementFilterInput};
use crate::error::{ApiError, ApiResult};
use crate::graphql::connection::{Conn, Total, connection, selects_page};
use crate::graphql::context::{load, load_if_any, load_required};
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::{ArticleCount, ArticlePage, ArticlesOf};
use crate::graphql::paging::PageArgs;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use quotegraph_domain as domain;
use quotegraph_storage::{ArticleFilter, ArticleHead, Page, StatementsOf};

/// A news article with the statements and mentions extracted from it.
#[derive(Clone)]
pub struct Article(pub domain::Article, Texts);

/// Whether an article value holds its texts or was read without them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Texts {
    Read,
    /// Read as a head: `body` is empty and is loaded when asked for.
    Unread,
}

impl From<domain::Article> for Article {
    fn from(article: domain::Article) -> Self {
        Article(article, Texts::Read)
    }
}

impl Article {
    /// An article read without its texts (a statement's article); `body` loads them.
    pub fn head(head: ArticleHead) -> Self {
        Article(head.into_article_without_texts(), Texts::Unread)
    }
}

/// A news article with the statements and mentions extracted from it.
#[Object]
impl Article {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Article, self.0.id.0)
    }

    /// The headline as written.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Where it was published.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Publication time: RFC 3339 with its offset, or YYYY-MM-DD when only the day is known.
    async fn published_at(&self) -> Option<String> {
        self.0.published_at.map(|at| at.to_text())
    }

    /// Publication day, in the publisher's time zone.
    async fn published_on(&self) -> Option<NaiveDate> {
        self.0.published_at.map(|at| at.day())
    }

    /// The script the article is written in.
    async fn script(&self) -> ScriptKind {
        self.0.script.into()
    }

    /// The cleaned body; statement and mention offsets count characters in it.
    async fn body(&self, ctx: &Context<'_>) -> ApiResult<String> {
        match self.1 {
            Texts::Read => Ok(self.0.body.clone()),
            Texts::Unread => {
                let whole: domain::Article = load_required(ctx, self.0.id).await?;
                Ok(whole.body)
            }
        }
    }

    /// Character offset where the trailing related-articles list starts, if any.
    async fn related_from(&self) -> Option<usize> {
        self.0.related_from
    }

    /// The site's category or column.
    async fn category(&self) -> Option<&str> {
        self.0.category.as_deref()
    }

    /// The editor named on the page.
    async fn editor(&self) -> Option<&str> {
        self.0.editor.as_deref()
    }

    /// The outlet the article was reprinted from.
    async fn reprinted_from(&self) -> Option<&str> {
        self.0.reprinted_from.as_deref()
    }

    /// The site that hosted the copy.
    async fn hosted_by(&self) -> Option<&str> {
        self.0.hosted_by.as_deref()
    }

    /// SHA-256 of the article's content (hex): the same content is stored once.
    async fn content_hash(&self) -> &str {
        &self.0.content_hash
    }

    /// The publisher.
    async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
        Ok(load_if_any(ctx, self.0.source_id).await?.map(Source))
    }

    /// Statements in this article, in the order they stand.
    #[allow(clippy::too_many_arguments)]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<StatementConnection> {
        let args = PageArgs::new(after, before, first, last);
        super::statements_of(ctx, StatementsOf::Articles, self.0.id.0, filter, &args).await
    }

    /// The people, countries, organizations and agreements this article mentions.
    async fn mentions(&self) -> ArticleMentions {
        ArticleMentions(self.0.id)
    }
}

/// A page of articles.
pub type ArticleConnection = Conn<Article>;

/// Which articles to list. All conditions must hold.
#[derive(InputObject, Clone, Default)]
pub struct ArticleFilterInput {
    /// Published by this source (name in either script).
    pub source: Option<String>,
    /// Published on or after this day.
    pub from: Option<NaiveDate>,
    /// Published on or before this day.
    pub to: Option<NaiveDate>,
    /// Written in this script.
    pub script: Option<ScriptKind>,
    /// Mentions this country (ISO 3166-1 alpha-2 code).
    pub country: Option<String>,
    /// Mentions the organization with this name or abbreviation (either script).
    pub organization: Option<String>,
}

impl TryFrom<ArticleFilterInput> for ArticleFilter {
    type Error = ApiError;
    fn try_from(input: ArticleFilterInput) -> Result<Self, Self::Error> {
        if let (Some(from), Some(to)) = (input.from, input.to)
            && from > to
        {
            return Err(ApiError::bad_input("filter.to", "is before filter.from"));
        }
        Ok(ArticleFilter {
            source: input.source.filter(|s| !s.trim().is_empty()),
            from: input.from,
            to: input.to,
            script: input.script.map(Into::into),
            country: input
                .country
                .as_deref()
                .map(|c| quotegraph_domain::CountryCode::parse("filter.country", c))
                .transpose()?,
            organization: input.organization.filter(|o| !o.trim().is_empty()),
        })
    }
}

/// A page of the articles of one parent, through the loaders.
pub(crate) async fn articles_of(
    ctx: &Context<'_>,
    of: ArticlesOf,
    filter: Option<ArticleFilterInput>,
    args: &PageArgs,
) -> ApiResult<ArticleConnection> {
    let filter: ArticleFilter = filter.unwrap_or_default().try_into()?;
    let page = args.request()?;
    let key = ArticlePage {
        of: of.clone(),
        filter: filter.clone(),
        page,
    };
    let found = if selects_page(ctx) {
        load(ctx, key).await?.unwrap_or_default()
    } else {
        Page::default()
    };
    Ok(connection(
        found,
        Total::Articles(ArticleCount { of, filter }),
        |a| a.id().0,
        Article::head,
    ))
}
