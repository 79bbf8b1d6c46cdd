//! GraphQL over WebSocket refuses what its protocol refuses, with the protocol's close codes,
//! and what breaks a limit with a coded error: nothing runs before `connection_init`, one
//! connection runs a bounded number of operations, an invalid filter is BAD_USER_INPUT, a
//! socket without the token cannot mutate.

use quotegraph_api::config::Limits;
use quotegraph_tests::ws::TRANSPORT_WS;
use quotegraph_tests::{ADMIN_TOKEN, READER_TOKEN, TestApp, backends, on_each_backend};
use serde_json::{Value, json};

const STATEMENTS: &str =
    "subscription($filter: StatementFilterInput) { statementAdded(filter: $filter) { id } }";

/// The `extensions` of the first error an `error` message carries.
fn refusal(message: &Value) -> &Value {
    assert_eq!(message["type"], "error", "{message}");
    &message["payload"][0]["extensions"]
}

async fn spawn_with(limits: Limits) -> TestApp {
    let backend = backends().remove(0);
    TestApp::spawn_with_limits(&backend, Some(ADMIN_TOKEN), limits).await
}

#[tokio::test]
async fn an_operation_before_connection_init_closes_the_socket_with_4401() {
    on_each_backend(|app| async move {
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket.subscribe("1", STATEMENTS, json!({})).await;
        assert_eq!(socket.closed().await.0, 4401);
        assert_eq!(
            app.query("{ __typename }", json!({})).await["data"]["__typename"],
            "Query"
        );
    })
    .await;
}

#[tokio::test]
async fn a_second_connection_init_or_a_running_id_closes_the_socket() {
    let app = spawn_with(Limits::default()).await;
    let mut socket = app.socket(TRANSPORT_WS).await;
    socket.init(json!({})).await;
    socket
        .send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    assert_eq!(socket.closed().await.0, 4429);
    let mut socket = app.socket(TRANSPORT_WS).await;
    socket.init(json!({})).await;
    socket.subscribe("same", STATEMENTS, json!({})).await;
    socket.subscribe("same", STATEMENTS, json!({})).await;
    let (code, reason) = socket.closed().await;
    assert_eq!(
        (code, reason.as_str()),
        (4409, "Subscriber for same already exists")
    );
}

#[tokio::test]
async fn operations_past_the_most_per_connection_are_refused_with_limit_exceeded() {
    for backend in backends() {
        let limits = Limits {
            max_subscriptions_per_connection: 2,
            ..Limits::default()
        };
        let app = TestApp::spawn_with_limits(&backend, None, limits).await;
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket.init(json!({})).await;
        socket.subscribe("a", STATEMENTS, json!({})).await;
        socket.subscribe("b", STATEMENTS, json!({})).await;
        socket.subscribe("c", STATEMENTS, json!({})).await;
        let refused = socket.message_of("c").await;
        assert_eq!(refusal(&refused)["code"], "LIMIT_EXCEEDED", "{refused}");
        assert_eq!(refusal(&refused)["limit"], "subscriptions");
        app.wait_for_subscribers(2).await;
        // Completing one makes room for another.
        socket.send(json!({ "type": "complete", "id": "a" })).await;
        app.wait_for_subscribers(1).await;
        socket.subscribe("d", STATEMENTS, json!({})).await;
        app.wait_for_subscribers(2).await;
    }
}

#[tokio::test]
async fn an_invalid_filter_is_refused_with_a_coded_error() {
    on_each_backend(|app| async move {
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket.init(json!({})).await;
        let backwards = json!({ "filter": { "from": "2021-02-01", "to": "2021-01-01" } });
        socket.subscribe("dates", STATEMENTS, backwards).await;
        let refused = socket.message_of("dates").await;
        assert_eq!(refusal(&refused)["code"], "BAD_USER_INPUT", "{refused}");
        assert_eq!(refusal(&refused)["field"], "filter.to");
        let unknown = json!({ "filter": { "speakr": "习近平" } });
        socket.subscribe("field", STATEMENTS, unknown).await;
        let refused = socket.message_of("field").await;
        assert_eq!(refusal(&refused)["code"], "BAD_USER_INPUT", "{refused}");
        // The connection goes on, and so does a valid subscription on it.
        socket.subscribe("ok", STATEMENTS, json!({})).await;
        app.wait_for_subscribers(1).await;
    })
    .await;
}

#[tokio::test]
async fn a_socket_without_the_token_cannot_mutate() {
    on_each_backend(|app| async move {
        let mut socket = app.socket(TRANSPORT_WS).await;
        // The token in a header of the upgrade would not count either: only connection_init.
        socket.init(json!({ "token": "wrong" })).await;
        let add = "mutation { addArticle(input: { title: \"t\", body: \"b\" }) { created } }";
        socket.subscribe("m", add, json!({})).await;
        let answer = socket.message_of("m").await;
        assert_eq!(answer["type"], "next", "{answer}");
        let code = &answer["payload"]["errors"][0]["extensions"]["code"];
        assert_eq!(code, "UNAUTHENTICATED", "{answer}");
        assert_eq!(socket.message_of("m").await["type"], "complete");
    })
    .await;
}

#[tokio::test]
async fn a_client_gets_its_most_connections_each_initialised_in_time() {
    let limits = Limits {
        max_sockets_per_client: 1,
        ws_init_timeout_ms: 50,
        ..Limits::default()
    };
    let app = spawn_with(limits).await;
    let mut first = app.socket(TRANSPORT_WS).await;
    assert_eq!(app.try_socket(TRANSPORT_WS).await.err(), Some(429));
    assert_eq!(first.closed().await.0, 4408, "no connection_init in time");
    app.wait_for_sockets(0).await;
    let mut again = app.socket(TRANSPORT_WS).await;
    assert_eq!(again.closed().await.0, 4408);
}

#[tokio::test]
async fn a_message_too_big_or_no_common_protocol_closes_the_socket() {
    let limits = Limits {
        max_ws_message_bytes: 1_000,
        ..Limits::default()
    };
    let app = spawn_with(limits).await;
    let mut socket = app.socket(TRANSPORT_WS).await;
    let padding = "x".repeat(2_000);
    socket
        .send(json!({ "type": "connection_init", "payload": { "padding": padding } }))
        .await;
    assert_eq!(socket.closed().await.0, 1009);
    let mut socket = app.socket("").await;
    assert_eq!(socket.closed().await.0, 4406);
}

#[tokio::test]
async fn a_subscription_over_http_is_a_request_error_that_names_the_socket() {
    let app = spawn_with(Limits::default()).await;
    let posted = app.query(STATEMENTS, json!({})).await;
    assert!(posted.get("data").is_none(), "{posted}");
    assert_eq!(posted["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let message = posted["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("WebSocket on /graphql"), "{message}");
    let (status, body) = app
        .get("/graphql?query=subscription%20%7B%20statementAdded%20%7B%20id%20%7D%20%7D")
        .await;
    assert_eq!(
        status, 200,
        "application/json answers a request error with 200"
    );
    assert!(body.contains("WebSocket on /graphql"), "{body}");
}

#[tokio::test]
async fn a_private_server_takes_sockets_only_from_callers_with_a_token() {
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, true).await;
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket
            .send(json!({ "type": "connection_init", "payload": {} }))
            .await;
        assert_eq!(
            socket.closed().await.0,
            4403,
            "anonymous on a private server"
        );
        let mut socket = app.socket(TRANSPORT_WS).await;
        socket
            .init(json!({ "Authorization": format!("Bearer {READER_TOKEN}") }))
            .await;
        socket.subscribe("1", STATEMENTS, json!({})).await;
        app.wait_for_subscribers(1).await;
    }
}
