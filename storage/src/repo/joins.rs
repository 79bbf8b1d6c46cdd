//! LEFT JOINs of to-one relations: a related row read in the statement that reads the row
//! it belongs to, its columns named `alias_column` so they cannot clash with the parent's.

use crate::StorageResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, SelectStatement};
use sea_orm::{EntityTrait, FromQueryResult, Iterable, QueryResult, TryGetable};

/// `LEFT JOIN table AS alias ON alias.id = on.0.on.1`.
pub(crate) fn join<E: EntityTrait>(
    query: &mut SelectStatement,
    table: E,
    alias: &str,
    on: (&str, &str),
) {
    join_by(query, table, (alias, "id"), on);
}

/// `LEFT JOIN table AS alias ON alias.key = on.0.on.1`, for a table keyed other than by `id`.
pub(crate) fn join_by<E: EntityTrait>(
    query: &mut SelectStatement,
    table: E,
    (alias, key): (&str, &str),
    on: (&str, &str),
) {
    query.join_as(
        JoinType::LeftJoin,
        table,
        Alias::new(alias),
        Expr::col((Alias::new(alias), Alias::new(key)))
            .equals((Alias::new(on.0), Alias::new(on.1))),
    );
}

/// Every column of `E` from `alias`, named `alias_column`.
pub(crate) fn select_prefixed<E: EntityTrait>(query: &mut SelectStatement, alias: &str) {
    for column in E::Column::iter() {
        let name = sea_orm::IdenStatic::as_str(&column);
        query.expr_as(
            Expr::col((Alias::new(alias), Alias::new(name))),
            Alias::new(format!("{alias}_{name}")),
        );
    }
}

/// The row of `E` joined as `alias`, or `None` when the LEFT JOIN found nothing.
pub(crate) fn joined<E: EntityTrait>(
    row: &QueryResult,
    alias: &str,
) -> StorageResult<Option<E::Model>> {
    joined_by::<E, i64>(row, (alias, "id"))
}

/// The row of `E` joined as `alias` on its `key` column (of type `K`), or `None` when the
/// LEFT JOIN found nothing.
pub(crate) fn joined_by<E: EntityTrait, K: TryGetable>(
    row: &QueryResult,
    (alias, key): (&str, &str),
) -> StorageResult<Option<E::Model>> {
    let prefix = format!("{alias}_");
    let found: Option<K> = row.try_get(&prefix, key)?;
    match found {
        Some(_) => Ok(Some(E::Model::from_query_result(row, &prefix)?)),
        None => Ok(None),
    }
}
