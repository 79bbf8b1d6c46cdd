//! People: one person however written (习近平 = 習近平 = Xi Jinping).

use super::{CountryCode, OrganizationId, PersonId};
use chrono::NaiveDate;

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Its id.
    pub id: PersonId,
    /// Canonical name, in simplified script (习近平).
    pub name: String,
    /// Name in traditional script, when known (習近平).
    pub name_hant: Option<String>,
    /// Name in English, when known (Xi Jinping).
    pub name_en: Option<String>,
    /// The country the person belongs to, when known.
    pub country: Option<CountryCode>,
}

/// A title a person was given, and when it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRole {
    /// Whose role it is.
    pub person_id: PersonId,
    /// The title as written in simplified script (国家主席, 副首相).
    pub title: String,
    /// The country the title belongs to.
    pub country: Option<CountryCode>,
    /// The organization the title belongs to.
    pub organization_id: Option<OrganizationId>,
    /// First day an article gave this title.
    pub first_seen: Option<NaiveDate>,
    /// Last day an article gave this title.
    pub last_seen: Option<NaiveDate>,
}

/// Another way a person's name is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAlias {
    /// Whose alias it is.
    pub person_id: PersonId,
    /// The alias as written.
    pub alias: String,
}
