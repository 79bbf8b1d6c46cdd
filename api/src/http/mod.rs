//! The HTTP side of the server, one concern per module: choosing the response media type,
//! reading GraphQL requests, checking the operation they select before it runs, answering
//! them with the status codes GraphQL over HTTP asks for, the limits requests are held to
//! (document limits, client rate, refusal counts), the caches of persisted queries and parsed documents, and the GraphiQL page with its embedded
//! assets.

pub mod accept;
pub mod documents;
pub mod graphiql;
pub mod graphql_http;
pub mod graphql_request;
pub mod limits;
pub mod operation;
pub mod persisted;
pub mod rate;
pub mod refusals;
