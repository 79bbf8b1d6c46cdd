//! Automatic persisted queries (Apollo's APQ): a hash alone runs a document sent before with
//! it, over POST and GET; an unknown hash asks for the document; a wrong hash is refused.

use quotegraph_tests::{RawResponse, TestApp, on_each_backend};
use serde_json::{Value, json};

const QUERY: &str = "{ articles(first: 1) { totalCount } }";
/// SHA-256 of QUERY, in hex.
const HASH: &str = "c1fc49605679ec4952385036ed751969ee1849e7776cd9d2cc2b47137e92e343";
const STRICT: &str = "application/graphql-response+json";

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

async fn post(app: &TestApp, body: Value) -> RawResponse {
    let headers = [("accept", STRICT), ("content-type", "application/json")];
    let bytes = serde_json::to_vec(&body).expect("JSON");
    app.raw(reqwest::Method::POST, "/graphql", &headers, Some(bytes))
        .await
}

async fn get(app: &TestApp, parameters: &str) -> RawResponse {
    let path = format!("/graphql?{parameters}");
    app.raw(reqwest::Method::GET, &path, &[("accept", STRICT)], None)
        .await
}

fn encoded(value: &Value) -> String {
    value
        .to_string()
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn code(response: &RawResponse) -> Value {
    response.json()["errors"][0]["extensions"]["code"].clone()
}

async fn hits_and_misses(app: &TestApp) -> (String, String) {
    let (_, metrics) = app.get("/metrics").await;
    let find = |result: &str| {
        metrics
            .lines()
            .find_map(|line| {
                line.strip_prefix(&format!(
                    "quotegraph_persisted_queries_total{{result=\"{result}\"}} "
                ))
            })
            .unwrap_or_default()
            .to_owned()
    };
    (find("hit"), find("miss"))
}

#[tokio::test]
async fn a_hash_runs_the_document_sent_with_it_before_over_post_and_get() {
    assert_eq!(quotegraph_tests::sha256_hex(QUERY), HASH);
    on_each_backend(|app| async move {
        let unknown = post(&app, json!({ "extensions": persisted(HASH) })).await;
        assert_eq!(unknown.status, 400);
        assert_eq!(code(&unknown), "PERSISTED_QUERY_NOT_FOUND");
        assert_eq!(
            unknown.json()["errors"][0]["message"],
            "PersistedQueryNotFound"
        );

        let first = post(
            &app,
            json!({ "query": QUERY, "extensions": persisted(HASH) }),
        )
        .await;
        assert_eq!(first.status, 200, "{}", first.text());
        assert_eq!(first.json()["data"]["articles"]["totalCount"], 0);

        let again = post(&app, json!({ "extensions": persisted(HASH) })).await;
        assert_eq!(again.status, 200, "{}", again.text());
        assert_eq!(again.json()["data"]["articles"]["totalCount"], 0);

        let over_get = get(&app, &format!("extensions={}", encoded(&persisted(HASH)))).await;
        assert_eq!(over_get.status, 200, "{}", over_get.text());
        assert_eq!(over_get.json()["data"]["articles"]["totalCount"], 0);
        assert_eq!(
            hits_and_misses(&app).await,
            ("2".to_owned(), "1".to_owned())
        );
    })
    .await;
}

#[tokio::test]
async fn a_document_that_does_not_match_its_hash_is_refused() {
    on_each_backend(|app| async move {
        let wrong = "0".repeat(64);
        let refused = post(
            &app,
            json!({ "query": QUERY, "extensions": persisted(&wrong) }),
        )
        .await;
        assert_eq!(refused.status, 400);
        assert_eq!(code(&refused), "BAD_USER_INPUT");
        for extension in [
            json!({ "persistedQuery": { "version": 2, "sha256Hash": HASH } }),
            json!({ "persistedQuery": { "version": 1, "sha256Hash": "not hex" } }),
            json!({ "persistedQuery": "a string" }),
        ] {
            let refused = post(&app, json!({ "extensions": extension })).await;
            assert_eq!(refused.status, 400, "{extension}");
            assert_eq!(code(&refused), "BAD_USER_INPUT", "{extension}");
        }
    })
    .await;
}

#[tokio::test]
async fn documents_that_fail_validation_or_limits_are_not_kept() {
    on_each_backend(|app| async move {
        for query in ["{ noSuchField }", "{ ...A } fragment A on Query { ...A }"] {
            let hash = quotegraph_tests::sha256_hex(query);
            let sent = post(
                &app,
                json!({ "query": query, "extensions": persisted(&hash) }),
            )
            .await;
            assert_eq!(sent.status, 400, "{query}");
            let alone = post(&app, json!({ "extensions": persisted(&hash) })).await;
            assert_eq!(code(&alone), "PERSISTED_QUERY_NOT_FOUND", "{query}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_persisted_mutation_is_not_run_over_get() {
    on_each_backend(|app| async move {
        let mutation = "mutation { __typename }";
        let hash = quotegraph_tests::sha256_hex(mutation);
        let auth = format!("Bearer {}", quotegraph_tests::ADMIN_TOKEN);
        let headers = [
            ("accept", STRICT),
            ("content-type", "application/json"),
            ("authorization", auth.as_str()),
        ];
        let body = json!({ "query": mutation, "extensions": persisted(&hash) });
        let bytes = serde_json::to_vec(&body).expect("JSON");
        let posted = app
            .raw(reqwest::Method::POST, "/graphql", &headers, Some(bytes))
            .await;
        assert_eq!(posted.status, 200, "{}", posted.text());
        let over_get = get(&app, &format!("extensions={}", encoded(&persisted(&hash)))).await;
        assert_eq!(over_get.status, 405);
    })
    .await;
}
