//! Bulk import is only faster: `quotegraph import` stores exactly what importing the same
//! articles one at a time stores, and an import killed with SIGKILL at any moment leaves
//! whole articles only and, run again, ends where an uninterrupted import ends.

use quotegraph_api::commands::{SearchIndexBuild, import_paths};
use quotegraph_api::importer::{Overrides, article_files, import_text};
use quotegraph_domain::search::SearchQuery;
use quotegraph_storage::{ArticleFilter, Storage};
use quotegraph_tests::database::TestDatabase;
use quotegraph_tests::dump::{Dump, article_count, dump, of_articles};
use quotegraph_tests::tallies::assert_counts_kept;
use quotegraph_tests::{backends, binary, postgres_backend};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use std::hash::{BuildHasher, RandomState};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A generated corpus of `articles` raw articles in a temporary folder.
fn corpus(articles: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    quotegraph_generate::generate(&quotegraph_generate::Options {
        articles,
        out: dir.path().to_owned(),
        seed,
    })
    .expect("the corpus is written");
    dir
}

/// Imports the folder the way `quotegraph import` does, in this process.
async fn bulk_import(url: &str, dir: &Path) {
    bulk_import_building(url, dir, SearchIndexBuild::Auto).await;
}

/// The same, building PostgreSQL's search index as `index` says.
async fn bulk_import_building(url: &str, dir: &Path, index: SearchIndexBuild) {
    let storage = Storage::connect_and_migrate(url)
        .await
        .expect("the database opens");
    let summary = import_paths(&storage, &[dir.to_owned()], index)
        .await
        .expect("the import runs");
    assert!(summary.failed.is_empty(), "{summary}");
}

/// Imports the folder's files one article (one transaction) at a time, in file order.
async fn one_by_one_import(url: &str, dir: &Path) {
    let storage = Storage::connect_and_migrate(url)
        .await
        .expect("the database opens");
    for file in article_files(&[dir.to_owned()]).expect("the folder is read") {
        let text = std::fs::read_to_string(&file).expect("the file is read");
        import_text(&storage, &text, Overrides::default(), None)
            .await
            .unwrap_or_else(|e| panic!("{}: {}", file.display(), e.message()));
    }
}

/// Panics with the first table and lines that differ.
fn assert_same(left: &Dump, right: &Dump, what: &str) {
    for (table, lines) in left {
        let other = right.get(table).cloned().unwrap_or_default();
        if *lines != other {
            let only_left: Vec<_> = lines
                .iter()
                .filter(|l| !other.contains(l))
                .take(3)
                .collect();
            let only_right: Vec<_> = other
                .iter()
                .filter(|l| !lines.contains(l))
                .take(3)
                .collect();
            panic!(
                "{what}: table {table} differs ({} against {} rows)\nonly left: {only_left:#?}\nonly right: {only_right:#?}",
                lines.len(),
                other.len()
            );
        }
    }
    assert_eq!(left.len(), right.len(), "{what}: the same tables");
}

#[tokio::test]
async fn a_bulk_import_stores_what_one_by_one_imports_store() {
    let corpus = corpus(200, 11);
    for backend in backends() {
        let bulk = TestDatabase::create(&backend).await;
        let single = TestDatabase::create(&backend).await;
        bulk_import(bulk.url(), corpus.path()).await;
        one_by_one_import(single.url(), corpus.path()).await;
        let (bulk_dump, single_dump) = (dump(bulk.url()).await, dump(single.url()).await);
        assert_eq!(bulk_dump["articles"].len(), 200);
        assert!(
            bulk_dump["statements"].len() > 1_000,
            "a corpus with many statements"
        );
        assert_same(&bulk_dump, &single_dump, &format!("{backend:?}"));
        assert_counts_kept(bulk.url(), "a bulk import").await;
        assert_counts_kept(single.url(), "imports one by one").await;
    }
}

/// A random number below `n`, different each run (printed, to replay a failure).
fn random_below(n: usize, salt: u64) -> usize {
    (RandomState::new().hash_one(salt) % n as u64) as usize
}

/// Starts `quotegraph import` on the folder, with `options`, and kills it with SIGKILL
/// once the database holds at least `at_least` articles; says whether it did, or the
/// import finished first.
async fn import_killed_after(url: &str, dir: &Path, at_least: i64, options: &[&str]) -> bool {
    let mut child = Command::new(binary::quotegraph())
        .arg("import")
        .arg(dir)
        .args(["--database", url])
        .args(options)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("quotegraph import starts");
    loop {
        if child.try_wait().expect("the child is watched").is_some() {
            eprintln!("the import finished before {at_least} articles were seen");
            return false;
        }
        if article_count(url).await.is_some_and(|n| n >= at_least) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().expect("SIGKILL is sent");
    child.wait().expect("the killed import is reaped");
    true
}

/// Runs `quotegraph import` on the folder to the end.
fn import_to_the_end(url: &str, dir: &Path) {
    let status = Command::new(binary::quotegraph())
        .arg("import")
        .arg(dir)
        .args(["--database", url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("quotegraph import runs");
    assert!(status.success(), "the resumed import succeeds");
}

/// Every article the database holds is whole: its rows are those of the same article in
/// the uninterrupted import.
async fn assert_only_whole_articles(url: &str, reference: &Dump) {
    let partial = dump(url).await;
    let hashes: Vec<String> = partial["articles"]
        .iter()
        .filter_map(|line| line.split('\t').next().map(str::to_owned))
        .collect();
    eprintln!(
        "{} articles stored when the import was killed",
        hashes.len()
    );
    assert_same(
        &of_articles(&partial, &hashes),
        &of_articles(reference, &hashes),
        "the articles stored before the kill",
    );
}

#[tokio::test]
async fn an_import_killed_at_any_moment_leaves_whole_articles_and_resumes() {
    const ARTICLES: usize = 400;
    let corpus = corpus(ARTICLES, 12);
    for backend in backends() {
        let uninterrupted = TestDatabase::create(&backend).await;
        bulk_import(uninterrupted.url(), corpus.path()).await;
        let reference = dump(uninterrupted.url()).await;

        let killed = TestDatabase::create(&backend).await;
        for round in 0..2 {
            // Past what the earlier rounds stored, so that each round kills a writing import.
            let stored = article_count(killed.url()).await.unwrap_or(0) as usize;
            let at_least = stored + 1 + random_below(ARTICLES / 4, round);
            eprintln!("{backend:?}: round {round}: killed after {at_least} articles");
            import_killed_after(killed.url(), corpus.path(), at_least as i64, &[]).await;
            assert_only_whole_articles(killed.url(), &reference).await;
        }
        import_to_the_end(killed.url(), corpus.path());
        assert_same(
            &dump(killed.url()).await,
            &reference,
            &format!("{backend:?}: resumed"),
        );
        assert_counts_kept(killed.url(), "imports killed and resumed").await;
    }
}

/// How many times PostgreSQL has analyzed `table` of the database at `url`, waiting up to
/// a few seconds for the counts of connections just closed to be reported.
async fn analyze_count(url: &str, table: &str, at_least: i64) -> i64 {
    let db = Database::connect(url).await.expect("a connection");
    let mut count = 0;
    for _ in 0..50 {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = '{table}'"
                ),
            ))
            .await
            .expect("pg_stat_user_tables answers")
            .expect("the table exists");
        count = row.try_get("", "n").expect("a count");
        if count >= at_least {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    count
}

#[tokio::test]
async fn a_postgres_import_refreshes_the_statistics_of_what_it_looks_up_as_it_grows() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    // Three batches: refreshed after the first and the second (the stored articles
    // doubled), then everything analyzed at the end.
    let corpus = corpus(600, 13);
    let database = TestDatabase::create(&backend).await;
    bulk_import(database.url(), corpus.path()).await;
    assert_eq!(analyze_count(database.url(), "articles", 3).await, 3);
    assert_eq!(
        analyze_count(database.url(), "statements", 1).await,
        1,
        "a table the import only inserts into is analyzed once, at the end"
    );
}

/// Each article's search document, by content hash, as text, in order.
async fn search_documents(url: &str) -> Vec<String> {
    let db = Database::connect(url).await.expect("a connection");
    db.query_all_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT a.content_hash || ' ' || CAST(d.tsv AS TEXT) AS line FROM search_documents d \
         JOIN articles a ON a.id = d.article_id ORDER BY a.content_hash",
    ))
    .await
    .expect("the documents are read")
    .iter()
    .map(|row| row.try_get("", "line").expect("a line"))
    .collect()
}

/// Whether the database at `url` has the GIN index its searches use.
async fn has_search_index(url: &str) -> bool {
    let db = Database::connect(url).await.expect("a connection");
    db.query_one_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT 1 AS found FROM pg_indexes WHERE tablename = 'search_documents' \
         AND indexdef LIKE '%USING gin (tsv)%'",
    ))
    .await
    .expect("pg_indexes answers")
    .is_some()
}

/// The titles a search for the first two characters of the first stored title finds.
async fn titles_found(url: &str) -> Vec<String> {
    let storage = Storage::connect(url).await.expect("the database opens");
    let first = dump(url).await["articles"][0]
        .split('\t')
        .nth(1)
        .expect("a title")
        .chars()
        .take(2)
        .collect::<String>();
    let query = SearchQuery::parse(&first).expect("a query");
    let page = storage
        .search(&query, &ArticleFilter::default(), None, 50)
        .await
        .expect("the search answers");
    assert!(!page.hits.is_empty(), "{first} is found");
    page.hits.into_iter().map(|hit| hit.article.title).collect()
}

#[tokio::test]
async fn a_postgres_import_that_builds_its_search_index_after_the_load_stores_and_finds_the_same() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    let corpus = corpus(300, 14);
    let during = TestDatabase::create(&backend).await;
    let after = TestDatabase::create(&backend).await;
    bulk_import_building(during.url(), corpus.path(), SearchIndexBuild::During).await;
    bulk_import_building(after.url(), corpus.path(), SearchIndexBuild::After).await;
    assert_same(
        &dump(after.url()).await,
        &dump(during.url()).await,
        "index built after",
    );
    assert_eq!(
        search_documents(after.url()).await,
        search_documents(during.url()).await
    );
    assert!(has_search_index(during.url()).await);
    assert!(
        has_search_index(after.url()).await,
        "built again at the end"
    );
    assert_eq!(
        titles_found(after.url()).await,
        titles_found(during.url()).await
    );
}

#[tokio::test]
async fn a_postgres_import_killed_with_its_search_index_dropped_gets_it_back_on_migrating() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    const ARTICLES: usize = 400;
    let corpus = corpus(ARTICLES, 15);
    let reference = TestDatabase::create(&backend).await;
    bulk_import(reference.url(), corpus.path()).await;

    let killed = TestDatabase::create(&backend).await;
    let at_least = 1 + random_below(ARTICLES / 2, 15) as i64;
    eprintln!("killed after {at_least} articles");
    let after = ["--search-index", "after"];
    if import_killed_after(killed.url(), corpus.path(), at_least, &after).await {
        assert!(
            !has_search_index(killed.url()).await,
            "the index is dropped during the load"
        );
        assert_only_whole_articles(killed.url(), &dump(reference.url()).await).await;
    }
    Storage::connect_and_migrate(killed.url())
        .await
        .expect("the database migrates");
    assert!(has_search_index(killed.url()).await, "migrating builds it");
    import_to_the_end(killed.url(), corpus.path());
    assert_same(
        &dump(killed.url()).await,
        &dump(reference.url()).await,
        "resumed",
    );
    assert_eq!(
        search_documents(killed.url()).await,
        search_documents(reference.url()).await
    );
}
