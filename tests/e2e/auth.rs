use quotegraph_tests::{ADD_ARTICLE, ADMIN_TOKEN, TestApp, backends, first_error};
use serde_json::{Value, json};

fn article() -> Value {
    json!({ "input": { "title": "标题", "body": "外交部发言人表示:“合作共赢。”" } })
}

async fn article_count(app: &TestApp) -> u64 {
    let response = app.query("{ articles { totalCount } }", json!({})).await;
    response["data"]["articles"]["totalCount"]
        .as_u64()
        .expect("a count")
}

#[tokio::test]
async fn mutations_without_or_with_a_wrong_token_are_unauthenticated_and_write_nothing() {
    for backend in backends() {
        let app = TestApp::spawn(&backend, Some(ADMIN_TOKEN)).await;
        for token in [None, Some("wrong-token"), Some("")] {
            let response = app.post(token, ADD_ARTICLE, article()).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
        }
        assert_eq!(article_count(&app).await, 0);
        let response = app.post(Some(ADMIN_TOKEN), ADD_ARTICLE, article()).await;
        assert_eq!(
            response["data"]["addArticle"]["created"], true,
            "{response:#}"
        );
    }
}

#[tokio::test]
async fn without_a_configured_token_mutations_are_refused() {
    for backend in backends() {
        let app = TestApp::spawn(&backend, None).await;
        for token in [None, Some(ADMIN_TOKEN), Some("")] {
            let response = app.post(token, ADD_ARTICLE, article()).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
        }
        assert_eq!(article_count(&app).await, 0);
    }
}
