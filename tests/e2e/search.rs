//! `search`: both scripts, ranked, highlighted, paged, and safe against hostile input.

use quotegraph_tests::seeds::{article_text, gold_articles};
use quotegraph_tests::{TestApp, assert_no_errors, backends, on_each_backend, postgres_backend};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const SEARCH: &str = "query($q: String!, $first: Int, $after: String, $filter: ArticleFilterInput) { search(query: $q, first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { snippet matchedIn score article { title } statement { text speaker { name } } } } } }";

async fn import_samples(app: &TestApp) {
    for gold in gold_articles() {
        let text = article_text(gold["file"].as_str().expect("a file"));
        let response = app
            .admin(
                "mutation($t: String!) { importArticle(input: { text: $t }) { created } }",
                json!({ "t": text }),
            )
            .await;
        assert_no_errors(&response);
    }
}

async fn search(app: &TestApp, variables: Value) -> Value {
    let response = app.query(SEARCH, variables).await;
    assert_no_errors(&response);
    response["data"]["search"].clone()
}

fn titles(result: &Value) -> BTreeSet<String> {
    result["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["node"]["article"]["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_query_finds_both_scripts_with_highlighted_snippets() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let all: BTreeSet<String> = gold_articles()
            .iter()
            .filter_map(|g| g["title"].as_str().map(str::to_owned))
            .collect();
        for q in ["国际合作", "國際合作"] {
            let result = search(&app, json!({ "q": q })).await;
            assert_eq!(titles(&result), all, "{q}");
            assert_eq!(result["totalCount"], 2);
            for edge in result["edges"].as_array().into_iter().flatten() {
                let snippet = edge["node"]["snippet"].as_str().unwrap_or_default();
                assert!(
                    snippet.contains("<mark>") && snippet.contains("</mark>"),
                    "{snippet}"
                );
            }
        }
        let putin = search(&app, json!({ "q": "普京" })).await;
        let traditional: BTreeSet<String> = gold_articles()
            .iter()
            .filter(|g| g["script"] == "hant")
            .filter_map(|g| g["title"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(titles(&putin), traditional);
    })
    .await;
}

#[tokio::test]
async fn a_hit_inside_a_quote_names_the_statement_and_its_speaker() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let result = search(&app, json!({ "q": "亚太自由贸易区" })).await;
        let statement = &result["edges"][0]["node"]["statement"];
        assert!(
            statement["text"]
                .as_str()
                .unwrap_or_default()
                .contains("亚太自由贸易区"),
            "{result:#}"
        );
        assert_eq!(statement["speaker"]["name"], "习近平");
    })
    .await;
}

#[tokio::test]
async fn results_page_with_cursors_and_filter_by_source() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let first = search(&app, json!({ "q": "合作", "first": 1 })).await;
        assert_eq!(first["pageInfo"]["hasNextPage"], true);
        let second = search(
            &app,
            json!({ "q": "合作", "first": 1, "after": first["pageInfo"]["endCursor"] }),
        )
        .await;
        assert_eq!(second["pageInfo"]["hasNextPage"], false);
        let both: BTreeSet<String> = titles(&first).union(&titles(&second)).cloned().collect();
        assert_eq!(both.len(), 2);
        let filtered = search(
            &app,
            json!({ "q": "合作", "filter": { "source": "环球网" } }),
        )
        .await;
        assert_eq!(filtered["totalCount"], 1);
    })
    .await;
}

/// The best hit of `q` as seen by `app`: its article's id and title, and the total.
async fn best_hit(app: &TestApp, q: &str) -> (Value, Value, Value) {
    let response = app
        .query(
            "query($q: String!) { search(query: $q, first: 1) { totalCount edges { node { article { id title } } } } }",
            json!({ "q": q }),
        )
        .await;
    assert_no_errors(&response);
    let result = &response["data"]["search"];
    let article = &result["edges"][0]["node"]["article"];
    (
        result["totalCount"].clone(),
        article["id"].clone(),
        article["title"].clone(),
    )
}

/// Servers keep search rankings between requests; a write through one server must reach
/// the next search of every other server on the database.
#[tokio::test]
async fn a_search_sees_what_another_server_wrote_since_the_last_one() {
    for backend in backends() {
        let apps = TestApp::spawn_together(&backend, 2).await;
        let (reader, writer) = (&apps[0], &apps[1]);
        assert_eq!(best_hit(reader, "合作").await.0, 0);
        import_samples(writer).await;
        let (total, best, title) = best_hit(reader, "合作").await;
        assert_eq!(total, 2, "{backend:?}: the import reached the reader");
        assert_eq!(
            best_hit(reader, "合作").await,
            (total, best.clone(), title.clone())
        );

        let deleted = writer
            .admin(
                "mutation($a: ID!) { deleteArticle(article: $a) { deletedId } }",
                json!({ "a": best }),
            )
            .await;
        assert_no_errors(&deleted);
        let (total, now_best, now_title) = best_hit(reader, "合作").await;
        assert_eq!(total, 1, "{backend:?}: the deletion reached the reader");
        assert_ne!((now_best, now_title), (best, title));
    }
}

#[tokio::test]
async fn hostile_queries_are_plain_text_or_bad_input_never_internal() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        for q in [
            "\"",
            "NEAR(a b",
            "*",
            "a' OR 1=1 --",
            "(",
            "国际\" OR \"x",
            "合作*",
            "-合作",
            "合作 AND OR NOT",
            "\u{0}",
        ] {
            let response = app.query(SEARCH, json!({ "q": q })).await;
            match response["errors"][0]["extensions"]["code"].as_str() {
                None => assert!(
                    response["data"]["search"]["edges"].is_array(),
                    "{q}: {response:#}"
                ),
                Some(code) => assert_eq!(code, "BAD_USER_INPUT", "{q}: {response:#}"),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn articles_filter_by_mentioned_country_and_organization() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let count = |filter: Value| {
            let app = &app;
            async move {
                let response = app
                    .query(
                        "query($f: ArticleFilterInput) { articles(filter: $f) { totalCount } }",
                        json!({ "f": filter }),
                    )
                    .await;
                assert_no_errors(&response);
                response["data"]["articles"]["totalCount"]
                    .as_u64()
                    .unwrap_or(u64::MAX)
            }
        };
        assert_eq!(count(json!({ "country": "KR" })).await, 1);
        assert_eq!(count(json!({ "country": "kh" })).await, 2);
        assert_eq!(count(json!({ "organization": "世衛組織" })).await, 1);
        assert_eq!(
            count(json!({ "organization": "WHO", "script": "HANS" })).await,
            0
        );
        let filtered = search(&app, json!({ "q": "合作", "filter": { "country": "KR" } })).await;
        assert_eq!(filtered["totalCount"], 1);
    })
    .await;
}

/// The large text columns, by table: an article's text and its search document.
const COMPRESSED_COLUMNS: [(&str, &str); 3] = [
    ("articles", "body"),
    ("articles", "raw_text"),
    ("search_documents", "tsv"),
];

#[tokio::test]
async fn postgres_stores_article_text_and_search_documents_compressed_with_lz4() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    let app = TestApp::spawn(&backend, None).await;
    let db = Database::connect(app.database_url())
        .await
        .expect("a second connection");
    let lz4_offered = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT 1 AS offered FROM pg_settings \
             WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)",
        ))
        .await
        .expect("pg_settings answers")
        .is_some();
    for (table, column) in COMPRESSED_COLUMNS {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT attcompression::text AS method FROM pg_attribute \
                     WHERE attrelid = '{table}'::regclass AND attname = '{column}'"
                ),
            ))
            .await
            .expect("pg_attribute answers")
            .expect("the column exists");
        let method: String = row.try_get("", "method").expect("a method");
        let expected = if lz4_offered { "l" } else { "" };
        assert_eq!(method, expected, "{table}.{column}");
    }
}
