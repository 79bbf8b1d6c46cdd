//! Rows read by column position. Reading a column by name costs, for every value of every
//! row, building the prefixed name and looking it up among the result's columns (twice,
//! in sqlx's checks). Here the positions of a model's columns are found by name once, on
//! the first row of a result, and every row is then read by index.
//!
//! sqlx also checks every value's type against the Rust type it decodes to; for a text
//! column on PostgreSQL that is six type comparisons a value, a quarter of the time spent
//! decoding a page's rows (BENCHMARKS.md). A PostgreSQL result gives each column one type
//! for all its rows, so once a model has been read checked from one row of a result, its
//! values in the later rows are decoded without the check. SQLite types each value on its
//! own, and its checks are cheap: there every value is checked.

use crate::{StorageError, StorageResult};
use sea_orm::sqlx::postgres::Postgres;
use sea_orm::sqlx::{Decode, Row, Type};
use sea_orm::{DbErr, QueryResult, TryGetable};
use std::marker::PhantomData;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// A model that can be read from a row given the positions of its columns.
pub(crate) trait ByPosition: Sized {
    /// The type of its key column.
    type Key: Cell;

    /// Its column names, in the order [`ByPosition::read`] takes their positions; the first
    /// is its key, NULL only when a LEFT JOIN found no row.
    const COLUMNS: &'static [&'static str];

    /// The model from `row`, whose columns are at `at`, in [`ByPosition::COLUMNS`] order.
    fn read(row: &QueryResult, at: &[usize], check: Check) -> Result<Self, DbErr>;
}

/// A value of one column: read through sea-orm, or decoded from a PostgreSQL row directly.
pub(crate) trait Cell: TryGetable + for<'r> Decode<'r, Postgres> + Type<Postgres> {}

impl<T> Cell for T where T: TryGetable + for<'r> Decode<'r, Postgres> + Type<Postgres> {}

/// Whether a value's type is checked against its column's as it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Checked: the first row of a result, and every row on SQLite.
    Types,
    /// Not checked again on PostgreSQL: an earlier row of the same result passed.
    Passed,
}

/// The value of `row` at `at`.
pub(crate) fn cell<T: Cell>(row: &QueryResult, at: usize, check: Check) -> Result<T, DbErr> {
    if check == Check::Passed
        && let Some(row) = row.try_as_pg_row()
    {
        return row
            .try_get_unchecked(at)
            .map_err(|e| DbErr::Type(format!("column {at}: {e}")));
    }
    row.try_get_by_index(at)
}

/// Where the columns of `M`, named `prefix` + column, are in the rows of one result,
/// found on the first row read.
pub(crate) struct Positions<M> {
    prefix: String,
    at: OnceLock<Vec<usize>>,
    /// Whether a row of this result has been read with its types checked.
    checked: AtomicBool,
    model: PhantomData<fn() -> M>,
}

impl<M: ByPosition> Positions<M> {
    /// The columns of `M` named `prefix` + column.
    pub(crate) fn prefixed(prefix: &str) -> Self {
        Positions {
            prefix: prefix.to_owned(),
            at: OnceLock::new(),
            checked: AtomicBool::new(false),
            model: PhantomData,
        }
    }

    /// The columns of `M` under their own names.
    pub(crate) fn plain() -> Self {
        Self::prefixed("")
    }

    /// The model in `row`.
    pub(crate) fn read(&self, row: &QueryResult) -> StorageResult<M> {
        self.read_at(row, self.positions(row)?, self.check())
    }

    /// The model in `row`, or `None` when its key is NULL (a LEFT JOIN found nothing).
    pub(crate) fn read_joined(&self, row: &QueryResult) -> StorageResult<Option<M>> {
        let at = self.positions(row)?;
        let key = at.first().copied().ok_or_else(|| no_columns::<M>())?;
        let check = self.check();
        match cell::<Option<M::Key>>(row, key, check)? {
            Some(_) => Ok(Some(self.read_at(row, at, check)?)),
            None => Ok(None),
        }
    }

    fn check(&self) -> Check {
        if self.checked.load(Ordering::Relaxed) {
            Check::Passed
        } else {
            Check::Types
        }
    }

    /// The model at `at` in `row`; once it has been read checked, later rows are not.
    fn read_at(&self, row: &QueryResult, at: &[usize], check: Check) -> StorageResult<M> {
        let model = M::read(row, at, check)?;
        self.checked.store(true, Ordering::Relaxed);
        Ok(model)
    }

    fn positions(&self, row: &QueryResult) -> StorageResult<&[usize]> {
        let at = found_once(&self.at, || {
            let names = row.column_names();
            M::COLUMNS
                .iter()
                .map(|column| position(&names, &self.prefix, column))
                .collect()
        })?;
        Ok(at)
    }
}

/// One column of the rows of a result, by name, its position found on the first row read.
pub(crate) struct Column {
    name: &'static str,
    at: OnceLock<usize>,
}

impl Column {
    /// The column called `name`.
    pub(crate) const fn named(name: &'static str) -> Self {
        Column {
            name,
            at: OnceLock::new(),
        }
    }

    /// Its value in `row`.
    pub(crate) fn read<T: TryGetable>(&self, row: &QueryResult) -> StorageResult<T> {
        let at = found_once(&self.at, || position(&row.column_names(), "", self.name))?;
        Ok(row.try_get_by_index(*at)?)
    }
}

/// What `cell` holds, found by `find` the first time it is asked for.
fn found_once<T>(cell: &OnceLock<T>, find: impl FnOnce() -> StorageResult<T>) -> StorageResult<&T> {
    if let Some(found) = cell.get() {
        return Ok(found);
    }
    let found = find()?;
    Ok(cell.get_or_init(|| found))
}

fn position(names: &[String], prefix: &str, column: &str) -> StorageResult<usize> {
    names
        .iter()
        .position(|name| {
            name.len() == prefix.len() + column.len()
                && name.starts_with(prefix)
                && name.ends_with(column)
        })
        .ok_or_else(|| StorageError::Corrupt(format!("no column {prefix}{column} in the row")))
}

fn no_columns<M>() -> StorageError {
    StorageError::Corrupt(format!("{} has no columns", std::any::type_name::<M>()))
}

/// Implements [`ByPosition`] for entity models, from their field names (each the name of
/// its column); the first field listed is the key.
macro_rules! by_position {
    ($($entity:ident ($key:ty) { $($field:ident),+ $(,)? })+) => {$(
        impl ByPosition for crate::entity::$entity::Model {
            type Key = $key;

            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn read(row: &QueryResult, at: &[usize], check: Check) -> Result<Self, DbErr> {
                let mut at = at.iter().copied();
                let mut next = || {
                    at.next().ok_or_else(|| {
                        DbErr::Type(format!("too few positions for {}", stringify!($entity)))
                    })
                };
                Ok(Self { $($field: cell(row, next()?, check)?),+ })
            }
        }
    )+};
}

by_position! {
    statement (i64) {
        id, article_id, speaker_id, text, text_key, kind, speaker_phrase, speaker_title,
        span_start, span_end, section, said_on, confidence, origin, attribution_rule,
    }
    article (i64) {
        id, title, url, content_hash, published_at, published_on, published_sort, script,
        body, raw_text, category, editor, source_id, reprinted_from, hosted_by, related_from,
    }
    source (i64) { id, name, name_hans, name_key }
    person (i64) { id, name, name_hant, name_en, country_code }
    country (String) { code, name_hans, name_hant, name_en }
    organization (i64) { id, name, name_key, abbreviation, abbreviation_key }
    agreement (i64) { id, name, name_key, abbreviation, abbreviation_key, kind }
    audit_entry (i64) { id, at_us, actor, mutation, before, after }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use super::*;
    use crate::entity::{
        agreement, article, audit_entry, country, organization, person, source, statement,
    };
    use sea_orm::{ConnectionTrait, Database, EntityTrait, Iterable, PrimaryKeyToColumn};

    /// `COLUMNS` names every column of the entity, its primary key first.
    fn covers<E: EntityTrait>()
    where
        E::Model: ByPosition,
    {
        let mut listed: Vec<&str> = <E::Model as ByPosition>::COLUMNS.to_vec();
        let key = E::PrimaryKey::iter()
            .next()
            .expect("a primary key")
            .into_column();
        assert_eq!(listed[0], sea_orm::IdenStatic::as_str(&key));
        let mut columns: Vec<&str> = E::Column::iter()
            .map(|c| sea_orm::IdenStatic::as_str(&c))
            .collect();
        listed.sort_unstable();
        columns.sort_unstable();
        assert_eq!(listed, columns, "{}", std::any::type_name::<E>());
    }

    #[test]
    fn every_model_read_by_position_lists_all_its_columns_key_first() {
        covers::<statement::Entity>();
        covers::<article::Entity>();
        covers::<source::Entity>();
        covers::<person::Entity>();
        covers::<country::Entity>();
        covers::<organization::Entity>();
        covers::<agreement::Entity>();
        covers::<audit_entry::Entity>();
    }

    async fn rows(sql: &str) -> Vec<QueryResult> {
        let db = Database::connect("sqlite::memory:").await.expect("opens");
        db.query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .expect("the query runs")
    }

    #[tokio::test]
    async fn a_joined_model_is_read_wherever_its_columns_are() {
        let rows = rows(
            "SELECT 'x' AS other, '新华社' AS qs_name, 7 AS qs_id, 'xhs' AS qs_name_key, \
             '新华社' AS qs_name_hans \
             UNION ALL SELECT 'y', NULL, NULL, NULL, NULL",
        )
        .await;
        let sources = Positions::<source::Model>::prefixed("qs_");
        let first = sources.read_joined(&rows[0]).expect("reads");
        assert_eq!(
            first,
            Some(source::Model {
                id: 7,
                name: "新华社".into(),
                name_hans: "新华社".into(),
                name_key: "xhs".into(),
            })
        );
        assert_eq!(sources.read_joined(&rows[1]).expect("reads"), None);
        let other = Column::named("other");
        let others: Vec<String> = rows
            .iter()
            .map(|row| other.read(row).expect("reads"))
            .collect();
        assert_eq!(others, ["x", "y"]);
    }

    #[tokio::test]
    async fn a_missing_column_is_named_in_the_error() {
        let rows = rows("SELECT 1 AS id, 'a' AS name, 'a' AS name_hans").await;
        let error = Positions::<source::Model>::plain()
            .read(&rows[0])
            .expect_err("name_key is missing");
        assert!(error.to_string().contains("no column name_key"), "{error}");
    }

    #[tokio::test]
    async fn types_are_checked_until_a_row_of_the_model_has_been_read() {
        let rows = rows(
            "SELECT NULL AS qs_id, NULL AS qs_name, NULL AS qs_name_hans, NULL AS qs_name_key \
             UNION ALL SELECT 7, '新华社', '新华社', 'xhs'",
        )
        .await;
        let sources = Positions::<source::Model>::prefixed("qs_");
        assert_eq!(sources.read_joined(&rows[0]).expect("reads"), None);
        assert_eq!(
            sources.check(),
            Check::Types,
            "a missing row checks nothing"
        );
        assert!(sources.read_joined(&rows[1]).expect("reads").is_some());
        assert_eq!(sources.check(), Check::Passed);
    }

    #[tokio::test]
    async fn a_value_of_the_wrong_type_in_the_first_row_is_an_error() {
        let rows = rows("SELECT 1 AS id, 2 AS name, 'a' AS name_hans, 'a' AS name_key").await;
        let sources = Positions::<source::Model>::plain();
        assert!(sources.read(&rows[0]).is_err(), "an integer is not a name");
        assert_eq!(sources.check(), Check::Types);
    }

    #[tokio::test]
    async fn a_prefix_does_not_match_a_longer_or_unprefixed_name() {
        let rows = rows("SELECT 1 AS id, 2 AS qs_id, 3 AS xqs_id").await;
        let id = Column::named("qs_id");
        assert_eq!(id.read::<i64>(&rows[0]).expect("reads"), 2);
        assert!(position(&["id".into(), "xqs_id".into()], "qs_", "id").is_err());
    }
}
