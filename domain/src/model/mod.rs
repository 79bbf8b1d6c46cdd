//! The model of who said what: articles, sources, people, statements and the entities
//! articles mention. Persisted records carry their ids; `*Draft` types are unvalidated
//! input and `validate` turns them into the `New*` values storage accepts.

mod agreement;
mod article;
mod country;
mod draft;
mod ids;
mod mention;
mod organization;
mod person;
mod published;
mod source;
mod statement;
mod text;

pub use agreement::*;
pub use article::*;
pub use country::*;
pub use draft::*;
pub use ids::*;
pub use mention::*;
pub use organization::*;
pub use person::*;
pub use published::*;
pub use source::*;
pub use statement::*;
pub use text::*;
