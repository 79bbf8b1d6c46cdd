//! The hostile requests, one table per layer they attack: the document, the transport, the
//! schema's own arguments.

use serde_json::{Value, json};

/// What a case sends.
pub(super) enum Send {
    /// A POST of this JSON, as `application/json`.
    Json(Value),
    /// A POST with this content type (none when empty) and these bytes.
    Bytes(&'static str, Vec<u8>),
    /// A GET of `/graphql?` and this query string.
    Get(String),
    /// A POST over raw TCP: JSON head, then `chunk` repeated, `Content-Length` their total.
    Huge(&'static [u8], usize),
    /// A GET over raw TCP of `/graphql?query=` and this many `x`, past what an HTTP client
    /// will build.
    LongGet(usize),
}

/// What a case must get back.
pub(super) enum Expect {
    /// This status, and this `extensions.code` on the first error.
    Refused(u16, &'static str),
    /// This status; any errors carry a code.
    Status(u16),
    /// 200 with data; any errors (field errors of odd arguments) carry a code.
    Answered,
    /// Some 4xx status.
    ClientError,
}

/// One hostile request and what it must get back.
pub(super) struct Case {
    pub(super) name: String,
    pub(super) send: Send,
    pub(super) expect: Expect,
}

fn case(name: impl Into<String>, send: Send, expect: Expect) -> Case {
    Case {
        name: name.into(),
        send,
        expect,
    }
}

pub(super) fn query(text: impl Into<String>) -> Send {
    Send::Json(json!({ "query": text.into() }))
}

fn with_variables(text: &str, variables: Value) -> Send {
    Send::Json(json!({ "query": text, "variables": variables }))
}

fn body(text: impl Into<String>) -> Send {
    Send::Bytes("application/json", text.into().into_bytes())
}

fn get(parameters: &[(&str, &str)]) -> Send {
    let encoded: Vec<String> = parameters
        .iter()
        .map(|(name, value)| format!("{name}={}", percent_encode(value)))
        .collect();
    Send::Get(encoded.join("&"))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// F0 spreads F1 `width` times, F1 spreads F2 `width` times, … `levels` deep.
pub(super) fn fan_out(levels: usize, width: usize) -> String {
    let mut text = String::from("query { ...F0 }\n");
    for level in 0..levels {
        let spreads = format!("...F{} ", level + 1).repeat(width);
        text.push_str(&format!("fragment F{level} on Query {{ {spreads}}}\n"));
    }
    text.push_str(&format!("fragment F{levels} on Query {{ __typename }}\n"));
    text
}

/// `person → statements → article → statements → …`, `levels` relations deep, around `inner`.
fn nested_relations(levels: usize, inner: &str) -> String {
    let mut text = inner.to_owned();
    for level in (0..levels).rev() {
        text = if level % 2 == 0 {
            format!("statements(first: 2) {{ edges {{ node {{ {text} }} }} }}")
        } else {
            format!("article {{ {text} }}")
        };
    }
    format!("{{ person(name: \"习近平\") {{ {text} }} }}")
}

/// `{"v": [[[…]]]}`, `depth` deep.
fn deep_json(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

pub(super) fn document_cases() -> Vec<Case> {
    use Expect::*;
    let limit = |status| Refused(status, "LIMIT_EXCEEDED");
    let invalid = || Refused(400, "BAD_USER_INPUT");
    let aliases: String = (0..1000).map(|n| format!("a{n}: __typename ")).collect();
    let aliased_fragment: String = (0..10).map(|n| format!("a{n}: __typename ")).collect();
    let operations: String = (0..10_000)
        .map(|n| format!("query Q{n} {{ __typename }} "))
        .collect();
    let declared: String = (0..150).map(|n| format!("$v{n}: Int ")).collect();
    let unused: String = (0..1000)
        .map(|n| format!("fragment U{n} on Query {{ __typename }} "))
        .collect();
    let arguments: String = (0..1000).map(|n| format!("a{n}: {n} ")).collect();
    vec![
        case(
            "fields nested 1,000 deep",
            query(format!("{}{}", "{ a ".repeat(1000), "}".repeat(1000))),
            limit(400),
        ),
        case(
            "brackets nested 100,000 deep",
            query("{".repeat(100_000)),
            limit(400),
        ),
        case(
            "a list literal nested 1,000 deep",
            query(format!(
                "{{ articles(first: {}) {{ totalCount }} }}",
                deep_json(1000)
            )),
            limit(400),
        ),
        case(
            "inline fragments nested 1,000 deep",
            query(format!(
                "{}__typename{}",
                "{ ... on Query ".repeat(1000),
                "}".repeat(1000)
            )),
            limit(400),
        ),
        case(
            "inline fragments nested 30 deep",
            query(format!(
                "{}{{ __typename }}{}",
                "{ ... on Query ".repeat(30),
                "}".repeat(30)
            )),
            Answered,
        ),
        case(
            "relations nested to the depth limit",
            query(nested_relations(
                6,
                "statements(first: 1) { edges { cursor } }",
            )),
            Answered,
        ),
        case(
            "relations nested one past the depth limit",
            query(nested_relations(
                6,
                "statements(first: 1) { edges { node { text } } }",
            )),
            limit(400),
        ),
        case(
            "relations nested 40 deep",
            query(nested_relations(40, "__typename")),
            limit(400),
        ),
        case(
            "1,000 aliases",
            query(format!("{{ {aliases} }}")),
            limit(400),
        ),
        case(
            "aliases multiplied by fragments",
            query(format!(
                "{{ {} }} fragment A on Query {{ {aliased_fragment} }}",
                "...A ".repeat(20)
            )),
            limit(400),
        ),
        case(
            "a fragment that spreads itself",
            query("{ ...A } fragment A on Query { __typename ...A }"),
            invalid(),
        ),
        case(
            "two fragments that spread each other",
            query("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            invalid(),
        ),
        case(
            "an unused fragment cycle",
            query("{ __typename } fragment A on Query { ...A }"),
            invalid(),
        ),
        case(
            "a fragment cycle inside a field",
            query("{ articles { ...C } } fragment C on ArticleConnection { totalCount ...C }"),
            invalid(),
        ),
        case(
            "fan-out of fragments 30 deep (2^30 fields)",
            query(fan_out(30, 2)),
            limit(400),
        ),
        case(
            "fan-out of fragments 20 deep (2^20 fields)",
            query(fan_out(20, 2)),
            limit(400),
        ),
        case(
            "fan-out of fragments 12 deep, 3 wide",
            query(fan_out(12, 3)),
            limit(400),
        ),
        case(
            "fan-out of fragments 5 deep (32 fields)",
            query(fan_out(5, 2)),
            Answered,
        ),
        case(
            "1,000 directives on a field",
            query(format!(
                "{{ __typename {} }}",
                "@skip(if: false) ".repeat(1000)
            )),
            limit(400),
        ),
        case(
            "11 directives on a fragment spread",
            query(format!(
                "{{ ...F {} }} fragment F on Query {{ __typename }}",
                "@include(if: true) ".repeat(11)
            )),
            limit(400),
        ),
        case(
            "10,000 operations in one document",
            query(operations.clone()),
            limit(400),
        ),
        case(
            "10,000 operations and a name",
            Send::Json(json!({ "query": operations, "operationName": "Q1" })),
            limit(400),
        ),
        case(
            "150 declared variables",
            query(format!("query({declared}) {{ __typename }}")),
            limit(400),
        ),
        case(
            "1,000 unused fragments",
            query(format!("{{ __typename }} {unused}")),
            invalid(),
        ),
        case(
            "a field with 1,000 arguments",
            query(format!("{{ articles({arguments}) {{ totalCount }} }}")),
            invalid(),
        ),
        case(
            "200 KB of whitespace around a query",
            query(format!("{{ __typename }}{}", " ".repeat(200_000))),
            limit(400),
        ),
        case(
            "90 KB of comments",
            query(format!("{}{{ __typename }}", "# comment\n".repeat(9_000))),
            Answered,
        ),
        case(
            "a huge integer literal",
            query("{ articles(first: 99999999999999999999999999) { totalCount } }"),
            invalid(),
        ),
        case(
            "a NUL character in the document",
            query("{ __typename \u{0} }"),
            invalid(),
        ),
        case(
            "an unknown operationName",
            Send::Json(json!({ "query": "query A { __typename }", "operationName": "B" })),
            invalid(),
        ),
        case(
            "two anonymous operations",
            query("{ __typename } { __typename }"),
            invalid(),
        ),
        case(
            "an unterminated document",
            query("{ articles(first: 1) { totalCount "),
            invalid(),
        ),
    ]
}

pub(super) fn transport_cases() -> Vec<Case> {
    use Expect::*;
    let invalid = || Refused(400, "BAD_USER_INPUT");
    let big = |bytes: usize| "x".repeat(bytes);
    let variables: serde_json::Map<String, Value> =
        (0..10_000).map(|n| (format!("v{n}"), json!(n))).collect();
    let batch: Vec<Value> = (0..10_000)
        .map(|_| json!({ "query": "{ __typename }" }))
        .collect();
    vec![
        case(
            "a 10 MB string in the document",
            query(format!(
                "{{ search(query: \"{}\") {{ totalCount }} }}",
                big(10 << 20)
            )),
            Refused(413, "LIMIT_EXCEEDED"),
        ),
        case(
            "a 10 MB string variable",
            with_variables(
                "query($s: String!) { search(query: $s) { totalCount } }",
                json!({ "s": big(10 << 20) }),
            ),
            Refused(413, "LIMIT_EXCEEDED"),
        ),
        case(
            "a 2 MB string variable",
            with_variables(
                "query($s: String!) { search(query: $s) { totalCount } }",
                json!({ "s": big(2 << 20) }),
            ),
            Answered,
        ),
        case(
            "20 MB of whitespace",
            Send::Huge(b"                ", (20 << 20) / 16),
            Refused(413, "LIMIT_EXCEEDED"),
        ),
        case(
            "a 100 MB body",
            Send::Huge(
                b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                (100 << 20) / 64,
            ),
            Refused(413, "LIMIT_EXCEEDED"),
        ),
        case(
            "invalid JSON",
            body(r#"{ "query": "{ __typename }""#),
            invalid(),
        ),
        case("a JSON array of numbers", body("[1, 2, 3]"), invalid()),
        case("a JSON string", body(r#""{ __typename }""#), invalid()),
        case("a JSON number", body("42"), invalid()),
        case("JSON null", body("null"), invalid()),
        case("query a number", body(r#"{"query": 0}"#), invalid()),
        case("query an object", body(r#"{"query": {"a": 1}}"#), invalid()),
        case(
            "query a list",
            body(r#"{"query": ["{ __typename }"]}"#),
            invalid(),
        ),
        case(
            "variables a string",
            body(r#"{"query": "{ __typename }", "variables": "{}"}"#),
            invalid(),
        ),
        case(
            "variables a list",
            body(r#"{"query": "{ __typename }", "variables": [1]}"#),
            invalid(),
        ),
        case(
            "variables a number",
            body(r#"{"query": "{ __typename }", "variables": 5}"#),
            invalid(),
        ),
        case(
            "invalid UTF-8",
            Send::Bytes(
                "application/json",
                b"{\"query\": \"{ \xff\xfe __typename }\"}".to_vec(),
            ),
            invalid(),
        ),
        case(
            "a raw NUL byte in the body",
            Send::Bytes(
                "application/json",
                b"{\"query\": \"{ \x00 __typename }\"}".to_vec(),
            ),
            invalid(),
        ),
        case(
            "a lone surrogate in the document",
            body(r#"{"query": "{ search(query: \"\ud800\") { totalCount } }"}"#),
            invalid(),
        ),
        case(
            "a lone surrogate in a variable",
            body(
                r#"{"query": "query($s: String!) { search(query: $s) { totalCount } }", "variables": {"s": "\udc00"}}"#,
            ),
            invalid(),
        ),
        case(
            "text/plain",
            Send::Bytes("text/plain", br#"{"query": "{ __typename }"}"#.to_vec()),
            Refused(415, "BAD_USER_INPUT"),
        ),
        case(
            "no content type",
            Send::Bytes("", br#"{"query": "{ __typename }"}"#.to_vec()),
            Refused(415, "BAD_USER_INPUT"),
        ),
        case(
            "application/graphql",
            Send::Bytes("application/graphql", b"{ __typename }".to_vec()),
            Refused(415, "BAD_USER_INPUT"),
        ),
        case("an empty body", body(""), invalid()),
        case(
            "a batch of 10,000 operations",
            Send::Json(Value::Array(batch)),
            invalid(),
        ),
        case(
            "variables nested 100,000 deep",
            body(format!(
                r#"{{"query": "{{ __typename }}", "variables": {{"v": {}}}}}"#,
                deep_json(100_000)
            )),
            invalid(),
        ),
        case(
            "extensions nested 100,000 deep",
            body(format!(
                r#"{{"query": "{{ __typename }}", "extensions": {{"v": {}}}}}"#,
                deep_json(100_000)
            )),
            invalid(),
        ),
        case(
            "a huge integer variable",
            body(
                r#"{"query": "query($n: Int) { articles(first: $n) { totalCount } }", "variables": {"n": 99999999999999999999999999}}"#,
            ),
            Status(400),
        ),
        case(
            "a number too large for JSON",
            body(r#"{"query": "{ __typename }", "variables": {"n": 1e400}}"#),
            invalid(),
        ),
        case(
            "10,000 variables",
            with_variables("{ __typename }", Value::Object(variables)),
            Refused(400, "LIMIT_EXCEEDED"),
        ),
        case(
            "a mutation over GET",
            get(&[("query", "mutation { __typename }")]),
            Refused(405, "BAD_USER_INPUT"),
        ),
        case(
            "a 17 KB GET URL",
            get(&[("query", &format!("{{ __typename }}#{}", big(17_000)))]),
            Refused(414, "LIMIT_EXCEEDED"),
        ),
        case("a 1 MB GET URL", Send::LongGet(1 << 20), ClientError),
        case(
            "the fan-out over GET",
            get(&[("query", &fan_out(30, 2))]),
            Refused(400, "LIMIT_EXCEEDED"),
        ),
        case(
            "GET variables that are not JSON",
            get(&[("query", "{ __typename }"), ("variables", "{")]),
            invalid(),
        ),
    ]
}

pub(super) fn schema_cases() -> Vec<Case> {
    use Expect::*;
    let articles = |arguments: &str| {
        query(format!(
            "{{ articles({arguments}) {{ totalCount edges {{ node {{ title }} }} }} }}"
        ))
    };
    let search = |text: &str| {
        with_variables(
            "query($q: String!) { search(query: $q, first: 5) { totalCount } }",
            json!({ "q": text }),
        )
    };
    vec![
        case("first: 1000000000", articles("first: 1000000000"), Answered),
        case("first: -1", articles("first: -1"), Answered),
        case("last: -5", articles("last: -5"), Answered),
        case(
            "first and last together",
            articles("first: 2, last: 2"),
            Answered,
        ),
        case(
            "first: 2147483647 with last: 0",
            articles("first: 2147483647, last: 0"),
            Answered,
        ),
        case(
            "a forged cursor",
            articles("first: 2, after: \"YXJ0aWNsZToxMDAwMDAwMDAw\""),
            Answered,
        ),
        case(
            "a garbage cursor",
            articles("first: 2, after: \"!!not base64!!\""),
            Answered,
        ),
        case(
            "a 50 KB cursor",
            articles(&format!("first: 2, before: \"{}\"", "QUJD".repeat(12_500))),
            Answered,
        ),
        case(
            "a node id of no type",
            query("{ node(id: \"garbage\") { id } }"),
            Answered,
        ),
        case(
            "an empty node id",
            query("{ article(id: \"\") { title } }"),
            Answered,
        ),
        case(
            "a person id asked for as an article",
            query("{ article(id: \"UGVyc29uOjE=\") { title } }"),
            Answered,
        ),
        case(
            "search for SQL",
            search("'; DROP TABLE articles; --"),
            Answered,
        ),
        case("search for LIKE wildcards", search("%_%\\"), Answered),
        case(
            "search for 10,000 的",
            search(&"的".repeat(10_000)),
            Answered,
        ),
        case("search for a NUL", search("习\u{0}近平"), Answered),
        case(
            "search for quotes and emoji",
            search("“\"」『😀\u{200b}"),
            Answered,
        ),
        case("search for an empty string", search(""), Answered),
    ]
}
