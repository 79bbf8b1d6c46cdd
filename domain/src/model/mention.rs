//! Mentions: which entities an article names, how often, and where first.

use super::{AgreementId, ArticleId, CountryCode, OrganizationId, PersonId};

/// The entity a mention points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// A country.
    Country(CountryCode),
    /// An organization.
    Organization(OrganizationId),
    /// An agreement.
    Agreement(AgreementId),
    /// A person.
    Person(PersonId),
}

/// An article × entity pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The article.
    pub article_id: ArticleId,
    /// The entity it mentions.
    pub entity: EntityRef,
    /// How many times.
    pub count: u32,
    /// Character offset of the first mention in the body.
    pub first_offset: usize,
}
