//! Person entry points.

use crate::error::{ApiError, ApiResult};
use crate::graphql::connection::{Conn, Total, connection};
use crate::graphql::context::{load, storage};
use crate::graphql::ids::{NodeKind, parse_numeric_id};
use crate::graphql::paging::PageArgs;
use crate::graphql::prefetch::{feed_statements_of, plain_statements_page};
use crate::graphql::types::Person;
use async_graphql::{Context, ID, Object};
use quotegraph_domain::{CountryCode, PersonId};

#[derive(Default)]
pub struct PersonQuery;

#[Object]
impl PersonQuery {
    /// One person, by any name or alias in any script (习近平, 習近平, Xi Jinping) or by id.
    async fn person(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        id: Option<ID>,
    ) -> ApiResult<Option<Person>> {
        match (name, id) {
            (Some(name), None) => {
                if name.trim().is_empty() {
                    return Err(ApiError::bad_input("name", "must not be empty"));
                }
                let Some(wanted) = plain_statements_page(ctx) else {
                    return Ok(storage(ctx)?.person_by_name(&name).await?.map(Person));
                };
                let found = storage(ctx)?
                    .person_by_name_with_statements(&name, &wanted.0, wanted.1)
                    .await?;
                let Some((person, statements)) = found else {
                    return Ok(None);
                };
                feed_statements_of(ctx, person.id, wanted, statements).await?;
                Ok(Some(Person(person)))
            }
            (None, Some(id)) => {
                let id = PersonId(parse_numeric_id("id", &id, NodeKind::Person)?);
                Ok(load(ctx, id).await?.map(Person))
            }
            _ => Err(ApiError::bad_input(
                "name",
                "give exactly one of `name` or `id`",
            )),
        }
    }

    /// Everyone quotegraph knows, optionally only of one country (ISO code).
    async fn people(
        &self,
        ctx: &Context<'_>,
        country: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> ApiResult<Conn<Person>> {
        let page = PageArgs::new(after, before, first, last).request()?;
        let country = country
            .as_deref()
            .map(|c| CountryCode::parse("country", c))
            .transpose()?;
        let found = storage(ctx)?.people(country.as_ref(), &page).await?;
        Ok(connection(
            found,
            Total::AllPeople(country),
            |p| p.id.0,
            Person,
        ))
    }
}
