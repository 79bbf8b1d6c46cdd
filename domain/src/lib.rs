//! quotegraph's pure domain: the model of who said what in the news, its validation, and
//! script folding. No I/O, no async, no database: everything here is plain data and rules.

pub mod countries;
pub mod error;
pub mod extract;
pub mod fold;
pub mod gazetteer;
pub mod ingest;
pub mod model;
pub mod script;
pub mod search;
pub mod words;

pub use error::ValidationError;
pub use model::*;
