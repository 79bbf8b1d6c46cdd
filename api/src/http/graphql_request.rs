//! Reading a GraphQL request off HTTP, as GraphQL over HTTP defines it: the parameters of a
//! GET's query string, or a POST body of `application/json`. A request that is not one (no
//! string `query`, `variables` or `extensions` that are not maps, a mutation over GET) is
//! refused here, before the schema sees it.

use super::{operation, persisted};
use actix_web::http::StatusCode;
use async_graphql::{Extensions, Request, Variables};
use serde::Deserialize;

/// Why an HTTP request is not a GraphQL request quotegraph runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// Not JSON, or JSON that is not a GraphQL request. Client sees 400 and BAD_USER_INPUT.
    Malformed(String),
    /// A mutation sent with GET. Client sees 405, `Allow: POST` and BAD_USER_INPUT.
    MutationOverGet,
    /// A body larger than the server takes. Client sees 413 and LIMIT_EXCEEDED.
    TooLarge(usize),
    /// A POST body that is not `application/json` in UTF-8. Client sees 415 and BAD_USER_INPUT.
    UnsupportedMediaType,
}

impl RequestError {
    /// The HTTP status the client sees.
    pub fn status(&self) -> StatusCode {
        match self {
            RequestError::Malformed(_) => StatusCode::BAD_REQUEST,
            RequestError::MutationOverGet => StatusCode::METHOD_NOT_ALLOWED,
            RequestError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            RequestError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        }
    }

    /// The `extensions.code` of the error the client sees.
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::TooLarge(_) => "LIMIT_EXCEEDED",
            _ => "BAD_USER_INPUT",
        }
    }

    /// The message the client sees.
    pub fn message(&self) -> String {
        match self {
            RequestError::Malformed(reason) => reason.clone(),
            RequestError::MutationOverGet => {
                "mutations are sent with POST; GET runs queries only".to_owned()
            }
            RequestError::TooLarge(limit) => format!("the request body is over {limit} bytes"),
            RequestError::UnsupportedMediaType => {
                "send the request as `Content-Type: application/json` (UTF-8)".to_owned()
            }
        }
    }
}

/// A POST body's parameters. Types are checked by serde: a `query` or `operationName` that is
/// not a string, or `variables` or `extensions` that are not maps (or null), fail to read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostParameters {
    query: Option<String>,
    operation_name: Option<String>,
    #[serde(default)]
    variables: Variables,
    #[serde(default)]
    extensions: Extensions,
}

/// A GET's parameters: `variables` and `extensions` are JSON in a string.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParameters {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// Whether a POST's `Content-Type` is `application/json`, in UTF-8 (the default).
pub fn is_json_content_type(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else {
        return false;
    };
    let mut parts = content_type.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        && parts.all(|parameter| match parameter.split_once('=') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("charset") => {
                let charset = value.trim().trim_matches('"');
                charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8")
            }
            _ => true,
        })
}

/// The GraphQL request in a POST body of `application/json`.
pub fn from_post_body(body: &[u8]) -> Result<Request, RequestError> {
    let parameters: PostParameters = serde_json::from_slice(body).map_err(|err| {
        RequestError::Malformed(if err.is_syntax() || err.is_eof() {
            format!("the body is not JSON: {err}")
        } else {
            format!("the body is not a GraphQL request: {err}")
        })
    })?;
    let request = request(
        parameters.query,
        parameters.operation_name,
        parameters.variables,
        &parameters.extensions,
    )?;
    Ok(with_extensions(request, parameters.extensions))
}

/// The GraphQL request in a GET's query string. Whether it selects a mutation is checked
/// apart ([`refuse_mutation_over_get`]), after the document's limits, because it parses it.
pub fn from_query_string(query_string: &str) -> Result<Request, RequestError> {
    let parameters = serde_urlencoded_parameters(query_string)?;
    let variables = parameters
        .variables
        .map(|json| serde_json::from_str::<Variables>(&json))
        .transpose()
        .map_err(|err| RequestError::Malformed(format!("`variables` is not a JSON map: {err}")))?
        .unwrap_or_default();
    let extensions = parameters
        .extensions
        .map(|json| serde_json::from_str::<Extensions>(&json))
        .transpose()
        .map_err(|err| RequestError::Malformed(format!("`extensions` is not a JSON map: {err}")))?
        .unwrap_or_default();
    Ok(with_extensions(
        request(
            parameters.query,
            parameters.operation_name,
            variables,
            &extensions,
        )?,
        extensions,
    ))
}

/// Refuses a GET request whose selected operation is a mutation.
pub fn refuse_mutation_over_get(request: &mut Request) -> Result<(), RequestError> {
    if operation::is_mutation(request) {
        return Err(RequestError::MutationOverGet);
    }
    Ok(())
}

fn serde_urlencoded_parameters(query_string: &str) -> Result<GetParameters, RequestError> {
    actix_web::web::Query::<GetParameters>::from_query(query_string)
        .map(actix_web::web::Query::into_inner)
        .map_err(|err| RequestError::Malformed(format!("the query string is unreadable: {err}")))
}

/// The request; `query` may be left out only by one naming a persisted query.
fn request(
    query: Option<String>,
    operation_name: Option<String>,
    variables: Variables,
    extensions: &Extensions,
) -> Result<Request, RequestError> {
    let query = query.or_else(|| persisted::names_persisted_query(extensions).then(String::new));
    let query = query.ok_or_else(|| {
        RequestError::Malformed("`query` is missing: send the GraphQL document in it".to_owned())
    })?;
    let request = Request::new(query).variables(variables);
    Ok(match operation_name {
        Some(name) => request.operation_name(name),
        None => request,
    })
}

fn with_extensions(mut request: Request, extensions: Extensions) -> Request {
    request.extensions = extensions;
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    fn malformed(result: Result<Request, RequestError>) -> String {
        match result {
            Err(RequestError::Malformed(reason)) => reason,
            Err(other) => panic!("expected Malformed, got {other:?}"),
            Ok(request) => panic!("expected Malformed, got a request for {}", request.query),
        }
    }

    #[test]
    fn a_post_body_gives_query_operation_variables_and_extensions() {
        let body = br#"{"query":"query Q($n:Int){__typename}","operationName":"Q","variables":{"n":1},"extensions":{"a":true}}"#;
        let request = from_post_body(body).expect("a request");
        assert_eq!(request.query, "query Q($n:Int){__typename}");
        assert_eq!(request.operation_name.as_deref(), Some("Q"));
        assert_eq!(request.variables.len(), 1);
        assert_eq!(request.extensions.len(), 1);
    }

    #[test]
    fn null_parameters_are_absent_ones() {
        let body =
            br#"{"query":"{__typename}","operationName":null,"variables":null,"extensions":null}"#;
        assert!(from_post_body(body).is_ok());
    }

    #[test]
    fn bodies_that_are_not_graphql_requests_are_malformed() {
        assert!(malformed(from_post_body(br#"{ "not a JSON"#)).contains("not JSON"));
        assert!(malformed(from_post_body(b"")).contains("not JSON"));
        assert!(malformed(from_post_body(br#"{"qeury":"{a}"}"#)).contains("`query` is missing"));
        for body in [
            r#"{"query":0}"#,
            r#"{"query":{"obj":"ect"}}"#,
            r#"{"query":"{a}","operationName":false}"#,
            r#"{"query":"{a}","variables":"string"}"#,
            r#"{"query":"{a}","variables":["array"]}"#,
            r#"{"query":"{a}","extensions":0}"#,
            r#"[{"query":"{a}"}]"#,
        ] {
            assert!(
                malformed(from_post_body(body.as_bytes())).contains("not a GraphQL request"),
                "{body}"
            );
        }
    }

    #[test]
    fn only_json_in_utf8_is_a_post_body() {
        assert!(is_json_content_type(Some("application/json")));
        assert!(is_json_content_type(Some(
            "Application/JSON; charset=UTF-8"
        )));
        assert!(!is_json_content_type(None));
        assert!(!is_json_content_type(Some("text/plain")));
        assert!(!is_json_content_type(Some(
            "application/json; charset=latin1"
        )));
        assert!(!is_json_content_type(Some("application/graphql")));
    }

    #[test]
    fn a_query_string_gives_the_same_parameters() {
        let query = "query=query%20Q(%24n%3AInt)%7B__typename%7D&operationName=Q&variables=%7B%22n%22%3A1%7D";
        let request = from_query_string(query).expect("a request");
        assert_eq!(request.operation_name.as_deref(), Some("Q"));
        assert_eq!(request.variables.len(), 1);
        assert!(malformed(from_query_string("variables=%7B%7D")).contains("`query` is missing"));
        assert!(
            malformed(from_query_string("query=%7Ba%7D&variables=1")).contains("not a JSON map")
        );
    }

    #[test]
    fn mutations_over_get_are_refused_and_queries_beside_them_are_not() {
        let refused = |query: &str| {
            from_query_string(query)
                .and_then(|mut request| refuse_mutation_over_get(&mut request))
                .err()
        };
        assert_eq!(
            refused("query=mutation%20%7B__typename%7D"),
            Some(RequestError::MutationOverGet)
        );
        let both = "query=query%20A%7B__typename%7D%20mutation%20B%7B__typename%7D";
        assert_eq!(
            refused(&format!("{both}&operationName=B")),
            Some(RequestError::MutationOverGet)
        );
        assert_eq!(refused(&format!("{both}&operationName=A")), None);
        assert_eq!(
            refused("query=%7B"),
            None,
            "a parse error is execution's to report"
        );
    }
}
