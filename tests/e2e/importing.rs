//! Raw articles in, knowledge out: `importArticle` and `quotegraph import` end to end.

use quotegraph_api::commands::{SearchIndexBuild, import_paths};
use quotegraph_storage::Storage;
use quotegraph_tests::seeds::{
    acceptable_quotes_of, article_text, gold_articles, required_quotes_of, seeds_dir,
};
use quotegraph_tests::{TestApp, assert_no_errors, backends, first_error, on_each_backend};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const IMPORT: &str = "mutation($input: ImportArticleInput!) { importArticle(input: $input) { created warnings extracted { statements attributed countries } article { id title publishedAt script source { name } } } }";

async fn import(app: &TestApp, text: &str) -> Value {
    let response = app
        .admin(IMPORT, json!({ "input": { "text": text } }))
        .await;
    assert_no_errors(&response);
    response["data"]["importArticle"].clone()
}

const XI: &str = "query($name: String!) { person(name: $name) { name nameEn statements(first: 50) { totalCount edges { node { text kind article { title source { name } } } } } } }";

fn texts(person: &Value, kind: Option<&str>) -> BTreeSet<String> {
    person["statements"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| kind.is_none_or(|k| e["node"]["kind"] == k))
        .filter_map(|e| e["node"]["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn imported_samples_answer_everything_xi_said_in_any_script() {
    on_each_backend(|app| async move {
        for gold in gold_articles() {
            let imported =
                import(&app, &article_text(gold["file"].as_str().expect("a file"))).await;
            assert_eq!(imported["created"], true);
            assert_eq!(imported["article"]["title"], gold["title"]);
            assert_eq!(imported["article"]["publishedAt"], gold["published_at"]);
            assert_eq!(imported["article"]["source"]["name"], gold["source"]);
        }
        let required: BTreeSet<String> = required_quotes_of("习近平").into_iter().collect();
        let acceptable: BTreeSet<String> = acceptable_quotes_of("习近平").into_iter().collect();
        for name in ["Xi Jinping", "习近平", "習近平", "xi jinping"] {
            let response = app.query(XI, json!({ "name": name })).await;
            assert_no_errors(&response);
            let person = &response["data"]["person"];
            assert_eq!(person["name"], "习近平", "asked as {name}");
            assert_eq!(person["nameEn"], "Xi Jinping");
            assert!(
                texts(person, None).is_superset(&required),
                "asked as {name}: {person:#}"
            );
            let direct = texts(person, Some("DIRECT"));
            assert!(direct.is_superset(&required), "asked as {name}: {direct:?}");
            assert!(
                direct.is_subset(&acceptable),
                "asked as {name}: only quotes the annotation accepts as his: {direct:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn importing_the_same_text_twice_writes_nothing_the_second_time() {
    on_each_backend(|app| async move {
        let text = article_text(gold_articles()[0]["file"].as_str().expect("a file"));
        let first = import(&app, &text).await;
        let second = import(&app, &text).await;
        assert_eq!(second["created"], false);
        assert_eq!(second["article"]["id"], first["article"]["id"]);
        let count = app.query("{ articles { totalCount } }", json!({})).await;
        assert_eq!(count["data"]["articles"]["totalCount"], 1);
    })
    .await;
}

#[tokio::test]
async fn every_extracted_statement_says_which_rule_decided_its_speaker() {
    on_each_backend(|app| async move {
        let text = "外長表示合作\n2021-03-01 測試網\n外交部長王毅表示:「合作是唯一出路。」「對抗沒有前途。」";
        let imported = import(&app, text).await;
        let id = imported["article"]["id"].clone();
        let response = app
            .query(
                "query($id: ID!) { node(id: $id) { ... on Article { statements { edges { node { text section attribution { rule confidence } } } } } } }",
                json!({ "id": id }),
            )
            .await;
        assert_no_errors(&response);
        let rules: Vec<(String, String, f64)> = response["data"]["node"]["statements"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                let n = &e["node"];
                (
                    n["text"].as_str().unwrap_or_default().to_owned(),
                    n["attribution"]["rule"].as_str().unwrap_or_default().to_owned(),
                    n["attribution"]["confidence"].as_f64().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            rules.iter().map(|(t, r, _)| (t.as_str(), r.as_str())).collect::<Vec<_>>(),
            [("合作是唯一出路。", "colon_before"), ("對抗沒有前途。", "paragraph_run")]
        );
        assert!(rules.iter().all(|(_, _, c)| *c > 0.0 && *c <= 1.0), "{rules:?}");
    })
    .await;
}

#[tokio::test]
async fn an_import_reports_what_it_could_not_find() {
    on_each_backend(|app| async move {
        let imported = import(&app, "沒有日期的標題\n外交部發言人表示,雙方將繼續溝通。").await;
        let warnings = imported["warnings"].to_string();
        assert!(warnings.contains("no publication date"), "{warnings}");
        assert_eq!(imported["article"]["script"], "HANT");
        let bad = app
            .admin(IMPORT, json!({ "input": { "text": "   " } }))
            .await;
        assert_eq!(
            first_error(&bad),
            ("BAD_USER_INPUT".to_owned(), "text".to_owned())
        );
        let bad_date = app
            .admin(
                IMPORT,
                json!({ "input": { "text": "標題\n正文。", "publishedAt": "2020-02-31" } }),
            )
            .await;
        assert_eq!(
            first_error(&bad_date),
            ("BAD_USER_INPUT".to_owned(), "publishedAt".to_owned())
        );
        let anonymous = app
            .query(IMPORT, json!({ "input": { "text": "標題\n正文。" } }))
            .await;
        assert_eq!(first_error(&anonymous).0, "UNAUTHENTICATED");
    })
    .await;
}

#[tokio::test]
async fn a_folder_import_stores_each_article_once_and_says_so() {
    for backend in backends() {
        let database = quotegraph_tests::database::TestDatabase::create(&backend).await;
        let storage = Storage::connect_and_migrate(database.url())
            .await
            .expect("the database opens");
        let first = import_paths(&storage, &[seeds_dir()], SearchIndexBuild::Auto)
            .await
            .expect("the folder is read");
        assert_eq!(
            (first.imported, first.duplicates, first.failed.len()),
            (2, 0, 0),
            "{first}"
        );
        let query = quotegraph_domain::search::SearchQuery::parse("國際合作").expect("a query");
        let found = storage
            .count_search(&query, &Default::default())
            .await
            .expect("a search");
        assert_eq!(found, 2, "articles imported in a batch are searchable");
        let again = import_paths(&storage, &[seeds_dir()], SearchIndexBuild::Auto)
            .await
            .expect("the folder is read");
        assert_eq!(
            (again.imported, again.duplicates, again.failed.len()),
            (0, 2, 0),
            "{again}"
        );
        let missing = import_paths(
            &storage,
            &[seeds_dir().join("no-such-file.txt")],
            SearchIndexBuild::Auto,
        )
        .await
        .expect("a summary");
        assert_eq!(missing.failed.len(), 1);
    }
}

fn draft(title: &str, url: &str, speaker: &str) -> quotegraph_domain::NewArticle {
    let body = format!("{speaker}表示:“{title}是我们的共同目标。”");
    quotegraph_domain::ArticleDraft {
        title: title.to_owned(),
        url: Some(url.to_owned()),
        statements: vec![quotegraph_domain::StatementDraft {
            text: format!("{title}是我们的共同目标。"),
            kind: quotegraph_domain::StatementKind::Direct,
            speaker: Some(quotegraph_domain::SpeakerDraft {
                name: speaker.to_owned(),
                ..Default::default()
            }),
            speaker_phrase: None,
            span: None,
            section: None,
            said_on: None,
            confidence: None,
            rule: None,
        }],
        body,
        ..Default::default()
    }
    .validate(quotegraph_domain::Origin::Extracted)
    .expect("a valid draft")
}

#[tokio::test]
async fn in_a_batch_a_failing_article_leaves_nothing_and_the_others_are_stored() {
    for backend in backends() {
        let database = quotegraph_tests::database::TestDatabase::create(&backend).await;
        let storage = Storage::connect_and_migrate(database.url())
            .await
            .expect("the database opens");
        let batch = vec![
            draft("和平", "https://news.example/1", "张伟"),
            draft("发展", "https://news.example/1", "李娜"),
            draft("合作", "https://news.example/2", "张伟"),
        ];
        let outcomes = storage.add_articles(batch).await.expect("the batch runs");
        assert!(outcomes[0].as_ref().is_ok_and(|o| o.created));
        assert!(
            matches!(
                outcomes[1],
                Err(quotegraph_storage::StorageError::Conflict(_))
            ),
            "{:?}",
            outcomes[1]
        );
        assert!(outcomes[2].as_ref().is_ok_and(|o| o.created));
        assert!(
            storage
                .person_by_name("李娜")
                .await
                .expect("a lookup")
                .is_none(),
            "the failed article's speaker is gone"
        );
        let zhang = storage
            .person_by_name("张伟")
            .await
            .expect("a lookup")
            .expect("张伟 is stored");
        let of_zhang = storage.people_by_ids(&[zhang.id]).await.expect("a lookup");
        assert_eq!(of_zhang.len(), 1);
        let again = storage
            .add_articles(vec![draft("和平", "https://news.example/1", "张伟")])
            .await
            .expect("the batch runs");
        assert!(
            again[0].as_ref().is_ok_and(|o| !o.created),
            "the same content is a duplicate"
        );
    }
}
