//! Hostile input: each case is answered within its budget with a coded error (or a 4xx, or
//! data where the input is merely odd), the server answers a normal query right after, and
//! the process's memory stays under a bound. The point is "does not hang or explode", not
//! speed: budgets are generous so the suite is not flaky on a busy machine.

use quotegraph_api::config::Limits;
use quotegraph_tests::raw::{half_sent, resident_mib, send_tcp};
use quotegraph_tests::seeds::{article_text, gold_articles};
use quotegraph_tests::{ADMIN_TOKEN, TestApp, backends, on_each_backend};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

mod cases;

use cases::{Case, Expect, Send, document_cases, fan_out, query, schema_cases, transport_cases};

/// How long any one case may take.
const BUDGET: Duration = Duration::from_secs(5);
/// Resident memory of the whole test process (server, client and the other tests) that no
/// case may push it past.
const MAX_RESIDENT_MIB: u64 = 500;
/// The media type that turns request errors into 400s, so statuses can be checked.
const STRICT: &str = "application/graphql-response+json";
/// A query that reads the database: the server is still serving.
const NORMAL: &str = "{ articles(first: 1) { totalCount } }";

/// Sends `send` to `app` and returns status and the body as JSON (null when it is not).
async fn send(app: &TestApp, send: &Send) -> (u16, Value) {
    let headers = [("accept", STRICT), ("content-type", "application/json")];
    let raw = match send {
        Send::Json(value) => {
            let bytes = serde_json::to_vec(value).expect("JSON");
            app.raw(reqwest::Method::POST, "/graphql", &headers, Some(bytes))
                .await
        }
        Send::Bytes(content_type, bytes) => {
            let headers: &[(&str, &str)] = if content_type.is_empty() {
                &headers[..1]
            } else {
                &[("accept", STRICT), ("content-type", content_type)]
            };
            app.raw(
                reqwest::Method::POST,
                "/graphql",
                headers,
                Some(bytes.clone()),
            )
            .await
        }
        Send::Get(query_string) => {
            let path = format!("/graphql?{query_string}");
            app.raw(reqwest::Method::GET, &path, &headers[..1], None)
                .await
        }
        Send::LongGet(length) => return send_long_get(app, *length).await,
        Send::Huge(chunk, times) => {
            let head = format!(
                "POST /graphql HTTP/1.1\r\nHost: test\r\nAccept: {STRICT}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                chunk.len() * times
            );
            // A server that refuses early may reset the connection before its answer is
            // read; refusing is what is asked, so a reset counts as the 413.
            let status = send_tcp(app.socket_address(), head.as_bytes(), chunk, *times).await;
            let body = json!({ "errors": [{ "extensions": { "code": "LIMIT_EXCEEDED" } }] });
            return (status.unwrap_or(413), body);
        }
    };
    let body = serde_json::from_slice(&raw.body).unwrap_or(Value::Null);
    (raw.status, body)
}

/// `body` cut to a readable length for a failure message.
fn short(body: &Value) -> String {
    body.to_string().chars().take(400).collect()
}

async fn send_long_get(app: &TestApp, length: usize) -> (u16, Value) {
    let head = format!(
        "GET /graphql?query={} HTTP/1.1\r\nHost: test\r\n\r\n",
        "x".repeat(length)
    );
    // Refused at the head, the connection may be reset before the answer is read.
    let status = send_tcp(app.socket_address(), head.as_bytes(), b"", 0).await;
    (status.unwrap_or(400), Value::Null)
}

fn check(case: &Case, status: u16, body: &Value) {
    let name = &case.name;
    let shown = short(body);
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    for error in &errors {
        assert!(
            error["extensions"]["code"].is_string(),
            "{name}: an error without a code: {shown}"
        );
        assert_ne!(error["extensions"]["code"], "INTERNAL", "{name}: {shown}");
    }
    match case.expect {
        Expect::Refused(expected, code) => {
            assert_eq!(status, expected, "{name}: {shown}");
            assert_eq!(
                errors.first().map(|e| &e["extensions"]["code"]),
                Some(&json!(code)),
                "{name}: {shown}"
            );
        }
        Expect::Status(expected) => assert_eq!(status, expected, "{name}: {shown}"),
        Expect::Answered => {
            assert_eq!(status, 200, "{name}: {shown}");
            assert!(body.get("data").is_some(), "{name}: no data: {shown}");
        }
        Expect::ClientError => assert!((400..500).contains(&status), "{name}: {status}"),
    }
}

async fn still_serving(app: &TestApp, after: &str) {
    let answer = tokio::time::timeout(BUDGET, app.query(NORMAL, json!({})))
        .await
        .unwrap_or_else(|_| panic!("after {after}: a normal query was not answered in time"));
    assert!(
        answer["data"]["articles"]["totalCount"].is_u64(),
        "after {after}: {answer}"
    );
}

#[tokio::test]
async fn hostile_requests_are_refused_quickly_and_the_server_keeps_serving() {
    on_each_backend(|app| async move {
        app.add_article(quotegraph_tests::seeds::add_article_input(&gold_articles()[0])).await;
        let cases: Vec<Case> = [document_cases(), transport_cases(), schema_cases()].into_iter().flatten().collect();
        assert!(cases.len() >= 50, "{} cases", cases.len());
        let mut slowest = (Duration::ZERO, String::new());
        for case in &cases {
            let started = Instant::now();
            let (status, body) = tokio::time::timeout(BUDGET, send(&app, &case.send))
                .await
                .unwrap_or_else(|_| panic!("{}: no answer within {BUDGET:?}", case.name));
            let took = started.elapsed();
            if took > slowest.0 {
                slowest = (took, case.name.clone());
            }
            check(case, status, &body);
            still_serving(&app, &case.name).await;
            let (resident, _) = resident_mib();
            assert!(resident < MAX_RESIDENT_MIB, "{}: {resident} MiB resident", case.name);
        }
        let (resident, peak) = resident_mib();
        eprintln!(
            "{} hostile cases answered; slowest {:?} ({}); resident {resident} MiB, peak {peak} MiB",
            cases.len(), slowest.0, slowest.1
        );
        let (_, metrics) = app.get("/metrics").await;
        assert!(metrics.contains("quotegraph_refusals_total{reason=\"selections\"} "), "{metrics}");
        assert!(!metrics.contains("quotegraph_refusals_total{reason=\"selections\"} 0\n"), "{metrics}");
    })
    .await;
}

#[tokio::test]
async fn the_fan_out_of_issue_8_is_refused_in_well_under_a_second() {
    on_each_backend(|app| async move {
        let started = Instant::now();
        let (status, body) = tokio::time::timeout(BUDGET, send(&app, &query(fan_out(30, 2))))
            .await
            .expect("an answer in time");
        let took = started.elapsed();
        eprintln!("the 30-level fan-out was refused in {took:?}");
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED");
        assert!(took < Duration::from_secs(1), "{took:?}");
    })
    .await;
}

#[tokio::test]
async fn half_sent_requests_do_not_stop_a_normal_query() {
    on_each_backend(|app| async move {
        let mut open = Vec::new();
        for n in 0..50 {
            let partial = format!("POST /graphql HTTP/1.1\r\nHost: test\r\nX-Slow-{n}: ");
            open.push(
                half_sent(app.socket_address(), partial.as_bytes())
                    .await
                    .expect("connected"),
            );
        }
        still_serving(&app, "50 half-sent requests").await;
        drop(open);
    })
    .await;
}

/// Eight imports of one text at once store it once: one is created, the others find it,
/// and none is refused, on either backend.
#[tokio::test]
async fn the_same_article_imported_by_eight_clients_at_once_is_stored_once() {
    const IMPORT: &str = "mutation($input: ImportArticleInput!) { importArticle(input: $input) { created article { id } } }";
    on_each_backend(|app| async move {
        let text = article_text("000_54974b06d708aace.txt");
        let imports =
            (0..8).map(|_| app.admin(IMPORT, json!({ "input": { "text": text.as_str() } })));
        let answers = join_all(imports).await;
        let mut ids = std::collections::BTreeSet::new();
        let mut created = 0;
        for answer in &answers {
            assert!(
                answer.get("errors").is_none(),
                "no import of one text is refused: {answer}"
            );
            if let Some(payload) = answer["data"]["importArticle"].as_object() {
                created += usize::from(payload["created"] == true);
                ids.insert(payload["article"]["id"].to_string());
            }
        }
        assert_eq!(created, 1, "{answers:#?}");
        assert_eq!(ids.len(), 1, "{answers:#?}");
        still_serving(&app, "8 imports at once").await;
    })
    .await;
}

#[tokio::test]
async fn a_five_megabyte_import_is_refused_as_too_large() {
    on_each_backend(|app| async move {
        let body = serde_json::to_vec(&json!({
            "query": "mutation($input: ImportArticleInput!) { importArticle(input: $input) { created } }",
            "variables": { "input": { "text": "新华社北京电 ".repeat(5 << 20 >> 4) } }
        }))
        .expect("JSON");
        let auth = format!("Bearer {ADMIN_TOKEN}");
        let headers = [("content-type", "application/json"), ("authorization", auth.as_str())];
        let raw = app.raw(reqwest::Method::POST, "/graphql", &headers, Some(body)).await;
        assert_eq!(raw.status, 413);
        assert_eq!(raw.json()["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED");
        still_serving(&app, "a 5 MB import").await;
    })
    .await;
}

/// A server with `limits` on each backend.
async fn with_limits(limits: Limits) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for backend in backends() {
        apps.push(TestApp::spawn_with_limits(&backend, None, limits.clone()).await);
    }
    apps
}

async fn refused_with(app: &TestApp, status: u16, limit: &str) {
    let headers = [("accept", STRICT), ("content-type", "application/json")];
    let body = serde_json::to_vec(&json!({ "query": NORMAL })).expect("JSON");
    let raw = app
        .raw(reqwest::Method::POST, "/graphql", &headers, Some(body))
        .await;
    assert_eq!(raw.status, status, "{}", raw.text());
    let answer = raw.json();
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
        "{answer}"
    );
    assert_eq!(
        answer["errors"][0]["extensions"]["limit"], limit,
        "{answer}"
    );
    let (_, metrics) = app.get("/metrics").await;
    assert!(
        metrics.contains(&format!(
            "quotegraph_refusals_total{{reason=\"{limit}\"}} 1\n"
        )),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_request_that_runs_too_long_is_cancelled() {
    let limits = Limits {
        request_timeout_ms: 0,
        ..Limits::default()
    };
    for app in with_limits(limits).await {
        refused_with(&app, 503, "timeout").await;
    }
}

#[tokio::test]
async fn a_request_finding_every_place_taken_gets_a_503() {
    let limits = Limits {
        max_in_flight: 0,
        in_flight_wait_ms: 10,
        ..Limits::default()
    };
    for app in with_limits(limits).await {
        refused_with(&app, 503, "in_flight").await;
    }
}

#[tokio::test]
async fn a_client_over_its_rate_gets_a_429() {
    let limits = Limits {
        rate_per_minute: 1,
        rate_burst: 2,
        ..Limits::default()
    };
    for app in with_limits(limits).await {
        for _ in 0..2 {
            assert!(app.query(NORMAL, json!({})).await["data"].is_object());
        }
        refused_with(&app, 429, "rate").await;
    }
}

/// Awaits every future, polled together on this task, in order.
async fn join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (output, future) in outputs.iter_mut().zip(pending.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}
