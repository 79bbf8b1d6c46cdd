//! A person's titles: which titles they held and the first and last day an article gave
//! each. One row per person and title, widened as articles come in: one sighting at a
//! time, or a bulk write's sightings merged and written at once.

use crate::StorageResult;
use crate::entity::person_role;
use chrono::NaiveDate;
use quotegraph_domain::{CountryCode, PersonId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::collections::HashMap;

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

/// The titles a bulk write saw, merged per person and title in the order first seen: the
/// country of the first sighting and the range of its days, written once per batch.
#[derive(Debug, Default, Clone)]
pub(crate) struct TitleSightings {
    order: Vec<(PersonId, String)>,
    seen: HashMap<(PersonId, String), Sighting>,
}

/// What the sightings of one person's title add up to.
#[derive(Debug, Clone)]
struct Sighting {
    country: Option<String>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl TitleSightings {
    /// Notes that person `id` held `title` on day `on` (if known).
    pub(crate) fn add(
        &mut self,
        id: PersonId,
        title: &str,
        country: Option<&CountryCode>,
        on: Option<NaiveDate>,
    ) {
        let key = (id, title.to_owned());
        match self.seen.get_mut(&key) {
            Some(sighting) => {
                sighting.first = match (sighting.first, on) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                sighting.last = match (sighting.last, on) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            None => {
                self.order.push(key.clone());
                self.seen.insert(
                    key,
                    Sighting {
                        country: country.map(|c| c.as_str().to_owned()),
                        first: on,
                        last: on,
                    },
                );
            }
        }
    }
}

/// Rows per multi-row upsert of titles.
const TITLE_CHUNK: usize = 500;

/// Writes a batch's titles: new ones inserted, stored ones widened to the days seen, as
/// [`record_title`] does one sighting at a time (and as race-free).
pub(crate) async fn record_titles<C: ConnectionTrait>(
    db: &C,
    sightings: &TitleSightings,
) -> StorageResult<()> {
    for chunk in sightings.order.chunks(TITLE_CHUNK) {
        let rows = chunk.iter().filter_map(|key| {
            let sighting = sightings.seen.get(key)?;
            Some(person_role::ActiveModel {
                id: NotSet,
                person_id: Set(key.0.0),
                title: Set(key.1.clone()),
                country_code: Set(sighting.country.clone()),
                organization_id: Set(None),
                first_seen: Set(sighting.first),
                last_seen: Set(sighting.last),
            })
        });
        let on_conflict =
            OnConflict::columns([person_role::Column::PersonId, person_role::Column::Title])
                .value(
                    person_role::Column::FirstSeen,
                    widened_by_excluded(SeenEnd::First),
                )
                .value(
                    person_role::Column::LastSeen,
                    widened_by_excluded(SeenEnd::Last),
                )
                .to_owned();
        person_role::Entity::insert_many(rows)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The stored end of a title's days, moved out to the incoming row's when that lies beyond
/// it (an incoming row without days keeps the stored ones).
fn widened_by_excluded(end: SeenEnd) -> Expr {
    let (column, beyond) = match end {
        SeenEnd::First => ("first_seen", ">"),
        SeenEnd::Last => ("last_seen", "<"),
    };
    Expr::cust(format!(
        "CASE WHEN excluded.{column} IS NULL THEN person_roles.{column} \
         WHEN person_roles.{column} IS NULL OR person_roles.{column} {beyond} excluded.{column} \
         THEN excluded.{column} ELSE person_roles.{column} END"
    ))
}
