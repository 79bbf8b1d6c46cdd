//! `Source`.

use super::{ArticleConnection, ArticleFilterInput};
use crate::error::ApiResult;
use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::ArticlesOf;
use crate::graphql::paging::PageArgs;
use async_graphql::{Context, ID, Object};
use quotegraph_domain as domain;

/// A publisher (央视网, 環球網 …).
#[derive(Clone)]
pub struct Source(pub domain::Source);

/// A publisher (央视网, 環球網 …).
#[Object]
impl Source {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Source, self.0.id.0)
    }

    /// The name as first written.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The name in simplified script.
    async fn name_hans(&self) -> &str {
        &self.0.name_hans
    }

    /// Articles it published.
    #[allow(clippy::too_many_arguments)]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        filter: Option<ArticleFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<ArticleConnection> {
        let args = PageArgs {
            after,
            before,
            first,
            last,
        };
        super::articles_of(ctx, ArticlesOf::Source(self.0.id), filter, &args).await
    }
}
