//! Country entry points.

use crate::error::{ApiError, ApiResult};
use crate::graphql::context::{load, storage};
use crate::graphql::loaders::ArticlesOf;
use crate::graphql::prefetch::{feed_articles_of, plain_page};
use crate::graphql::types::Country;
use async_graphql::{Context, Object};
use quotegraph_domain::CountryCode;

#[derive(Default)]
pub struct CountryQuery;

#[Object]
impl CountryQuery {
    /// One country by ISO 3166-1 alpha-2 code, or by any name in any script (韩国, 南韓,
    /// 韓國, South Korea).
    async fn country(
        &self,
        ctx: &Context<'_>,
        code: Option<String>,
        name: Option<String>,
    ) -> ApiResult<Option<Country>> {
        match (code, name) {
            (Some(code), None) => country_by_code(ctx, CountryCode::parse("code", &code)?).await,
            (None, Some(name)) => Ok(storage(ctx)?.country_by_name(&name).await?.map(Country)),
            _ => Err(ApiError::bad_input(
                "code",
                "give exactly one of `code` or `name`",
            )),
        }
    }

    /// Every ISO 3166-1 country, by code.
    async fn countries(&self, ctx: &Context<'_>) -> ApiResult<Vec<Country>> {
        Ok(storage(ctx)?
            .all_countries()
            .await?
            .into_iter()
            .map(Country)
            .collect())
    }
}

/// The country with this code; when the selection asks plainly for a page of its articles,
/// read with that page in one statement and the page fed to the loader `articles` reads.
async fn country_by_code(ctx: &Context<'_>, code: CountryCode) -> ApiResult<Option<Country>> {
    let Some((page, _)) = plain_page(ctx, "articles", |_| ()) else {
        return Ok(load(ctx, code).await?.map(Country));
    };
    let found = storage(ctx)?.country_with_articles(&code, &page).await?;
    let Some((country, articles)) = found else {
        return Ok(None);
    };
    feed_articles_of(ctx, ArticlesOf::Country(code), page, articles).await?;
    Ok(Some(Country(country)))
}
