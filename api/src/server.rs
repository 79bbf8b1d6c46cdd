//! The HTTP server: GraphQL over HTTP at /graphql (POST JSON, GET for queries), and over
//! WebSocket on the same path (see [`crate::ws`]), GraphiQL at /graphiql, /healthz and /metrics. Building the app is separate from running it, so
//! tests can bind port 0 and learn the port. How GraphQL requests are read and answered
//! lives in [`crate::http`]; this module wires it to the schema and the caller's rights.

use crate::config::{Limits, Settings};
use crate::graphql::auth::Caller;
use crate::graphql::loaders::loaders;
use crate::graphql::{QuotegraphSchema, build_schema};
use crate::http::accept::ResponseMediaType;
use crate::http::documents::{self, ParsedDocuments};
use crate::http::graphql_request::{self, RequestError};
use crate::http::persisted::{Lookup, PersistedQueries};
use crate::http::rate::ClientRate;
use crate::http::refusals::{Reason, Refusal, Refusals};
use crate::http::{accept, graphiql, graphql_http, limits, operation};
use crate::tokens::{Role, Tokens};
use crate::ws::{self, Sockets};
use actix_web::dev::Server;
use actix_web::http::{Method, header};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, guard, web};
use quotegraph_storage::Storage;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Semaphore;

/// What every request handler shares.
struct AppState {
    schema: QuotegraphSchema,
    storage: Storage,
    tokens: Tokens,
    /// Queries need a token too.
    private: bool,
    limits: Limits,
    /// One permit per GraphQL request allowed to run at once.
    in_flight: Semaphore,
    rate: Arc<ClientRate>,
    refusals: Arc<Refusals>,
    /// GraphQL over WebSocket.
    sockets: Arc<Sockets>,
    persisted: PersistedQueries,
    /// Parsed documents of ordinary requests, by their text.
    documents: ParsedDocuments,
    requests: AtomicU64,
    /// Set from QUOTEGRAPH_LOADER_DELAY_US: batch DataLoaders on a clock instead, to
    /// measure the difference.
    loader_delay: Option<std::time::Duration>,
}

/// What an anonymous request to a private deployment is told.
const PRIVATE: &str = "this server is private: send `Authorization: Bearer <token>`";

/// A built, bound server, ready to run.
pub struct Application {
    server: Server,
    port: u16,
}

impl Application {
    /// Connects to the database, migrates it, binds the address and builds the server.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let storage = Storage::connect_and_migrate(&settings.database_url).await?;
        Self::build_with_storage(settings, storage)
    }

    /// Builds the server over an already migrated storage handle.
    pub fn build_with_storage(settings: Settings, storage: Storage) -> anyhow::Result<Self> {
        Self::build_with_storage_and_static(settings, storage, None)
    }

    /// Builds the server over an already migrated storage handle; with `bench_static`, it
    /// also answers GET and POST /bench/static with those bytes, the HTTP floor that
    /// benchmarks compare GraphQL responses of the same size against.
    pub fn build_with_storage_and_static(
        settings: Settings,
        storage: Storage,
        bench_static: Option<web::Bytes>,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)?;
        let port = listener.local_addr()?.port();
        if settings.tokens.is_empty() {
            tracing::warn!(
                "no token is configured (QUOTEGRAPH_TOKENS, QUOTEGRAPH_ADMIN_TOKEN): every mutation will be refused"
            );
        }
        let limits = settings.limits;
        let schema = build_schema(storage.clone(), &limits);
        let rate = Arc::new(ClientRate::new(limits.rate_per_minute, limits.rate_burst));
        let refusals = Arc::new(Refusals::default());
        let sockets = Arc::new(Sockets {
            schema: schema.clone(),
            storage: storage.clone(),
            tokens: settings.tokens.clone(),
            private: settings.private,
            limits: limits.clone(),
            rate: Arc::clone(&rate),
            refusals: Arc::clone(&refusals),
            clients: Arc::default(),
        });
        let state = web::Data::new(AppState {
            schema,
            storage,
            tokens: settings.tokens,
            private: settings.private,
            in_flight: Semaphore::new(limits.max_in_flight),
            rate,
            refusals,
            sockets,
            persisted: PersistedQueries::new(limits.apq_cache_size),
            documents: ParsedDocuments::default(),
            limits,
            requests: AtomicU64::new(0),
            loader_delay: std::env::var("QUOTEGRAPH_LOADER_DELAY_US")
                .ok()
                .and_then(|us| us.parse().ok())
                .map(std::time::Duration::from_micros),
        });
        let server = HttpServer::new(move || {
            let app = App::new()
                .app_data(state.clone())
                .service(
                    web::resource("/graphql")
                        // First: only a GET asking to upgrade is a WebSocket; the rest is HTTP.
                        .route(web::get().guard(guard::fn_guard(ws::is_upgrade)).to(socket))
                        .route(web::post().to(graphql))
                        .route(web::get().to(graphql)),
                )
                .service(web::resource("/graphiql").route(web::get().to(graphiql::page)))
                .service(
                    web::resource(format!("{}/{{file}}", graphiql::ASSETS_PATH))
                        .route(web::get().to(graphiql::asset)),
                )
                .service(web::resource("/healthz").to(healthz))
                .service(web::resource("/metrics").to(metrics));
            match &bench_static {
                Some(body) => app.service(bench_static_resource(body.clone())),
                None => app,
            }
        })
        .listen(listener)?
        .run();
        Ok(Self { server, port })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// GET and POST /bench/static: the same bytes every time, as a GraphQL response would be
/// sent, with no parsing, no resolvers and no database.
fn bench_static_resource(body: web::Bytes) -> actix_web::Resource {
    let answer = move || {
        let body = body.clone();
        async move {
            HttpResponse::Ok()
                .content_type("application/json")
                .body(body)
        }
    };
    web::resource("/bench/static")
        .route(web::get().to(answer.clone()))
        .route(web::post().to(answer))
}

/// GraphQL over HTTP: the response type is negotiated first (406 when neither is
/// acceptable), then the client's rate is checked, the request is read (GET parameters or a
/// JSON body), waits for a place among those in flight, is held to the document limits and
/// run, cancelled if it runs too long.
async fn graphql(
    state: web::Data<AppState>,
    http: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    state.requests.fetch_add(1, Ordering::Relaxed);
    let accept = http
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    let Some(media_type) = accept::negotiate(accept) else {
        return graphql_http::not_acceptable();
    };
    let limits = &state.limits;
    if let Err(refusal) = state.rate.check(http.peer_addr().map(|addr| addr.ip())) {
        return state.refuse(media_type, &refusal);
    }
    let is_get = http.method() == Method::GET;
    let request = if is_get {
        if let Err(refusal) = check_url(&http, limits) {
            return state.refuse(media_type, &refusal);
        }
        graphql_request::from_query_string(http.query_string())
    } else {
        read_post(&http, payload, limits.max_body_bytes).await
    };
    let mut request = match request {
        Ok(request) => request,
        Err(error) => {
            if matches!(error, RequestError::TooLarge(_)) {
                state.refusals.count(Reason::BodyBytes);
            }
            return graphql_http::refused(media_type, &error);
        }
    };
    let permit = tokio::time::timeout(limits.in_flight_wait(), state.in_flight.acquire()).await;
    let Ok(Ok(_permit)) = permit else {
        let message = format!(
            "the server is running {} requests, its most (max-in-flight); retry shortly",
            limits.max_in_flight
        );
        return state.refuse(media_type, &Refusal::new(Reason::InFlight, message));
    };
    let lookup = match state.persisted.resolve(&mut request) {
        Ok(lookup) => lookup,
        Err(error) => {
            return graphql_http::request_error(media_type, error.code(), error.message());
        }
    };
    let parsed_before = matches!(lookup, Lookup::Ordinary) && state.documents.resolve(&mut request);
    // A kept document passed the document limits when it was kept; variables are new.
    let checked = match lookup {
        Lookup::Hit => limits::check_variables(&request.variables, limits),
        Lookup::Ordinary if parsed_before => limits::check_variables(&request.variables, limits),
        Lookup::Ordinary | Lookup::Miss(_) => limits::check_request(&mut request, limits),
    };
    if let Err(refusal) = checked {
        return state.refuse(media_type, &refusal);
    }
    if is_get && let Err(error) = graphql_request::refuse_mutation_over_get(&mut request) {
        return graphql_http::refused(media_type, &error);
    }
    if operation::is_subscription(&mut request) {
        let message = "subscriptions run over a WebSocket on /graphql (graphql-transport-ws or graphql-ws), not over HTTP".to_owned();
        return graphql_http::request_error(media_type, "BAD_USER_INPUT", message);
    }
    let missing = operation::missing_required_variables(&mut request);
    if !missing.is_empty() {
        let response = async_graphql::Response::from_errors(missing);
        return graphql_http::graphql_response(media_type, response);
    }
    let authorization = http
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let caller = Caller::from_header(authorization, &state.tokens);
    // GraphQL over HTTP: a GET may not change anything, so it carries at most a reader's rights.
    let caller = if is_get {
        caller.at_most(Role::Reader)
    } else {
        caller
    };
    if state.private && !caller.may(Role::Reader) {
        return graphql_http::request_error(media_type, "UNAUTHENTICATED", PRIVATE.to_owned());
    }
    let to_keep = match lookup {
        Lookup::Miss(hash) => {
            let query = request.query.clone();
            let document = request.parsed_query().ok().cloned();
            document.map(|document| (hash, query, document))
        }
        Lookup::Ordinary | Lookup::Hit => None,
    };
    let to_parse_once = match lookup {
        Lookup::Ordinary if !parsed_before && request.query.len() <= documents::MAX_KEPT_BYTES => {
            let document = request.parsed_query().ok().cloned();
            document.map(|document| (request.query.clone(), document))
        }
        _ => None,
    };
    let loaders = loaders(state.storage.clone(), state.loader_delay);
    // A mutation reads what it has just written: nothing it loads is kept for later fields.
    if operation::is_mutation(&mut request) {
        loaders.enable_all_cache(false);
    }
    let request = request.data(caller).data(loaders);
    // Dropping the execution future on timeout cancels it at its next await: a database
    // query in flight, or the next field.
    match tokio::time::timeout(limits.request_timeout(), state.schema.execute(request)).await {
        Ok(response) => {
            // Kept only once validation has passed: a document that fails it is not kept.
            if let Some((hash, query, document)) = to_keep
                && !graphql_http::is_request_error(&response)
            {
                state.persisted.store(hash, query, document);
            }
            if let Some((query, document)) = to_parse_once
                && !graphql_http::is_request_error(&response)
            {
                state.documents.store(query, document);
            }
            graphql_http::graphql_response(media_type, response)
        }
        Err(_) => {
            let message = format!(
                "the request ran longer than {} ms and was cancelled (request-timeout-ms)",
                limits.request_timeout_ms
            );
            state.refuse(media_type, &Refusal::new(Reason::Timeout, message))
        }
    }
}

/// GET /graphql asking to upgrade: GraphQL over WebSocket, once the client's rate and its
/// number of open connections allow.
async fn socket(
    state: web::Data<AppState>,
    http: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    let upgraded = state
        .rate
        .check(http.peer_addr().map(|addr| addr.ip()))
        .and_then(|()| state.sockets.upgrade(&http, payload));
    match upgraded {
        Ok(response) => response,
        Err(refusal) => state.refuse(ResponseMediaType::Json, &refusal),
    }
}

impl AppState {
    /// Counts `refusal` for /metrics and answers it.
    fn refuse(&self, media_type: ResponseMediaType, refusal: &Refusal) -> HttpResponse {
        // Debug, not info: under attack every refusal would be a log line; /metrics counts them.
        tracing::debug!(reason = refusal.reason.label(), message = %refusal.message, "request refused");
        self.refusals.count(refusal.reason);
        graphql_http::limit_refused(media_type, refusal)
    }
}

/// Refuses a GET whose path and query string are over `max-url-bytes`.
fn check_url(http: &HttpRequest, limits: &Limits) -> Result<(), Refusal> {
    let length = http
        .uri()
        .path_and_query()
        .map_or(0, |path| path.as_str().len());
    if length > limits.max_url_bytes {
        return Err(Refusal::new(
            Reason::UrlBytes,
            format!(
                "the URL is {length} bytes; the limit is {} (max-url-bytes): send long queries with POST",
                limits.max_url_bytes
            ),
        ));
    }
    Ok(())
}

/// The GraphQL request in a POST: `application/json`, at most `max_body_bytes`.
async fn read_post(
    http: &HttpRequest,
    payload: web::Payload,
    max_body_bytes: usize,
) -> Result<async_graphql::Request, RequestError> {
    let content_type = http
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if !graphql_request::is_json_content_type(content_type) {
        return Err(RequestError::UnsupportedMediaType);
    }
    match payload.to_bytes_limited(max_body_bytes).await {
        Ok(Ok(body)) => graphql_request::from_post_body(&body),
        Ok(Err(err)) => Err(RequestError::Malformed(format!(
            "the body could not be read: {err}"
        ))),
        Err(_) => Err(RequestError::TooLarge(max_body_bytes)),
    }
}

async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match state.storage.ping().await {
        Ok(()) => HttpResponse::Ok()
            .json(serde_json::json!({ "status": "ok", "database": state.storage.backend() })),
        Err(err) => {
            tracing::error!(error = %err, "health check failed");
            HttpResponse::ServiceUnavailable().json(serde_json::json!({ "status": "unavailable" }))
        }
    }
}

/// Prometheus text format.
async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let body = format!(
        "# HELP quotegraph_graphql_requests_total GraphQL requests served.\n\
         # TYPE quotegraph_graphql_requests_total counter\n\
         quotegraph_graphql_requests_total {}\n\
         # HELP quotegraph_sql_statements_total SQL statements run against the database.\n\
         # TYPE quotegraph_sql_statements_total counter\n\
         quotegraph_sql_statements_total {}\n\
         # HELP quotegraph_parsed_documents_reused_total Requests whose document was parsed before.\n\
         # TYPE quotegraph_parsed_documents_reused_total counter\n\
         quotegraph_parsed_documents_reused_total {}\n\
         # HELP quotegraph_websockets_open GraphQL WebSocket connections open.\n\
         # TYPE quotegraph_websockets_open gauge\n\
         quotegraph_websockets_open {}\n\
         # HELP quotegraph_subscribers Subscriptions listening for committed changes.\n\
         # TYPE quotegraph_subscribers gauge\n\
         quotegraph_subscribers {}\n{}{}",
        state.requests.load(Ordering::Relaxed),
        state.storage.statements_run(),
        state.documents.hits(),
        state.sockets.clients.total(),
        state.storage.subscribers(),
        state.refusals.prometheus(),
        state.persisted.prometheus(),
    );
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test;

    #[actix_web::test]
    async fn bench_static_answers_its_bytes_to_get_and_post() {
        let body = web::Bytes::from_static(br#"{"data":{"ok":true}}"#);
        let app = test::init_service(App::new().service(bench_static_resource(body.clone()))).await;
        for request in [test::TestRequest::get(), test::TestRequest::post()] {
            let response =
                test::call_service(&app, request.uri("/bench/static").to_request()).await;
            assert!(response.status().is_success());
            let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
            assert_eq!(content_type.unwrap(), "application/json");
            assert_eq!(test::read_body(response).await, body);
        }
    }
}
