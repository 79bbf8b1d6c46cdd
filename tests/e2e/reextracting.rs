//! `quotegraph reextract`: extraction run again over stored raw text replaces what was
//! extracted, keeps what an admin entered or edited, and leaves an article whole when a
//! kept statement no longer fits.

use quotegraph_api::commands::{SearchIndexBuild, import_paths};
use quotegraph_api::reextract::reextract_all;
use quotegraph_storage::Storage;
use quotegraph_tests::backends;
use quotegraph_tests::database::TestDatabase;
use quotegraph_tests::seeds::seeds_dir;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// A stored and imported sample corpus, with a second connection to look inside it.
async fn imported_samples(database: &TestDatabase) -> (Storage, DatabaseConnection) {
    let storage = Storage::connect_and_migrate(database.url())
        .await
        .expect("the database opens");
    import_paths(&storage, &[seeds_dir()], SearchIndexBuild::Auto)
        .await
        .expect("the samples import");
    let raw = Database::connect(database.url())
        .await
        .expect("a second connection");
    (storage, raw)
}

/// Every statement stored, as (id, text, origin), in id order; of one article when given.
async fn statements(db: &DatabaseConnection, article: Option<i64>) -> Vec<(i64, String, String)> {
    let only = article.map_or(String::new(), |a| format!("WHERE article_id = {a} "));
    let sql = format!("SELECT id, text, origin FROM statements {only}ORDER BY id");
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("statements read")
        .into_iter()
        .map(|row| {
            (
                row.try_get("", "id").expect("id"),
                row.try_get("", "text").expect("text"),
                row.try_get("", "origin").expect("origin"),
            )
        })
        .collect()
}

/// The article a statement stands in.
async fn article_of(db: &DatabaseConnection, statement: i64) -> i64 {
    let sql = format!("SELECT article_id FROM statements WHERE id = {statement}");
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("read")
        .expect("the statement exists")
        .try_get("", "article_id")
        .expect("article_id")
}

/// What an admin's correction records: the statement's origin (and maybe its text) change.
async fn edit(db: &DatabaseConnection, id: i64, text: Option<&str>) {
    let set_text = text.map_or(String::new(), |t| format!(", text = '{t}'"));
    let sql = format!("UPDATE statements SET origin = 'admin'{set_text} WHERE id = {id}");
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("the edit is stored");
}

#[tokio::test]
async fn reextracting_replaces_extracted_statements_and_keeps_edited_ones() {
    for backend in backends() {
        let database = TestDatabase::create(&backend).await;
        let (storage, db) = imported_samples(&database).await;
        let imported = statements(&db, None).await;
        let (edited_id, edited_text, _) = imported.first().cloned().expect("a statement");
        edit(&db, edited_id, None).await;

        let summary = reextract_all(&storage, 1)
            .await
            .expect("re-extraction runs");
        assert_eq!(
            (summary.reextracted, summary.kept, summary.failed.len()),
            (2, 1, 0),
            "{summary}"
        );
        let after = statements(&db, None).await;
        assert_eq!(
            after.len(),
            imported.len(),
            "the same statements, none twice: {after:?}"
        );
        assert!(
            after.contains(&(edited_id, edited_text.clone(), "admin".to_owned())),
            "the edited statement keeps its id, text and origin"
        );
        let mut texts_before: Vec<&String> = imported.iter().map(|s| &s.1).collect();
        let mut texts_after: Vec<&String> = after.iter().map(|s| &s.1).collect();
        texts_before.sort();
        texts_after.sort();
        assert_eq!(
            texts_after, texts_before,
            "the same extractor finds the same statements"
        );

        let query = quotegraph_domain::search::SearchQuery::parse("國際合作").expect("a query");
        let found = storage
            .count_search(&query, &Default::default())
            .await
            .expect("a search");
        assert_eq!(found, 2, "each article is in the search index once");
        let again = reextract_all(&storage, 64)
            .await
            .expect("re-extraction runs again");
        assert!(again.failed.is_empty(), "{again}");
        assert_eq!(
            statements(&db, None).await.len(),
            imported.len(),
            "re-extraction is idempotent"
        );
    }
}

#[tokio::test]
async fn an_edited_statement_that_no_longer_fits_leaves_its_article_as_it_was() {
    for backend in backends() {
        let database = TestDatabase::create(&backend).await;
        let (storage, db) = imported_samples(&database).await;
        let (id, _, _) = statements(&db, None)
            .await
            .first()
            .cloned()
            .expect("a statement");
        edit(&db, id, Some("这句话不在原文里。")).await;
        let article = article_of(&db, id).await;
        let before = statements(&db, Some(article)).await;
        let summary = reextract_all(&storage, 64)
            .await
            .expect("re-extraction runs");
        assert_eq!(
            (summary.reextracted, summary.failed.len()),
            (1, 1),
            "{summary}"
        );
        assert!(summary.failed[0].1.contains("no longer"), "{summary}");
        assert_eq!(
            statements(&db, Some(article)).await,
            before,
            "its article is left whole"
        );
    }
}

#[tokio::test]
async fn corrections_made_through_the_api_survive_reextraction() {
    use quotegraph_tests::TestApp;
    use quotegraph_tests::curation::all_statement_texts;
    use quotegraph_tests::seeds::article_text;
    use serde_json::json;
    for backend in backends() {
        let app = TestApp::spawn_with_roles(&backend, false).await;
        let response = app
            .editor(
                "mutation($text: String!) { importArticle(input: { text: $text }) { article { statements(first: 100) { nodes { id text } } } } }",
                json!({ "text": article_text("003_2243a328981ab1c5.txt") }),
            )
            .await;
        let nodes = response["data"]["importArticle"]["article"]["statements"]["nodes"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("imported: {response:#}"));
        assert!(nodes.len() >= 3, "{nodes:#?}");
        let (edited, term, deleted) = (&nodes[0], &nodes[1], &nodes[2]);
        let text = edited["text"].as_str().unwrap();
        let shorter: String = text.chars().take(text.chars().count() - 1).collect();
        let corrections = [
            app.editor(
                "mutation($s: ID!, $t: String!) { updateStatement(statement: $s, text: $t) { statement { id } } }",
                json!({ "s": edited["id"], "t": shorter }),
            )
            .await,
            app.editor(
                "mutation($s: ID!) { markAsTerm(statement: $s) { removedId } }",
                json!({ "s": term["id"] }),
            )
            .await,
            app.admin(
                "mutation($s: ID!) { deleteStatement(statement: $s) { removedId } }",
                json!({ "s": deleted["id"] }),
            )
            .await,
        ];
        for response in &corrections {
            quotegraph_tests::assert_no_errors(response);
        }
        let before = all_statement_texts(&app).await;

        let storage = Storage::connect_and_migrate(app.database_url())
            .await
            .expect("the database opens");
        let summary = reextract_all(&storage, 64)
            .await
            .expect("re-extraction runs");
        assert_eq!(
            (summary.reextracted, summary.kept, summary.failed.len()),
            (1, 1, 0),
            "{summary}"
        );
        assert_eq!(
            all_statement_texts(&app).await,
            before,
            "the edited words stay, and neither the words they replaced nor the term nor the deleted statement come back"
        );
        let response = app
            .query(
                "query($id: ID!) { statement(id: $id) { text origin extracted { text } } }",
                json!({ "id": edited["id"] }),
            )
            .await;
        let kept = &response["data"]["statement"];
        assert_eq!(kept["origin"], "EDITED", "{response:#}");
        assert_eq!(kept["text"], shorter.as_str());
        assert_eq!(kept["extracted"]["text"], text);
    }
}
