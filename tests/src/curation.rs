//! A small newsroom for the tests of corrections: one spokesman written two ways across
//! two articles, and a quoted term taken for a quote, entered through `addArticle`.

use crate::{TestApp, assert_no_errors};
use serde_json::{Value, json};

/// The spokesman, spelled right.
pub const RIGHT: &str = "汪文斌";
/// The spokesman, misspelled by the second article.
pub const MISSPELLED: &str = "汪文彬";
/// The body of the first article.
pub const FIRST_BODY: &str = "外交部发言人汪文斌表示:“合作共赢。”他还说:“互利互惠。”";
/// The body of the second article, which also quotes a term.
pub const SECOND_BODY: &str = "发言人汪文彬指出:“和平发展。”双方同意开通“快捷通道”。";

/// The ids the newsroom was stored under.
#[derive(Debug, Clone)]
pub struct Newsroom {
    /// The first article.
    pub first: String,
    /// The second article.
    pub second: String,
    /// The person spelled right.
    pub right: String,
    /// The person misspelled.
    pub misspelled: String,
    /// 合作共赢。 (first article, by the person spelled right).
    pub cooperation: String,
    /// 和平发展。 (second article, by the misspelled person).
    pub peace: String,
    /// 快捷通道 (second article, a term taken for a quote).
    pub term: String,
}

fn quote(text: &str, speaker: Option<&str>) -> Value {
    match speaker {
        Some(name) => json!({ "text": text, "kind": "DIRECT", "speaker": { "name": name } }),
        None => json!({ "text": text, "kind": "DIRECT" }),
    }
}

/// Stores the newsroom with the admin token and returns its ids.
pub async fn newsroom(app: &TestApp) -> Newsroom {
    let first = app
        .add_article(json!({
            "title": "外交部例行记者会",
            "body": FIRST_BODY,
            "statements": [quote("合作共赢。", Some(RIGHT)), quote("互利互惠。", Some(RIGHT))],
        }))
        .await;
    let second = app
        .add_article(json!({
            "title": "发言人谈合作",
            "body": SECOND_BODY,
            "statements": [quote("和平发展。", Some(MISSPELLED)), quote("快捷通道", None)],
        }))
        .await;
    let statement = |article: &str, text: &str| {
        let (article, text) = (article.to_owned(), text.to_owned());
        async move { statement_id(app, &article, &text).await }
    };
    Newsroom {
        right: person_id(app, RIGHT).await,
        misspelled: person_id(app, MISSPELLED).await,
        cooperation: statement(&first, "合作共赢。").await,
        peace: statement(&second, "和平发展。").await,
        term: statement(&second, "快捷通道").await,
        first,
        second,
    }
}

/// The id of the person known by `name`.
pub async fn person_id(app: &TestApp, name: &str) -> String {
    let response = app
        .query(
            "query($name: String!) { person(name: $name) { id } }",
            json!({ "name": name }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["person"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{name} is known: {response:#}"))
        .to_owned()
}

/// The id of the statement of `article` with `text`.
pub async fn statement_id(app: &TestApp, article: &str, text: &str) -> String {
    let response = app
        .query(
            "query($id: ID!) { node(id: $id) { ... on Article { statements { nodes { id text } } } } }",
            json!({ "id": article }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["node"]["statements"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["text"] == text)
        .and_then(|s| s["id"].as_str())
        .unwrap_or_else(|| panic!("{text} is a statement: {response:#}"))
        .to_owned()
}

/// A statement as the corrections tests read it back.
pub const STATEMENT_FIELDS: &str = "id text kind origin span { start end } speaker { id name } extracted { text kind speaker { name } }";

/// The statement with `id` (null when there is none).
pub async fn statement(app: &TestApp, id: &str) -> Value {
    let query = format!("query($id: ID!) {{ statement(id: $id) {{ {STATEMENT_FIELDS} }} }}");
    let response = app.query(&query, json!({ "id": id })).await;
    assert_no_errors(&response);
    response["data"]["statement"].clone()
}

/// The texts of every statement stored, sorted.
pub async fn all_statement_texts(app: &TestApp) -> Vec<String> {
    let response = app
        .query("{ statements(first: 100) { nodes { text } } }", json!({}))
        .await;
    assert_no_errors(&response);
    let mut texts: Vec<String> = response["data"]["statements"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["text"].as_str().map(str::to_owned))
        .collect();
    texts.sort();
    texts
}

/// The audit log as the admin reads it: (mutation, actor, targets) of every entry, oldest first.
pub async fn audit_entries(app: &TestApp, filter: Value) -> Vec<Value> {
    let response = app
        .admin(
            "query($filter: AuditFilterInput) { auditLog(filter: $filter, first: 100) { totalCount nodes { id at actor mutation targets before after } } }",
            json!({ "filter": filter }),
        )
        .await;
    assert_no_errors(&response);
    let log = &response["data"]["auditLog"];
    let nodes = log["nodes"].as_array().cloned().unwrap_or_default();
    assert_eq!(log["totalCount"], nodes.len(), "{response:#}");
    nodes
}

/// A well-formed global id of `kind` that names nothing.
pub fn unknown_id(kind: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:987654"))
}
