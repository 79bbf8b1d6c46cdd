//! Turning GraphQL responses and refused requests into HTTP responses: status code, content
//! type and body, as GraphQL over HTTP asks for each media type.
//!
//! | what happened | `application/graphql-response+json` | `application/json` |
//! | --- | --- | --- |
//! | executed (data, maybe with field errors) | 200 | 200 |
//! | request error: parse, validation, limits, operation selection | 400, no `data` | 200, no `data` |
//! | not a GraphQL request (see [`RequestError`]) | its status | its status |
//! | `Accept` allows neither type | 406 | 406 |

use super::accept::ResponseMediaType;
use super::graphql_request::RequestError;
use super::refusals::Refusal;
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use async_graphql::{Response, ServerError, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// A GraphQL response as sent: `data` only when execution began.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a Value>,
    #[serde(skip_serializing_if = "<[ServerError]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, Value>,
}

/// The HTTP response for the GraphQL response `response`, sent as `media_type`.
pub fn graphql_response(media_type: ResponseMediaType, mut response: Response) -> HttpResponse {
    add_missing_codes(&mut response);
    let request_error = is_request_error(&response);
    let status = match (request_error, media_type) {
        (true, ResponseMediaType::GraphqlResponseJson) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    let body = Body {
        data: (!request_error).then_some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    send(status, media_type, &body)
}

/// The HTTP response refusing a request that is not a GraphQL request quotegraph runs.
pub fn refused(media_type: ResponseMediaType, error: &RequestError) -> HttpResponse {
    let errors = one_error(error.code(), error.message());
    let mut response = send(error.status(), media_type, &Body::errors_only(&errors));
    if *error == RequestError::MutationOverGet {
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
    }
    response
}

/// The HTTP response refusing a request over a limit: a document over a limit is a GraphQL
/// request error (400, or 200 for legacy JSON); a limit of the transport has its own status,
/// with `Retry-After` when waiting helps. `extensions.limit` names the limit.
pub fn limit_refused(media_type: ResponseMediaType, refusal: &Refusal) -> HttpResponse {
    let mut errors = one_error(refusal.reason.code(), refusal.message.clone());
    for error in &mut errors {
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("limit", Value::from(refusal.reason.label()));
    }
    let Some(status) = refusal.reason.status() else {
        return graphql_response(media_type, Response::from_errors(errors));
    };
    let mut response = send(status, media_type, &Body::errors_only(&errors));
    if matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    ) {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    response
}

/// A GraphQL request error with this code and message: 400, or 200 for legacy JSON.
pub fn request_error(media_type: ResponseMediaType, code: &str, message: String) -> HttpResponse {
    graphql_response(media_type, Response::from_errors(one_error(code, message)))
}

/// The 406 for an `Accept` header that allows neither media type; the body is JSON anyway,
/// for whoever reads it.
pub fn not_acceptable() -> HttpResponse {
    let message = "accept application/graphql-response+json or application/json".to_owned();
    let errors = one_error("BAD_USER_INPUT", message);
    send(
        StatusCode::NOT_ACCEPTABLE,
        ResponseMediaType::Json,
        &Body::errors_only(&errors),
    )
}

impl<'a> Body<'a> {
    fn errors_only(errors: &'a [ServerError]) -> Self {
        static NO_EXTENSIONS: BTreeMap<String, Value> = BTreeMap::new();
        Body {
            data: None,
            errors,
            extensions: &NO_EXTENSIONS,
        }
    }
}

fn one_error(code: &str, message: String) -> Vec<ServerError> {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", Value::from(code));
    vec![error]
}

fn send(status: StatusCode, media_type: ResponseMediaType, body: &Body<'_>) -> HttpResponse {
    match serde_json::to_vec(body) {
        Ok(bytes) => HttpResponse::build(status)
            .content_type(media_type.content_type())
            .body(bytes),
        Err(err) => {
            tracing::error!(error = %err, "a GraphQL response could not be serialised");
            HttpResponse::InternalServerError()
                .content_type(media_type.content_type())
                .body(
                    r#"{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}"#,
                )
        }
    }
}

/// Whether `response` failed before execution began (parse, validation, limits, operation
/// selection). async-graphql's `Response` does not say, but execution always leaves `data`
/// or errors carrying the path of the field that raised them, so no data and no error with
/// a path means execution never began.
pub fn is_request_error(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|error| error.path.is_empty())
}

/// Errors raised by async-graphql itself (parse, validation, limits) carry no code; give
/// them one so every error a client sees has `extensions.code`.
pub fn add_missing_codes(response: &mut Response) {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            let message = error.message.to_lowercase();
            let code = if message.contains("too deep")
                || message.contains("too complex")
                || message.contains("limit")
            {
                "LIMIT_EXCEEDED"
            } else {
                "BAD_USER_INPUT"
            };
            extensions.set("code", Value::from(code));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::PathSegment;

    fn field_error() -> ServerError {
        let mut error = ServerError::new("refused", None);
        error.path = vec![PathSegment::Field("addArticle".to_owned())];
        error
    }

    async fn sent(media_type: ResponseMediaType, response: Response) -> (u16, serde_json::Value) {
        let http = graphql_response(media_type, response);
        let status = http.status().as_u16();
        let bytes = actix_web::body::to_bytes(http.into_body())
            .await
            .expect("a body");
        (status, serde_json::from_slice(&bytes).expect("JSON"))
    }

    #[actix_web::test]
    async fn request_errors_are_400_without_data_only_for_graphql_response_json() {
        let parse_error = || Response::from_errors(vec![ServerError::new("unexpected end", None)]);
        let (status, body) = sent(ResponseMediaType::GraphqlResponseJson, parse_error()).await;
        assert_eq!(status, 400);
        assert!(body.get("data").is_none(), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        let (status, body) = sent(ResponseMediaType::Json, parse_error()).await;
        assert_eq!(status, 200);
        assert!(body.get("data").is_none(), "{body}");
    }

    #[actix_web::test]
    async fn executed_responses_are_200_with_data_even_when_it_is_null() {
        for media_type in [
            ResponseMediaType::GraphqlResponseJson,
            ResponseMediaType::Json,
        ] {
            let (status, body) = sent(media_type, Response::from_errors(vec![field_error()])).await;
            assert_eq!(status, 200);
            assert_eq!(body["data"], serde_json::Value::Null, "{body}");
            assert_eq!(body["errors"][0]["message"], "refused");
        }
    }

    #[actix_web::test]
    async fn refusals_carry_their_status_and_a_code() {
        let http = refused(ResponseMediaType::Json, &RequestError::MutationOverGet);
        assert_eq!(http.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            http.headers().get(header::ALLOW).map(|v| v.as_bytes()),
            Some(&b"POST"[..])
        );
        let http = refused(ResponseMediaType::Json, &RequestError::TooLarge(10));
        let bytes = actix_web::body::to_bytes(http.into_body())
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED");
        assert_eq!(not_acceptable().status(), StatusCode::NOT_ACCEPTABLE);
    }

    #[actix_web::test]
    async fn document_limits_are_request_errors_and_transport_limits_have_their_status() {
        use super::super::refusals::Reason;
        let refusal = Refusal::new(Reason::Selections, "too many");
        let http = limit_refused(ResponseMediaType::GraphqlResponseJson, &refusal);
        assert_eq!(http.status(), StatusCode::BAD_REQUEST);
        let bytes = actix_web::body::to_bytes(http.into_body())
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED");
        assert_eq!(body["errors"][0]["extensions"]["limit"], "selections");
        let refusal = Refusal::new(Reason::Rate, "slow down");
        let http = limit_refused(ResponseMediaType::Json, &refusal);
        assert_eq!(http.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(http.headers().contains_key(header::RETRY_AFTER));
    }
}
