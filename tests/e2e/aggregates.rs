//! Questions across the corpus: who is quoted most, which countries go together, who is
//! quoted about an agreement, mentions by month.

use quotegraph_tests::seeds::{
    acceptable_quotes_of, article_text, gold_articles, required_quotes_of,
};
use quotegraph_tests::{TestApp, assert_no_errors, on_each_backend};
use serde_json::{Value, json};

async fn import_samples(app: &TestApp) {
    for gold in gold_articles() {
        let text = article_text(gold["file"].as_str().expect("a file"));
        let response = app
            .admin(
                "mutation($t: String!) { importArticle(input: { text: $t }) { created } }",
                json!({ "t": text }),
            )
            .await;
        assert_no_errors(&response);
    }
}

#[tokio::test]
async fn the_most_quoted_people_and_their_counts() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let response = app.query("{ topSpeakers(first: 3) { person { name } statements } direct: topSpeakers(filter: { kind: DIRECT }, first: 1) { person { name } statements } }", json!({})).await;
        assert_no_errors(&response);
        let top = &response["data"]["topSpeakers"][0];
        assert_eq!(top["person"]["name"], "习近平");
        let direct = response["data"]["direct"][0]["statements"].as_u64().unwrap_or_default() as usize;
        let (required, acceptable) = (required_quotes_of("习近平").len(), acceptable_quotes_of("习近平").len());
        assert!(
            (required..=acceptable).contains(&direct),
            "习近平's direct quotes: the {required} required ones, at most the {acceptable} the annotation accepts; got {direct}"
        );
        let counts: Vec<u64> = response["data"]["topSpeakers"].as_array().into_iter().flatten().filter_map(|s| s["statements"].as_u64()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most first: {counts:?}");
    })
    .await;
}

#[tokio::test]
async fn countries_mentioned_together_and_by_month() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let response = app
            .query("{ country(code: \"KH\") { coMentionedCountries(first: 20) { country { code } articles } mentionsByMonth { month articles mentions } speakers(first: 5) { person { name } statements } } }", json!({}))
            .await;
        assert_no_errors(&response);
        let kh = &response["data"]["country"];
        let together: Vec<(String, u64)> = kh["coMentionedCountries"].as_array().into_iter().flatten().map(|c| (c["country"]["code"].as_str().unwrap_or_default().to_owned(), c["articles"].as_u64().unwrap_or(0))).collect();
        assert_eq!(together.first(), Some(&("CN".to_owned(), 2)), "{together:?}");
        assert!(together.iter().any(|(c, n)| c == "KR" && *n == 1));
        assert!(!together.iter().any(|(c, _)| c == "KH"));
        let months: Vec<&str> = kh["mentionsByMonth"].as_array().into_iter().flatten().filter_map(|m| m["month"].as_str()).collect();
        assert_eq!(months, ["2020-12", "2021-01"]);
        let speakers: Vec<&str> = kh["speakers"].as_array().into_iter().flatten().filter_map(|s| s["person"]["name"].as_str()).collect();
        assert!(speakers.contains(&"习近平") && speakers.contains(&"贺南洪"), "{speakers:?}");
    })
    .await;
}

#[tokio::test]
async fn who_is_quoted_about_an_agreement() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let response = app.query("{ agreement(name: \"RCEP\") { name kind speakers { person { name } statements } mentionsByMonth { month articles } } }", json!({})).await;
        assert_no_errors(&response);
        let rcep = &response["data"]["agreement"];
        assert_eq!(rcep["name"], "区域全面经济伙伴关系协定");
        assert_eq!(rcep["kind"], "TRADE");
        assert_eq!(rcep["speakers"][0]["person"]["name"], "习近平");
        assert_eq!(rcep["mentionsByMonth"], json!([{ "month": "2021-01", "articles": 1 }]));
    })
    .await;
}

#[tokio::test]
async fn which_countries_are_party_to_an_arrangement_and_since_when() {
    on_each_backend(|app| async move {
        import_samples(&app).await;
        let response = app
            .query("{ agreement(name: \"快捷通道\") { kind parties { joinedOn party { ... on Country { code } } } statusHistory { status on } } agreementTimeline { agreement { abbreviation } status on } }", json!({}))
            .await;
        assert_no_errors(&response);
        let lane = &response["data"]["agreement"];
        assert_eq!(lane["kind"], "ARRANGEMENT");
        let parties: Vec<(String, Value)> = lane["parties"].as_array().into_iter().flatten().map(|p| (p["party"]["code"].as_str().unwrap_or_default().to_owned(), p["joinedOn"].clone())).collect();
        let founding: Vec<&str> = parties.iter().filter(|(_, on)| *on == json!("2020-05-01")).map(|(c, _)| c.as_str()).collect();
        assert_eq!(founding, ["CN", "KR"]);
        let later: Vec<&str> = parties.iter().filter(|(_, on)| on.is_null()).map(|(c, _)| c.as_str()).collect();
        assert_eq!(later, ["DE", "SG", "KH", "ID", "JP"]);
        assert_eq!(lane["statusHistory"], json!([{ "status": "IN_FORCE", "on": "2020-05-01" }]));
        let timeline: Vec<(Value, Value, Value)> = response["data"]["agreementTimeline"].as_array().into_iter().flatten().map(|t| (t["agreement"]["abbreviation"].clone(), t["status"].clone(), t["on"].clone())).collect();
        assert!(timeline.contains(&(json!("RCEP"), json!("SIGNED"), json!("2020-11-15"))), "{timeline:?}");
        assert!(timeline.contains(&(json!("CAI"), json!("CONCLUDED"), json!("2020-12-30"))), "{timeline:?}");
        let days: Vec<&str> = timeline.iter().filter_map(|(_, _, on)| on.as_str()).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "oldest first: {days:?}");
    })
    .await;
}
