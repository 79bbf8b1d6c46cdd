//! Counts kept as rows are written, so the common `totalCount`s are one indexed read.
//!
//! The `tallies` table holds one row per (subject, item): how many statements there are of
//! a kind, by a speaker, how many articles a source has, how many mentions a country has.
//! Triggers keep it in the same transaction as every insert, update and delete of the
//! counted tables, whatever writes them (imports, mutations, corrections, cascades), so a
//! tally is exact whenever its rows are visible. This module is the one table of what is
//! counted, and the SQL the migration and the drift check make from it.

use sea_orm::DbBackend;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

/// One kept count: the rows of a table, in total or per value of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Tally {
    /// Every statement.
    Statements,
    /// Statements per kind (`direct`, `indirect`).
    StatementsOfKind,
    /// Statements per speaker id.
    StatementsBySpeaker,
    /// Every article.
    Articles,
    /// Articles per source id.
    ArticlesOfSource,
    /// Mention rows per country code.
    MentionsOfCountry,
    /// Mention rows per organization id.
    MentionsOfOrganization,
    /// Mention rows per agreement id.
    MentionsOfAgreement,
    /// Mention rows per person id.
    MentionsOfPerson,
}

/// A counted table and what is counted of it.
struct Counted {
    table: &'static str,
    tallies: &'static [(Tally, Option<&'static str>)],
}

/// Every kept count, by the table it counts; `None` counts all rows.
const COUNTED: [Counted; 3] = [
    Counted {
        table: "statements",
        tallies: &[
            (Tally::Statements, None),
            (Tally::StatementsOfKind, Some("kind")),
            (Tally::StatementsBySpeaker, Some("speaker_id")),
        ],
    },
    Counted {
        table: "articles",
        tallies: &[
            (Tally::Articles, None),
            (Tally::ArticlesOfSource, Some("source_id")),
        ],
    },
    Counted {
        table: "mentions",
        tallies: &[
            (Tally::MentionsOfCountry, Some("country_code")),
            (Tally::MentionsOfOrganization, Some("organization_id")),
            (Tally::MentionsOfAgreement, Some("agreement_id")),
            (Tally::MentionsOfPerson, Some("person_id")),
        ],
    },
];

impl Tally {
    /// The value of the `subject` column for this count.
    pub(crate) fn subject(self) -> &'static str {
        match self {
            Tally::Statements => "statements",
            Tally::StatementsOfKind => "statements.kind",
            Tally::StatementsBySpeaker => "statements.speaker_id",
            Tally::Articles => "articles",
            Tally::ArticlesOfSource => "articles.source_id",
            Tally::MentionsOfCountry => "mentions.country_code",
            Tally::MentionsOfOrganization => "mentions.organization_id",
            Tally::MentionsOfAgreement => "mentions.agreement_id",
            Tally::MentionsOfPerson => "mentions.person_id",
        }
    }

    /// The kept count of `item` as a scalar sub-select: NULL when nothing is counted.
    pub(crate) fn kept_count(self, item: &str) -> Expr {
        let count = Query::select()
            .column(Alias::new("n"))
            .from(Alias::new("tallies"))
            .and_where(Expr::col(Alias::new("subject")).eq(self.subject()))
            .and_where(Expr::col(Alias::new("item")).eq(item))
            .to_owned();
        Expr::SubQuery(None, Box::new(count.into()))
    }
}

/// The item of a whole-table count.
pub(crate) const WHOLE_TABLE: &str = "";

/// Where a trigger reads the changed rows from.
#[derive(Clone, Copy)]
enum Rows<'a> {
    /// A table (or PostgreSQL transition table) of that name: one delta per row in it.
    Table(&'a str),
    /// SQLite's `NEW` or `OLD` row of a row-level trigger.
    Row(&'a str),
}

/// One `SELECT subject, item, n` per count of `counted`, for the rows of `rows`, each
/// counting `sign`, joined with `UNION ALL`.
fn deltas(counted: &Counted, rows: Rows<'_>, sign: i64) -> String {
    let parts: Vec<String> = counted
        .tallies
        .iter()
        .map(|(tally, column)| {
            let subject = tally.subject();
            let (from, prefix) = match rows {
                Rows::Table(name) => (format!(" FROM {name}"), String::new()),
                Rows::Row(row) => (String::new(), format!("{row}.")),
            };
            match column {
                None => format!(
                    "SELECT '{subject}' AS subject, '{WHOLE_TABLE}' AS item, {sign} AS n{from}"
                ),
                Some(column) => format!(
                    "SELECT '{subject}' AS subject, CAST({prefix}{column} AS TEXT) AS item, \
                     {sign} AS n{from} WHERE {prefix}{column} IS NOT NULL"
                ),
            }
        })
        .collect();
    parts.join(" UNION ALL ")
}

/// Adds the summed `deltas` to the tallies, in a fixed order of rows so that two writers
/// lock the rows they share in the same order.
fn apply(deltas: &str) -> String {
    format!(
        "INSERT INTO tallies (subject, item, n) \
         SELECT subject, item, SUM(n) FROM ({deltas}) AS d WHERE true \
         GROUP BY subject, item HAVING SUM(n) <> 0 ORDER BY subject, item \
         ON CONFLICT (subject, item) DO UPDATE SET n = tallies.n + excluded.n"
    )
}

/// The statements that create the `tallies` table, fill it from the rows already stored,
/// and install the triggers that keep it.
pub(crate) fn install(backend: DbBackend) -> Vec<String> {
    let mut sql = vec![
        "CREATE TABLE tallies (
            subject VARCHAR(64) NOT NULL,
            item VARCHAR(64) NOT NULL,
            n BIGINT NOT NULL,
            PRIMARY KEY (subject, item)
        )"
        .to_owned(),
    ];
    for counted in &COUNTED {
        sql.push(apply(&deltas(counted, Rows::Table(counted.table), 1)));
        sql.extend(match backend {
            DbBackend::Postgres => postgres_triggers(counted),
            _ => sqlite_triggers(counted),
        });
    }
    sql
}

/// The statements that remove the tallies and their triggers.
pub(crate) fn uninstall(backend: DbBackend) -> Vec<String> {
    let mut sql = Vec::new();
    for counted in &COUNTED {
        for event in EVENTS {
            let name = trigger_name(counted, event);
            sql.push(match backend {
                DbBackend::Postgres => format!("DROP FUNCTION IF EXISTS {name}() CASCADE"),
                _ => format!("DROP TRIGGER IF EXISTS {name}"),
            });
        }
    }
    sql.push("DROP TABLE IF EXISTS tallies".to_owned());
    sql
}

const EVENTS: [&str; 3] = ["insert", "delete", "update"];

fn trigger_name(counted: &Counted, event: &str) -> String {
    format!("tally_{}_{event}", counted.table)
}

/// The deltas of `event`, read from rows named `added` (new rows) and `removed` (old ones),
/// or from SQLite's `NEW` and `OLD`.
fn event_deltas(counted: &Counted, event: &str, added: Rows<'_>, removed: Rows<'_>) -> String {
    match event {
        "insert" => deltas(counted, added, 1),
        "delete" => deltas(counted, removed, -1),
        _ => format!(
            "{} UNION ALL {}",
            deltas(counted, added, 1),
            deltas(counted, removed, -1)
        ),
    }
}

/// Row-level triggers: SQLite has no statement-level ones.
fn sqlite_triggers(counted: &Counted) -> Vec<String> {
    EVENTS
        .iter()
        .map(|event| {
            let body = apply(&event_deltas(
                counted,
                event,
                Rows::Row("NEW"),
                Rows::Row("OLD"),
            ));
            format!(
                "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body}; END",
                name = trigger_name(counted, event),
                event = event.to_uppercase(),
                table = counted.table,
            )
        })
        .collect()
}

/// Statement-level triggers over transition tables: a multi-row insert of a bulk import
/// updates each tally row once, not once per inserted row.
fn postgres_triggers(counted: &Counted) -> Vec<String> {
    let mut sql = Vec::new();
    for event in EVENTS {
        let name = trigger_name(counted, event);
        let body = apply(&event_deltas(
            counted,
            event,
            Rows::Table("added"),
            Rows::Table("removed"),
        ));
        sql.push(format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN {body}; RETURN NULL; END $$"
        ));
        let referencing = match event {
            "insert" => "NEW TABLE AS added",
            "delete" => "OLD TABLE AS removed",
            _ => "OLD TABLE AS removed NEW TABLE AS added",
        };
        sql.push(format!(
            "CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing} \
             FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            event = event.to_uppercase(),
            table = counted.table,
        ));
    }
    sql
}

/// A query of `(subject, item, n)` rows where the kept tallies and a fresh count of the
/// stored rows disagree (a missing tally row counts as 0): empty when the tallies are exact.
pub(crate) fn drift_query() -> String {
    let fresh: Vec<String> = COUNTED
        .iter()
        .map(|counted| deltas(counted, Rows::Table(counted.table), 1))
        .collect();
    let fresh = fresh.join(" UNION ALL ");
    format!(
        "SELECT subject, item, CAST(SUM(n) AS BIGINT) AS n FROM ( \
            SELECT subject, item, n FROM ({fresh}) AS counted \
            UNION ALL SELECT subject, item, -n FROM tallies \
         ) AS d GROUP BY subject, item HAVING SUM(n) <> 0 ORDER BY subject, item"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tally_is_counted_once() {
        let mut subjects: Vec<&str> = COUNTED
            .iter()
            .flat_map(|c| c.tallies.iter().map(|(t, _)| t.subject()))
            .collect();
        let all = subjects.len();
        subjects.sort_unstable();
        subjects.dedup();
        assert_eq!(subjects.len(), all);
        assert!(subjects.iter().all(|s| s.len() <= 64));
    }

    #[test]
    fn a_sqlite_update_trigger_subtracts_the_old_row_and_adds_the_new() {
        let sql = sqlite_triggers(&COUNTED[0]).join("\n");
        assert!(sql.contains(
            "CAST(NEW.speaker_id AS TEXT) AS item, 1 AS n WHERE NEW.speaker_id IS NOT NULL"
        ));
        assert!(sql.contains(
            "CAST(OLD.speaker_id AS TEXT) AS item, -1 AS n WHERE OLD.speaker_id IS NOT NULL"
        ));
    }
}
