//! Roles: reader, editor and admin tokens, each allowed what its role allows. No token or
//! an unknown one is UNAUTHENTICATED; a known token whose role is not enough is FORBIDDEN.

use quotegraph_tests::curation::{audit_entries, newsroom};
use quotegraph_tests::{
    ADD_ARTICLE, ADMIN_TOKEN, EDITOR_TOKEN, READER_TOKEN, TestApp, assert_no_errors, backends,
    first_error,
};
use serde_json::json;

const DELETE_ARTICLE: &str = "mutation($id: ID!) { deleteArticle(article: $id) { deletedId } }";
const AUDIT_LOG: &str = "{ auditLog { totalCount } }";
const ARTICLES: &str = "{ articles { totalCount } }";

fn article() -> serde_json::Value {
    json!({ "input": { "title": "标题", "body": "外交部发言人表示:“合作共赢。”" } })
}

#[tokio::test]
async fn editors_import_and_correct_but_only_admins_delete_and_read_the_audit_log() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let response = app.post(Some(READER_TOKEN), ADD_ARTICLE, article()).await;
        assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
        let response = app.post(Some(EDITOR_TOKEN), ADD_ARTICLE, article()).await;
        assert_no_errors(&response);
        let id = response["data"]["addArticle"]["article"]["id"].clone();

        for token in [READER_TOKEN, EDITOR_TOKEN] {
            let response = app
                .post(Some(token), DELETE_ARTICLE, json!({ "id": id }))
                .await;
            assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
            let response = app.post(Some(token), AUDIT_LOG, json!({})).await;
            assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
        }
        for token in [None, Some("not-a-token")] {
            let response = app.post(token, DELETE_ARTICLE, json!({ "id": id })).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
            let response = app.post(token, AUDIT_LOG, json!({})).await;
            assert_eq!(first_error(&response).0, "UNAUTHENTICATED", "{response:#}");
        }
        let response = app.query(ARTICLES, json!({})).await;
        assert_eq!(
            response["data"]["articles"]["totalCount"], 1,
            "nothing was deleted"
        );

        let response = app
            .post(Some(ADMIN_TOKEN), DELETE_ARTICLE, json!({ "id": id }))
            .await;
        assert_no_errors(&response);
        let log = audit_entries(&app, json!({})).await;
        let done: Vec<(&str, &str)> = log
            .iter()
            .map(|e| {
                (
                    e["mutation"].as_str().unwrap(),
                    e["actor"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            done,
            vec![("addArticle", "ed"), ("deleteArticle", "admin")],
            "refused requests leave no entry"
        );
    }
}

#[tokio::test]
async fn every_correction_is_refused_to_readers_and_anonymous_callers_writing_nothing() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let n = newsroom(&app).await;
        let before = audit_entries(&app, json!({})).await.len();
        let corrections = [
            (
                "mutation($a: ID!, $b: ID!) { mergePeople(into: $a, from: $b) { person { id } } }",
                json!({ "a": n.right, "b": n.misspelled }),
            ),
            (
                "mutation($a: ID!) { addPersonAlias(person: $a, alias: \"汪发言人\") { person { id } } }",
                json!({ "a": n.right }),
            ),
            (
                "mutation($a: ID!) { removePersonAlias(person: $a, alias: \"汪文斌\") { person { id } } }",
                json!({ "a": n.right }),
            ),
            (
                "mutation($a: ID!) { updatePerson(id: $a, input: { nameEn: \"Wang Wenbin\" }) { person { id } } }",
                json!({ "a": n.right }),
            ),
            (
                "mutation($s: ID!) { setStatementSpeaker(statement: $s, person: null) { statement { id } } }",
                json!({ "s": n.cooperation }),
            ),
            (
                "mutation($s: ID!) { updateStatement(statement: $s, kind: INDIRECT) { statement { id } } }",
                json!({ "s": n.cooperation }),
            ),
            (
                "mutation($s: ID!) { markAsTerm(statement: $s) { removedId } }",
                json!({ "s": n.term }),
            ),
            (
                "mutation($s: ID!) { deleteStatement(statement: $s) { removedId } }",
                json!({ "s": n.term }),
            ),
        ];
        for (mutation, variables) in &corrections {
            let response = app
                .post(Some(READER_TOKEN), mutation, variables.clone())
                .await;
            assert_eq!(
                first_error(&response).0,
                "FORBIDDEN",
                "{mutation}: {response:#}"
            );
            let response = app.post(None, mutation, variables.clone()).await;
            assert_eq!(
                first_error(&response).0,
                "UNAUTHENTICATED",
                "{mutation}: {response:#}"
            );
        }
        // Editors may correct but not delete.
        let (delete, variables) = &corrections[7];
        let response = app
            .post(Some(EDITOR_TOKEN), delete, variables.clone())
            .await;
        assert_eq!(first_error(&response).0, "FORBIDDEN", "{response:#}");
        assert_eq!(audit_entries(&app, json!({})).await.len(), before);
        assert_eq!(
            quotegraph_tests::curation::all_statement_texts(&app)
                .await
                .len(),
            4,
            "every statement is still there"
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
