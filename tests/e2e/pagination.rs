use quotegraph_tests::{TestApp, assert_no_errors, first_error, on_each_backend};
use serde_json::{Value, json};

async fn add_numbered_articles(app: &TestApp, count: usize) {
    for n in 0..count {
        app.add_article(json!({ "title": format!("第{n}篇"), "body": format!("正文{n}") }))
            .await;
    }
}

const PAGE: &str = "query($first: Int, $after: String, $last: Int, $before: String) { articles(first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } } }";

fn titles(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["node"]["title"].as_str().map(str::to_owned))
        .collect()
}

async fn page(app: &TestApp, variables: Value) -> Value {
    let response = app.query(PAGE, variables).await;
    assert_no_errors(&response);
    response["data"]["articles"].clone()
}

#[tokio::test]
async fn pages_forward_and_backward_cover_everything_once() {
    on_each_backend(|app| async move {
        add_numbered_articles(&app, 5).await;
        let one = page(&app, json!({ "first": 2 })).await;
        assert_eq!(titles(&one), ["第0篇", "第1篇"]);
        assert_eq!(one["totalCount"], 5);
        assert_eq!(one["pageInfo"]["hasNextPage"], true);
        assert_eq!(one["pageInfo"]["hasPreviousPage"], false);
        let two = page(
            &app,
            json!({ "first": 2, "after": one["pageInfo"]["endCursor"] }),
        )
        .await;
        assert_eq!(titles(&two), ["第2篇", "第3篇"]);
        let three = page(
            &app,
            json!({ "first": 2, "after": two["pageInfo"]["endCursor"] }),
        )
        .await;
        assert_eq!(titles(&three), ["第4篇"]);
        assert_eq!(three["pageInfo"]["hasNextPage"], false);
        assert_eq!(three["pageInfo"]["hasPreviousPage"], true);

        let last = page(&app, json!({ "last": 2 })).await;
        assert_eq!(titles(&last), ["第3篇", "第4篇"]);
        assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
        let before = page(
            &app,
            json!({ "last": 2, "before": last["pageInfo"]["startCursor"] }),
        )
        .await;
        assert_eq!(titles(&before), ["第1篇", "第2篇"]);
        assert_eq!(before["pageInfo"]["hasNextPage"], true);
        let first = page(
            &app,
            json!({ "last": 2, "before": before["pageInfo"]["startCursor"] }),
        )
        .await;
        assert_eq!(titles(&first), ["第0篇"]);
        assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    })
    .await;
}

#[tokio::test]
async fn bad_paging_arguments_are_rejected_by_name() {
    on_each_backend(|app| async move {
        for (variables, field) in [
            (json!({ "first": -1 }), "first"),
            (json!({ "first": 1000 }), "first"),
            (json!({ "first": 1, "last": 1 }), "last"),
            (json!({ "after": "not-a-cursor" }), "after"),
        ] {
            let response = app.query(PAGE, variables).await;
            assert_eq!(
                first_error(&response),
                ("BAD_USER_INPUT".to_owned(), field.to_owned()),
                "{response:#}"
            );
        }
    })
    .await;
}
