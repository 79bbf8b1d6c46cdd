use quotegraph_tests::seeds::{add_article_input, gold_articles, required_quotes_of};
use quotegraph_tests::{TestApp, assert_no_errors, on_each_backend};
use serde_json::{Value, json};
use std::collections::BTreeSet;

async fn load_both_samples(app: &TestApp) {
    for article in gold_articles() {
        app.add_article(add_article_input(&article)).await;
    }
}

const STATEMENTS_OF_PERSON: &str = "query($name: String!) { person(name: $name) { name statements(first: 20) { totalCount edges { node { text article { title publishedAt source { name } } } } } } }";

fn texts(connection: &Value) -> BTreeSet<String> {
    connection["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["node"]["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn statements_by_xi_span_both_articles_whichever_script_the_name_is_asked_in() {
    on_each_backend(|app| async move {
        load_both_samples(&app).await;
        let expected: BTreeSet<String> = required_quotes_of("习近平").into_iter().collect();
        assert_eq!(
            expected.len(),
            6,
            "the annotation attributes six quotes to 习近平"
        );
        for name in ["习近平", "習近平", "习主席", "習主席", "國家主席習近平"] {
            let response = app
                .query(STATEMENTS_OF_PERSON, json!({ "name": name }))
                .await;
            assert_no_errors(&response);
            let person = &response["data"]["person"];
            assert_eq!(person["name"], "习近平", "asked as {name}");
            assert_eq!(person["statements"]["totalCount"], 6, "asked as {name}");
            assert_eq!(texts(&person["statements"]), expected, "asked as {name}");
            let sources: BTreeSet<&str> = person["statements"]["edges"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["node"]["article"]["source"]["name"].as_str())
                .collect();
            assert_eq!(sources, BTreeSet::from(["央视网", "環球網"]));
        }
    })
    .await;
}

#[tokio::test]
async fn the_statements_filter_finds_a_speaker_by_any_written_form() {
    on_each_backend(|app| async move {
        load_both_samples(&app).await;
        let query =
            "query($speaker: String!) { statements(filter: { speaker: $speaker }) { totalCount } }";
        for speaker in ["習近平", "习近平"] {
            let response = app.query(query, json!({ "speaker": speaker })).await;
            assert_eq!(
                response["data"]["statements"]["totalCount"], 6,
                "{response:#}"
            );
        }
        let response = app.query(query, json!({ "speaker": "賀南洪" })).await;
        assert_eq!(
            response["data"]["statements"]["totalCount"], 2,
            "{response:#}"
        );
        let by_country = app
            .query(
                "{ statements(filter: { country: \"KH\" }) { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(
            by_country["data"]["statements"]["totalCount"], 2,
            "{by_country:#}"
        );
        let nobody = app.query(query, json!({ "speaker": "无此人" })).await;
        assert_eq!(nobody["data"]["statements"]["totalCount"], 0);
    })
    .await;
}

#[tokio::test]
async fn the_statements_filter_finds_the_statements_of_articles_mentioning_an_organization() {
    on_each_backend(|app| async move {
        load_both_samples(&app).await;
        let by_organization = "query($name: String!) { statements(filter: { organization: $name }) { totalCount } \
            articles(filter: { organization: $name }) { totalCount edges { node { statements { totalCount } } } } }";
        for name in ["APEC", "亚太经合组织", "EU", "无此组织"] {
            let response = app.query(by_organization, json!({ "name": name })).await;
            assert_no_errors(&response);
            let articles = &response["data"]["articles"];
            let in_those_articles: u64 = articles["edges"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["node"]["statements"]["totalCount"].as_u64())
                .sum();
            assert_eq!(
                response["data"]["statements"]["totalCount"], in_those_articles,
                "{name}: {response:#}"
            );
            let mentioned = articles["totalCount"].as_u64().unwrap_or_default();
            assert_eq!(mentioned > 0, name != "无此组织", "{name}: {response:#}");
        }
    })
    .await;
}

#[tokio::test]
async fn relations_are_navigable_both_ways() {
    on_each_backend(|app| async move {
        load_both_samples(&app).await;
        let response = app
            .query(
                "{ country(code: \"KH\") { articles { totalCount edges { node { title mentions { countries { country { code } } } } } } people { edges { node { name } } } } \
                   source(name: \"环球网\") { articles { edges { node { reprintedFrom statements(first: 1) { edges { node { speaker { name articles { totalCount } } } } } } } } } }",
                json!({}),
            )
            .await;
        assert_no_errors(&response);
        let data = &response["data"];
        assert_eq!(data["country"]["articles"]["totalCount"], 2, "both samples mention Cambodia");
        assert_eq!(data["country"]["people"]["edges"][0]["node"]["name"], "贺南洪");
        let article = &data["source"]["articles"]["edges"][0]["node"];
        assert_eq!(article["reprintedFrom"], "人民日報-人民網");
        assert_eq!(article["statements"]["edges"][0]["node"]["speaker"]["name"], "图伊拉埃帕");
        assert_eq!(article["statements"]["edges"][0]["node"]["speaker"]["articles"]["totalCount"], 1);
    })
    .await;
}
