//! quotegraph end to end: a real server on a random port, a fresh database per test, real
//! HTTP. Every test runs on SQLite, and on PostgreSQL when QUOTEGRAPH_TEST_POSTGRES_URL is set.

// Test code: a failed expectation here is a failed test, which is what it should be.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod aggregates;
mod audit_log;
mod auth;
mod basics;
mod batching;
mod bulk_import;
mod concurrent_writes;
mod correcting_people;
mod correcting_statements;
mod evaluation;
mod graphql_over_http;
mod hostile;
mod importing;
mod ingest_validation;
mod live_commands;
mod live_protocol;
mod live_updates;
mod pagination;
mod people_across_scripts;
mod persisted_queries;
mod postgres_transport;
mod reextracting;
mod roles;
mod search;
mod tallies;
