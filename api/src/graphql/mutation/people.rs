//! Corrections of people: `mergePeople`, `addPersonAlias`, `removePersonAlias`,
//! `updatePerson`. Each needs an editor or admin token and leaves an audit entry.

use crate::error::{ApiError, ApiResult};
use crate::graphql::auth::audit;
use crate::graphql::context::storage;
use crate::graphql::ids::{NodeKind, parse_numeric_id};
use crate::graphql::types::Person;
use crate::tokens::Role;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use quotegraph_domain::{CountryCode, Name, PersonId};
use quotegraph_storage::PersonChange;

#[derive(Default)]
pub struct PeopleMutation;

/// What a correction of a person did.
#[derive(SimpleObject)]
pub struct PersonPayload {
    /// The person as they are now.
    pub person: Person,
}

/// New names or country for a person. Fields left out stay as they are; null clears one.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// Canonical name (stored in simplified script); it cannot be cleared.
    pub name: Option<String>,
    /// Name in traditional script.
    pub name_hant: MaybeUndefined<String>,
    /// Name in English.
    pub name_en: MaybeUndefined<String>,
    /// ISO 3166-1 alpha-2 code of the person's country.
    pub country: MaybeUndefined<String>,
}

fn person_id(field: &str, id: &ID) -> ApiResult<PersonId> {
    Ok(PersonId(parse_numeric_id(field, id, NodeKind::Person)?))
}

/// A field to change: `None` when left out, `Some(None)` when null.
fn change<T>(
    value: MaybeUndefined<String>,
    parse: impl Fn(&str) -> ApiResult<T>,
) -> ApiResult<Option<Option<T>>> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(raw) => Ok(Some(Some(parse(&raw)?))),
    }
}

impl TryFrom<UpdatePersonInput> for PersonChange {
    type Error = ApiError;
    fn try_from(input: UpdatePersonInput) -> Result<Self, Self::Error> {
        let name = |field: &'static str| move |raw: &str| Ok(Name::parse(field, raw)?);
        let changed = PersonChange {
            name: input
                .name
                .as_deref()
                .map(|raw| Name::parse("name", raw))
                .transpose()?,
            name_hant: change(input.name_hant, name("nameHant"))?,
            name_en: change(input.name_en, name("nameEn"))?,
            country: change(input.country, |raw| Ok(CountryCode::parse("country", raw)?))?,
        };
        let nothing = changed.name.is_none()
            && changed.name_hant.is_none()
            && changed.name_en.is_none()
            && changed.country.is_none();
        if nothing {
            return Err(ApiError::bad_input(
                "input",
                "give at least one field to change",
            ));
        }
        Ok(changed)
    }
}

#[Object]
impl PeopleMutation {
    /// Merges two records of one person (two spellings of a name): the statements,
    /// mentions, titles and aliases of `from` become those of `into`, `from`'s names become
    /// aliases of `into`, and `from`'s id names `into` from now on. Needs an editor token.
    async fn merge_people(
        &self,
        ctx: &Context<'_>,
        into: ID,
        from: ID,
    ) -> ApiResult<PersonPayload> {
        let audit = audit(ctx, Role::Editor, "mergePeople")?;
        let into = person_id("into", &into)?;
        let from = person_id("from", &from)?;
        let person = storage(ctx)?.merge_people(into, from, &audit).await?;
        tracing::info!(into = person.id.0, from = from.0, actor = %audit.actor, "people merged");
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    /// Adds another written form of a person's name; `person(name:)` finds them by it.
    /// A form that names another person is refused (merge the two instead). Needs an
    /// editor token.
    async fn add_person_alias(
        &self,
        ctx: &Context<'_>,
        person: ID,
        alias: String,
    ) -> ApiResult<PersonPayload> {
        let audit = audit(ctx, Role::Editor, "addPersonAlias")?;
        let id = person_id("person", &person)?;
        let alias = Name::parse("alias", &alias)?;
        let person = storage(ctx)?.add_person_alias(id, &alias, &audit).await?;
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    /// Removes a written form of a person's name. The person's own names (name, nameHant,
    /// nameEn) cannot be removed; change them with `updatePerson`. Needs an editor token.
    async fn remove_person_alias(
        &self,
        ctx: &Context<'_>,
        person: ID,
        alias: String,
    ) -> ApiResult<PersonPayload> {
        let audit = audit(ctx, Role::Editor, "removePersonAlias")?;
        let id = person_id("person", &person)?;
        let alias = Name::parse("alias", &alias)?;
        let person = storage(ctx)?
            .remove_person_alias(id, &alias, &audit)
            .await?;
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    /// Changes a person's names (both scripts and English) and country; new names become
    /// aliases. Needs an editor token.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdatePersonInput,
    ) -> ApiResult<PersonPayload> {
        let audit = audit(ctx, Role::Editor, "updatePerson")?;
        let id = person_id("id", &id)?;
        let change = PersonChange::try_from(input)?;
        let person = storage(ctx)?.update_person(id, &change, &audit).await?;
        Ok(PersonPayload {
            person: Person(person),
        })
    }
}
