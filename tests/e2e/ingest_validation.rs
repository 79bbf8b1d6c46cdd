use quotegraph_tests::{ADD_ARTICLE, TestApp, first_error, on_each_backend};
use serde_json::{Value, json};

const BODY: &str = "柬埔寨副首相賀南洪表示:「合作是唯一選擇。」他還說,兩國將繼續合作。";

fn valid() -> Value {
    json!({
        "title": "合作是唯一選擇",
        "body": BODY,
        "publishedAt": "2020-12-17",
        "source": "環球網",
        "statements": [
            { "text": "合作是唯一選擇。", "kind": "DIRECT", "speaker": { "name": "賀南洪", "title": "副首相", "country": "KH" } },
            { "text": "兩國將繼續合作。", "kind": "INDIRECT", "speaker": { "name": "賀南洪" } }
        ],
        "mentions": [ { "kind": "COUNTRY", "name": "柬埔寨", "firstOffset": 0 } ]
    })
}

async fn totals(app: &TestApp) -> Value {
    let response = app.query("{ articles { totalCount } statements { totalCount } people { totalCount } sources { totalCount } }", json!({})).await;
    response["data"].clone()
}

#[tokio::test]
async fn adding_the_same_content_twice_returns_the_stored_article_and_writes_nothing() {
    on_each_backend(|app| async move {
        let first = app.admin(ADD_ARTICLE, json!({ "input": valid() })).await;
        assert_eq!(first["data"]["addArticle"]["created"], true, "{first:#}");
        let before = totals(&app).await;
        let second = app.admin(ADD_ARTICLE, json!({ "input": valid() })).await;
        assert_eq!(second["data"]["addArticle"]["created"], false, "{second:#}");
        assert_eq!(
            second["data"]["addArticle"]["article"]["id"],
            first["data"]["addArticle"]["article"]["id"]
        );
        assert_eq!(totals(&app).await, before);
        assert_eq!(before["statements"]["totalCount"], 2);
        assert_eq!(
            before["people"]["totalCount"], 1,
            "both statements are one person's"
        );
    })
    .await;
}

/// Each case: how to spoil the valid input, and the field the error must name.
fn bad_inputs() -> Vec<(&'static str, Value)> {
    let spoil = |edit: &dyn Fn(&mut Value)| {
        let mut input = valid();
        edit(&mut input);
        input
    };
    vec![
        ("title", spoil(&|i| i["title"] = json!("   "))),
        ("body", spoil(&|i| i["body"] = json!("長".repeat(400_000)))),
        (
            "publishedAt",
            spoil(&|i| i["publishedAt"] = json!("2021-02-30")),
        ),
        (
            "publishedAt",
            spoil(&|i| i["publishedAt"] = json!("2021-13-01T10:00:00+08:00")),
        ),
        ("url", spoil(&|i| i["url"] = json!("javascript:alert(1)"))),
        (
            "statements[0].span",
            spoil(&|i| i["statements"][0]["span"] = json!({ "start": 10, "end": 5000 })),
        ),
        (
            "statements[0].span",
            spoil(&|i| i["statements"][0]["span"] = json!({ "start": 0, "end": 3 })),
        ),
        (
            "statements[1].text",
            spoil(&|i| i["statements"][1]["text"] = json!("正文裡沒有這句話")),
        ),
        (
            "statements[0].speaker.country",
            spoil(&|i| i["statements"][0]["speaker"]["country"] = json!("KHM")),
        ),
        // A well-formed code that is not an ISO country: only the database can tell, and
        // the article's first speaker must not be left behind.
        (
            "statements[1].speaker.country",
            spoil(&|i| {
                i["statements"][1]["speaker"] = json!({ "name": "新人物", "country": "XX" })
            }),
        ),
        (
            "mentions[0].name",
            spoil(&|i| i["mentions"][0]["name"] = json!("亞特蘭提斯")),
        ),
        (
            "mentions[0].firstOffset",
            spoil(&|i| i["mentions"][0]["firstOffset"] = json!(99_999)),
        ),
    ]
}

#[tokio::test]
async fn each_bad_input_is_rejected_naming_its_field_and_leaves_nothing_written() {
    on_each_backend(|app| async move {
        let empty = totals(&app).await;
        for (field, input) in bad_inputs() {
            let response = app.admin(ADD_ARTICLE, json!({ "input": input })).await;
            assert_eq!(
                first_error(&response),
                ("BAD_USER_INPUT".to_owned(), field.to_owned()),
                "{response:#}"
            );
            assert!(
                response["errors"][0]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with(field)
            );
            assert_eq!(
                totals(&app).await,
                empty,
                "nothing may be written after a bad {field}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_url_used_by_other_content_is_a_conflict() {
    on_each_backend(|app| async move {
        let mut first = valid();
        first["url"] = json!("https://news.example/a");
        app.add_article(first).await;
        let mut other = valid();
        other["url"] = json!("https://news.example/a");
        other["title"] = json!("另一篇");
        let response = app.admin(ADD_ARTICLE, json!({ "input": other })).await;
        assert_eq!(first_error(&response).0, "CONFLICT", "{response:#}");
    })
    .await;
}
