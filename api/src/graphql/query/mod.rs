//! The root query, merged from one object per entity.

mod article;
mod audit;
mod catalog;
mod country;
mod node;
mod person;
mod search;
mod statement;

use async_graphql::MergedObject;

/// Everything quotegraph answers. Queries are public (unless the server is private, when
/// they need a token of any role); the audit log needs an admin token.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    article::ArticleQuery,
    statement::StatementQuery,
    person::PersonQuery,
    country::CountryQuery,
    catalog::CatalogQuery,
    search::SearchQueryRoot,
    audit::AuditQuery,
);
