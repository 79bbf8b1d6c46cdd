//! Bulk import is only faster: `quotegraph import` stores exactly what importing the same
//! articles one at a time stores, and an import killed with SIGKILL at any moment leaves
//! whole articles only and, run again, ends where an uninterrupted import ends.

use quotegraph_api::commands::import_paths;
use quotegraph_api::importer::{Overrides, article_files, import_text};
use quotegraph_storage::Storage;
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
    let storage = Storage::connect_and_migrate(url)
        .await
        .expect("the database opens");
    let summary = import_paths(&storage, &[dir.to_owned()])
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

/// Starts `quotegraph import` on the folder and kills it with SIGKILL once the database
/// holds at least `at_least` articles, or lets it finish if it gets there first.
async fn import_killed_after(url: &str, dir: &Path, at_least: i64) {
    let mut child = Command::new(binary::quotegraph())
        .arg("import")
        .arg(dir)
        .args(["--database", url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("quotegraph import starts");
    loop {
        if child.try_wait().expect("the child is watched").is_some() {
            eprintln!("the import finished before {at_least} articles were seen");
            return;
        }
        if article_count(url).await.is_some_and(|n| n >= at_least) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().expect("SIGKILL is sent");
    child.wait().expect("the killed import is reaped");
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
            import_killed_after(killed.url(), corpus.path(), at_least as i64).await;
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
