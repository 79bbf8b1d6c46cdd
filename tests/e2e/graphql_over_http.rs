//! GraphQL over HTTP: which media type answers which `Accept`, which status code each kind
//! of failure gets, and that every error still carries `extensions.code`. graphql-http's
//! audit (`.ci/graphql-http-audit`) checks the same rules from outside.

use quotegraph_tests::{ADD_ARTICLE, RawResponse, TestApp, on_each_backend};
use reqwest::Method;
use serde_json::{Value, json};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

async fn post(app: &TestApp, accept: Option<&str>, body: &Value) -> RawResponse {
    let mut headers = vec![("content-type", JSON)];
    headers.extend(accept.map(|accept| ("accept", accept)));
    let body = serde_json::to_vec(body).expect("JSON");
    app.raw(Method::POST, "/graphql", &headers, Some(body))
        .await
}

fn assert_every_error_has_a_code(body: &Value) {
    let errors = body["errors"].as_array().expect("errors");
    assert!(!errors.is_empty());
    for error in errors {
        assert!(error["extensions"]["code"].is_string(), "{body:#}");
    }
}

#[tokio::test]
async fn each_accept_header_is_answered_in_its_media_type_and_others_get_406() {
    on_each_backend(|app| async move {
        let query = json!({ "query": "{ __typename }" });
        for (accept, expected) in [
            (Some(GRAPHQL_RESPONSE_JSON), GRAPHQL_RESPONSE_JSON),
            (Some(JSON), JSON),
            (Some("*/*"), JSON),
            (None, JSON),
            (
                Some("application/graphql-response+json, application/json;q=0.9"),
                GRAPHQL_RESPONSE_JSON,
            ),
        ] {
            let response = post(&app, accept, &query).await;
            assert_eq!(response.status, 200, "{accept:?}");
            assert!(
                response.content_type.starts_with(&format!("{expected};")),
                "{accept:?} answered as {}",
                response.content_type
            );
            assert_eq!(response.json()["data"]["__typename"], "Query");
        }
        let response = post(&app, Some("text/html"), &query).await;
        assert_eq!(response.status, 406);
        assert_every_error_has_a_code(&response.json());
    })
    .await;
}

#[tokio::test]
async fn request_errors_are_400_without_data_in_graphql_response_json_and_200_in_json() {
    on_each_backend(|app| async move {
        for request in [
            json!({ "query": "{" }),
            json!({ "query": "{ noSuchField }" }),
            json!({ "query": "query($id: ID!) { __typename }", "variables": { "id": null } }),
            json!({ "query": "query A { __typename } query B { __typename }" }),
            json!({ "query": "query($n: Int!) { articles(first: $n) { totalCount } }" }),
            json!({ "query": "query($n: Int!) { articles(first: $n) { totalCount } }", "variables": { "n": "x" } }),
        ] {
            let strict = post(&app, Some(GRAPHQL_RESPONSE_JSON), &request).await;
            assert_eq!(strict.status, 400, "{request}: {}", strict.text());
            let body = strict.json();
            assert!(body.get("data").is_none(), "{body:#}");
            assert_every_error_has_a_code(&body);

            let legacy = post(&app, Some(JSON), &request).await;
            assert_eq!(legacy.status, 200, "{request}: {}", legacy.text());
            let body = legacy.json();
            assert!(body.get("data").is_none(), "{body:#}");
            assert_every_error_has_a_code(&body);
        }
    })
    .await;
}

#[tokio::test]
async fn executed_requests_are_200_with_data_even_when_a_field_fails() {
    on_each_backend(|app| async move {
        let mutation = json!({ "query": ADD_ARTICLE, "variables": { "input": { "title": "t", "body": "b" } } });
        for accept in [GRAPHQL_RESPONSE_JSON, JSON] {
            let response = post(&app, Some(accept), &mutation).await;
            assert_eq!(response.status, 200, "{}", response.text());
            let body = response.json();
            assert!(body.get("data").is_some(), "{body:#}");
            assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        }
    })
    .await;
}

#[tokio::test]
async fn what_is_not_a_graphql_request_is_refused_with_its_status_and_a_code() {
    on_each_backend(|app| async move {
        let refused = |response: RawResponse, status: u16| {
            assert_eq!(response.status, status, "{}", response.text());
            assert!(
                response.content_type.starts_with(JSON),
                "{}",
                response.content_type
            );
            assert_every_error_has_a_code(&response.json());
            response
        };
        let json_body = [("content-type", JSON)];
        for body in [
            &br#"{ "not a JSON"#[..],
            br#"{"qeury":"{ __typename }"}"#,
            br#"{"query":0}"#,
            br#"{"query":"{ __typename }","variables":"string"}"#,
            br#"{"query":"{ __typename }","operationName":false}"#,
            b"",
        ] {
            let response = app
                .raw(Method::POST, "/graphql", &json_body, Some(body.to_vec()))
                .await;
            refused(response, 400);
        }
        let query = br#"{"query":"{ __typename }"}"#.to_vec();
        let response = app
            .raw(Method::POST, "/graphql", &[], Some(query.clone()))
            .await;
        refused(response, 415);
        let text = [("content-type", "text/plain")];
        refused(
            app.raw(Method::POST, "/graphql", &text, Some(query)).await,
            415,
        );

        let mutation = "/graphql?query=mutation%20%7B%20__typename%20%7D";
        let response = refused(app.raw(Method::GET, mutation, &[], None).await, 405);
        assert_eq!(response.allow, "POST");

        let oversized = vec![b' '; 5 << 20];
        let response = app
            .raw(Method::POST, "/graphql", &json_body, Some(oversized))
            .await;
        let response = refused(response, 413);
        assert_eq!(
            response.json()["errors"][0]["extensions"]["code"],
            "LIMIT_EXCEEDED"
        );
    })
    .await;
}

#[tokio::test]
async fn graphiql_loads_only_embedded_assets_with_long_cache_headers() {
    on_each_backend(|app| async move {
        let page = app.raw(Method::GET, "/graphiql", &[], None).await;
        assert_eq!(page.status, 200);
        assert!(page.content_type.starts_with("text/html"));
        let html = page.text();
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{html}"
        );
        let assets: Vec<&str> = html
            .split('"')
            .filter(|part| part.starts_with("/graphiql/assets/"))
            .collect();
        assert_eq!(assets.len(), 6, "{html}");
        for path in assets {
            let asset = app.raw(Method::GET, path, &[], None).await;
            assert_eq!(asset.status, 200, "{path}");
            let expected = if path.ends_with(".js") {
                "text/javascript"
            } else {
                "text/css"
            };
            assert!(
                asset.content_type.starts_with(expected),
                "{path}: {}",
                asset.content_type
            );
            if path.contains("quotegraph-") {
                assert_eq!(asset.cache_control, "no-cache", "{path}");
            } else {
                assert!(asset.cache_control.contains("immutable"), "{path}");
            }
        }
        let missing = app
            .raw(Method::GET, "/graphiql/assets/nope.js", &[], None)
            .await;
        assert_eq!(missing.status, 404);
    })
    .await;
}
