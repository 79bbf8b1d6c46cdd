//! Reading people: by any name in any script, by id, pages, aliases and roles.

use super::StatementFilter;
use super::statement_joins::{JoinedStatement, StatementJoins};
use crate::convert;
use crate::entity::{person, person_alias, person_redirect, person_role};
use crate::paging::{count_all, count_per_parent, fetch_page, fetch_pages_per_parent};
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::fold::fold_name;
use quotegraph_domain::{CountryCode, Person, PersonAlias, PersonId, PersonRole};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// `SELECT person_id FROM person_aliases WHERE alias_key = fold(name)`.
pub(crate) fn known_by(name: &str) -> SelectStatement {
    Query::select()
        .column(person_alias::Column::PersonId)
        .from(person_alias::Entity)
        .and_where(Expr::col(person_alias::Column::AliasKey).eq(fold_name(name)))
        .to_owned()
}

fn ids(people: &[PersonId]) -> Vec<i64> {
    people.iter().map(|p| p.0).collect()
}

impl Storage {
    /// The person known by `name`: any alias, in either script, or English, any case. One
    /// statement: the alias is a sub-select.
    #[tracing::instrument(skip(self))]
    pub async fn person_by_name(&self, name: &str) -> StorageResult<Option<Person>> {
        let row = person::Entity::find()
            .filter(person::Column::Id.in_subquery(known_by(name)))
            .one(&self.db)
            .await?;
        row.map(Person::try_from).transpose()
    }

    /// The person known by `name` with a page of their statements, each with the relations
    /// `joins` asks for: one SQL statement when the page holds any, the person read with
    /// each of them; a second, for the person alone, when it holds none.
    #[tracing::instrument(skip(self))]
    pub async fn person_by_name_with_statements(
        &self,
        name: &str,
        page: &PageRequest,
        joins: StatementJoins,
    ) -> StorageResult<Option<(Person, Page<JoinedStatement>)>> {
        // The speaker filter is a scalar sub-select on the alias: the page walks
        // (speaker_id, id) and stops, and each row brings its speaker, the person.
        let by_name = StatementFilter {
            speaker: Some(name.to_owned()),
            ..StatementFilter::default()
        };
        let with_speaker = StatementJoins {
            speaker: true,
            ..joins
        };
        let found = self.statements(&by_name, page, with_speaker).await?;
        let person = match found.items.first().and_then(|s| s.speaker.clone()) {
            Some(person) => Some(person),
            None => self.person_by_name(name).await?,
        };
        Ok(person.map(|person| (person, found)))
    }

    /// The people with these ids. The id of a person merged into another names the
    /// other, so an id once given out keeps working.
    #[tracing::instrument(skip(self))]
    pub async fn people_by_ids(
        &self,
        people: &[PersonId],
    ) -> StorageResult<HashMap<PersonId, Person>> {
        let rows = person::Entity::find()
            .filter(person::Column::Id.is_in(ids(people)))
            .all(&self.db)
            .await?;
        let found: Vec<Person> = convert::all(rows)?;
        let mut found: HashMap<PersonId, Person> = found.into_iter().map(|p| (p.id, p)).collect();
        let missing: Vec<PersonId> = people
            .iter()
            .filter(|id| !found.contains_key(id))
            .copied()
            .collect();
        if !missing.is_empty() {
            for (from, person) in self.redirected(&missing).await? {
                found.insert(from, person);
            }
        }
        Ok(found)
    }

    /// The people that these merged-away ids now name.
    async fn redirected(&self, merged: &[PersonId]) -> StorageResult<Vec<(PersonId, Person)>> {
        let redirects = person_redirect::Entity::find()
            .filter(person_redirect::Column::FromId.is_in(ids(merged)))
            .all(&self.db)
            .await?;
        if redirects.is_empty() {
            return Ok(Vec::new());
        }
        let rows = person::Entity::find()
            .filter(person::Column::Id.is_in(redirects.iter().map(|r| r.into_id)))
            .all(&self.db)
            .await?;
        let into: Vec<Person> = convert::all(rows)?;
        let into: HashMap<i64, Person> = into.into_iter().map(|p| (p.id.0, p)).collect();
        Ok(redirects
            .into_iter()
            .filter_map(|r| {
                into.get(&r.into_id)
                    .map(|p| (PersonId(r.from_id), p.clone()))
            })
            .collect())
    }

    /// A page of everyone quotegraph knows, optionally only of one country.
    #[tracing::instrument(skip(self))]
    pub async fn people(
        &self,
        country: Option<&CountryCode>,
        page: &PageRequest,
    ) -> StorageResult<Page<Person>> {
        fetch_page(
            &self.db,
            of_country(country),
            (person::Entity, person::Column::Id),
            page,
        )
        .await?
        .try_map(Person::try_from)
    }

    /// How many people there are, optionally only of one country.
    pub async fn count_people(&self, country: Option<&CountryCode>) -> StorageResult<u64> {
        count_all(&self.db, of_country(country)).await
    }

    /// A page of the people of each country.
    #[tracing::instrument(skip(self))]
    pub async fn people_of_countries(
        &self,
        codes: &[CountryCode],
        page: &PageRequest,
    ) -> StorageResult<HashMap<CountryCode, Page<Person>>> {
        let keys: Vec<String> = codes.iter().map(|c| c.as_str().to_owned()).collect();
        let found = fetch_pages_per_parent(
            &self.db,
            person::Entity::find(),
            ((person::Entity, person::Column::CountryCode), None),
            (person::Entity, person::Column::Id),
            &keys,
            page,
        )
        .await?;
        found
            .into_iter()
            .map(|(k, p)| Ok((convert::code(&k)?, p.try_map(Person::try_from)?)))
            .collect()
    }

    /// How many people each country has.
    pub async fn count_people_of_countries(
        &self,
        codes: &[CountryCode],
    ) -> StorageResult<HashMap<CountryCode, u64>> {
        let keys: Vec<String> = codes.iter().map(|c| c.as_str().to_owned()).collect();
        let counts = count_per_parent(
            &self.db,
            person::Entity::find(),
            (person::Entity, person::Column::CountryCode),
            &keys,
        )
        .await?;
        counts
            .into_iter()
            .map(|(k, n)| Ok((convert::code(&k)?, n)))
            .collect()
    }

    /// Every alias of each person, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn aliases_of(
        &self,
        people: &[PersonId],
    ) -> StorageResult<HashMap<PersonId, Vec<PersonAlias>>> {
        let rows = person_alias::Entity::find()
            .filter(person_alias::Column::PersonId.is_in(ids(people)))
            .order_by_asc(person_alias::Column::Id)
            .all(&self.db)
            .await?;
        Ok(convert::group_by(
            rows.into_iter().map(PersonAlias::from),
            |a| a.person_id,
        ))
    }

    /// Every title each person was given, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn roles_of(
        &self,
        people: &[PersonId],
    ) -> StorageResult<HashMap<PersonId, Vec<PersonRole>>> {
        let rows = person_role::Entity::find()
            .filter(person_role::Column::PersonId.is_in(ids(people)))
            .order_by_asc(person_role::Column::Id)
            .all(&self.db)
            .await?;
        Ok(convert::group_by(
            convert::all::<_, PersonRole>(rows)?,
            |r| r.person_id,
        ))
    }
}

fn of_country(country: Option<&CountryCode>) -> sea_orm::Select<person::Entity> {
    let select = person::Entity::find();
    match country {
        Some(code) => select.filter(person::Column::CountryCode.eq(code.as_str())),
        None => select,
    }
}
