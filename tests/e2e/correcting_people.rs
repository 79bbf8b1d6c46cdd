//! Corrections of people: merging two spellings of one name, aliases, names and country.
//! Each is checked for what it does, what it refuses (and that a refusal writes nothing),
//! and the audit entry it leaves.

use quotegraph_tests::curation::{MISSPELLED, RIGHT, audit_entries, newsroom, person_id};
use quotegraph_tests::{TestApp, assert_no_errors, backends, first_error};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const MERGE: &str = "mutation($into: ID!, $from: ID!) { mergePeople(into: $into, from: $from) { person { id name aliases } } }";
const ADD_ALIAS: &str = "mutation($p: ID!, $a: String!) { addPersonAlias(person: $p, alias: $a) { person { id aliases } } }";
const REMOVE_ALIAS: &str = "mutation($p: ID!, $a: String!) { removePersonAlias(person: $p, alias: $a) { person { id aliases } } }";
const UPDATE: &str = "mutation($p: ID!, $input: UpdatePersonInput!) { updatePerson(id: $p, input: $input) { person { id name nameHant nameEn country { code } aliases } } }";
const STATEMENTS_OF: &str = "query($name: String!) { person(name: $name) { id statements { totalCount nodes { text } } } statements(filter: { speaker: $name }) { totalCount } }";

fn texts(person: &Value) -> BTreeSet<String> {
    person["statements"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["text"].as_str().map(str::to_owned))
        .collect()
}

async fn spawn(backend: &quotegraph_tests::Backend) -> TestApp {
    TestApp::spawn_with_roles(backend, false).await
}

#[tokio::test]
async fn after_merging_two_spellings_all_statements_by_the_person_answer_to_either_name() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let response = app
            .editor(MERGE, json!({ "into": n.right, "from": n.misspelled }))
            .await;
        assert_no_errors(&response);
        let merged = &response["data"]["mergePeople"]["person"];
        assert_eq!(merged["id"], n.right.as_str());
        let aliases: Vec<&str> = merged["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(aliases.contains(&MISSPELLED), "{aliases:?}");

        let all = BTreeSet::from([
            "合作共赢。".to_owned(),
            "互利互惠。".into(),
            "和平发展。".into(),
        ]);
        for name in [RIGHT, MISSPELLED, "汪文斌"] {
            let response = app.query(STATEMENTS_OF, json!({ "name": name })).await;
            assert_no_errors(&response);
            let person = &response["data"]["person"];
            assert_eq!(person["id"], n.right.as_str(), "asked as {name}");
            assert_eq!(person["statements"]["totalCount"], 3, "asked as {name}");
            assert_eq!(texts(person), all, "asked as {name}");
            assert_eq!(
                response["data"]["statements"]["totalCount"], 3,
                "asked as {name}"
            );
        }
        // The merged-away id still works, and names the person it was merged into.
        let response = app
            .query(
                "query($id: ID!) { node(id: $id) { id ... on Person { name } } person(id: $id) { id } }",
                json!({ "id": n.misspelled }),
            )
            .await;
        assert_no_errors(&response);
        assert_eq!(response["data"]["node"]["id"], n.right.as_str());
        assert_eq!(response["data"]["person"]["id"], n.right.as_str());
        let response = app
            .query(
                "query($id: ID!) { node(id: $id) { ... on Article { mentions { people { person { id } count } } } } }",
                json!({ "id": n.second }),
            )
            .await;
        assert_no_errors(&response);
        let mentioned: Vec<&Value> = response["data"]["node"]["mentions"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["person"]["id"])
            .collect();
        assert_eq!(mentioned, vec![&json!(n.right)], "the mention moved too");

        let log = audit_entries(&app, json!({ "target": n.misspelled })).await;
        assert_eq!(log.len(), 1, "{log:#?}");
        let entry = &log[0];
        assert_eq!(entry["mutation"], "mergePeople");
        assert_eq!(entry["actor"], "ed");
        assert_eq!(entry["targets"], json!([n.right, n.misspelled]));
        assert_eq!(entry["before"]["from"]["name"], MISSPELLED);
        assert_eq!(entry["before"]["into"]["name"], RIGHT);
        assert_eq!(entry["after"]["into"]["id"], n.right.as_str());
    }
}

#[tokio::test]
async fn merging_a_person_into_themselves_or_an_unknown_person_is_refused_and_writes_nothing() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let entries = audit_entries(&app, json!({})).await.len();
        let response = app
            .editor(MERGE, json!({ "into": n.right, "from": n.right }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "from".into())
        );
        let unknown = quotegraph_tests::curation::unknown_id("Person");
        let response = app
            .editor(MERGE, json!({ "into": n.right, "from": unknown }))
            .await;
        assert_eq!(first_error(&response).0, "NOT_FOUND", "{response:#}");
        let response = app
            .editor(MERGE, json!({ "into": n.first, "from": n.right }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "into".into())
        );
        assert_ne!(
            person_id(&app, MISSPELLED).await,
            n.right,
            "nothing was merged"
        );
        assert_eq!(audit_entries(&app, json!({})).await.len(), entries);
    }
}

#[tokio::test]
async fn aliases_are_added_and_removed_but_a_persons_own_name_stays() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let response = app
            .editor(ADD_ALIAS, json!({ "p": n.right, "a": "汪發言人" }))
            .await;
        assert_no_errors(&response);
        assert_eq!(
            person_id(&app, "汪发言人").await,
            n.right,
            "found by the alias in either script"
        );

        let response = app
            .editor(ADD_ALIAS, json!({ "p": n.right, "a": MISSPELLED }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "alias".into()),
            "a name of another person: {response:#}"
        );
        let response = app
            .editor(ADD_ALIAS, json!({ "p": n.right, "a": "  " }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "alias".into())
        );
        let response = app
            .editor(REMOVE_ALIAS, json!({ "p": n.right, "a": RIGHT }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "alias".into()),
            "the primary name: {response:#}"
        );
        let response = app
            .editor(REMOVE_ALIAS, json!({ "p": n.right, "a": "从未用过" }))
            .await;
        assert_eq!(
            first_error(&response),
            ("BAD_USER_INPUT".into(), "alias".into())
        );

        let response = app
            .editor(REMOVE_ALIAS, json!({ "p": n.right, "a": "汪发言人" }))
            .await;
        assert_no_errors(&response);
        let response = app
            .query("{ person(name: \"汪发言人\") { id } }", json!({}))
            .await;
        assert_eq!(response["data"]["person"], Value::Null);
        assert_eq!(
            person_id(&app, RIGHT).await,
            n.right,
            "the name still finds them"
        );

        let log = audit_entries(&app, json!({ "target": n.right, "actor": "ed" })).await;
        let done: Vec<&str> = log
            .iter()
            .map(|e| e["mutation"].as_str().unwrap())
            .collect();
        assert_eq!(
            done,
            vec!["addPersonAlias", "removePersonAlias"],
            "refusals leave no entry"
        );
        assert!(
            log[0]["after"]["aliases"]
                .as_array()
                .unwrap()
                .contains(&json!("汪發言人"))
        );
        assert!(
            !log[1]["after"]["aliases"]
                .as_array()
                .unwrap()
                .contains(&json!("汪發言人"))
        );
    }
}

#[tokio::test]
async fn a_person_is_renamed_in_both_scripts_and_english_and_given_a_country() {
    for backend in backends() {
        let app = spawn(&backend).await;
        let n = newsroom(&app).await;
        let p = n.misspelled.as_str();
        let input = json!({ "nameHant": "汪文彬", "nameEn": "Wang Wen-bin", "country": "CN" });
        let response = app.editor(UPDATE, json!({ "p": p, "input": input })).await;
        assert_no_errors(&response);
        let person = &response["data"]["updatePerson"]["person"];
        assert_eq!(person["nameEn"], "Wang Wen-bin");
        assert_eq!(person["country"]["code"], "CN");
        assert_eq!(
            person_id(&app, "wang wen-bin").await,
            p,
            "the English name is an alias"
        );

        let cleared = app
            .editor(UPDATE, json!({ "p": p, "input": { "nameEn": null } }))
            .await;
        assert_no_errors(&cleared);
        assert_eq!(
            cleared["data"]["updatePerson"]["person"]["nameEn"],
            Value::Null
        );

        let refusals = [
            (json!({ "country": "XX" }), "country"),
            (json!({ "name": "" }), "name"),
            (json!({ "nameEn": RIGHT }), "nameEn"),
            (json!({}), "input"),
        ];
        for (input, field) in refusals {
            let response = app.editor(UPDATE, json!({ "p": p, "input": input })).await;
            assert_eq!(
                first_error(&response),
                ("BAD_USER_INPUT".into(), field.into()),
                "{input}: {response:#}"
            );
        }
        let response = app
            .query(
                "query($id: ID!) { person(id: $id) { nameEn country { code } } }",
                json!({ "id": p }),
            )
            .await;
        assert_eq!(
            response["data"]["person"]["country"]["code"], "CN",
            "refusals changed nothing"
        );
        assert_eq!(response["data"]["person"]["nameEn"], Value::Null);
        let log = audit_entries(&app, json!({ "target": p })).await;
        assert_eq!(log.len(), 2, "{log:#?}");
        assert_eq!(log[0]["before"]["country"], Value::Null);
        assert_eq!(log[0]["after"]["country"], "CN");
        assert_eq!(log[1]["before"]["nameEn"], "Wang Wen-bin");
        assert_eq!(log[1]["after"]["nameEn"], Value::Null);
    }
}
