//! Live updates: subscribers over WebSocket hear what is committed, filtered as the queries
//! filter. On PostgreSQL, a statement imported on one server reaches a subscriber of
//! another server on the same database; on every backend, one of the same server.
//!
//! "Nothing else arrives" is checked without waiting for time to pass: after the expected
//! events, a sentinel statement is written, and it must be the next event.

use quotegraph_tests::seeds::article_text;
use quotegraph_tests::ws::{LEGACY_WS, Socket, TRANSPORT_WS};
use quotegraph_tests::{ADMIN_TOKEN, TestApp, assert_no_errors, on_each_backend, postgres_backend};
use serde_json::{Value, json};

const STATEMENT_ADDED: &str = "subscription($filter: StatementFilterInput) { statementAdded(filter: $filter) { id text speaker { name } article { title source { name } } } }";

const ARTICLE_ADDED: &str = "subscription($filter: ArticleFilterInput) { articleAdded(filter: $filter) { id title source { name } } }";

const IMPORT: &str = "mutation($input: ImportArticleInput!) { importArticle(input: $input) { created article { id title source { name } xi: statements(filter: { speaker: \"习近平\" }, first: 100) { edges { node { id } } } all: statements(first: 100) { totalCount } } } }";

/// The traditional-script sample: 習近平 and four other speakers.
const SEED: &str = "003_2243a328981ab1c5.txt";

/// What importing the sample stored.
struct Imported {
    title: String,
    /// The ids of 习近平's statements in it, in the order stored.
    xi: Vec<String>,
}

fn imported(response: &Value) -> Imported {
    assert_no_errors(response);
    let article = &response["data"]["importArticle"]["article"];
    let xi: Vec<String> = article["xi"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|edge| edge["node"]["id"].as_str().expect("an id").to_owned())
        .collect();
    let all = article["all"]["totalCount"].as_u64().expect("a count") as usize;
    assert!(
        !xi.is_empty() && all > xi.len(),
        "the sample quotes 习近平 and others"
    );
    Imported {
        title: article["title"].as_str().expect("a title").to_owned(),
        xi,
    }
}

fn import_input() -> Value {
    json!({ "input": { "text": article_text(SEED) } })
}

/// Adds an article with one statement of 习近平's, the sentinel, and returns its text.
async fn write_sentinel(app: &TestApp) -> String {
    let text = "这是一句只为测试而写的话";
    let body = format!("新华社消息，习近平表示：“{text}。”");
    app.add_article(json!({
        "title": "哨兵",
        "body": body,
        "statements": [{ "text": format!("{text}。"), "kind": "DIRECT", "speaker": { "name": "习近平" } }],
    }))
    .await;
    format!("{text}。")
}

/// Receives `imported`'s statements of 习近平 on `socket` as operation `id`, each with its
/// article, and then the sentinel `writer` adds: nothing else came in between.
async fn receive_exactly_xi(socket: &mut Socket, id: &str, imported: &Imported, writer: &TestApp) {
    let mut received = Vec::new();
    for _ in &imported.xi {
        let event = socket.message_of(id).await;
        assert_eq!(event["type"], "next", "{event}");
        let statement = &event["payload"]["data"]["statementAdded"];
        assert!(event["payload"].get("errors").is_none(), "{event}");
        assert_eq!(statement["speaker"]["name"], "习近平", "{event}");
        assert_eq!(statement["article"]["title"], imported.title.as_str());
        assert!(
            statement["article"]["source"]["name"].is_string(),
            "{event}"
        );
        received.push(statement["id"].as_str().expect("an id").to_owned());
    }
    assert_eq!(
        received, imported.xi,
        "習近平's statements, in the order stored"
    );
    let sentinel = write_sentinel(writer).await;
    let event = socket.message_of(id).await;
    assert_eq!(
        event["payload"]["data"]["statementAdded"]["text"], sentinel,
        "no statement of another speaker came before the sentinel: {event}"
    );
}

#[tokio::test]
async fn a_statement_imported_on_one_server_reaches_a_subscriber_of_another() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    let servers = TestApp::spawn_together(&backend, 2).await;
    let (listening, writing) = (&servers[0], &servers[1]);
    let mut socket = listening.socket(TRANSPORT_WS).await;
    socket.init(json!({})).await;
    let filter = json!({ "filter": { "speaker": "习近平" } });
    socket.subscribe("xi", STATEMENT_ADDED, filter).await;
    listening.wait_for_subscribers(1).await;
    let stored = imported(&writing.admin(IMPORT, import_input()).await);
    receive_exactly_xi(&mut socket, "xi", &stored, writing).await;
}

#[tokio::test]
async fn a_subscriber_hears_what_is_written_through_its_own_socket_filtered() {
    on_each_backend(|app| async move {
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket
            .init(json!({ "Authorization": format!("Bearer {ADMIN_TOKEN}") }))
            .await;
        let by_xi = json!({ "filter": { "speaker": "習近平" } });
        socket.subscribe("xi", STATEMENT_ADDED, by_xi).await;
        let by_source = json!({ "filter": { "source": "环球网" } });
        socket.subscribe("articles", ARTICLE_ADDED, by_source).await;
        app.wait_for_subscribers(2).await;
        // A mutation over the socket has the rights its connection_init gave.
        socket.subscribe("import", IMPORT, import_input()).await;
        let answer = socket.message_of("import").await;
        assert_eq!(answer["type"], "next", "{answer}");
        let stored = imported(&answer["payload"]);
        assert_eq!(socket.message_of("import").await["type"], "complete");
        let article = socket.message_of("articles").await;
        assert_eq!(
            article["payload"]["data"]["articleAdded"]["title"],
            stored.title.as_str()
        );
        receive_exactly_xi(&mut socket, "xi", &stored, &app).await;
        // Completing a subscription ends it on the server.
        socket
            .send(json!({ "type": "complete", "id": "articles" }))
            .await;
        app.wait_for_subscribers(1).await;
    })
    .await;
}

#[tokio::test]
async fn the_older_graphql_ws_protocol_runs_queries_and_subscriptions() {
    on_each_backend(|app| async move {
        let mut socket = app.socket(LEGACY_WS).await;
        socket.init(json!(null)).await;
        let start = |id: &str, query: &str| {
            json!({ "type": "start", "id": id, "payload": { "query": query } })
        };
        socket.send(start("q", "{ __typename }")).await;
        let data = socket.message_of("q").await;
        assert_eq!(data["type"], "data", "{data}");
        assert_eq!(data["payload"]["data"]["__typename"], "Query");
        assert_eq!(socket.message_of("q").await["type"], "complete");
        socket
            .send(start("s", "subscription { statementAdded { text } }"))
            .await;
        app.wait_for_subscribers(1).await;
        let sentinel = write_sentinel(&app).await;
        let event = socket.message_of("s").await;
        assert_eq!(event["type"], "data", "{event}");
        assert_eq!(event["payload"]["data"]["statementAdded"]["text"], sentinel);
        socket.send(json!({ "type": "stop", "id": "s" })).await;
        assert_eq!(socket.message_of("s").await["type"], "complete");
    })
    .await;
}
