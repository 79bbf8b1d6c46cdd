//! A canonical dump of what a database knows: every row of the knowledge tables as text,
//! with ids replaced by what they point at (an article by its content hash, a person by
//! their names), sorted. Two databases that hold the same knowledge dump the same lines,
//! whatever ids and insertion order they used.

use sea_orm::{ConnectionTrait, Database, Statement};
use std::collections::BTreeMap;

/// A person as the dump names them: names and country, not their id.
const PERSON: &str =
    "COALESCE(p.name || '|' || COALESCE(p.name_en, '') || '|' || COALESCE(p.country_code, ''), '')";

/// What one table holds, by a name, as sorted lines.
pub type Dump = BTreeMap<&'static str, Vec<String>>;

/// One query per table; each selects text columns `c0 … cN`.
fn queries() -> Vec<(&'static str, String)> {
    let person_label = |alias: &str| PERSON.replace("p.", &format!("{alias}."));
    vec![
        ("sources", "SELECT name AS c0, name_hans AS c1, name_key AS c2 FROM sources".into()),
        (
            "people",
            format!(
                "SELECT {} AS c0, COALESCE(p.name_hant, '') AS c1 FROM people p",
                person_label("p")
            ),
        ),
        (
            "person_aliases",
            format!(
                "SELECT {} AS c0, a.alias AS c1, a.alias_key AS c2 FROM person_aliases a JOIN people p ON p.id = a.person_id",
                person_label("p")
            ),
        ),
        (
            "person_roles",
            format!(
                "SELECT {} AS c0, r.title AS c1, COALESCE(r.country_code, '') AS c2, COALESCE(CAST(r.first_seen AS TEXT), '') AS c3, COALESCE(CAST(r.last_seen AS TEXT), '') AS c4 FROM person_roles r JOIN people p ON p.id = r.person_id",
                person_label("p")
            ),
        ),
        (
            "organizations",
            "SELECT name AS c0, COALESCE(abbreviation, '') AS c1 FROM organizations".into(),
        ),
        (
            "agreements",
            "SELECT name AS c0, COALESCE(abbreviation, '') AS c1, kind AS c2 FROM agreements".into(),
        ),
        (
            "agreement_status_changes",
            "SELECT g.name AS c0, s.status AS c1, COALESCE(CAST(s.on_date AS TEXT), '') AS c2 FROM agreement_status_changes s JOIN agreements g ON g.id = s.agreement_id".into(),
        ),
        (
            "agreement_parties",
            "SELECT g.name AS c0, COALESCE(a.country_code, '') AS c1, COALESCE(CAST(a.joined_on AS TEXT), '') AS c2 FROM agreement_parties a JOIN agreements g ON g.id = a.agreement_id".into(),
        ),
        (
            "articles",
            "SELECT a.content_hash AS c0, a.title AS c1, COALESCE(a.url, '') AS c2, COALESCE(a.published_at, '') AS c3, a.script AS c4, COALESCE(s.name, '') AS c5, a.body AS c6, COALESCE(a.reprinted_from, '') AS c7, COALESCE(a.hosted_by, '') AS c8 FROM articles a LEFT JOIN sources s ON s.id = a.source_id".into(),
        ),
        (
            "statements",
            format!(
                "SELECT a.content_hash AS c0, CAST(st.span_start AS TEXT) AS c1, CAST(st.span_end AS TEXT) AS c2, st.text AS c3, st.kind AS c4, {} AS c5, COALESCE(st.speaker_phrase, '') AS c6, COALESCE(st.speaker_title, '') AS c7, st.section AS c8, COALESCE(CAST(st.said_on AS TEXT), '') AS c9, CAST(st.confidence AS TEXT) AS c10, st.origin AS c11, COALESCE(st.attribution_rule, '') AS c12 FROM statements st JOIN articles a ON a.id = st.article_id LEFT JOIN people p ON p.id = st.speaker_id",
                person_label("p")
            ),
        ),
        (
            "mentions",
            format!(
                "SELECT a.content_hash AS c0, COALESCE(m.country_code, '') AS c1, COALESCE(o.name, '') AS c2, COALESCE(g.name, '') AS c3, {} AS c4, CAST(m.count AS TEXT) AS c5, CAST(m.first_offset AS TEXT) AS c6 FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN organizations o ON o.id = m.organization_id LEFT JOIN agreements g ON g.id = m.agreement_id LEFT JOIN people p ON p.id = m.person_id",
                person_label("p")
            ),
        ),
    ]
}

/// The dump of the database at `url`.
pub async fn dump(url: &str) -> Dump {
    let db = Database::connect(url).await.expect("the database opens");
    let backend = db.get_database_backend();
    let mut out = Dump::new();
    for (table, sql) in queries() {
        let rows = db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap_or_else(|e| panic!("dumping {table}: {e}"));
        let mut lines: Vec<String> = rows
            .iter()
            .map(|row| {
                (0..)
                    .map_while(|i| row.try_get::<String>("", &format!("c{i}")).ok())
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        lines.sort();
        out.insert(table, lines);
    }
    db.close().await.ok();
    out
}

/// How many articles the database at `url` holds, or `None` while it cannot say (not
/// created or migrated yet).
pub async fn article_count(url: &str) -> Option<i64> {
    let db = Database::connect(url).await.ok()?;
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM articles",
        ))
        .await
        .ok()
        .flatten();
    db.close().await.ok();
    row?.try_get::<i64>("", "n").ok()
}

/// The lines of `dump` that belong to the articles with these content hashes (rows keyed by
/// an article start with its hash).
pub fn of_articles(dump: &Dump, hashes: &[String]) -> Dump {
    let keyed = ["articles", "statements", "mentions"];
    dump.iter()
        .filter(|(table, _)| keyed.contains(table))
        .map(|(table, lines)| {
            let kept = lines
                .iter()
                .filter(|line| {
                    let hash = line.split('\t').next().unwrap_or_default();
                    hashes.iter().any(|h| h == hash)
                })
                .cloned()
                .collect();
            (*table, kept)
        })
        .collect()
}
