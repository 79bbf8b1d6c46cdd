//! GraphQL output types. Each wraps a domain value; resolvers follow relations through
//! the request's DataLoaders.

mod aggregates;
mod agreement;
mod article;
mod audit;
mod country;
mod enums;
mod extracted;
mod lists;
mod mention;
mod organization;
mod person;
mod search;
mod source;
mod statement;

pub use aggregates::*;
pub use agreement::*;
pub use article::*;
pub use audit::*;
pub use country::*;
pub use enums::*;
pub use extracted::*;
pub use lists::*;
pub use mention::*;
pub use organization::*;
pub use person::*;
pub use search::*;
pub use source::*;
pub use statement::*;
