//! GraphiQL at /graphiql, with everything it loads embedded in the binary and served from
//! /graphiql/assets/: the page works with no network beyond this server. The vendored files
//! (versions in `api/assets/graphiql/README.md`) carry their version in their name, so they
//! are cached for a year; quotegraph's own page, script and style are revalidated.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, web};

/// Where the assets are served.
pub const ASSETS_PATH: &str = "/graphiql/assets";

/// What the page may load and reach: this server only. Styles may be inline because
/// GraphiQL's editors set some themselves.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// A year: vendored assets never change under the same name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// quotegraph's own files change with the server, under the same name.
const REVALIDATE: &str = "no-cache";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    cache_control: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $content_type:expr, $cache_control:expr) => {
        Asset {
            name: $name,
            content_type: $content_type,
            cache_control: $cache_control,
            bytes: include_bytes!(concat!("../../assets/graphiql/", $name)),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!("graphiql-4.1.2.min.js", JAVASCRIPT, IMMUTABLE),
    asset!("graphiql-4.1.2.min.css", CSS, IMMUTABLE),
    asset!("react-18.3.1.production.min.js", JAVASCRIPT, IMMUTABLE),
    asset!("react-dom-18.3.1.production.min.js", JAVASCRIPT, IMMUTABLE),
    asset!("quotegraph-graphiql.js", JAVASCRIPT, REVALIDATE),
    asset!("quotegraph-graphiql.css", CSS, REVALIDATE),
];

const PAGE: &str = include_str!("../../assets/graphiql/index.html");

/// GET /graphiql: the page.
pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, REVALIDATE))
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(PAGE)
}

/// GET /graphiql/assets/{file}: one embedded file, or 404.
pub async fn asset(file: web::Path<String>) -> HttpResponse {
    match ASSETS.iter().find(|asset| asset.name == file.as_str()) {
        Some(asset) => HttpResponse::Ok()
            .insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ))
            .insert_header((header::CACHE_CONTROL, asset.cache_control))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(asset.bytes),
        None => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("no such GraphiQL asset"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_embedded_assets_and_talks_to_graphql() {
        let mut referenced = 0;
        for attribute in ["src=\"", "href=\""] {
            for reference in PAGE.split(attribute).skip(1) {
                let url = reference.split('"').next().unwrap_or_default();
                if url == "data:," {
                    continue;
                }
                let name = url
                    .strip_prefix("/graphiql/assets/")
                    .unwrap_or_else(|| panic!("{url} is not an embedded asset"));
                assert!(ASSETS.iter().any(|asset| asset.name == name), "{name}");
                referenced += 1;
            }
        }
        assert_eq!(referenced, ASSETS.len(), "every asset is used by the page");
        assert!(!PAGE.contains("//"), "no absolute or protocol-relative URL");
        let script = ASSETS
            .iter()
            .find(|asset| asset.name == "quotegraph-graphiql.js")
            .map(|asset| String::from_utf8_lossy(asset.bytes))
            .unwrap_or_default();
        assert!(script.contains("fetch('/graphql'"));
        assert!(
            script.contains("subscriptionUrl: socketUrl()"),
            "subscriptions go over a WebSocket to this server"
        );
        assert!(
            script.contains("if (token)"),
            "the token is sent only when entered"
        );
    }
}
