//! Corrections of statements and articles: another speaker, new words or kind, a quoted
//! term taken out, deletions. Each is checked for what it does, what it refuses (and that
//! a refusal writes nothing), and the audit entry it leaves.

use quotegraph_tests::curation::{
    FIRST_BODY, MISSPELLED, RIGHT, all_statement_texts, audit_entries, newsroom, statement,
    unknown_id,
};
use quotegraph_tests::{TestApp, assert_no_errors, backends, first_error};
use serde_json::{Value, json};

const SET_SPEAKER: &str = "mutation($s: ID!, $p: ID) { setStatementSpeaker(statement: $s, person: $p) { statement { id origin speaker { id } } } }";
const UPDATE: &str = "mutation($s: ID!, $text: String, $kind: StatementKind) { updateStatement(statement: $s, text: $text, kind: $kind) { statement { id text kind origin span { start end } } } }";
const MARK_AS_TERM: &str =
    "mutation($s: ID!) { markAsTerm(statement: $s) { removedId article { id } } }";
const DELETE_STATEMENT: &str =
    "mutation($s: ID!) { deleteStatement(statement: $s) { removedId article { id } } }";
const DELETE_ARTICLE: &str = "mutation($a: ID!) { deleteArticle(article: $a) { deletedId } }";

async fn spawn(backend: &quotegraph_tests::Backend) -> TestApp {
    TestApp::spawn_with_roles(backend, false).await
}

#[tokio::test]
async fn a_statement_gets_another_speaker_and_remembers_the_extracted_one() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let response = app
            .editor(SET_SPEAKER, json!({ "s": n.peace, "p": n.right }))
            .await;
        assert_no_errors(&response);
        let stored = statement(&app, &n.peace).await;
        assert_eq!(stored["origin"], "EDITED");
        assert_eq!(stored["speaker"]["name"], RIGHT);
        assert_eq!(stored["extracted"]["speaker"]["name"], MISSPELLED);
        assert_eq!(stored["extracted"]["text"], "和平发展。");
        let response = app
            .query(
                "{ person(name: \"汪文斌\") { statements { totalCount } } }",
                json!({}),
            )
            .await;
        assert_eq!(response["data"]["person"]["statements"]["totalCount"], 3);

        let response = app
            .editor(SET_SPEAKER, json!({ "s": n.peace, "p": null }))
            .await;
        assert_no_errors(&response);
        let stored = statement(&app, &n.peace).await;
        assert_eq!(stored["speaker"], Value::Null, "unattributed");
        assert_eq!(
            stored["extracted"]["speaker"]["name"], MISSPELLED,
            "the extracted speaker is kept from the first correction"
        );

        let log = audit_entries(&app, json!({ "target": n.peace })).await;
        assert_eq!(log.len(), 2, "{log:#?}");
        assert_eq!(log[0]["mutation"], "setStatementSpeaker");
        assert_eq!(log[0]["targets"], json!([n.peace, n.misspelled, n.right]));
        assert_eq!(log[0]["before"]["speaker"], n.misspelled.as_str());
        assert_eq!(log[0]["after"]["speaker"], n.right.as_str());
        assert_eq!(log[0]["after"]["origin"], "edited");
        assert_eq!(log[1]["after"]["speaker"], Value::Null);
    }
}

#[tokio::test]
async fn a_speaker_that_is_unknown_or_a_statement_that_is_unknown_is_refused() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let cases = [
            (
                json!({ "s": n.peace, "p": unknown_id("Person") }),
                "NOT_FOUND",
                "",
            ),
            (
                json!({ "s": unknown_id("Statement"), "p": n.right }),
                "NOT_FOUND",
                "",
            ),
            (
                json!({ "s": n.peace, "p": n.first }),
                "BAD_USER_INPUT",
                "person",
            ),
            (
                json!({ "s": "garbage", "p": n.right }),
                "BAD_USER_INPUT",
                "statement",
            ),
        ];
        for (variables, code, field) in cases {
            let response = app.editor(SET_SPEAKER, variables.clone()).await;
            assert_eq!(
                first_error(&response),
                (code.into(), field.into()),
                "{variables}"
            );
        }
        let stored = statement(&app, &n.peace).await;
        assert_eq!(stored["origin"], "ADMIN", "nothing was written");
        assert_eq!(stored["speaker"]["id"], n.misspelled.as_str());
        assert!(
            audit_entries(&app, json!({ "target": n.peace }))
                .await
                .is_empty()
        );
    }
}

#[tokio::test]
async fn new_words_must_stand_in_the_article_and_move_the_span_to_them() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        for (text, kind) in [
            (json!("在原文里找不到的话"), Value::Null),
            (json!(""), Value::Null),
        ] {
            let response = app
                .editor(
                    UPDATE,
                    json!({ "s": n.cooperation, "text": text, "kind": kind }),
                )
                .await;
            assert_eq!(
                first_error(&response),
                ("BAD_USER_INPUT".into(), "text".into()),
                "{response:#}"
            );
        }
        let response = app.editor(UPDATE, json!({ "s": n.cooperation })).await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "text".into())
        );
        let unchanged = statement(&app, &n.cooperation).await;
        assert_eq!(unchanged["text"], "合作共赢。", "refusals wrote nothing");
        assert_eq!(unchanged["origin"], "ADMIN");

        let response = app
            .editor(
                UPDATE,
                json!({ "s": n.cooperation, "text": "合作共赢", "kind": "INDIRECT" }),
            )
            .await;
        assert_no_errors(&response);
        let stored = statement(&app, &n.cooperation).await;
        assert_eq!(stored["text"], "合作共赢");
        assert_eq!(stored["kind"], "INDIRECT");
        assert_eq!(stored["origin"], "EDITED");
        let start = FIRST_BODY.chars().take_while(|c| *c != '“').count() + 1;
        assert_eq!(stored["span"], json!({ "start": start, "end": start + 4 }));
        assert_eq!(stored["extracted"]["text"], "合作共赢。");
        assert_eq!(stored["extracted"]["kind"], "DIRECT");

        let log = audit_entries(&app, json!({ "target": n.cooperation })).await;
        assert_eq!(log.len(), 1, "{log:#?}");
        assert_eq!(log[0]["mutation"], "updateStatement");
        assert_eq!(log[0]["before"]["text"], "合作共赢。");
        assert_eq!(log[0]["after"]["text"], "合作共赢");
        assert_eq!(log[0]["after"]["kind"], "indirect");
    }
}

#[tokio::test]
async fn a_term_marked_by_hand_and_a_deleted_statement_are_gone_and_logged() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let response = app.editor(MARK_AS_TERM, json!({ "s": n.term })).await;
        assert_no_errors(&response);
        assert_eq!(response["data"]["markAsTerm"]["removedId"], n.term.as_str());
        assert_eq!(
            response["data"]["markAsTerm"]["article"]["id"],
            n.second.as_str()
        );
        assert_eq!(statement(&app, &n.term).await, Value::Null);
        let response = app.editor(MARK_AS_TERM, json!({ "s": n.term })).await;
        assert_eq!(first_error(&response).0, "NOT_FOUND", "{response:#}");

        let response = app.admin(DELETE_STATEMENT, json!({ "s": n.peace })).await;
        assert_no_errors(&response);
        assert_eq!(
            all_statement_texts(&app).await,
            vec!["互利互惠。".to_owned(), "合作共赢。".into()]
        );
        let response = app.admin(DELETE_STATEMENT, json!({ "s": n.peace })).await;
        assert_eq!(first_error(&response).0, "NOT_FOUND");

        let log = audit_entries(&app, json!({ "target": n.second })).await;
        let done: Vec<&str> = log
            .iter()
            .map(|e| e["mutation"].as_str().unwrap())
            .collect();
        assert_eq!(done, vec!["addArticle", "markAsTerm", "deleteStatement"]);
        assert_eq!(log[1]["after"]["term"], "快捷通道");
        assert_eq!(log[2]["before"]["text"], "和平发展。");
        assert_eq!(log[2]["after"], Value::Null);
        assert_eq!(log[2]["actor"], "admin");
    }
}

#[tokio::test]
async fn a_deleted_article_takes_its_statements_mentions_and_search_entry_with_it() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let search = "{ search(query: \"合作共赢\") { totalCount } }";
        assert_eq!(
            app.query(search, json!({})).await["data"]["search"]["totalCount"],
            1
        );

        let response = app.admin(DELETE_ARTICLE, json!({ "a": n.first })).await;
        assert_no_errors(&response);
        assert_eq!(
            response["data"]["deleteArticle"]["deletedId"],
            n.first.as_str()
        );
        let response = app
            .query(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": n.first }),
            )
            .await;
        assert_eq!(response["data"]["node"], Value::Null);
        assert_eq!(statement(&app, &n.cooperation).await, Value::Null);
        assert_eq!(
            app.query(search, json!({})).await["data"]["search"]["totalCount"],
            0
        );
        let response = app
            .query("{ person(name: \"汪文斌\") { statements { totalCount } articles { totalCount } } }", json!({}))
            .await;
        assert_no_errors(&response);
        assert_eq!(response["data"]["person"]["statements"]["totalCount"], 0);
        assert_eq!(
            response["data"]["person"]["articles"]["totalCount"], 0,
            "its mentions went too"
        );
        assert_eq!(
            all_statement_texts(&app).await.len(),
            2,
            "the other article is untouched"
        );

        let response = app.admin(DELETE_ARTICLE, json!({ "a": n.first })).await;
        assert_eq!(first_error(&response).0, "NOT_FOUND");
        let response = app.admin(DELETE_ARTICLE, json!({ "a": n.right })).await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "article".into())
        );

        let log = audit_entries(&app, json!({ "target": n.cooperation })).await;
        let done: Vec<&str> = log
            .iter()
            .map(|e| e["mutation"].as_str().unwrap())
            .collect();
        assert_eq!(
            done,
            vec!["deleteArticle"],
            "found by a statement it took with it"
        );
        assert_eq!(log[0]["before"]["title"], "外交部例行记者会");
        assert_eq!(log[0]["before"]["statements"], 2);
        assert_eq!(log[0]["after"], Value::Null);
    }
}
