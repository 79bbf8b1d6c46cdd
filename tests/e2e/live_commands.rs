//! On PostgreSQL, what the `quotegraph` commands write from another process reaches the
//! subscribers of a running server: the bulk path of `quotegraph import`, and the statements
//! `quotegraph reextract` writes again.

use quotegraph_tests::seeds::seeds_dir;
use quotegraph_tests::ws::{Socket, TRANSPORT_WS};
use quotegraph_tests::{TestApp, assert_no_errors, binary, postgres_backend};
use serde_json::json;
use std::process::{Command, Stdio};

const XI_SAID: &str =
    "subscription { statementAdded(filter: { speaker: \"Xi Jinping\" }) { id article { title } } }";

const XI_STATEMENTS: &str =
    "{ statements(filter: { speaker: \"习近平\" }, first: 100) { edges { node { id } } } }";

/// Runs `quotegraph <args> --database <url>` to the end.
async fn run_command(args: &[&str], url: &str) {
    let mut command = Command::new(binary::quotegraph());
    command
        .args(args)
        .args(["--database", url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let status = tokio::task::spawn_blocking(move || command.status())
        .await
        .expect("the command's thread runs")
        .expect("quotegraph runs");
    assert!(status.success(), "quotegraph {args:?} succeeds");
}

/// The ids of every statement of 习近平's the server has, in the order stored.
async fn xi_statements(app: &TestApp) -> Vec<String> {
    let response = app.query(XI_STATEMENTS, json!({})).await;
    assert_no_errors(&response);
    response["data"]["statements"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|edge| edge["node"]["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// The ids of the next `count` statements `socket` hears as operation `id`.
async fn hear(socket: &mut Socket, id: &str, count: usize) -> Vec<String> {
    let mut heard = Vec::with_capacity(count);
    for _ in 0..count {
        let event = socket.message_of(id).await;
        assert!(event["payload"].get("errors").is_none(), "{event}");
        let statement = &event["payload"]["data"]["statementAdded"];
        assert!(statement["article"]["title"].is_string(), "{event}");
        heard.push(statement["id"].as_str().expect("an id").to_owned());
    }
    heard
}

#[tokio::test]
async fn what_the_import_and_reextract_commands_write_reaches_a_running_server() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    let app = TestApp::spawn(&backend, None).await;
    let mut socket = app.socket(TRANSPORT_WS).await;
    socket.init(json!({})).await;
    socket.subscribe("xi", XI_SAID, json!({})).await;
    app.wait_for_subscribers(1).await;
    let seed = seeds_dir().join("003_2243a328981ab1c5.txt");
    let seed = seed.to_str().expect("a UTF-8 path");
    run_command(&["import", seed], app.database_url()).await;
    let imported = xi_statements(&app).await;
    assert!(!imported.is_empty());
    assert_eq!(hear(&mut socket, "xi", imported.len()).await, imported);
    run_command(&["reextract"], app.database_url()).await;
    let reextracted = xi_statements(&app).await;
    assert_eq!(reextracted.len(), imported.len());
    assert_ne!(
        reextracted, imported,
        "re-extraction writes the statements again"
    );
    assert_eq!(
        hear(&mut socket, "xi", reextracted.len()).await,
        reextracted
    );
}
