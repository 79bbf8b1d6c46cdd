//! Kept counts stay exact through every kind of write: imports, corrections, merges and
//! deletions. After each step the tallies equal a fresh count of the rows, and the
//! `totalCount`s they answer equal the number of nodes the same connections list.

use quotegraph_api::reextract::reextract_all;
use quotegraph_storage::Storage;
use quotegraph_tests::curation::newsroom;
use quotegraph_tests::seeds::{add_article_input, gold_articles};
use quotegraph_tests::tallies::assert_counts_kept;
use quotegraph_tests::{TestApp, assert_no_errors, backends};
use serde_json::{Value, json};

const COUNTS: &str = "{
  all: statements(first: 100) { totalCount edges { node { id } } }
  direct: statements(filter: { kind: DIRECT }, first: 100) { totalCount edges { node { id } } }
  indirect: statements(filter: { kind: INDIRECT }, first: 100) { totalCount edges { node { id } } }
  articles(first: 100) { totalCount edges { node { id } } }
  people(first: 100) { edges { node { name statements(first: 100) { totalCount edges { node { id } } } } } }
  sources(first: 100) { edges { node { name articles(first: 100) { totalCount edges { node { id } } } } } }
  country(code: \"CN\") { articles(first: 100) { totalCount edges { node { id } } } }
}";

/// Every connection's `totalCount` against the nodes it lists (each holds under 100).
fn assert_totals_match_nodes(value: &Value, path: &str) {
    match value {
        Value::Object(map) => {
            if let (Some(total), Some(edges)) = (map.get("totalCount"), map.get("edges")) {
                let listed = edges.as_array().map_or(0, Vec::len);
                assert_eq!(
                    total,
                    &json!(listed),
                    "{path}: totalCount against its nodes"
                );
            }
            for (key, inner) in map {
                assert_totals_match_nodes(inner, &format!("{path}.{key}"));
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                assert_totals_match_nodes(inner, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

async fn check(app: &TestApp, after: &str) {
    assert_counts_kept(app.database_url(), after).await;
    let response = app.query(COUNTS, json!({})).await;
    assert_no_errors(&response);
    assert_totals_match_nodes(&response["data"], after);
}

async fn edit(app: &TestApp, query: &str, variables: Value) {
    let response = app.admin(query, variables).await;
    assert_no_errors(&response);
}

#[tokio::test]
async fn kept_counts_follow_imports_corrections_merges_and_deletions() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        check(&app, "an empty database").await;
        for article in gold_articles() {
            app.add_article(add_article_input(&article)).await;
        }
        let n = newsroom(&app).await;
        check(&app, "imports").await;

        let steps = [
            (
                "another speaker",
                "mutation($s: ID!, $p: ID) { setStatementSpeaker(statement: $s, person: $p) { statement { id } } }",
                json!({ "s": n.peace, "p": n.right }),
            ),
            (
                "no speaker",
                "mutation($s: ID!, $p: ID) { setStatementSpeaker(statement: $s, person: $p) { statement { id } } }",
                json!({ "s": n.cooperation, "p": null }),
            ),
            (
                "another kind",
                "mutation($s: ID!) { updateStatement(statement: $s, kind: INDIRECT) { statement { id } } }",
                json!({ "s": n.peace }),
            ),
            (
                "a term taken out",
                "mutation($s: ID!) { markAsTerm(statement: $s) { removedId } }",
                json!({ "s": n.term }),
            ),
            (
                "a statement deleted",
                "mutation($s: ID!) { deleteStatement(statement: $s) { removedId } }",
                json!({ "s": n.peace }),
            ),
            (
                "a merge",
                "mutation($into: ID!, $from: ID!) { mergePeople(into: $into, from: $from) { person { id } } }",
                json!({ "into": n.right, "from": n.misspelled }),
            ),
            (
                "an article deleted",
                "mutation($a: ID!) { deleteArticle(article: $a) { deletedId } }",
                json!({ "a": n.first }),
            ),
        ];
        for (after, query, variables) in steps {
            edit(&app, query, variables).await;
            check(&app, &format!("{backend:?}: {after}")).await;
        }
        let storage = Storage::connect(app.database_url())
            .await
            .expect("the database opens");
        reextract_all(&storage, 1)
            .await
            .expect("re-extraction runs");
        check(&app, &format!("{backend:?}: re-extraction")).await;
    }
}
