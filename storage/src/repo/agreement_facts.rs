//! Recording what articles say about agreements: status changes and parties, merged with
//! what is stored (the same status again adds nothing; a party keeps its earliest date).

use crate::entity::{agreement, agreement_party, agreement_status};
use crate::{Storage, StorageResult};
use chrono::NaiveDate;
use quotegraph_domain::{
    AgreementId, AgreementStatus, CountryCode, NewAgreementFact, StatusChange,
};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Records one fact about the agreement `id`. Facts about one agreement are recorded one
/// transaction at a time: each reads what is stored before it adds to it, so two imports
/// at the same moment must not both find a status or party missing and both add it. On
/// PostgreSQL the agreement's row is locked until commit; SQLite has one writer already.
pub(crate) async fn record_fact<C: ConnectionTrait>(
    db: &C,
    id: AgreementId,
    fact: &NewAgreementFact,
) -> StorageResult<()> {
    agreement::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(db)
        .await?;
    if let Some(status) = fact.status {
        record_status(db, id, status, fact.on).await?;
    }
    for (code, joined_on) in &fact.parties {
        record_party(db, id, code, *joined_on).await?;
    }
    Ok(())
}

async fn record_status<C: ConnectionTrait>(
    db: &C,
    id: AgreementId,
    status: AgreementStatus,
    on: Option<NaiveDate>,
) -> StorageResult<()> {
    let known = agreement_status::Entity::find()
        .filter(agreement_status::Column::AgreementId.eq(id.0))
        .filter(agreement_status::Column::Status.eq(status.as_str()))
        .all(db)
        .await?;
    let undated = known.iter().find(|row| row.on_date.is_none()).cloned();
    match (on, undated) {
        // Already known with this date, or said again without one.
        _ if known.iter().any(|row| row.on_date == on) => {}
        (None, _) if !known.is_empty() => {}
        // Now we know when: date the undated record.
        (Some(day), Some(row)) => {
            let mut active: agreement_status::ActiveModel = row.into();
            active.on_date = Set(Some(day));
            agreement_status::Entity::update(active).exec(db).await?;
        }
        _ => {
            let row = agreement_status::ActiveModel {
                id: NotSet,
                agreement_id: Set(id.0),
                status: Set(status.as_str().to_owned()),
                on_date: Set(on),
            };
            agreement_status::Entity::insert(row).exec(db).await?;
        }
    }
    Ok(())
}

async fn record_party<C: ConnectionTrait>(
    db: &C,
    id: AgreementId,
    code: &CountryCode,
    joined_on: Option<NaiveDate>,
) -> StorageResult<()> {
    let known = agreement_party::Entity::find()
        .filter(agreement_party::Column::AgreementId.eq(id.0))
        .filter(agreement_party::Column::CountryCode.eq(code.as_str()))
        .one(db)
        .await?;
    match known {
        Some(row) => {
            let earlier = match (row.joined_on, joined_on) {
                (None, Some(_)) => true,
                (Some(old), Some(new)) => new < old,
                _ => false,
            };
            if earlier {
                let mut active: agreement_party::ActiveModel = row.into();
                active.joined_on = Set(joined_on);
                agreement_party::Entity::update(active).exec(db).await?;
            }
        }
        None => {
            let row = agreement_party::ActiveModel {
                id: NotSet,
                agreement_id: Set(id.0),
                country_code: Set(Some(code.as_str().to_owned())),
                organization_id: Set(None),
                joined_on: Set(joined_on),
            };
            agreement_party::Entity::insert(row).exec(db).await?;
        }
    }
    Ok(())
}

impl Storage {
    /// Every dated status change of every agreement between `from` and `to`, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn agreement_timeline(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: u64,
    ) -> StorageResult<Vec<(AgreementId, StatusChange)>> {
        let mut select =
            agreement_status::Entity::find().filter(agreement_status::Column::OnDate.is_not_null());
        if let Some(from) = from {
            select = select.filter(agreement_status::Column::OnDate.gte(from));
        }
        if let Some(to) = to {
            select = select.filter(agreement_status::Column::OnDate.lte(to));
        }
        let rows = select
            .order_by_asc(agreement_status::Column::OnDate)
            .order_by_asc(agreement_status::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|row| Ok((AgreementId(row.agreement_id), StatusChange::try_from(row)?)))
            .collect()
    }
}
