//! Helpers for quotegraph's end-to-end tests: a real server on port 0 over a fresh,
//! migrated database per test (SQLite always, PostgreSQL when
//! `QUOTEGRAPH_TEST_POSTGRES_URL` is set), and typed requests over real HTTP.

// Test support: a failed expectation here is a failed test, which is what it should be.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod binary;
pub mod curation;
pub mod database;
pub mod dump;
pub mod raw;
pub mod seeds;
pub mod tallies;
pub mod ws;

use database::TestDatabase;
use quotegraph_api::config::Limits;
use quotegraph_api::tokens::Tokens;
use quotegraph_api::{Application, Settings};
use serde_json::{Value, json};
use std::future::Future;
use std::sync::Arc;

/// The admin token test servers are started with (QUOTEGRAPH_ADMIN_TOKEN: named `admin`).
pub const ADMIN_TOKEN: &str = "test-admin-token";
/// The editor token of servers started with [`TestApp::spawn_with_roles`], named `ed`.
pub const EDITOR_TOKEN: &str = "test-editor-token";
/// The reader token of servers started with [`TestApp::spawn_with_roles`], named `rita`.
pub const READER_TOKEN: &str = "test-reader-token";

/// The admin token, an editor named `ed` and a reader named `rita`, configured as the
/// server is: hashes only.
pub fn role_tokens() -> Tokens {
    let hash = quotegraph_api::tokens::hash_token;
    let entries = format!(
        "ed:editor:{}\nrita:reader:{}",
        hash(EDITOR_TOKEN),
        hash(READER_TOKEN)
    );
    Tokens::parse(&entries)
        .and_then(|tokens| tokens.with_admin_token(ADMIN_TOKEN))
        .expect("the test tokens are well formed")
}

/// The database kinds a test runs against.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A fresh database on the PostgreSQL server at this URL.
    Postgres(String),
}

/// Every backend this run covers. In CI (`CI` set) PostgreSQL is required: a missing
/// `QUOTEGRAPH_TEST_POSTGRES_URL` fails the run instead of skipping silently.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    match std::env::var("QUOTEGRAPH_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => all.push(Backend::Postgres(url)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must run the PostgreSQL tests: set QUOTEGRAPH_TEST_POSTGRES_URL")
        }
        _ => eprintln!("QUOTEGRAPH_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"),
    }
    all
}

/// The PostgreSQL backend of this run, for tests of what only PostgreSQL does (none when
/// the run covers SQLite alone, which `backends` allows only outside CI).
pub fn postgres_backend() -> Option<Backend> {
    backends()
        .into_iter()
        .find(|backend| matches!(backend, Backend::Postgres(_)))
}

/// Runs `test` once per backend, each time against a new server and database.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        eprintln!("backend: {backend:?}");
        let app = TestApp::spawn(&backend, Some(ADMIN_TOKEN)).await;
        test(app).await;
    }
}

/// A running quotegraph server and the database it owns.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    client: reqwest::Client,
    /// Shared when several servers run on one database; dropped with the last of them.
    database: Arc<TestDatabase>,
}

impl TestApp {
    /// Starts a server over a fresh database of `backend`, with `admin_token` configured.
    pub async fn spawn(backend: &Backend, admin_token: Option<&str>) -> TestApp {
        TestApp::spawn_with_limits(backend, admin_token, Limits::default()).await
    }

    /// Starts a server like [`TestApp::spawn`], held to `limits`.
    pub async fn spawn_with_limits(
        backend: &Backend,
        admin_token: Option<&str>,
        limits: Limits,
    ) -> TestApp {
        let database = Arc::new(TestDatabase::create(backend).await);
        let tokens = Tokens::admin_only(admin_token);
        TestApp::spawn_on(database, tokens, false, limits).await
    }

    /// Starts a server with an admin, an editor and a reader token (see [`role_tokens`]);
    /// with `private`, queries need a token too.
    pub async fn spawn_with_roles(backend: &Backend, private: bool) -> TestApp {
        let database = Arc::new(TestDatabase::create(backend).await);
        TestApp::spawn_on(database, role_tokens(), private, Limits::default()).await
    }

    /// Starts `count` servers at the same moment over one fresh database of `backend`, as
    /// a deployment of several API servers behind a load balancer does; each migrates it at
    /// start. All have the admin token.
    pub async fn spawn_together(backend: &Backend, count: usize) -> Vec<TestApp> {
        let database = Arc::new(TestDatabase::create(backend).await);
        let starting: Vec<_> = (0..count)
            .map(|_| {
                tokio::spawn(TestApp::spawn_on(
                    Arc::clone(&database),
                    Tokens::admin_only(Some(ADMIN_TOKEN)),
                    false,
                    Limits::default(),
                ))
            })
            .collect();
        let mut apps = Vec::with_capacity(count);
        for start in starting {
            apps.push(start.await.expect("the server task runs"));
        }
        apps
    }

    /// Starts a server over `database` (migrating it) with `tokens` configured, held to
    /// `limits`.
    async fn spawn_on(
        database: Arc<TestDatabase>,
        tokens: Tokens,
        private: bool,
        limits: Limits,
    ) -> TestApp {
        let settings = Settings {
            bind: "127.0.0.1:0".parse().expect("a valid address"),
            database_url: database.url().to_owned(),
            tokens,
            private,
            limits,
        };
        let app = Application::build(settings)
            .await
            .expect("the server starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            client: reqwest::Client::new(),
            database,
        }
    }

    /// The URL of the database this server writes to, for looking inside it.
    pub fn database_url(&self) -> &str {
        self.database.url()
    }

    /// POSTs a GraphQL request with an optional bearer token; returns the JSON response.
    pub async fn post(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("the request is sent");
        response.json().await.expect("the response is JSON")
    }

    /// A public query.
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        self.post(None, query, variables).await
    }

    /// A request with the admin token.
    pub async fn admin(&self, query: &str, variables: Value) -> Value {
        self.post(Some(ADMIN_TOKEN), query, variables).await
    }

    /// A request with the editor token (servers started with [`TestApp::spawn_with_roles`]).
    pub async fn editor(&self, query: &str, variables: Value) -> Value {
        self.post(Some(EDITOR_TOKEN), query, variables).await
    }

    /// `127.0.0.1:PORT`, for raw TCP.
    pub fn socket_address(&self) -> &str {
        self.address.trim_start_matches("http://")
    }

    /// GETs a path and returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the request is sent");
        (
            response.status().as_u16(),
            response.text().await.expect("a body"),
        )
    }

    /// Sends `method` to `path` with exactly these headers and body (no defaults added) and
    /// returns what came back, for tests of the HTTP layer itself.
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> RawResponse {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the request is sent");
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let (content_type, cache_control, allow) = (
            header("content-type"),
            header("cache-control"),
            header("allow"),
        );
        let body = response.bytes().await.expect("a body").to_vec();
        RawResponse {
            status,
            content_type,
            cache_control,
            allow,
            body,
        }
    }

    /// How many SQL statements the server has run so far (from /metrics).
    pub async fn sql_statements(&self) -> u64 {
        let (_, body) = self.get("/metrics").await;
        body.lines()
            .find_map(|line| line.strip_prefix("quotegraph_sql_statements_total "))
            .and_then(|n| n.trim().parse().ok())
            .expect("/metrics reports quotegraph_sql_statements_total")
    }

    /// Adds an article through `addArticle` and returns its global id; panics on errors.
    pub async fn add_article(&self, input: Value) -> String {
        let response = self.admin(ADD_ARTICLE, json!({ "input": input })).await;
        assert_no_errors(&response);
        response["data"]["addArticle"]["article"]["id"]
            .as_str()
            .expect("an id")
            .to_owned()
    }
}

/// An HTTP response as received, for tests of the HTTP layer.
#[derive(Debug)]
pub struct RawResponse {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` header, or empty.
    pub content_type: String,
    /// The `Cache-Control` header, or empty.
    pub cache_control: String,
    /// The `Allow` header, or empty.
    pub allow: String,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as JSON; fails the test when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "{} with a body that is not JSON ({err}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The `addArticle` mutation, returning the id and whether it was created.
pub const ADD_ARTICLE: &str = "mutation($input: AddArticleInput!) { addArticle(input: $input) { created article { id title } } }";

/// The SHA-256 of `text` in lower-case hex, as persisted queries name documents.
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Fails the test with the response when it carries errors.
pub fn assert_no_errors(response: &Value) {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response:#}"
    );
}

/// The `extensions.code` and `extensions.field` of the first error.
pub fn first_error(response: &Value) -> (String, String) {
    let error = &response["errors"][0];
    (
        error["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        error["extensions"]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}
