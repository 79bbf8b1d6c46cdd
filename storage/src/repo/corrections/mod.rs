//! Corrections made by hand: people merged, aliased and renamed; statements given another
//! speaker, text or kind, deleted or marked as quoted terms; articles deleted. Each runs in
//! one write transaction that also records its audit entry, and checks everything before
//! it writes anything, so an error leaves the database as it was.

mod articles;
mod people;
mod snapshot;
mod statements;

pub use people::PersonChange;
pub use statements::StatementChange;

use crate::entity::{person, person_redirect, statement};
use crate::{StorageError, StorageResult};
use quotegraph_domain::{PersonId, StatementId, ValidationError};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

/// The person `id` names, following a merge when they were merged into someone else;
/// NOT_FOUND naming `field` when there is none.
pub(crate) async fn live_person<C: ConnectionTrait>(
    db: &C,
    id: PersonId,
    field: &str,
) -> StorageResult<person::Model> {
    if let Some(row) = person::Entity::find_by_id(id.0).one(db).await? {
        return Ok(row);
    }
    let redirect = person_redirect::Entity::find_by_id(id.0).one(db).await?;
    let found = match redirect {
        Some(redirect) => person::Entity::find_by_id(redirect.into_id).one(db).await?,
        None => None,
    };
    found.ok_or_else(|| StorageError::NotFound(format!("{field}: no person has this id")))
}

/// Statement `id`, locked until commit so that two corrections of it take turns;
/// NOT_FOUND naming `field` when there is none.
pub(crate) async fn locked_statement<C: ConnectionTrait>(
    db: &C,
    id: StatementId,
    field: &str,
) -> StorageResult<statement::Model> {
    statement::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| StorageError::NotFound(format!("{field}: no statement has this id")))
}

/// A BAD_USER_INPUT error on `field`.
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> StorageError {
    StorageError::Invalid(ValidationError::new(field, message))
}
