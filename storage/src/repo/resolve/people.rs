//! People in the resolver: found by any of their names, created with their aliases. In a
//! bulk write the names are answered from the batch read where it can say.

use super::{Resolver, add_aliases, alias_rows, find_person};
use crate::StorageResult;
use crate::entity::{person, person_alias};
use quotegraph_domain::fold::to_traditional;
use quotegraph_domain::{CountryCode, Name, NewSpeaker, PersonId};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::collections::BTreeSet;

impl Resolver {
    /// The stored person one of `names` names, if any.
    pub(super) async fn find_person<C: ConnectionTrait>(
        &mut self,
        db: &C,
        names: &[&Name],
    ) -> StorageResult<Option<PersonId>> {
        if let Some(owners) = &self.alias_owners {
            let mut ids = BTreeSet::new();
            let mut all_known = true;
            for name in names {
                match owners.get(name.key()) {
                    Some(Some(id)) => {
                        ids.insert(*id);
                    }
                    Some(None) => {}
                    None => all_known = false,
                }
            }
            // Names shared by two people are left to the query, which picks as it always has.
            match ids.len() {
                0 if all_known => return Ok(None),
                1 => return Ok(ids.first().map(|id| PersonId(*id))),
                _ => {}
            }
        }
        self.write_new_people(db).await?;
        find_person(db, names).await
    }

    /// Writes the people the batch created and has not written yet (see `new_people`).
    pub(crate) async fn write_new_people<C: ConnectionTrait>(
        &mut self,
        db: &C,
    ) -> StorageResult<()> {
        match &mut self.new_people {
            Some(new) => new.write(db).await,
            None => Ok(()),
        }
    }

    /// Records the forms in `keys` that name nobody yet as aliases of `id`.
    pub(super) async fn add_aliases<C: ConnectionTrait>(
        &mut self,
        db: &C,
        id: PersonId,
        keys: &[(String, String)],
    ) -> StorageResult<()> {
        let all_known = self
            .alias_owners
            .as_ref()
            .is_some_and(|owners| keys.iter().all(|(key, _)| owners.contains_key(key)));
        if !all_known {
            // Read from the stored aliases: the batch's new people are written first.
            self.write_new_people(db).await?;
            add_aliases(db, id, keys).await?;
            if let Some(owners) = &mut self.alias_owners {
                for (key, _) in keys {
                    owners.remove(key);
                }
            }
            return Ok(());
        }
        let Some(owners) = &mut self.alias_owners else {
            return Ok(());
        };
        let free: Vec<(String, String)> = keys
            .iter()
            .filter(|(key, _)| matches!(owners.get(key), Some(None)))
            .cloned()
            .collect();
        match &mut self.new_people {
            Some(new) => new.add_aliases(alias_rows(id, free.iter().collect())),
            None => super::insert_aliases(db, id, free.iter().collect()).await?,
        }
        // Writers take turns (`crate::write`), so the free keys are now this person's.
        for (key, _) in free {
            owners.insert(key, Some(id.0));
        }
        Ok(())
    }

    /// Creates the person a speaker names, with their aliases. Race-free: when a concurrent
    /// transaction has just created the same person (one of the names is now theirs), the row
    /// made here is removed again and theirs is the person, as if this transaction had come
    /// second.
    pub(super) async fn create_person<C: ConnectionTrait>(
        &mut self,
        db: &C,
        s: &NewSpeaker,
        country: Option<&CountryCode>,
        names: &[&Name],
        keys: &[(String, String)],
    ) -> StorageResult<PersonId> {
        let simplified = s.name.simplified();
        let traditional = if simplified != s.name.as_str() {
            s.name.as_str().to_owned()
        } else {
            to_traditional(&simplified)
        };
        let row = person::ActiveModel {
            id: NotSet,
            name: Set(simplified.clone()),
            name_hant: Set((traditional != simplified).then_some(traditional)),
            name_en: Set(s.name_en.as_ref().map(|n| n.as_str().to_owned())),
            country_code: Set(country.map(|c| c.as_str().to_owned())),
        };
        let id = match &mut self.new_people {
            Some(new) => PersonId(new.add(db, row).await?),
            None => PersonId(
                person::Entity::insert(row)
                    .exec_with_returning(db)
                    .await?
                    .id,
            ),
        };
        // Waits for a concurrent transaction inserting one of these keys, then skips it.
        self.add_aliases(db, id, keys).await?;
        // Writers take turns (`crate::write`): no one can have stored these names since
        // the batch read found them free.
        if self.alias_owners.is_some() {
            return Ok(id);
        }
        let keys: Vec<String> = names.iter().map(|n| n.key().to_owned()).collect();
        let theirs = person_alias::Entity::find()
            .filter(person_alias::Column::AliasKey.is_in(keys))
            .filter(person_alias::Column::PersonId.ne(id.0))
            .one(db)
            .await?;
        match theirs {
            Some(alias) => {
                // Its aliases go with it (ON DELETE CASCADE); the caller gives them to the winner.
                person::Entity::delete_by_id(id.0).exec(db).await?;
                // What the batch read said about these names no longer holds.
                self.alias_owners = None;
                Ok(PersonId(alias.person_id))
            }
            None => Ok(id),
        }
    }
}
