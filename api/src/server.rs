//! The HTTP server: GraphQL over HTTP at /graphql (POST JSON, GET for queries), GraphiQL at
//! /graphiql, /healthz and /metrics. Building the app is separate from running it, so
//! tests can bind port 0 and learn the port. How GraphQL requests are read and answered
//! lives in [`crate::http`]; this module wires it to the schema and the caller's rights.

use crate::config::Settings;
use crate::graphql::auth::Caller;
use crate::graphql::loaders::loaders;
use crate::graphql::{QuotegraphSchema, build_schema};
use crate::http::graphql_request::{self, RequestError};
use crate::http::{accept, graphiql, graphql_http, operation};
use actix_web::dev::Server;
use actix_web::http::{Method, header};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use quotegraph_storage::Storage;
use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, Ordering};

/// The largest request body accepted (a 1 MiB article plus its JSON framing).
const MAX_BODY_BYTES: usize = 4 << 20;

/// What every request handler shares.
struct AppState {
    schema: QuotegraphSchema,
    storage: Storage,
    admin_token: Option<String>,
    requests: AtomicU64,
    /// Set from QUOTEGRAPH_LOADER_DELAY_US: batch DataLoaders on a clock instead, to
    /// measure the difference.
    loader_delay: Option<std::time::Duration>,
}

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
        if settings.admin_token.is_none() {
            tracing::warn!("QUOTEGRAPH_ADMIN_TOKEN is not set: every mutation will be refused");
        }
        let state = web::Data::new(AppState {
            schema: build_schema(storage.clone()),
            storage,
            admin_token: settings.admin_token,
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
/// acceptable), then the request is read (GET parameters or a JSON body) and run.
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
    let is_get = http.method() == Method::GET;
    let request = if is_get {
        graphql_request::from_query_string(http.query_string())
    } else {
        read_post(&http, payload).await
    };
    let mut request = match request {
        Ok(request) => request,
        Err(error) => return graphql_http::refused(media_type, &error),
    };
    let missing = operation::missing_required_variables(&mut request);
    if !missing.is_empty() {
        let response = async_graphql::Response::from_errors(missing);
        return graphql_http::graphql_response(media_type, response);
    }
    let authorization = http
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    // GraphQL over HTTP: a GET may not change anything, so it never carries admin rights.
    let caller = if is_get {
        Caller::Anonymous
    } else {
        Caller::from_header(authorization, state.admin_token.as_deref())
    };
    let request = request
        .data(caller)
        .data(loaders(state.storage.clone(), state.loader_delay));
    graphql_http::graphql_response(media_type, state.schema.execute(request).await)
}

/// The GraphQL request in a POST: `application/json`, at most MAX_BODY_BYTES.
async fn read_post(
    http: &HttpRequest,
    payload: web::Payload,
) -> Result<async_graphql::Request, RequestError> {
    let content_type = http
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if !graphql_request::is_json_content_type(content_type) {
        return Err(RequestError::UnsupportedMediaType);
    }
    match payload.to_bytes_limited(MAX_BODY_BYTES).await {
        Ok(Ok(body)) => graphql_request::from_post_body(&body),
        Ok(Err(err)) => Err(RequestError::Malformed(format!(
            "the body could not be read: {err}"
        ))),
        Err(_) => Err(RequestError::TooLarge(MAX_BODY_BYTES)),
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
         quotegraph_sql_statements_total {}\n",
        state.requests.load(Ordering::Relaxed),
        state.storage.statements_run(),
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
