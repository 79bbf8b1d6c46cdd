//! `articleAdded`: articles as they are stored.

use super::feed::feed;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::storage;
use crate::graphql::types::{Article, ArticleFilterInput};
use async_graphql::futures_util::{Stream, StreamExt};
use async_graphql::{Context, Subscription};
use quotegraph_storage::ArticleFilter;

/// `articleAdded`.
#[derive(Default)]
pub struct ArticleSubscription;

#[Subscription]
impl ArticleSubscription {
    /// Every article added or imported from now on that matches `filter`, the same filter
    /// `articles` takes. An event with the error code SUBSCRIBER_LAGGING says that some may
    /// have been missed.
    async fn article_added(
        &self,
        ctx: &Context<'_>,
        filter: Option<ArticleFilterInput>,
    ) -> Result<impl Stream<Item = ApiResult<Article>> + use<>, ApiError> {
        let filter: ArticleFilter = filter.unwrap_or_default().try_into()?;
        let storage = storage(ctx)?.clone();
        let subscription = storage.subscribe().await?;
        let articles = feed(subscription, move |changes| {
            let (storage, filter) = (storage.clone(), filter.clone());
            async move { storage.articles_announced(&changes, &filter).await }
        });
        Ok(articles.map(|found| found.map(Article::from)))
    }
}
