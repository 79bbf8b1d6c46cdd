//! The root subscription, merged from one object per entity: live updates over WebSocket on
//! /graphql, heard from the storage's committed changes (see `quotegraph_storage::events`).

mod article;
mod feed;
mod statement;

use async_graphql::MergedSubscription;

/// Live updates, over WebSocket on /graphql (graphql-transport-ws, or the older graphql-ws).
/// Each event is one thing committed after the subscription started, on any server sharing
/// the database.
#[derive(MergedSubscription, Default)]
pub struct Subscription(
    statement::StatementSubscription,
    article::ArticleSubscription,
);
