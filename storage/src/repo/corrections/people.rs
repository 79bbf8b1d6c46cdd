//! Corrections of people: merging two into one, adding and removing aliases, renaming.

use super::{invalid, live_person, snapshot};
use crate::entity::{
    country, mention, person, person_alias, person_redirect, person_role, statement,
    statement_original,
};
use crate::repo::audit::{Audit, AuditTarget, record};
use crate::repo::resolve::add_aliases;
use crate::{Storage, StorageResult};
use quotegraph_domain::fold::fold_name;
use quotegraph_domain::{CountryCode, Name, Person, PersonId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;
use std::collections::HashMap;

/// What `updatePerson` changes; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct PersonChange {
    /// The canonical name (stored in simplified script).
    pub name: Option<Name>,
    /// The name in traditional script.
    pub name_hant: Option<Option<Name>>,
    /// The name in English.
    pub name_en: Option<Option<Name>>,
    /// The person's country.
    pub country: Option<Option<CountryCode>>,
}

impl Storage {
    /// Merges person `from` into person `into`: `from`'s statements, mentions, titles and
    /// names become `into`'s, and `from`'s id names `into` from now on.
    #[tracing::instrument(skip(self, audit))]
    pub async fn merge_people(
        &self,
        into: PersonId,
        from: PersonId,
        audit: &Audit,
    ) -> StorageResult<Person> {
        self.write(&(into, from, audit), |tx, (into, from, audit)| {
            Box::pin(merge_in(tx, *into, *from, audit))
        })
        .await
    }

    /// Adds `alias` to person `id`'s names; an alias they already have changes nothing.
    #[tracing::instrument(skip(self, audit))]
    pub async fn add_person_alias(
        &self,
        id: PersonId,
        alias: &Name,
        audit: &Audit,
    ) -> StorageResult<Person> {
        self.write(&(id, alias, audit), |tx, (id, alias, audit)| {
            Box::pin(add_alias_in(tx, *id, alias, audit))
        })
        .await
    }

    /// Removes `alias` from person `id`'s names; their own names cannot be removed.
    #[tracing::instrument(skip(self, audit))]
    pub async fn remove_person_alias(
        &self,
        id: PersonId,
        alias: &Name,
        audit: &Audit,
    ) -> StorageResult<Person> {
        self.write(&(id, alias, audit), |tx, (id, alias, audit)| {
            Box::pin(remove_alias_in(tx, *id, alias, audit))
        })
        .await
    }

    /// Changes person `id`'s names and country; new names become aliases.
    #[tracing::instrument(skip(self, audit))]
    pub async fn update_person(
        &self,
        id: PersonId,
        change: &PersonChange,
        audit: &Audit,
    ) -> StorageResult<Person> {
        self.write(&(id, change, audit), |tx, (id, change, audit)| {
            Box::pin(update_in(tx, *id, change, audit))
        })
        .await
    }
}

async fn merge_in(
    tx: &DatabaseTransaction,
    into: PersonId,
    from: PersonId,
    audit: &Audit,
) -> StorageResult<Person> {
    let into_row = live_person(tx, into, "into").await?;
    let from_row = live_person(tx, from, "from").await?;
    if into_row.id == from_row.id {
        return Err(invalid("from", "is the same person as `into`"));
    }
    let before = json!({
        "into": snapshot::person(tx, audit, &into_row).await?,
        "from": snapshot::person(tx, audit, &from_row).await?,
    });
    let (to, gone) = (into_row.id, from_row.id);
    move_references(tx, to, gone).await?;
    let names: Vec<&str> = [
        Some(from_row.name.as_str()),
        from_row.name_hant.as_deref(),
        from_row.name_en.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    add_aliases(tx, PersonId(to), &alias_keys(&names)).await?;
    // Redirects to `from` move on first: the foreign key keeps `from` until none is left.
    person_redirect::Entity::update_many()
        .col_expr(person_redirect::Column::IntoId, Expr::value(to))
        .filter(person_redirect::Column::IntoId.eq(gone))
        .exec(tx)
        .await?;
    person_redirect::Entity::insert(person_redirect::ActiveModel {
        from_id: Set(gone),
        into_id: Set(to),
    })
    .exec_without_returning(tx)
    .await?;
    let mut merged: person::ActiveModel = into_row.clone().into();
    // What `into` did not know, `from` may have.
    if into_row.name_hant.is_none() {
        merged.name_hant = Set(from_row.name_hant.clone());
    }
    if into_row.name_en.is_none() {
        merged.name_en = Set(from_row.name_en.clone());
    }
    if into_row.country_code.is_none() {
        merged.country_code = Set(from_row.country_code.clone());
    }
    let merged = merged.update(tx).await?;
    person::Entity::delete_by_id(gone).exec(tx).await?;
    let after = json!({ "into": snapshot::person(tx, audit, &merged).await? });
    record(
        tx,
        audit,
        &[
            AuditTarget::Person(PersonId(to)),
            AuditTarget::Person(PersonId(gone)),
        ],
        Some(before),
        Some(after),
    )
    .await?;
    Person::try_from(merged)
}

/// Everything that names `gone` (statements, what they first said, mentions, roles,
/// aliases) names `to` instead.
async fn move_references(tx: &DatabaseTransaction, to: i64, gone: i64) -> StorageResult<()> {
    statement::Entity::update_many()
        .col_expr(statement::Column::SpeakerId, Expr::value(to))
        .filter(statement::Column::SpeakerId.eq(gone))
        .exec(tx)
        .await?;
    statement_original::Entity::update_many()
        .col_expr(statement_original::Column::SpeakerId, Expr::value(to))
        .filter(statement_original::Column::SpeakerId.eq(gone))
        .exec(tx)
        .await?;
    merge_mentions(tx, to, gone).await?;
    merge_roles(tx, to, gone).await?;
    person_alias::Entity::update_many()
        .col_expr(person_alias::Column::PersonId, Expr::value(to))
        .filter(person_alias::Column::PersonId.eq(gone))
        .exec(tx)
        .await?;
    Ok(())
}

/// (folded key, form as written) for each name.
fn alias_keys(names: &[&str]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|name| (fold_name(name), (*name).to_owned()))
        .filter(|(key, _)| !key.is_empty())
        .collect()
}

/// `gone`'s mentions become `to`'s; where both are mentioned by one article, the counts
/// add up in `to`'s row.
async fn merge_mentions(tx: &DatabaseTransaction, to: i64, gone: i64) -> StorageResult<()> {
    let theirs = mention::Entity::find()
        .filter(mention::Column::PersonId.eq(gone))
        .all(tx)
        .await?;
    if theirs.is_empty() {
        return Ok(());
    }
    let articles: Vec<i64> = theirs.iter().map(|m| m.article_id).collect();
    let ours: HashMap<i64, mention::Model> = mention::Entity::find()
        .filter(mention::Column::PersonId.eq(to))
        .filter(mention::Column::ArticleId.is_in(articles))
        .all(tx)
        .await?
        .into_iter()
        .map(|m| (m.article_id, m))
        .collect();
    for row in theirs {
        match ours.get(&row.article_id) {
            Some(kept) => {
                let mut active: mention::ActiveModel = kept.clone().into();
                active.count = Set(kept.count.saturating_add(row.count));
                active.first_offset = Set(kept.first_offset.min(row.first_offset));
                active.update(tx).await?;
                mention::Entity::delete_by_id(row.id).exec(tx).await?;
            }
            None => {
                let mut active: mention::ActiveModel = row.into();
                active.person_id = Set(Some(to));
                active.update(tx).await?;
            }
        }
    }
    Ok(())
}

/// `gone`'s titles become `to`'s; a title both had keeps the widest days seen (one row
/// per person and title).
async fn merge_roles(tx: &DatabaseTransaction, to: i64, gone: i64) -> StorageResult<()> {
    let theirs = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(gone))
        .all(tx)
        .await?;
    let ours: HashMap<String, person_role::Model> = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(to))
        .all(tx)
        .await?
        .into_iter()
        .map(|r| (r.title.clone(), r))
        .collect();
    for row in theirs {
        match ours.get(&row.title) {
            Some(kept) => {
                let mut active: person_role::ActiveModel = kept.clone().into();
                active.first_seen = Set(earliest(kept.first_seen, row.first_seen));
                active.last_seen = Set(kept.last_seen.max(row.last_seen));
                active.update(tx).await?;
                person_role::Entity::delete_by_id(row.id).exec(tx).await?;
            }
            None => {
                let mut active: person_role::ActiveModel = row.into();
                active.person_id = Set(to);
                active.update(tx).await?;
            }
        }
    }
    Ok(())
}

/// The earlier of two days, either of which may be unknown.
fn earliest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Who an alias key names, if anyone.
async fn owner_of(tx: &DatabaseTransaction, key: &str) -> StorageResult<Option<i64>> {
    Ok(person_alias::Entity::find()
        .filter(person_alias::Column::AliasKey.eq(key))
        .one(tx)
        .await?
        .map(|row| row.person_id))
}

async fn add_alias_in(
    tx: &DatabaseTransaction,
    id: PersonId,
    alias: &Name,
    audit: &Audit,
) -> StorageResult<Person> {
    let row = live_person(tx, id, "person").await?;
    match owner_of(tx, alias.key()).await? {
        Some(owner) if owner == row.id => return Person::try_from(row),
        Some(_) => {
            return Err(invalid(
                "alias",
                "already names another person: merge the two people instead",
            ));
        }
        None => {}
    }
    let before = snapshot::person(tx, audit, &row).await?;
    add_aliases(
        tx,
        PersonId(row.id),
        &[(alias.key().to_owned(), alias.as_str().to_owned())],
    )
    .await?;
    let after = snapshot::person(tx, audit, &row).await?;
    record(
        tx,
        audit,
        &[AuditTarget::Person(PersonId(row.id))],
        Some(before),
        Some(after),
    )
    .await?;
    Person::try_from(row)
}

async fn remove_alias_in(
    tx: &DatabaseTransaction,
    id: PersonId,
    alias: &Name,
    audit: &Audit,
) -> StorageResult<Person> {
    let row = live_person(tx, id, "person").await?;
    let own_names = [
        Some(&row.name),
        row.name_hant.as_ref(),
        row.name_en.as_ref(),
    ];
    if own_names
        .into_iter()
        .flatten()
        .any(|name| fold_name(name) == alias.key())
    {
        return Err(invalid(
            "alias",
            "is one of the person's names: change it with updatePerson first",
        ));
    }
    if owner_of(tx, alias.key()).await? != Some(row.id) {
        return Err(invalid("alias", "is not an alias of this person"));
    }
    let before = snapshot::person(tx, audit, &row).await?;
    person_alias::Entity::delete_many()
        .filter(person_alias::Column::AliasKey.eq(alias.key()))
        .exec(tx)
        .await?;
    let after = snapshot::person(tx, audit, &row).await?;
    record(
        tx,
        audit,
        &[AuditTarget::Person(PersonId(row.id))],
        Some(before),
        Some(after),
    )
    .await?;
    Person::try_from(row)
}

async fn update_in(
    tx: &DatabaseTransaction,
    id: PersonId,
    change: &PersonChange,
    audit: &Audit,
) -> StorageResult<Person> {
    let row = live_person(tx, id, "id").await?;
    // Every new name must be free or already this person's, checked before anything is written.
    let named = [
        ("name", change.name.as_ref()),
        (
            "nameHant",
            change.name_hant.as_ref().and_then(Option::as_ref),
        ),
        ("nameEn", change.name_en.as_ref().and_then(Option::as_ref)),
    ];
    for (field, name) in named {
        if let Some(name) = name
            && owner_of(tx, name.key())
                .await?
                .is_some_and(|owner| owner != row.id)
        {
            return Err(invalid(
                field,
                "already names another person: merge the two people instead",
            ));
        }
    }
    if let Some(Some(code)) = &change.country
        && country::Entity::find_by_id(code.as_str().to_owned())
            .one(tx)
            .await?
            .is_none()
    {
        return Err(invalid("country", "is not a known country code"));
    }
    let before = snapshot::person(tx, audit, &row).await?;
    let mut active: person::ActiveModel = row.clone().into();
    if let Some(name) = &change.name {
        active.name = Set(name.simplified());
    }
    if let Some(name) = &change.name_hant {
        active.name_hant = Set(name.as_ref().map(|n| n.as_str().to_owned()));
    }
    if let Some(name) = &change.name_en {
        active.name_en = Set(name.as_ref().map(|n| n.as_str().to_owned()));
    }
    if let Some(code) = &change.country {
        active.country_code = Set(code.as_ref().map(|c| c.as_str().to_owned()));
    }
    let updated = active.update(tx).await?;
    let new_names: Vec<&str> = named
        .iter()
        .filter_map(|(_, name)| name.map(Name::as_str))
        .collect();
    add_aliases(tx, PersonId(row.id), &alias_keys(&new_names)).await?;
    let after = snapshot::person(tx, audit, &updated).await?;
    record(
        tx,
        audit,
        &[AuditTarget::Person(PersonId(row.id))],
        Some(before),
        Some(after),
    )
    .await?;
    Person::try_from(updated)
}
