use quotegraph_tests::{assert_no_errors, on_each_backend};
use serde_json::json;

#[tokio::test]
async fn health_graphiql_and_metrics_are_served() {
    on_each_backend(|app| async move {
        let (status, body) = app.get("/healthz").await;
        assert_eq!(status, 200);
        assert!(body.contains("\"ok\""), "{body}");
        let (status, page) = app.get("/graphiql").await;
        assert_eq!(status, 200);
        assert!(page.contains("graphiql"), "GraphiQL page expected");
        assert!(app.sql_statements().await > 0);
    })
    .await;
}

#[tokio::test]
async fn every_iso_country_is_preloaded_with_names_in_both_scripts() {
    on_each_backend(|app| async move {
        let response = app
            .query(
                "{ countries { code } kr: country(name: \"韓國\") { code nameHans nameHant nameEn } id: country(name: \"印度尼西亞\") { code } de: country(code: \"de\") { nameHant } }",
                json!({}),
            )
            .await;
        assert_no_errors(&response);
        let data = &response["data"];
        assert_eq!(data["countries"].as_array().map(Vec::len), Some(249));
        assert_eq!(data["kr"], json!({ "code": "KR", "nameHans": "韩国", "nameHant": "南韓", "nameEn": "South Korea" }));
        assert_eq!(data["id"]["code"], "ID");
        assert_eq!(data["de"]["nameHant"], "德國");
    })
    .await;
}

#[tokio::test]
async fn queries_work_over_get_but_mutations_do_not() {
    on_each_backend(|app| async move {
        let (status, body) = app.get("/graphql?query=%7B%20countries%20%7B%20code%20%7D%20%7D").await;
        assert_eq!(status, 200);
        assert!(body.contains("\"KR\""), "{body}");
        let mutation = "mutation%20%7B%20addArticle(input%3A%7Btitle%3A%22t%22%2Cbody%3A%22b%22%7D)%20%7B%20created%20%7D%20%7D";
        let (_, body) = app.get(&format!("/graphql?query={mutation}")).await;
        assert!(!body.contains("\"created\":true"), "{body}");
    })
    .await;
}

#[test]
fn the_checked_in_schema_matches_the_served_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let checked_in = std::fs::read_to_string(&path).expect("schema.graphql exists at the root");
    assert!(
        checked_in == quotegraph_api::graphql::sdl(),
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql`"
    );
}

#[test]
fn every_type_and_field_has_a_description() {
    let sdl = quotegraph_api::graphql::sdl();
    let mut previous = "";
    let mut missing = Vec::new();
    let mut in_schema_block = false;
    for line in sdl.lines() {
        let trimmed = line.trim();
        in_schema_block = (in_schema_block || trimmed.starts_with("schema {")) && trimmed != "}";
        if in_schema_block {
            continue;
        }
        let declares = trimmed.starts_with("type ")
            || trimmed.starts_with("input ")
            || trimmed.starts_with("enum ")
            || trimmed.starts_with("interface ")
            || trimmed.starts_with("union ")
            || (line.starts_with('\t')
                && !trimmed.starts_with('"')
                && trimmed.contains(':')
                && !line.starts_with("\t\t"));
        if declares && previous != "\"\"\"" && !previous.ends_with("\"\"\"") {
            missing.push(trimmed.to_owned());
        }
        if !trimmed.is_empty() {
            previous = trimmed;
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}
