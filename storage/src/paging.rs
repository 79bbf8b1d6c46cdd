//! Keyset pagination: pages are cut by id, never by OFFSET, both for a plain list and for
//! many parents at once (one statement for all parents: a `UNION ALL` of one indexed
//! `LIMIT` per parent), which is what lets a DataLoader answer a nested connection in one
//! statement. A page of a list that has a kept count (`crate::tally`) reads that count as a
//! column of its rows, so its `totalCount` costs no statement of its own.

use crate::StorageResult;
use crate::columns::{ByPosition, Column, Positions};
use crate::literal_limits::LiteralLimits;
use crate::tally::Tally;
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait, IntoColumnRef, Order, Query, SelectStatement, UnionType,
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryResult, QueryTrait, Select, TryGetable, Value};
use std::collections::HashMap;
use std::hash::Hash;

/// Which slice of an id-ordered list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// Only ids greater than this.
    pub after: Option<i64>,
    /// Only ids smaller than this.
    pub before: Option<i64>,
    /// How many items at most.
    pub limit: u64,
    /// Take the last `limit` items of the range instead of the first.
    pub from_end: bool,
}

/// One page of items in ascending id order.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// More items follow the last one.
    pub has_next: bool,
    /// More items precede the first one.
    pub has_previous: bool,
    /// How many items the whole list holds, when its kept count was read with the page
    /// (see [`PerParent::total`]).
    pub total: Option<u64>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            has_next: false,
            has_previous: false,
            total: None,
        }
    }
}

impl<T> Page<T> {
    /// The same page with each item mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            has_next: self.has_next,
            has_previous: self.has_previous,
            total: self.total,
        }
    }

    /// The same page with each item mapped.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, _>>()?,
            has_next: self.has_next,
            has_previous: self.has_previous,
            total: self.total,
        })
    }
}

impl PageRequest {
    /// The order rows are fetched in: ascending, or descending for the last items.
    pub(crate) fn order(&self) -> Order {
        if self.from_end {
            Order::Desc
        } else {
            Order::Asc
        }
    }

    fn restrict(&self, query: &mut SelectStatement, id: impl IntoColumnRef + Clone) {
        if let Some(after) = self.after {
            query.and_where(Expr::col(id.clone()).gt(after));
        }
        if let Some(before) = self.before {
            query.and_where(Expr::col(id).lt(before));
        }
    }

    /// Cuts rows fetched with `limit + 1` into a page in ascending order.
    pub(crate) fn finish<T>(&self, mut rows: Vec<T>) -> Page<T> {
        let more = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        if self.from_end {
            rows.reverse();
            Page {
                items: rows,
                has_previous: more,
                has_next: self.before.is_some(),
                total: None,
            }
        } else {
            Page {
                items: rows,
                has_next: more,
                has_previous: self.after.is_some(),
                total: None,
            }
        }
    }
}

/// One page of `select`, ordered by `id`.
pub(crate) async fn fetch_page<E, C>(
    db: &C,
    select: Select<E>,
    id: impl IntoColumnRef + Clone,
    page: &PageRequest,
) -> StorageResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: ByPosition,
    C: ConnectionTrait,
{
    let model = Positions::<E::Model>::plain();
    fetch_page_with(db, select, id, (page, None), |q| q, |row| model.read(row)).await
}

/// One page of `select`, ordered by `id`, where `wrap` may join the page to other tables
/// (it receives the page as a statement to select from, and must keep its order by id) and
/// `decode` reads each row. `kept` names the kept count of the whole of `select` (a tally
/// and its item), read in the same statement as a column of every row.
pub(crate) async fn fetch_page_with<E, C, T>(
    db: &C,
    select: Select<E>,
    id: impl IntoColumnRef + Clone,
    (page, kept): (&PageRequest, Option<(Tally, &str)>),
    wrap: impl Fn(SelectStatement) -> SelectStatement,
    decode: impl Fn(&QueryResult) -> StorageResult<T>,
) -> StorageResult<Page<T>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut query = select.into_query();
    page.restrict(&mut query, id.clone());
    query.order_by(id, page.order()).limit(page.limit + 1);
    if let Some((tally, item)) = kept {
        query.expr_as(tally.kept_count(item), Alias::new(TOTAL_COLUMN));
    }
    let rows = db.query_all(&LiteralLimits(&wrap(query))).await?;
    let total = match (kept, rows.first()) {
        (Some(_), Some(row)) => Some(read_total(&Column::named(TOTAL_COLUMN), row)?),
        _ => None,
    };
    let items = rows.iter().map(decode).collect::<StorageResult<Vec<_>>>()?;
    Ok(Page {
        total,
        ..page.finish(items)
    })
}

/// Most parents one statement pages through; SQLite allows 500 terms in a compound SELECT.
const PARENTS_PER_STATEMENT: usize = 400;

/// The name of the column that carries each row's parent in a page per parent.
pub(crate) const PARENT_COLUMN: &str = "qg_parent";

/// The name of the column that carries the kept count of a row's parent.
const TOTAL_COLUMN: &str = "qg_total";

/// The kept count a row carries in `column`; NULL (nothing counted yet) is 0.
fn read_total(column: &Column, row: &QueryResult) -> StorageResult<u64> {
    let n: Option<i64> = column.read(row)?;
    Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// One page of `select` for each of `parents`, where `parent` is the column naming the
/// parent of a row: one statement for up to 400 parents, a `UNION ALL` of one
/// `ORDER BY id LIMIT n + 1` per parent, so each parent's page is read straight off the
/// (parent, id) index however many rows the parent has. `total` names the kept count of
/// each parent's rows, read with its page, when `select` is the list that tally counts.
pub(crate) async fn fetch_pages_per_parent<E, C, K>(
    db: &C,
    select: Select<E>,
    (parent, total): (impl IntoColumnRef + Clone, Option<Tally>),
    id: impl IntoColumnRef + Clone,
    parents: &[K],
    page: &PageRequest,
) -> StorageResult<HashMap<K, Page<E::Model>>>
where
    E: EntityTrait,
    E::Model: ByPosition,
    C: ConnectionTrait,
    K: Clone + Eq + Hash + Into<Value> + ToString + TryGetable,
{
    let per_parent = PerParent {
        parent,
        id,
        page,
        total,
    };
    let (parent, model) = (Column::named(PARENT_COLUMN), Positions::<E::Model>::plain());
    per_parent
        .fetch(
            db,
            select,
            parents,
            |q| q,
            |row| Ok((parent.read(row)?, model.read(row)?)),
        )
        .await
}

/// How pages per parent are cut: the parent column, the id column and the page.
pub(crate) struct PerParent<'a, P, I> {
    /// The column naming a row's parent.
    pub parent: P,
    /// The id the pages are ordered by.
    pub id: I,
    /// Which slice of each parent's rows.
    pub page: &'a PageRequest,
    /// The kept count of each parent's rows (all of them, not only the page's), read in the
    /// same statement as a column of every row: a page that has rows then brings its
    /// `totalCount` at no cost.
    pub total: Option<Tally>,
}

impl<P: IntoColumnRef + Clone, I: IntoColumnRef + Clone> PerParent<'_, P, I> {
    /// The pages of `parents`; `wrap` may join the union of pages to other tables (it must
    /// keep each parent's rows in id order), and `decode` reads a row and its parent.
    pub(crate) async fn fetch<C, E, K, T>(
        &self,
        db: &C,
        select: Select<E>,
        parents: &[K],
        wrap: impl Fn(SelectStatement) -> SelectStatement,
        decode: impl Fn(&QueryResult) -> StorageResult<(K, T)>,
    ) -> StorageResult<HashMap<K, Page<T>>>
    where
        E: EntityTrait,
        C: ConnectionTrait,
        K: Clone + Eq + Hash + Into<Value> + ToString,
    {
        let base = select.into_query();
        let mut grouped: HashMap<K, (Vec<T>, Option<u64>)> = HashMap::new();
        let total_column = Column::named(TOTAL_COLUMN);
        for chunk in parents.chunks(PARENTS_PER_STATEMENT) {
            let Some(union) = self.union(&base, chunk) else {
                continue;
            };
            for row in &db.query_all(&LiteralLimits(&wrap(union))).await? {
                let (key, item) = decode(row)?;
                let total = self
                    .total
                    .map(|_| read_total(&total_column, row))
                    .transpose()?;
                let (rows, kept) = grouped.entry(key).or_default();
                rows.push(item);
                *kept = total;
            }
        }
        Ok(grouped
            .into_iter()
            .map(|(key, (rows, total))| {
                let page = Page {
                    total,
                    ..self.page.finish(rows)
                };
                (key, page)
            })
            .collect())
    }

    fn union<K: Clone + Into<Value> + ToString>(
        &self,
        base: &SelectStatement,
        chunk: &[K],
    ) -> Option<SelectStatement> {
        let page = self.page;
        let mut members = chunk.iter().enumerate().map(|(i, key)| {
            let mut inner = base.clone();
            inner
                .and_where(Expr::col(self.parent.clone()).eq(key.clone()))
                .expr_as(Expr::col(self.parent.clone()), Alias::new(PARENT_COLUMN))
                .order_by(self.id.clone(), page.order())
                .limit(page.limit + 1);
            if let Some(tally) = self.total {
                inner.expr_as(tally.kept_count(&key.to_string()), Alias::new(TOTAL_COLUMN));
            }
            page.restrict(&mut inner, self.id.clone());
            Query::select()
                .column(Asterisk)
                .from_subquery(inner, Alias::new(format!("qg_p{i}")))
                .to_owned()
        });
        let mut union = members.next()?;
        for member in members {
            union.union(UnionType::All, member);
        }
        Some(union)
    }
}

/// How many rows of `select` each parent has: one grouped statement.
pub(crate) async fn count_per_parent<E, C, K>(
    db: &C,
    select: Select<E>,
    parent: impl IntoColumnRef + Clone,
    parents: &[K],
) -> StorageResult<HashMap<K, u64>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    K: Clone + Eq + Hash + Into<Value> + TryGetable,
{
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    let mut query = select.into_query();
    query.clear_selects();
    query
        .expr_as(Expr::col(parent.clone()), Alias::new(PARENT_COLUMN))
        .expr_as(Expr::col(Asterisk).count(), Alias::new("qg_count"))
        .and_where(Expr::col(parent.clone()).is_in(parents.iter().cloned()))
        .group_by_col(parent);
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|row| {
            let key: K = row.try_get("", PARENT_COLUMN)?;
            let count: i64 = row.try_get("", "qg_count")?;
            Ok((key, u64::try_from(count).unwrap_or(0)))
        })
        .collect()
}

/// How many rows `select` returns.
pub(crate) async fn count_all<E, C>(db: &C, select: Select<E>) -> StorageResult<u64>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut query = select.into_query();
    query.clear_selects();
    query.expr_as(Expr::col(Asterisk).count(), Alias::new("qg_count"));
    let row = db.query_one(&query).await?;
    let count: i64 = match row {
        Some(row) => row.try_get("", "qg_count")?,
        None => 0,
    };
    Ok(u64::try_from(count).unwrap_or(0))
}
