//! A bulk write's names read up front: one query per table for the whole batch, so that
//! resolving its articles reads nothing more for names already stored.

use super::new_people::NewPeople;
use super::{Resolver, alias_keys, mentioned_person, with_known_names};
use crate::StorageResult;
use crate::entity::{agreement, country, country_alias, organization, person_alias, source};
use crate::repo::titles::TitleSightings;
use quotegraph_domain::fold::fold_name;
use quotegraph_domain::{CountryCode, MentionKind, NewArticle, NewSpeaker};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

/// Values per `IN (…)` list: well under both backends' bound-parameter limits.
const IN_CHUNK: usize = 500;

/// Every name a batch of articles resolves, by kind.
#[derive(Default)]
struct BatchNames {
    /// Source name keys.
    sources: BTreeSet<String>,
    /// Countries as written (codes or names).
    countries: BTreeSet<String>,
    /// Organization and agreement name keys.
    organizations: BTreeSet<String>,
    agreements: BTreeSet<String>,
    /// Every alias key of every speaker and mentioned person.
    alias_keys: BTreeSet<String>,
}

impl BatchNames {
    fn of(news: &[NewArticle]) -> BatchNames {
        let mut names = BatchNames::default();
        for new in news {
            names
                .sources
                .extend(new.source.iter().map(|n| n.key().to_owned()));
            for m in &new.mentions {
                match m.kind {
                    MentionKind::Country => {
                        names.countries.insert(m.name.as_str().to_owned());
                    }
                    MentionKind::Organization => {
                        names.organizations.insert(m.name.key().to_owned());
                    }
                    MentionKind::Agreement => {
                        names.agreements.insert(m.name.key().to_owned());
                    }
                    MentionKind::Person => names.speaker(&mentioned_person(m)),
                }
            }
            for fact in &new.agreement_facts {
                names.agreements.insert(fact.name.key().to_owned());
                let codes = fact
                    .parties
                    .iter()
                    .map(|(code, _)| code.as_str().to_owned());
                names.countries.extend(codes);
            }
            for speaker in new.statements.iter().filter_map(|s| s.speaker.as_ref()) {
                names.speaker(speaker);
            }
        }
        names
    }

    /// The keys and country the resolver will look up for this speaker.
    fn speaker(&mut self, s: &NewSpeaker) {
        let s = with_known_names(s);
        self.countries
            .extend(s.country.iter().map(|c| c.as_str().to_owned()));
        let names = std::iter::once(&s.name).chain(&s.name_en).chain(&s.aliases);
        self.alias_keys.extend(names.map(|n| n.key().to_owned()));
        self.alias_keys
            .extend(alias_keys(&s).into_iter().map(|(key, _)| key));
    }
}

impl Resolver {
    /// A resolver for a bulk write: it answers from the batch read, and collects titles to
    /// write them once; on PostgreSQL it also collects the people it creates, to write them
    /// together (on SQLite a statement is no round trip).
    pub(crate) fn bulk(backend: DbBackend) -> Resolver {
        Resolver {
            alias_owners: Some(HashMap::new()),
            sightings: Some(TitleSightings::default()),
            facts: Some(Vec::new()),
            new_people: (backend == DbBackend::Postgres).then(NewPeople::default),
            ..Resolver::default()
        }
    }

    /// Reads how the batch's sources, countries, organizations, agreements and people are
    /// stored, one query per table (per few hundred names).
    pub(crate) async fn prefetch<C: ConnectionTrait>(
        &mut self,
        db: &C,
        news: &[NewArticle],
    ) -> StorageResult<()> {
        let names = BatchNames::of(news);
        self.prefetch_sources(db, &names.sources).await?;
        self.prefetch_countries(db, &names.countries).await?;
        let organizations = by_name_or_abbreviation::<organization::Entity, _>(
            db,
            &names.organizations,
            (
                organization::Column::NameKey,
                organization::Column::AbbreviationKey,
            ),
            |r| (r.id, r.name_key, r.abbreviation_key),
        )
        .await?;
        self.organizations.extend(organizations);
        let agreements = by_name_or_abbreviation::<agreement::Entity, _>(
            db,
            &names.agreements,
            (
                agreement::Column::NameKey,
                agreement::Column::AbbreviationKey,
            ),
            |r| (r.id, r.name_key, r.abbreviation_key),
        )
        .await?;
        self.agreements.extend(agreements);
        self.prefetch_people(db, &names.alias_keys).await
    }

    async fn prefetch_sources<C: ConnectionTrait>(
        &mut self,
        db: &C,
        keys: &BTreeSet<String>,
    ) -> StorageResult<()> {
        for chunk in chunks(keys) {
            let rows = source::Entity::find()
                .filter(source::Column::NameKey.is_in(chunk))
                .all(db)
                .await?;
            self.sources
                .extend(rows.into_iter().map(|r| (r.name_key, r.id)));
        }
        Ok(())
    }

    /// Countries as `find_country` finds them: by code first, else by folded alias.
    async fn prefetch_countries<C: ConnectionTrait>(
        &mut self,
        db: &C,
        raws: &BTreeSet<String>,
    ) -> StorageResult<()> {
        let parsed: BTreeSet<String> = raws
            .iter()
            .filter_map(|raw| CountryCode::parse("country", raw.trim()).ok())
            .map(|code| code.as_str().to_owned())
            .collect();
        let mut stored_codes = BTreeSet::new();
        for chunk in chunks(&parsed) {
            let rows = country::Entity::find()
                .filter(country::Column::Code.is_in(chunk))
                .all(db)
                .await?;
            stored_codes.extend(rows.into_iter().map(|r| r.code));
        }
        let keys: BTreeSet<String> = raws.iter().map(|raw| fold_name(raw.trim())).collect();
        let mut by_alias: HashMap<String, Option<String>> = HashMap::new();
        for chunk in chunks(&keys) {
            let rows = country_alias::Entity::find()
                .filter(country_alias::Column::AliasKey.is_in(chunk))
                .all(db)
                .await?;
            for row in rows {
                // A key naming two countries is left to the query.
                by_alias
                    .entry(row.alias_key)
                    .and_modify(|code| {
                        if code.as_deref() != Some(row.country_code.as_str()) {
                            *code = None;
                        }
                    })
                    .or_insert(Some(row.country_code));
            }
        }
        for raw in raws {
            let trimmed = raw.trim();
            let found = match CountryCode::parse("country", trimmed) {
                Ok(code) if stored_codes.contains(code.as_str()) => Some(code),
                _ => by_alias
                    .get(&fold_name(trimmed))
                    .cloned()
                    .flatten()
                    .and_then(|code| CountryCode::parse("country", &code).ok()),
            };
            if let Some(code) = found {
                self.countries.insert(fold_name(raw), code);
            }
        }
        Ok(())
    }

    async fn prefetch_people<C: ConnectionTrait>(
        &mut self,
        db: &C,
        keys: &BTreeSet<String>,
    ) -> StorageResult<()> {
        let mut owners: HashMap<String, Option<i64>> =
            keys.iter().map(|key| (key.clone(), None)).collect();
        for chunk in chunks(keys) {
            let rows = person_alias::Entity::find()
                .filter(person_alias::Column::AliasKey.is_in(chunk))
                .all(db)
                .await?;
            owners.extend(rows.into_iter().map(|r| (r.alias_key, Some(r.person_id))));
        }
        self.alias_owners = Some(owners);
        Ok(())
    }
}

/// The ids of `keys` in a table of names with abbreviations (organizations, agreements):
/// one read per chunk of keys, matching the name key or the abbreviation key.
async fn by_name_or_abbreviation<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    keys: &BTreeSet<String>,
    (name, abbreviation): (E::Column, E::Column),
    row: fn(E::Model) -> (i64, String, Option<String>),
) -> StorageResult<Vec<(String, i64)>> {
    let mut rows = Vec::new();
    for chunk in chunks(keys) {
        let either = Condition::any()
            .add(name.is_in(chunk.clone()))
            .add(abbreviation.is_in(chunk));
        let found = E::find().filter(either).all(db).await?;
        rows.extend(found.into_iter().map(row));
    }
    Ok(unambiguous(keys, &rows))
}

/// The keys in `keys` that exactly one row (id, name key, abbreviation key) answers to, as
/// a name or an abbreviation; a key two rows answer to is left to the query.
fn unambiguous(
    keys: &BTreeSet<String>,
    rows: &[(i64, String, Option<String>)],
) -> Vec<(String, i64)> {
    keys.iter()
        .filter_map(|key| {
            let mut ids = rows
                .iter()
                .filter(|(_, name, abbreviation)| {
                    name == key || abbreviation.as_deref() == Some(key.as_str())
                })
                .map(|(id, _, _)| *id);
            let first = ids.next()?;
            ids.all(|id| id == first).then(|| (key.clone(), first))
        })
        .collect()
}

/// `set` in lists of at most [`IN_CHUNK`] values.
fn chunks(set: &BTreeSet<String>) -> Vec<Vec<String>> {
    let all: Vec<String> = set.iter().cloned().collect();
    all.chunks(IN_CHUNK).map(<[String]>::to_vec).collect()
}
