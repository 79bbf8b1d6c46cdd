//! A person's titles: which titles they held and the first and last day an article gave
//! each. One row per person and title, widened as articles come in.

use crate::StorageResult;
use crate::entity::person_role;
use chrono::NaiveDate;
use quotegraph_domain::{CountryCode, PersonId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Records that person `id` held `title` on day `on`: a new title, or the days seen widened
/// to include `on`. Race-free: the days are widened in the database (never narrowed by a
/// transaction that read them before another widened them), and a title two transactions
/// add at the same moment is stored once (unique per person and title).
pub(crate) async fn record_title<C: ConnectionTrait>(
    db: &C,
    id: PersonId,
    title: &str,
    country: Option<&CountryCode>,
    on: Option<NaiveDate>,
) -> StorageResult<()> {
    let existing = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(id.0))
        .filter(person_role::Column::Title.eq(title))
        .one(db)
        .await?;
    match (existing, on) {
        (Some(row), Some(day)) => {
            let covered = row.first_seen.is_some_and(|first| first <= day)
                && row.last_seen.is_some_and(|last| day <= last);
            if !covered {
                person_role::Entity::update_many()
                    .col_expr(person_role::Column::FirstSeen, widened(SeenEnd::First, day))
                    .col_expr(person_role::Column::LastSeen, widened(SeenEnd::Last, day))
                    .filter(person_role::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
            }
        }
        (Some(_), None) => {}
        (None, _) => {
            let mut on_conflict =
                OnConflict::columns([person_role::Column::PersonId, person_role::Column::Title]);
            match on {
                Some(day) => on_conflict
                    .value(person_role::Column::FirstSeen, widened(SeenEnd::First, day))
                    .value(person_role::Column::LastSeen, widened(SeenEnd::Last, day)),
                None => on_conflict.do_nothing(),
            };
            person_role::Entity::insert(person_role::ActiveModel {
                id: NotSet,
                person_id: Set(id.0),
                title: Set(title.to_owned()),
                country_code: Set(country.map(|c| c.as_str().to_owned())),
                organization_id: Set(None),
                first_seen: Set(on),
                last_seen: Set(on),
            })
            .on_conflict(on_conflict.to_owned())
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

/// Which end of a title's days to widen.
#[derive(Clone, Copy)]
enum SeenEnd {
    /// `first_seen`, moved earlier.
    First,
    /// `last_seen`, moved later.
    Last,
}

/// The stored end of a title's days, moved out to `day` when `day` lies beyond it.
fn widened(end: SeenEnd, day: NaiveDate) -> Expr {
    // Here only: its `min`/`max` would shadow `Ord`'s on dates elsewhere in this file.
    use sea_orm::sea_query::ExprTrait;
    let (column, beyond) = match end {
        SeenEnd::First => (
            person_role::Column::FirstSeen,
            Expr::col((person_role::Entity, person_role::Column::FirstSeen)).gt(day),
        ),
        SeenEnd::Last => (
            person_role::Column::LastSeen,
            Expr::col((person_role::Entity, person_role::Column::LastSeen)).lt(day),
        ),
    };
    let stored = Expr::col((person_role::Entity, column));
    Expr::case(stored.clone().is_null().or(beyond), day)
        .finally(stored)
        .into()
}
