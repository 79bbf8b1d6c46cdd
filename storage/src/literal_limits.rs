//! Selects whose LIMIT and OFFSET are written into their SQL on SQLite.
//!
//! SQLite (since 3.47) compiles a select whose LIMIT or OFFSET is a bound parameter with
//! the value bound at the time, and marks the compiled statement to be compiled again
//! whenever that parameter is bound anew. A cached statement is bound on every execution,
//! so every page read parsed and planned its statement again: `sqlite3Reprepare` took 13%
//! of the server's samples while it served pages of statements. Written as literals, the
//! limits give one cached statement per page size, compiled once. PostgreSQL keeps them
//! bound: its prepared statements do not depend on them that way.

use sea_orm::sea_query::{SelectStatement, Value, Values};
use sea_orm::{DbBackend, Statement, StatementBuilder};

/// A select built with literal LIMIT and OFFSET on SQLite, and as it is elsewhere.
pub(crate) struct LiteralLimits<'a>(pub &'a SelectStatement);

impl StatementBuilder for LiteralLimits<'_> {
    fn build(&self, backend: &DbBackend) -> Statement {
        let statement = StatementBuilder::build(self.0, backend);
        match backend {
            DbBackend::Sqlite => with_literal_limits(statement),
            _ => statement,
        }
    }
}

/// `statement` (SQLite, `?` placeholders) with each `LIMIT ?` and `OFFSET ?` whose value
/// is a non-negative integer written as that integer, and its value no longer bound.
fn with_literal_limits(statement: Statement) -> Statement {
    let Some(Values(values)) = statement.values else {
        return statement;
    };
    let mut sql = String::with_capacity(statement.sql.len());
    let mut bound = Vec::with_capacity(values.len());
    let mut values = values.into_iter();
    let mut quote = None;
    for c in statement.sql.chars() {
        match (quote, c) {
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '?') => {
                let value = values.next();
                if let Some(n) = value.as_ref().and_then(|v| literal_limit(&sql, v)) {
                    sql.push_str(&n.to_string());
                    continue;
                }
                bound.extend(value);
            }
            _ => {}
        }
        sql.push(c);
    }
    bound.extend(values);
    Statement {
        sql,
        values: Some(Values(bound)),
        ..statement
    }
}

/// The number to write for a placeholder that follows `sql`, when it is a limit or offset.
fn literal_limit(sql: &str, value: &Value) -> Option<u64> {
    let before = sql.trim_end();
    if !(before.ends_with(" LIMIT") || before.ends_with(" OFFSET")) {
        return None;
    }
    match value {
        Value::BigUnsigned(Some(n)) => Some(*n),
        Value::Unsigned(Some(n)) => Some(u64::from(*n)),
        Value::BigInt(Some(n)) => u64::try_from(*n).ok(),
        Value::Int(Some(n)) => u64::try_from(*n).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::LiteralLimits;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, Value, Values};
    use sea_orm::{DbBackend, StatementBuilder};

    /// `SELECT id FROM notes WHERE (title = 'x?') AND author = ? ORDER BY id LIMIT ? OFFSET ?`.
    fn page_of_notes() -> SelectStatement {
        Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("notes"))
            .and_where(Expr::cust("title = 'x?'"))
            .and_where(Expr::col(Alias::new("author")).eq("ana"))
            .order_by(Alias::new("id"), sea_orm::Order::Asc)
            .limit(21)
            .offset(40)
            .to_owned()
    }

    #[test]
    fn on_sqlite_limit_and_offset_are_written_and_the_rest_stays_bound() {
        let built = LiteralLimits(&page_of_notes()).build(&DbBackend::Sqlite);
        assert_eq!(
            built.sql,
            r#"SELECT "id" FROM "notes" WHERE (title = 'x?') AND "author" = ? ORDER BY "id" ASC LIMIT 21 OFFSET 40"#
        );
        assert_eq!(built.values, Some(Values(vec![Value::from("ana")])));
    }

    #[test]
    fn each_limit_of_a_union_is_written() {
        let mut union = page_of_notes();
        union.union(sea_orm::sea_query::UnionType::All, page_of_notes());
        let built = LiteralLimits(&union).build(&DbBackend::Sqlite);
        assert_eq!(
            built.sql.matches("LIMIT 21 OFFSET 40").count(),
            2,
            "{}",
            built.sql
        );
        assert!(!built.sql.contains("LIMIT ?"), "{}", built.sql);
        assert_eq!(built.values.map(|v| v.0.len()), Some(2), "the two authors");
    }

    #[test]
    fn on_postgresql_limits_stay_bound() {
        let select = page_of_notes();
        let built = LiteralLimits(&select).build(&DbBackend::Postgres);
        assert_eq!(
            built,
            StatementBuilder::build(&select, &DbBackend::Postgres)
        );
        assert!(built.sql.contains("LIMIT $2 OFFSET $3"), "{}", built.sql);
    }
}
