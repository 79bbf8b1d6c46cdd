//! Reading sources, organizations and agreements (with their parties and status history).

use crate::convert;
use crate::entity::{agreement, agreement_party, agreement_status, organization, source};
use crate::paging::{count_all, fetch_page};
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::fold::fold_name;
use quotegraph_domain::*;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

impl Storage {
    /// The sources with these ids.
    #[tracing::instrument(skip(self))]
    pub async fn sources_by_ids(
        &self,
        ids: &[SourceId],
    ) -> StorageResult<HashMap<SourceId, Source>> {
        let rows = source::Entity::find()
            .filter(source::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(Source::from)
            .map(|s| (s.id, s))
            .collect())
    }

    /// The source with this name, in either script.
    #[tracing::instrument(skip(self))]
    pub async fn source_by_name(&self, name: &str) -> StorageResult<Option<Source>> {
        let row = source::Entity::find()
            .filter(source::Column::NameKey.eq(fold_name(name)))
            .one(&self.db)
            .await?;
        Ok(row.map(Source::from))
    }

    /// A page of all sources.
    pub async fn sources(&self, page: &PageRequest) -> StorageResult<Page<Source>> {
        let page = fetch_page(
            &self.db,
            source::Entity::find(),
            (source::Entity, source::Column::Id),
            page,
        )
        .await?;
        page.try_map(|row| Ok(Source::from(row)))
    }

    /// How many sources there are.
    pub async fn count_sources(&self) -> StorageResult<u64> {
        count_all(&self.db, source::Entity::find()).await
    }

    /// The organizations with these ids.
    #[tracing::instrument(skip(self))]
    pub async fn organizations_by_ids(
        &self,
        ids: &[OrganizationId],
    ) -> StorageResult<HashMap<OrganizationId, Organization>> {
        let rows = organization::Entity::find()
            .filter(organization::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(Organization::from)
            .map(|o| (o.id, o))
            .collect())
    }

    /// The organization with this name or abbreviation, in either script, any case.
    #[tracing::instrument(skip(self))]
    pub async fn organization_by_name(&self, name: &str) -> StorageResult<Option<Organization>> {
        let row = organization::Entity::find()
            .filter(super::filters::organization_named(name))
            .order_by_asc(organization::Column::Id)
            .one(&self.db)
            .await?;
        Ok(row.map(Organization::from))
    }

    /// A page of all organizations.
    pub async fn organizations(&self, page: &PageRequest) -> StorageResult<Page<Organization>> {
        let page = fetch_page(
            &self.db,
            organization::Entity::find(),
            (organization::Entity, organization::Column::Id),
            page,
        )
        .await?;
        page.try_map(|row| Ok(Organization::from(row)))
    }

    /// How many organizations there are.
    pub async fn count_organizations(&self) -> StorageResult<u64> {
        count_all(&self.db, organization::Entity::find()).await
    }

    /// The agreements with these ids.
    #[tracing::instrument(skip(self))]
    pub async fn agreements_by_ids(
        &self,
        ids: &[AgreementId],
    ) -> StorageResult<HashMap<AgreementId, Agreement>> {
        let rows = agreement::Entity::find()
            .filter(agreement::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        let agreements: Vec<Agreement> = convert::all(rows)?;
        Ok(agreements.into_iter().map(|a| (a.id, a)).collect())
    }

    /// The agreement with this name or abbreviation, in either script, any case.
    #[tracing::instrument(skip(self))]
    pub async fn agreement_by_name(&self, name: &str) -> StorageResult<Option<Agreement>> {
        let key = fold_name(name);
        let row = agreement::Entity::find()
            .filter(
                Condition::any()
                    .add(agreement::Column::NameKey.eq(key.clone()))
                    .add(agreement::Column::AbbreviationKey.eq(key)),
            )
            .order_by_asc(agreement::Column::Id)
            .one(&self.db)
            .await?;
        row.map(Agreement::try_from).transpose()
    }

    /// A page of all agreements.
    pub async fn agreements(&self, page: &PageRequest) -> StorageResult<Page<Agreement>> {
        fetch_page(
            &self.db,
            agreement::Entity::find(),
            (agreement::Entity, agreement::Column::Id),
            page,
        )
        .await?
        .try_map(Agreement::try_from)
    }

    /// How many agreements there are.
    pub async fn count_agreements(&self) -> StorageResult<u64> {
        count_all(&self.db, agreement::Entity::find()).await
    }

    /// The status history of each agreement, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn status_history_of(
        &self,
        ids: &[AgreementId],
    ) -> StorageResult<HashMap<AgreementId, Vec<StatusChange>>> {
        let rows = agreement_status::Entity::find()
            .filter(agreement_status::Column::AgreementId.is_in(ids.iter().map(|id| id.0)))
            .order_by_asc(agreement_status::Column::OnDate)
            .order_by_asc(agreement_status::Column::Id)
            .all(&self.db)
            .await?;
        let mut grouped: HashMap<AgreementId, Vec<StatusChange>> = HashMap::new();
        for row in rows {
            let id = AgreementId(row.agreement_id);
            grouped
                .entry(id)
                .or_default()
                .push(StatusChange::try_from(row)?);
        }
        Ok(grouped)
    }

    /// The parties of each agreement, in the order they joined.
    #[tracing::instrument(skip(self))]
    pub async fn parties_of(
        &self,
        ids: &[AgreementId],
    ) -> StorageResult<HashMap<AgreementId, Vec<AgreementParty>>> {
        let condition = agreement_party::Column::AgreementId.is_in(ids.iter().map(|id| id.0));
        self.parties_where(condition, |p| p.agreement_id).await
    }

    /// The agreements each country is party to.
    #[tracing::instrument(skip(self))]
    pub async fn party_of_agreements(
        &self,
        codes: &[CountryCode],
    ) -> StorageResult<HashMap<CountryCode, Vec<AgreementParty>>> {
        let condition =
            agreement_party::Column::CountryCode.is_in(codes.iter().map(|c| c.as_str().to_owned()));
        let by_party = self.parties_where(condition, |p| match &p.party {
            PartyRef::Country(code) => Some(code.clone()),
            PartyRef::Organization(_) => None,
        });
        Ok(by_party
            .await?
            .into_iter()
            .filter_map(|(code, parties)| Some((code?, parties)))
            .collect())
    }

    async fn parties_where<K: std::hash::Hash + Eq>(
        &self,
        condition: impl sea_orm::sea_query::IntoCondition,
        key: impl Fn(&AgreementParty) -> K,
    ) -> StorageResult<HashMap<K, Vec<AgreementParty>>> {
        let rows = agreement_party::Entity::find()
            .filter(condition)
            .order_by_asc(agreement_party::Column::JoinedOn)
            .order_by_asc(agreement_party::Column::Id)
            .all(&self.db)
            .await?;
        Ok(convert::group_by(
            convert::all::<_, AgreementParty>(rows)?,
            key,
        ))
    }
}
