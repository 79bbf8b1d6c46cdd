//! SeaORM entities: one per table. They stay inside `storage`; the rest of quotegraph sees
//! domain types (see `convert`).

pub mod agreement;
pub mod agreement_party;
pub mod agreement_status;
pub mod article;
pub mod audit_entry;
pub mod audit_target;
pub mod country;
pub mod country_alias;
pub mod mention;
pub mod organization;
pub mod person;
pub mod person_alias;
pub mod person_redirect;
pub mod person_role;
pub mod source;
pub mod statement;
pub mod statement_original;
pub mod suppressed_statement;
