//! Countries: the pre-loaded ISO catalogue, lookups by code or any name, and mentions.

use crate::convert;
use crate::entity::{country, country_alias, mention};
use crate::{Storage, StorageResult};
use quotegraph_domain::countries::country_catalog;
use quotegraph_domain::fold::fold_name;
use quotegraph_domain::{ArticleId, Country, CountryCode, Mention};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// Loads the ISO 3166-1 catalogue with its CLDR names and aliases, once: a database that
/// already has countries is left as it is (admins may have added aliases). Runs inside
/// the migration's transaction.
pub(crate) async fn seed_countries(tx: &DatabaseTransaction) -> StorageResult<()> {
    if country::Entity::find().count(tx).await? > 0 {
        return Ok(());
    }
    let catalog = country_catalog();
    let rows: Vec<country::ActiveModel> = catalog
        .iter()
        .map(|c| country::ActiveModel {
            code: Set(c.code.clone()),
            name_hans: Set(c.name_hans.clone()),
            name_hant: Set(c.name_hant.clone()),
            name_en: Set(c.name_en.clone()),
        })
        .collect();
    country::Entity::insert_many(rows).exec(tx).await?;
    let mut seen = HashSet::new();
    let mut aliases = Vec::new();
    for c in &catalog {
        let names = [&c.name_hans, &c.name_hant, &c.name_en]
            .into_iter()
            .chain(&c.aliases);
        for name in names {
            let key = fold_name(name);
            // A folded form shared by two countries would be ambiguous: the first keeps it.
            if !key.is_empty() && seen.insert(key.clone()) {
                aliases.push(country_alias::ActiveModel {
                    id: NotSet,
                    country_code: Set(c.code.clone()),
                    alias: Set(name.clone()),
                    alias_key: Set(key),
                });
            }
        }
    }
    for chunk in aliases.chunks(500) {
        country_alias::Entity::insert_many(chunk.to_vec())
            .exec(tx)
            .await?;
    }
    tracing::info!(
        countries = catalog.len(),
        aliases = seen.len(),
        "country catalogue loaded"
    );
    Ok(())
}

impl Storage {
    /// The countries with these codes.
    #[tracing::instrument(skip(self))]
    pub async fn countries_by_codes(
        &self,
        codes: &[CountryCode],
    ) -> StorageResult<HashMap<CountryCode, Country>> {
        let rows = country::Entity::find()
            .filter(country::Column::Code.is_in(codes.iter().map(|c| c.as_str().to_owned())))
            .all(&self.db)
            .await?;
        let countries: Vec<Country> = convert::all(rows)?;
        Ok(countries.into_iter().map(|c| (c.code.clone(), c)).collect())
    }

    /// The country with this ISO code or this name or alias in any script (韩国, 南韓,
    /// 韓國, South Korea).
    #[tracing::instrument(skip(self))]
    pub async fn country_by_name(&self, name: &str) -> StorageResult<Option<Country>> {
        let alias = country_alias::Entity::find()
            .filter(country_alias::Column::AliasKey.eq(fold_name(name)))
            .one(&self.db)
            .await?;
        let Some(alias) = alias else { return Ok(None) };
        let row = country::Entity::find_by_id(alias.country_code)
            .one(&self.db)
            .await?;
        row.map(Country::try_from).transpose()
    }

    /// Every country, by code.
    pub async fn all_countries(&self) -> StorageResult<Vec<Country>> {
        let rows = country::Entity::find()
            .order_by_asc(country::Column::Code)
            .all(&self.db)
            .await?;
        convert::all(rows)
    }

    /// Every mention each article makes, in order of first occurrence.
    #[tracing::instrument(skip(self))]
    pub async fn mentions_of(
        &self,
        articles: &[ArticleId],
    ) -> StorageResult<HashMap<ArticleId, Vec<Mention>>> {
        let rows = mention::Entity::find()
            .filter(mention::Column::ArticleId.is_in(articles.iter().map(|a| a.0)))
            .order_by_asc(mention::Column::FirstOffset)
            .order_by_asc(mention::Column::Id)
            .all(&self.db)
            .await?;
        Ok(convert::group_by(convert::all::<_, Mention>(rows)?, |m| {
            m.article_id
        }))
    }
}
