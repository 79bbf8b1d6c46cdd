//! Resolving names in an incoming article to stored entities: match by folded name or
//! alias, create what is new. Runs inside the article's transaction and remembers what it
//! resolved, so a speaker quoted ten times is looked up once. In a bulk write the batch's
//! names are read up front, one query per table (see `prefetch`).

mod new_people;
mod people;
mod prefetch;

use super::titles::{TitleSightings, record_title};
use crate::entity::{agreement, country, country_alias, organization, person_alias, source};
use crate::{StorageError, StorageResult};
use chrono::NaiveDate;
use quotegraph_domain::fold::{fold_name, to_traditional};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_domain::*;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::collections::{HashMap, HashSet};

/// When the speaker was seen, for the first/last-seen days of their title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpeakerSeen {
    pub on: Option<NaiveDate>,
}

/// Per-transaction memory of resolved names.
#[derive(Default, Clone)]
pub(crate) struct Resolver {
    people: HashMap<String, PersonId>,
    countries: HashMap<String, CountryCode>,
    /// Titles recorded, with the range of days recorded for them.
    roles: HashMap<(PersonId, String), (Option<NaiveDate>, Option<NaiveDate>)>,
    /// Alias keys known to be stored.
    aliases: HashSet<String>,
    organizations: HashMap<String, i64>,
    agreements: HashMap<String, i64>,
    sources: HashMap<String, i64>,
    /// In a bulk write: who each of the batch's alias keys named when the batch began
    /// (`None`: nobody), kept up to date with the aliases the batch adds.
    alias_owners: Option<HashMap<String, Option<i64>>>,
    /// In a bulk write: the titles seen, written once for the whole batch.
    pub(crate) sightings: Option<TitleSightings>,
    /// In a bulk write: the agreement facts, recorded together at the end of the batch.
    pub(crate) facts: Option<Vec<(AgreementId, NewAgreementFact)>>,
    /// In a bulk write on PostgreSQL: the people created, written together by
    /// [`Resolver::write_new_people`] before anything refers to them.
    new_people: Option<new_people::NewPeople>,
}

impl Resolver {
    /// The entity a mention names; unknown countries are an input error, other new
    /// entities are created.
    pub(crate) async fn mention<C: ConnectionTrait>(
        &mut self,
        db: &C,
        m: &NewMention,
    ) -> StorageResult<EntityRef> {
        Ok(match m.kind {
            MentionKind::Country => {
                EntityRef::Country(self.country(db, "name", m.name.as_str()).await?)
            }
            MentionKind::Organization => EntityRef::Organization(OrganizationId(
                self.organization(db, &m.name, m.abbreviation.as_ref())
                    .await?,
            )),
            MentionKind::Agreement => EntityRef::Agreement(AgreementId(
                self.agreement(db, &m.name, m.abbreviation.as_ref()).await?,
            )),
            MentionKind::Person => EntityRef::Person(
                self.speaker(db, &mentioned_person(m), SpeakerSeen { on: None })
                    .await?,
            ),
        })
    }

    /// A country by code or by any of its names.
    pub(crate) async fn country<C: ConnectionTrait>(
        &mut self,
        db: &C,
        field: &str,
        raw: &str,
    ) -> StorageResult<CountryCode> {
        let key = fold_name(raw);
        if let Some(code) = self.countries.get(&key) {
            return Ok(code.clone());
        }
        let code = find_country(db, raw).await?.ok_or_else(|| {
            ValidationError::new(field, format!("no country is known by `{raw}`"))
        })?;
        self.countries.insert(key, code.clone());
        Ok(code)
    }

    /// The person a speaker is: matched by any of their names, or created; their aliases,
    /// country and title are recorded.
    pub(crate) async fn speaker<C: ConnectionTrait>(
        &mut self,
        db: &C,
        s: &NewSpeaker,
        seen: SpeakerSeen,
    ) -> StorageResult<PersonId> {
        let enriched = with_known_names(s);
        let s = &enriched;
        let country = match &s.country {
            Some(code) => Some(self.country(db, "country", code.as_str()).await?),
            None => None,
        };
        let names: Vec<&Name> = std::iter::once(&s.name)
            .chain(s.name_en.as_ref())
            .chain(&s.aliases)
            .collect();
        let keys = alias_keys(s);
        let id = match self.people.get(s.name.key()) {
            Some(id) => *id,
            None => match self.find_person(db, &names).await? {
                Some(id) => id,
                None => {
                    self.create_person(db, s, country.as_ref(), &names, &keys)
                        .await?
                }
            },
        };
        for name in &names {
            self.people.insert(name.key().to_owned(), id);
        }
        if !keys.iter().all(|(key, _)| self.aliases.contains(key)) {
            self.add_aliases(db, id, &keys).await?;
            self.aliases.extend(keys.into_iter().map(|(key, _)| key));
        }
        if let (Some(title), Some(sightings)) = (&s.title, &mut self.sightings) {
            sightings.add(id, title, country.as_ref(), seen.on);
        } else if let Some(title) = &s.title {
            let known = self.roles.get(&(id, title.clone())).copied();
            let covered = known.is_some_and(|(first, last)| match (seen.on, first, last) {
                (None, _, _) => true,
                (Some(day), Some(first), Some(last)) => first <= day && day <= last,
                _ => false,
            });
            if !covered {
                record_title(db, id, title, country.as_ref(), seen.on).await?;
                let (first, last) = known.unwrap_or((seen.on, seen.on));
                self.roles.insert(
                    (id, title.clone()),
                    (earliest(first, seen.on), latest(last, seen.on)),
                );
            }
        }
        Ok(id)
    }

    /// The organization with this name (or abbreviation), created if new.
    pub(crate) async fn organization<C: ConnectionTrait>(
        &mut self,
        db: &C,
        name: &Name,
        abbreviation: Option<&Name>,
    ) -> StorageResult<i64> {
        if let Some(id) = self.organizations.get(name.key()) {
            return Ok(*id);
        }
        let id = find_or_create_organization(db, name, abbreviation).await?;
        self.organizations.insert(name.key().to_owned(), id);
        Ok(id)
    }

    /// The agreement with this name (or abbreviation), created if new.
    pub(crate) async fn agreement<C: ConnectionTrait>(
        &mut self,
        db: &C,
        name: &Name,
        abbreviation: Option<&Name>,
    ) -> StorageResult<i64> {
        if let Some(id) = self.agreements.get(name.key()) {
            return Ok(*id);
        }
        let id = find_or_create_agreement(db, name, abbreviation).await?;
        self.agreements.insert(name.key().to_owned(), id);
        Ok(id)
    }

    /// The source with this name, created if new.
    pub(crate) async fn source<C: ConnectionTrait>(
        &mut self,
        db: &C,
        name: &Name,
    ) -> StorageResult<i64> {
        if let Some(id) = self.sources.get(name.key()) {
            return Ok(*id);
        }
        let id = find_or_create_source(db, name).await?;
        self.sources.insert(name.key().to_owned(), id);
        Ok(id)
    }
}

/// The person a person mention names, as a speaker without statements.
fn mentioned_person(m: &NewMention) -> NewSpeaker {
    NewSpeaker {
        name: m.name.clone(),
        title: m.title.clone(),
        country: m.country.clone(),
        name_en: None,
        aliases: Vec::new(),
    }
}

/// The speaker with what the gazetteer knows of them: English name, other written forms,
/// country. Names given by the caller come first.
fn with_known_names(s: &NewSpeaker) -> NewSpeaker {
    let mut out = s.clone();
    let Some(entry) = Gazetteer::builtin().person(s.name.as_str()) else {
        return out;
    };
    // The gazetteer's name is canonical (普京 for 普丁); the name as given stays an alias.
    if let Ok(canonical) = Name::parse("name", &entry.name)
        && canonical.key() != s.name.key()
    {
        out.aliases.push(s.name.clone());
        out.name = canonical;
    }
    out.aliases.extend(
        entry
            .aliases
            .iter()
            .filter_map(|alias| Name::parse("aliases", alias).ok()),
    );
    if out.name_en.is_none() {
        out.name_en = entry
            .name_en
            .as_deref()
            .and_then(|n| Name::parse("nameEn", n).ok());
    }
    if out.country.is_none() {
        out.country = entry
            .country
            .as_deref()
            .and_then(|c| CountryCode::parse("country", c).ok());
    }
    out
}

async fn find_country<C: ConnectionTrait>(db: &C, raw: &str) -> StorageResult<Option<CountryCode>> {
    let trimmed = raw.trim();
    if let Ok(code) = CountryCode::parse("country", trimmed)
        && country::Entity::find_by_id(code.as_str().to_owned())
            .one(db)
            .await?
            .is_some()
    {
        return Ok(Some(code));
    }
    let alias = country_alias::Entity::find()
        .filter(country_alias::Column::AliasKey.eq(fold_name(trimmed)))
        .one(db)
        .await?;
    Ok(alias.and_then(|row| CountryCode::parse("country", &row.country_code).ok()))
}

async fn find_person<C: ConnectionTrait>(
    db: &C,
    names: &[&Name],
) -> StorageResult<Option<PersonId>> {
    let keys: Vec<String> = names.iter().map(|n| n.key().to_owned()).collect();
    let row = person_alias::Entity::find()
        .filter(person_alias::Column::AliasKey.is_in(keys))
        .one(db)
        .await?;
    Ok(row.map(|r| PersonId(r.person_id)))
}

/// Every written form of the speaker's name, as (folded key, form), without repeats.
fn alias_keys(s: &NewSpeaker) -> Vec<(String, String)> {
    let mut wanted: Vec<(String, String)> = Vec::new();
    let simplified = s.name.simplified();
    let forms = [
        s.name.as_str().to_owned(),
        simplified.clone(),
        to_traditional(&simplified),
    ]
    .into_iter()
    .chain(s.name_en.iter().map(|n| n.as_str().to_owned()))
    .chain(s.aliases.iter().map(|n| n.as_str().to_owned()));
    for form in forms {
        let key = fold_name(&form);
        if !key.is_empty() && !wanted.iter().any(|(k, _)| *k == key) {
            wanted.push((key, form));
        }
    }
    wanted
}

/// Records the forms in `wanted` that are not yet aliases. A form that already names
/// someone else is left with them: an alias points at one person.
pub(crate) async fn add_aliases<C: ConnectionTrait>(
    db: &C,
    id: PersonId,
    wanted: &[(String, String)],
) -> StorageResult<()> {
    let keys: Vec<String> = wanted.iter().map(|(k, _)| k.clone()).collect();
    let existing: HashSet<String> = person_alias::Entity::find()
        .filter(person_alias::Column::AliasKey.is_in(keys))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.alias_key)
        .collect();
    let new: Vec<&(String, String)> = wanted
        .iter()
        .filter(|(key, _)| !existing.contains(key))
        .collect();
    insert_aliases(db, id, new).await
}

/// Inserts these (key, form) pairs as aliases of `id`; a key stored meanwhile stays its
/// owner's.
async fn insert_aliases<C: ConnectionTrait>(
    db: &C,
    id: PersonId,
    mut new: Vec<&(String, String)>,
) -> StorageResult<()> {
    // Keys in one order everywhere, so that two transactions inserting the same keys wait
    // for each other instead of deadlocking.
    new.sort();
    let rows = alias_rows(id, new);
    if !rows.is_empty() {
        // A key a concurrent transaction has just stored stays theirs, as one stored
        // before does.
        person_alias::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([person_alias::Column::AliasKey])
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The alias rows of `id` for these (key, form) pairs.
fn alias_rows(id: PersonId, new: Vec<&(String, String)>) -> Vec<person_alias::ActiveModel> {
    new.into_iter()
        .map(|(key, alias)| person_alias::ActiveModel {
            id: NotSet,
            person_id: Set(id.0),
            alias: Set(alias.clone()),
            alias_key: Set(key.clone()),
        })
        .collect()
}

/// The kind the gazetteer gives a known agreement; `Other` for new ones.
fn known_agreement_kind(name: &Name) -> AgreementKind {
    Gazetteer::builtin()
        .agreements
        .iter()
        .find(|a| {
            fold_name(&a.name) == name.key()
                || a.abbreviation
                    .as_deref()
                    .is_some_and(|ab| fold_name(ab) == name.key())
        })
        .map_or(AgreementKind::Other, |a| a.kind)
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The source with this name, created if new. Race-free: when another transaction
/// creates it at the same moment, the insert does nothing and the row it stored is read.
async fn find_or_create_source<C: ConnectionTrait>(db: &C, name: &Name) -> StorageResult<i64> {
    if let Some(id) = source_id(db, name).await? {
        return Ok(id);
    }
    source::Entity::insert(source::ActiveModel {
        id: NotSet,
        name: Set(name.as_str().to_owned()),
        name_hans: Set(name.simplified()),
        name_key: Set(name.key().to_owned()),
    })
    .on_conflict_do_nothing_on([source::Column::NameKey])
    .exec_without_returning(db)
    .await?;
    source_id(db, name).await?.ok_or_else(|| {
        StorageError::Corrupt(format!(
            "source `{}` was stored but is not found",
            name.as_str()
        ))
    })
}

async fn source_id<C: ConnectionTrait>(db: &C, name: &Name) -> StorageResult<Option<i64>> {
    let row = source::Entity::find()
        .filter(source::Column::NameKey.eq(name.key()))
        .one(db)
        .await?;
    Ok(row.map(|r| r.id))
}

async fn find_or_create_organization<C: ConnectionTrait>(
    db: &C,
    name: &Name,
    abbreviation: Option<&Name>,
) -> StorageResult<i64> {
    let by_name_or_abbreviation = Condition::any()
        .add(organization::Column::NameKey.eq(name.key()))
        .add(organization::Column::AbbreviationKey.eq(name.key()));
    if let Some(row) = organization::Entity::find()
        .filter(by_name_or_abbreviation)
        .one(db)
        .await?
    {
        return Ok(row.id);
    }
    // Race-free: the insert does nothing when a concurrent transaction has just stored the
    // name, and the row read back is theirs.
    organization::Entity::insert(organization::ActiveModel {
        id: NotSet,
        name: Set(name.as_str().to_owned()),
        name_key: Set(name.key().to_owned()),
        abbreviation: Set(abbreviation.map(|a| a.as_str().to_owned())),
        abbreviation_key: Set(abbreviation.map(|a| a.key().to_owned())),
    })
    .on_conflict_do_nothing_on([organization::Column::NameKey])
    .exec_without_returning(db)
    .await?;
    let row = organization::Entity::find()
        .filter(organization::Column::NameKey.eq(name.key()))
        .one(db)
        .await?;
    row.map(|r| r.id)
        .ok_or_else(|| stored_but_not_found("organization", name))
}

/// A name inserted or left to a concurrent insert, yet not read back: cannot happen at
/// READ COMMITTED or with one writer.
fn stored_but_not_found(what: &str, name: &Name) -> StorageError {
    StorageError::Corrupt(format!(
        "{what} `{}` was stored but is not found",
        name.as_str()
    ))
}

async fn find_or_create_agreement<C: ConnectionTrait>(
    db: &C,
    name: &Name,
    abbreviation: Option<&Name>,
) -> StorageResult<i64> {
    let by_name_or_abbreviation = Condition::any()
        .add(agreement::Column::NameKey.eq(name.key()))
        .add(agreement::Column::AbbreviationKey.eq(name.key()));
    if let Some(row) = agreement::Entity::find()
        .filter(by_name_or_abbreviation)
        .one(db)
        .await?
    {
        return Ok(row.id);
    }
    // Race-free, as for organizations.
    agreement::Entity::insert(agreement::ActiveModel {
        id: NotSet,
        name: Set(name.as_str().to_owned()),
        name_key: Set(name.key().to_owned()),
        abbreviation: Set(abbreviation.map(|a| a.as_str().to_owned())),
        abbreviation_key: Set(abbreviation.map(|a| a.key().to_owned())),
        kind: Set(known_agreement_kind(name).as_str().to_owned()),
    })
    .on_conflict_do_nothing_on([agreement::Column::NameKey])
    .exec_without_returning(db)
    .await?;
    let row = agreement::Entity::find()
        .filter(agreement::Column::NameKey.eq(name.key()))
        .one(db)
        .await?;
    row.map(|r| r.id)
        .ok_or_else(|| stored_but_not_found("agreement", name))
}
