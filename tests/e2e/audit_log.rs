//! The audit log: every change made through the API leaves one entry (actor, time,
//! mutation, targets, before and after) written with it; `auditLog` pages and filters them
//! for admins; and the entries cannot be changed or deleted, not even in SQL.

use quotegraph_tests::curation::{audit_entries, newsroom};
use quotegraph_tests::seeds::article_text;
use quotegraph_tests::{TestApp, assert_no_errors, backends, first_error};
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::{Value, json};

const IMPORT: &str =
    "mutation($text: String!) { importArticle(input: { text: $text }) { created article { id } } }";
const PAGE: &str = "query($after: String) { auditLog(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { mutation } } }";

#[tokio::test]
async fn imports_and_additions_are_logged_with_who_made_them_and_what_they_stored() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let text = article_text("000_54974b06d708aace.txt");
        let response = app.editor(IMPORT, json!({ "text": text })).await;
        assert_no_errors(&response);
        let article = response["data"]["importArticle"]["article"]["id"].clone();
        let again = app.editor(IMPORT, json!({ "text": text })).await;
        assert_eq!(again["data"]["importArticle"]["created"], false);

        let log = audit_entries(&app, json!({})).await;
        assert_eq!(
            log.len(),
            1,
            "importing the same text again wrote nothing: {log:#?}"
        );
        let entry = &log[0];
        assert_eq!(entry["mutation"], "importArticle");
        assert_eq!(entry["actor"], "ed");
        assert_eq!(entry["targets"], json!([article]));
        assert_eq!(entry["before"], Value::Null);
        assert_eq!(entry["after"]["id"], article);
        assert!(
            entry["after"]["statements"].as_u64().unwrap() > 0,
            "{entry:#}"
        );
        assert!(
            entry["at"].as_str().unwrap().contains('T'),
            "RFC 3339: {entry:#}"
        );
    }
}

#[tokio::test]
async fn the_log_is_filtered_by_actor_target_and_time_and_paged() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let n = newsroom(&app).await;
        let response = app
            .editor(
                "mutation($p: ID!) { addPersonAlias(person: $p, alias: \"汪发言人\") { person { id } } }",
                json!({ "p": n.right }),
            )
            .await;
        assert_no_errors(&response);

        let all = audit_entries(&app, json!({})).await;
        let done: Vec<&str> = all
            .iter()
            .map(|e| e["mutation"].as_str().unwrap())
            .collect();
        assert_eq!(done, vec!["addArticle", "addArticle", "addPersonAlias"]);
        assert_eq!(
            audit_entries(&app, json!({ "actor": "admin" })).await.len(),
            2
        );
        assert_eq!(audit_entries(&app, json!({ "actor": "ed" })).await.len(), 1);
        assert_eq!(
            audit_entries(&app, json!({ "actor": "nobody" }))
                .await
                .len(),
            0
        );
        assert_eq!(
            audit_entries(&app, json!({ "target": n.first }))
                .await
                .len(),
            1
        );

        let last = all[2]["at"].as_str().unwrap();
        let since = audit_entries(&app, json!({ "from": last })).await;
        assert_eq!(since.len(), 1, "{since:#?}");
        let until = audit_entries(&app, json!({ "to": all[1]["at"] })).await;
        assert_eq!(until.len(), 2, "{until:#?}");
        let response = app
            .admin(
                "query($f: AuditFilterInput) { auditLog(filter: $f) { totalCount } }",
                json!({ "f": { "from": last, "to": all[0]["at"] } }),
            )
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "filter.to".into())
        );
        let response = app
            .admin(
                "query($f: AuditFilterInput) { auditLog(filter: $f) { totalCount } }",
                json!({ "f": { "target": "not an id" } }),
            )
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "filter.target".into())
        );

        let first = app.admin(PAGE, json!({})).await;
        assert_no_errors(&first);
        let page = &first["data"]["auditLog"];
        assert_eq!(page["totalCount"], 3);
        assert_eq!(page["nodes"].as_array().unwrap().len(), 2);
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        let next = app
            .admin(PAGE, json!({ "after": page["pageInfo"]["endCursor"] }))
            .await;
        assert_eq!(
            next["data"]["auditLog"]["nodes"],
            json!([{ "mutation": "addPersonAlias" }])
        );
    }
}

#[tokio::test]
async fn entries_cannot_be_changed_or_deleted_even_in_sql() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        newsroom(&app).await;
        let db = Database::connect(app.database_url())
            .await
            .expect("a second connection");
        let backend = db.get_database_backend();
        for sql in [
            "UPDATE audit_entries SET actor = 'someone else'",
            "DELETE FROM audit_entries",
            "DELETE FROM audit_targets",
        ] {
            let refused = db.execute_raw(Statement::from_string(backend, sql)).await;
            assert!(refused.is_err(), "{sql} was allowed");
        }
        let log = audit_entries(&app, json!({})).await;
        assert_eq!(log.len(), 2);
        assert!(log.iter().all(|e| e["actor"] == "admin"));
    }
}
