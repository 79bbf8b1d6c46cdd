//! Which media type a GraphQL response is sent as, chosen from the request's `Accept` header
//! (GraphQL over HTTP, "Accept" and "Legacy watershed").

/// The media types quotegraph sends GraphQL responses as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMediaType {
    /// `application/graphql-response+json`: a request error gets a 4xx status and no `data`.
    GraphqlResponseJson,
    /// `application/json`, the legacy type: every well-formed GraphQL response is a 200.
    Json,
}

impl ResponseMediaType {
    /// The `Content-Type` header value of a response of this type.
    pub fn content_type(self) -> &'static str {
        match self {
            ResponseMediaType::GraphqlResponseJson => {
                "application/graphql-response+json; charset=utf-8"
            }
            ResponseMediaType::Json => "application/json; charset=utf-8",
        }
    }

    fn essence(self) -> &'static str {
        match self {
            ResponseMediaType::GraphqlResponseJson => "application/graphql-response+json",
            ResponseMediaType::Json => "application/json",
        }
    }
}

/// The specificity of an `Accept` entry that names the media type itself.
const EXACT: u8 = 3;

/// How well one `Accept` entry matches a media type: (specificity, quality, position).
#[derive(Debug, Clone, Copy)]
struct Match {
    specificity: u8,
    quality: f32,
    position: usize,
}

/// The media type to answer with, or `None` when `accept` allows neither (a 406).
///
/// No header means `application/json`, as do wildcards (`*/*`, `application/*`): until the
/// spec's watershed that is what clients that name no type expect. Otherwise the type with
/// the highest quality wins; on a tie, the one named more precisely, then the one named first.
pub fn negotiate(accept: Option<&str>) -> Option<ResponseMediaType> {
    let Some(accept) = accept.filter(|value| !value.trim().is_empty()) else {
        return Some(ResponseMediaType::Json);
    };
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(media_range).collect();
    let acceptable = |media_type: ResponseMediaType| {
        best_match(&ranges, media_type.essence()).filter(|found| found.quality > 0.0)
    };
    match (
        acceptable(ResponseMediaType::GraphqlResponseJson),
        acceptable(ResponseMediaType::Json),
    ) {
        (None, None) => None,
        (Some(_), None) => Some(ResponseMediaType::GraphqlResponseJson),
        (None, Some(_)) => Some(ResponseMediaType::Json),
        (Some(graphql), Some(json)) if graphql.beats(json) => {
            Some(ResponseMediaType::GraphqlResponseJson)
        }
        (Some(_), Some(_)) => Some(ResponseMediaType::Json),
    }
}

impl Match {
    /// Higher quality wins, then the entry naming the type itself; between two entries that
    /// name their types, the first. Two types covered by the same wildcard tie: no win.
    fn beats(self, other: Match) -> bool {
        if self.quality != other.quality {
            return self.quality > other.quality;
        }
        if self.specificity != other.specificity {
            return self.specificity > other.specificity;
        }
        self.specificity == EXACT && self.position < other.position
    }
}

/// The most specific entry of `ranges` that covers `essence`, and where it stands.
fn best_match(ranges: &[(String, f32)], essence: &str) -> Option<Match> {
    let (kind, _) = essence.split_once('/')?;
    let mut best: Option<Match> = None;
    for (position, (range, quality)) in ranges.iter().enumerate() {
        let specificity = if range == essence {
            EXACT
        } else if range.strip_suffix("/*") == Some(kind) {
            2
        } else if range == "*/*" {
            1
        } else {
            continue;
        };
        if best.is_none_or(|found| specificity > found.specificity) {
            best = Some(Match {
                specificity,
                quality: *quality,
                position,
            });
        }
    }
    best
}

/// One `Accept` entry as (lower-case `type/subtype`, quality); `None` when it is unreadable.
fn media_range(entry: &str) -> Option<(String, f32)> {
    let mut parts = entry.split(';');
    let range = parts.next()?.trim().to_ascii_lowercase();
    if !range.contains('/') {
        return None;
    }
    let mut quality = 1.0;
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("q")
        {
            quality = value
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    Some((range, quality))
}

#[cfg(test)]
mod tests {
    use super::ResponseMediaType::{GraphqlResponseJson, Json};
    use super::negotiate;

    #[test]
    fn no_header_and_wildcards_mean_application_json() {
        assert_eq!(negotiate(None), Some(Json));
        assert_eq!(negotiate(Some("")), Some(Json));
        assert_eq!(negotiate(Some("*/*")), Some(Json));
        assert_eq!(negotiate(Some("application/*")), Some(Json));
        assert_eq!(negotiate(Some("text/html, */*;q=0.8")), Some(Json));
    }

    #[test]
    fn each_type_named_alone_is_answered_in_that_type() {
        assert_eq!(negotiate(Some("application/json")), Some(Json));
        assert_eq!(
            negotiate(Some("application/graphql-response+json")),
            Some(GraphqlResponseJson)
        );
        assert_eq!(
            negotiate(Some("Application/GraphQL-Response+JSON; charset=utf-8")),
            Some(GraphqlResponseJson)
        );
    }

    #[test]
    fn quality_then_precision_then_order_decide() {
        let both = "application/graphql-response+json, application/json;q=0.9";
        assert_eq!(negotiate(Some(both)), Some(GraphqlResponseJson));
        let json_first = "application/json, application/graphql-response+json;q=0.5";
        assert_eq!(negotiate(Some(json_first)), Some(Json));
        let equal = "application/json, application/graphql-response+json";
        assert_eq!(negotiate(Some(equal)), Some(Json));
        let named = "*/*, application/graphql-response+json";
        assert_eq!(negotiate(Some(named)), Some(GraphqlResponseJson));
        let excluded = "application/json;q=0, */*";
        assert_eq!(negotiate(Some(excluded)), Some(GraphqlResponseJson));
    }

    #[test]
    fn types_quotegraph_cannot_send_are_not_acceptable() {
        assert_eq!(negotiate(Some("text/html")), None);
        assert_eq!(negotiate(Some("application/xml, text/*")), None);
        assert_eq!(negotiate(Some("application/json;q=0")), None);
        assert_eq!(negotiate(Some("nonsense")), None);
        assert_eq!(negotiate(Some("application/json;q=2")), None);
    }
}
