//! A bulk write's agreement facts, recorded together at the end of the batch: the
//! agreements locked and their statuses and parties read once, each fact merged in batch
//! order exactly as `record_fact` merges it, and only what changed written.

use crate::StorageResult;
use crate::entity::{agreement, agreement_party, agreement_status};
use quotegraph_domain::{AgreementId, NewAgreementFact};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeSet;

/// A row as the merge sees it: stored (with its id) or new; changed or not.
struct Row<M> {
    model: M,
    stored: bool,
    changed: bool,
}

impl<M> Row<M> {
    fn new(model: M) -> Self {
        Row {
            model,
            stored: false,
            changed: true,
        }
    }
}

/// Records the facts, in order, as [`super::agreement_facts::record_fact`] would one by one.
pub(crate) async fn record_facts<C: ConnectionTrait>(
    db: &C,
    facts: &[(AgreementId, NewAgreementFact)],
) -> StorageResult<()> {
    if facts.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = facts
        .iter()
        .map(|(id, _)| id.0)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // In id order, so two writers locking the same agreements cannot deadlock.
    agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(ids.clone()))
        .order_by_asc(agreement::Column::Id)
        .lock_exclusive()
        .all(db)
        .await?;
    let mut statuses: Vec<Row<agreement_status::Model>> = agreement_status::Entity::find()
        .filter(agreement_status::Column::AgreementId.is_in(ids.clone()))
        .order_by_asc(agreement_status::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|model| Row {
            model,
            stored: true,
            changed: false,
        })
        .collect();
    let mut parties: Vec<Row<agreement_party::Model>> = agreement_party::Entity::find()
        .filter(agreement_party::Column::AgreementId.is_in(ids))
        .order_by_asc(agreement_party::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|model| Row {
            model,
            stored: true,
            changed: false,
        })
        .collect();
    for (id, fact) in facts {
        merge_status(&mut statuses, *id, fact);
        merge_parties(&mut parties, *id, fact);
    }
    write_statuses(db, statuses).await?;
    write_parties(db, parties).await
}

fn merge_status(
    rows: &mut Vec<Row<agreement_status::Model>>,
    id: AgreementId,
    fact: &NewAgreementFact,
) {
    let Some(status) = fact.status else {
        return;
    };
    let on = fact.on;
    let known: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].model.agreement_id == id.0 && rows[i].model.status == status.as_str())
        .collect();
    let undated = known
        .iter()
        .copied()
        .find(|&i| rows[i].model.on_date.is_none());
    match (on, undated) {
        _ if known.iter().any(|&i| rows[i].model.on_date == on) => {}
        (None, _) if !known.is_empty() => {}
        (Some(day), Some(i)) => {
            rows[i].model.on_date = Some(day);
            rows[i].changed = true;
        }
        _ => rows.push(Row::new(agreement_status::Model {
            id: 0,
            agreement_id: id.0,
            status: status.as_str().to_owned(),
            on_date: on,
        })),
    }
}

fn merge_parties(
    rows: &mut Vec<Row<agreement_party::Model>>,
    id: AgreementId,
    fact: &NewAgreementFact,
) {
    for (code, joined_on) in &fact.parties {
        let known = rows.iter_mut().find(|r| {
            r.model.agreement_id == id.0 && r.model.country_code.as_deref() == Some(code.as_str())
        });
        match known {
            Some(row) => {
                let earlier = match (row.model.joined_on, *joined_on) {
                    (None, Some(_)) => true,
                    (Some(old), Some(new)) => new < old,
                    _ => false,
                };
                if earlier {
                    row.model.joined_on = *joined_on;
                    row.changed = true;
                }
            }
            None => rows.push(Row::new(agreement_party::Model {
                id: 0,
                agreement_id: id.0,
                country_code: Some(code.as_str().to_owned()),
                organization_id: None,
                joined_on: *joined_on,
            })),
        }
    }
}

async fn write_statuses<C: ConnectionTrait>(
    db: &C,
    rows: Vec<Row<agreement_status::Model>>,
) -> StorageResult<()> {
    let mut new = Vec::new();
    for row in rows.into_iter().filter(|r| r.changed) {
        let m = row.model;
        if row.stored {
            let mut active: agreement_status::ActiveModel = m.into();
            active.on_date = Set(active.on_date.take().flatten());
            agreement_status::Entity::update(active).exec(db).await?;
        } else {
            new.push(agreement_status::ActiveModel {
                id: NotSet,
                agreement_id: Set(m.agreement_id),
                status: Set(m.status),
                on_date: Set(m.on_date),
            });
        }
    }
    if !new.is_empty() {
        agreement_status::Entity::insert_many(new)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

async fn write_parties<C: ConnectionTrait>(
    db: &C,
    rows: Vec<Row<agreement_party::Model>>,
) -> StorageResult<()> {
    let mut new = Vec::new();
    for row in rows.into_iter().filter(|r| r.changed) {
        let m = row.model;
        if row.stored {
            let mut active: agreement_party::ActiveModel = m.into();
            active.joined_on = Set(active.joined_on.take().flatten());
            agreement_party::Entity::update(active).exec(db).await?;
        } else {
            new.push(agreement_party::ActiveModel {
                id: NotSet,
                agreement_id: Set(m.agreement_id),
                country_code: Set(m.country_code),
                organization_id: Set(None),
                joined_on: Set(m.joined_on),
            });
        }
    }
    if !new.is_empty() {
        agreement_party::Entity::insert_many(new)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
