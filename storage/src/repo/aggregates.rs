//! Aggregates across the corpus: who is quoted most, which countries are mentioned
//! together, mentions by month, and who is quoted in articles about an entity. Each is one
//! grouped statement, batched over many parents where a DataLoader asks for many.

use super::StatementFilter;
use crate::entity::{article, mention, statement};
use crate::literal_limits::LiteralLimits;
use crate::{Storage, StorageResult};
use quotegraph_domain::PersonId;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Order, Query, SimpleExpr};
use sea_orm::{
    ConnectionTrait, DbBackend, EntityTrait, JoinType, QueryFilter, QueryTrait, TryGetable, Value,
};
use std::collections::HashMap;
use std::hash::Hash;

/// Which mentioned entity an aggregate is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionColumn {
    /// Countries (keyed by ISO code).
    Country,
    /// Organizations (keyed by id).
    Organization,
    /// Agreements (keyed by id).
    Agreement,
}

impl MentionColumn {
    fn column(self) -> mention::Column {
        match self {
            MentionColumn::Country => mention::Column::CountryCode,
            MentionColumn::Organization => mention::Column::OrganizationId,
            MentionColumn::Agreement => mention::Column::AgreementId,
        }
    }
}

/// Mentions of one entity in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Articles published that month that mention it.
    pub articles: u64,
    /// Times those articles mention it.
    pub mentions: u64,
}

fn count(row: &sea_orm::QueryResult, column: &str) -> StorageResult<u64> {
    let n: i64 = row.try_get("", column)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `YYYY-MM` of an article's publication day.
fn month_of_publication(backend: DbBackend) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust("to_char(articles.published_on, 'YYYY-MM')"),
        _ => Expr::cust("substr(articles.published_on, 1, 7)"),
    }
}

impl Storage {
    /// The people quoted most in the statements matching `filter`, most first.
    #[tracing::instrument(skip(self))]
    pub async fn top_speakers(
        &self,
        filter: &StatementFilter,
        limit: u64,
    ) -> StorageResult<Vec<(PersonId, u64)>> {
        let mut query = statement::Entity::find()
            .filter(filter.condition())
            .into_query();
        let speaker = Expr::col((statement::Entity, statement::Column::SpeakerId));
        query
            .clear_selects()
            .expr_as(speaker.clone(), Alias::new("speaker"))
            .expr_as(Func::count(Expr::col(Asterisk)), Alias::new("n"))
            .and_where(speaker.clone().is_not_null())
            .group_by_col((statement::Entity, statement::Column::SpeakerId))
            .order_by(Alias::new("n"), Order::Desc)
            .order_by(Alias::new("speaker"), Order::Asc)
            .limit(limit);
        let rows = self.db.query_all(&LiteralLimits(&query)).await?;
        rows.iter()
            .map(|r| Ok((PersonId(r.try_get("", "speaker")?), count(r, "n")?)))
            .collect()
    }

    /// For each country, the other countries its articles mention, with how many
    /// articles mention both, most first.
    #[tracing::instrument(skip(self))]
    pub async fn co_mentioned_countries(
        &self,
        codes: &[String],
    ) -> StorageResult<HashMap<String, Vec<(String, u64)>>> {
        if codes.is_empty() {
            return Ok(HashMap::new());
        }
        let (m1, m2) = (Alias::new("m1"), Alias::new("m2"));
        let code = |t: &Alias| Expr::col((t.clone(), mention::Column::CountryCode));
        let article_of = |t: &Alias| Expr::col((t.clone(), mention::Column::ArticleId));
        let query = Query::select()
            .expr_as(code(&m1), Alias::new("parent"))
            .expr_as(code(&m2), Alias::new("other"))
            .expr_as(Expr::cust("COUNT(DISTINCT m1.article_id)"), Alias::new("n"))
            .from_as(mention::Entity, m1.clone())
            .join_as(
                JoinType::InnerJoin,
                mention::Entity,
                m2.clone(),
                article_of(&m2).equals((m1.clone(), mention::Column::ArticleId)),
            )
            .and_where(code(&m1).is_in(codes.iter().cloned()))
            .and_where(code(&m2).is_not_null())
            .and_where(code(&m2).ne(code(&m1)))
            .group_by_columns([
                (m1.clone(), mention::Column::CountryCode),
                (m2.clone(), mention::Column::CountryCode),
            ])
            .order_by(Alias::new("n"), Order::Desc)
            .order_by(Alias::new("other"), Order::Asc)
            .to_owned();
        let rows = self.db.query_all(&query).await?;
        let mut out: HashMap<String, Vec<(String, u64)>> = HashMap::new();
        for r in &rows {
            out.entry(r.try_get("", "parent")?)
                .or_default()
                .push((r.try_get("", "other")?, count(r, "n")?));
        }
        Ok(out)
    }

    /// For each entity, per month of publication: how many articles mention it and how
    /// often, oldest month first.
    #[tracing::instrument(skip(self))]
    pub async fn mentions_by_month<K>(
        &self,
        of: MentionColumn,
        keys: &[K],
    ) -> StorageResult<HashMap<K, Vec<MonthCount>>>
    where
        K: Clone + Eq + Hash + Into<Value> + TryGetable + std::fmt::Debug,
    {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let month = month_of_publication(self.db.get_database_backend());
        let query = Query::select()
            .expr_as(
                Expr::col((mention::Entity, of.column())),
                Alias::new("parent"),
            )
            .expr_as(month.clone(), Alias::new("month"))
            .expr_as(
                Func::count(Expr::col((mention::Entity, mention::Column::Id))),
                Alias::new("articles"),
            )
            .expr_as(
                Expr::cust("CAST(SUM(mentions.count) AS BIGINT)"),
                Alias::new("mentions"),
            )
            .from(mention::Entity)
            .inner_join(
                article::Entity,
                Expr::col((article::Entity, article::Column::Id))
                    .equals((mention::Entity, mention::Column::ArticleId)),
            )
            .and_where(Expr::col((mention::Entity, of.column())).is_in(keys.iter().cloned()))
            .and_where(Expr::col((article::Entity, article::Column::PublishedOn)).is_not_null())
            .add_group_by([Expr::col((mention::Entity, of.column())), month])
            .order_by(Alias::new("month"), Order::Asc)
            .to_owned();
        let rows = self.db.query_all(&query).await?;
        let mut out: HashMap<K, Vec<MonthCount>> = HashMap::new();
        for r in &rows {
            let entry = MonthCount {
                month: r.try_get("", "month")?,
                articles: count(r, "articles")?,
                mentions: count(r, "mentions")?,
            };
            out.entry(r.try_get("", "parent")?).or_default().push(entry);
        }
        Ok(out)
    }

    /// For each entity, the people quoted in articles that mention it, with how many of
    /// their statements stand there, most first.
    #[tracing::instrument(skip(self))]
    pub async fn speakers_about<K>(
        &self,
        of: MentionColumn,
        keys: &[K],
    ) -> StorageResult<HashMap<K, Vec<(PersonId, u64)>>>
    where
        K: Clone + Eq + Hash + Into<Value> + TryGetable + std::fmt::Debug,
    {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let speaker = Expr::col((statement::Entity, statement::Column::SpeakerId));
        let query = Query::select()
            .expr_as(
                Expr::col((mention::Entity, of.column())),
                Alias::new("parent"),
            )
            .expr_as(speaker.clone(), Alias::new("speaker"))
            .expr_as(
                Func::count(Expr::col((statement::Entity, statement::Column::Id))),
                Alias::new("n"),
            )
            .from(statement::Entity)
            .inner_join(
                mention::Entity,
                Expr::col((mention::Entity, mention::Column::ArticleId))
                    .equals((statement::Entity, statement::Column::ArticleId)),
            )
            .and_where(Expr::col((mention::Entity, of.column())).is_in(keys.iter().cloned()))
            .and_where(speaker.is_not_null())
            .add_group_by([
                Expr::col((mention::Entity, of.column())),
                Expr::col((statement::Entity, statement::Column::SpeakerId)),
            ])
            .order_by(Alias::new("n"), Order::Desc)
            .order_by(Alias::new("speaker"), Order::Asc)
            .to_owned();
        let rows = self.db.query_all(&query).await?;
        let mut out: HashMap<K, Vec<(PersonId, u64)>> = HashMap::new();
        for r in &rows {
            out.entry(r.try_get("", "parent")?)
                .or_default()
                .push((PersonId(r.try_get("", "speaker")?), count(r, "n")?));
        }
        Ok(out)
    }
}

/// A mentioned entity, for aggregates asked of several kinds at once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityKey {
    /// A country, by ISO code.
    Country(String),
    /// An organization, by id.
    Organization(i64),
    /// An agreement, by id.
    Agreement(i64),
}

fn split(keys: &[EntityKey]) -> (Vec<String>, Vec<i64>, Vec<i64>) {
    let (mut codes, mut organizations, mut agreements) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        match key {
            EntityKey::Country(code) => codes.push(code.clone()),
            EntityKey::Organization(id) => organizations.push(*id),
            EntityKey::Agreement(id) => agreements.push(*id),
        }
    }
    (codes, organizations, agreements)
}

fn merge<K, V>(
    out: &mut HashMap<EntityKey, V>,
    found: HashMap<K, V>,
    key: impl Fn(K) -> EntityKey,
) {
    out.extend(found.into_iter().map(|(k, v)| (key(k), v)));
}

impl Storage {
    /// [`Storage::mentions_by_month`] for entities of any kind: one statement per kind.
    pub async fn mentions_by_month_of(
        &self,
        keys: &[EntityKey],
    ) -> StorageResult<HashMap<EntityKey, Vec<MonthCount>>> {
        let (codes, organizations, agreements) = split(keys);
        let mut out = HashMap::new();
        merge(
            &mut out,
            self.mentions_by_month(MentionColumn::Country, &codes)
                .await?,
            EntityKey::Country,
        );
        merge(
            &mut out,
            self.mentions_by_month(MentionColumn::Organization, &organizations)
                .await?,
            EntityKey::Organization,
        );
        merge(
            &mut out,
            self.mentions_by_month(MentionColumn::Agreement, &agreements)
                .await?,
            EntityKey::Agreement,
        );
        Ok(out)
    }

    /// [`Storage::speakers_about`] for entities of any kind: one statement per kind.
    pub async fn speakers_about_of(
        &self,
        keys: &[EntityKey],
    ) -> StorageResult<HashMap<EntityKey, Vec<(PersonId, u64)>>> {
        let (codes, organizations, agreements) = split(keys);
        let mut out = HashMap::new();
        merge(
            &mut out,
            self.speakers_about(MentionColumn::Country, &codes).await?,
            EntityKey::Country,
        );
        merge(
            &mut out,
            self.speakers_about(MentionColumn::Organization, &organizations)
                .await?,
            EntityKey::Organization,
        );
        merge(
            &mut out,
            self.speakers_about(MentionColumn::Agreement, &agreements)
                .await?,
            EntityKey::Agreement,
        );
        Ok(out)
    }
}
