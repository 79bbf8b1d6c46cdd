//! Roles: reader, editor and admin tokens, each allowed what its role allows. No token or
//! an unknown one is UNAUTHENTICATED; a known token whose role is not enough is FORBIDDEN.

use quotegraph_tests::{
    ADD_ARTICLE, ADMIN_TOKEN, EDITOR_TOKEN, READER_TOKEN, TestApp, assert_no_errors, backends,
    first_error,
};
use serde_json::json;

const ARTICLES: &str = "{ articles { totalCount } }";

fn article() -> serde_json::Value {
    json!({ "input": { "title": "标题", "body": "外交部发言人表示:“合作共赢。”" } })
}

#[tokio::test]
async fn editors_and_admins_add_articles_and_readers_are_forbidden_to() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let response = app.post(Some(READER_TOKEN), ADD_ARTICLE, article()).await;
        assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
        for token in [None, Some("not-a-token")] {
            let response = app.post(token, ADD_ARTICLE, article()).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
        }
        let response = app.query(ARTICLES, json!({})).await;
        assert_eq!(
            response["data"]["articles"]["totalCount"], 0,
            "nothing was written"
        );
        let response = app.post(Some(EDITOR_TOKEN), ADD_ARTICLE, article()).await;
        assert_no_errors(&response);
        let response = app.post(Some(ADMIN_TOKEN), ADD_ARTICLE, article()).await;
        assert_eq!(
            response["data"]["addArticle"]["created"], false,
            "{response:#}"
        );
    }
}

#[tokio::test]
async fn a_private_server_answers_queries_only_to_callers_with_a_token() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, true).await;
        for token in [None, Some("not-a-token")] {
            let response = app.post(token, ARTICLES, json!({})).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
            assert!(response.get("data").is_none(), "{response:#}");
        }
        for token in [READER_TOKEN, EDITOR_TOKEN, ADMIN_TOKEN] {
            let response = app.post(Some(token), ARTICLES, json!({})).await;
            assert_no_errors(&response);
        }
        let response = app.post(Some(READER_TOKEN), ADD_ARTICLE, article()).await;
        assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
    }
}

#[tokio::test]
async fn a_public_server_answers_queries_to_everyone() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        for token in [None, Some("not-a-token"), Some(READER_TOKEN)] {
            let response = app.post(token, ARTICLES, json!({})).await;
            assert_no_errors(&response);
        }
    }
}
