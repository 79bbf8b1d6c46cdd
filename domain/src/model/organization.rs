//! Organizations: WHO, UN, G20, APEC, EU ….

use super::OrganizationId;

/// A stored organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Its id.
    pub id: OrganizationId,
    /// Its name as first written (世界卫生组织).
    pub name: String,
    /// Its abbreviation (WHO), when it has one.
    pub abbreviation: Option<String>,
}
