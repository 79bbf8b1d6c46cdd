//! The root query, merged from one object per entity.

mod article;
mod catalog;
mod country;
mod node;
mod person;
mod search;
mod statement;

use async_graphql::MergedObject;

/// Everything quotegraph answers. Queries are public, unless the server is private: then
/// they need a token of any role.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    article::ArticleQuery,
    statement::StatementQuery,
    person::PersonQuery,
    country::CountryQuery,
    catalog::CatalogQuery,
    search::SearchQueryRoot,
);
