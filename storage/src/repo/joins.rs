//! LEFT JOINs of to-one relations: a related row read in the statement that reads the row
//! it belongs to, its columns named `alias_column` so they cannot clash with the parent's.

use crate::columns::{ByPosition, Positions};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, SelectStatement};
use sea_orm::{EntityTrait, Iterable};

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

/// Where the columns of `M` joined as `alias` (by [`select_prefixed`]) are in a result's
/// rows; [`Positions::read_joined`] gives `None` when the LEFT JOIN found nothing.
pub(crate) fn joined<M: ByPosition>(alias: &str) -> Positions<M> {
    Positions::prefixed(&format!("{alias}_"))
}
