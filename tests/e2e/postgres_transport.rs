//! How quotegraph reaches PostgreSQL: without TLS on a loopback host, where it protects
//! nothing and costs CPU on both ends of every round trip, unless the URL asks for it.

use quotegraph_storage::Storage;
use quotegraph_tests::database::TestDatabase;
use quotegraph_tests::postgres_backend;
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use std::str::FromStr;

/// The connections to the database at `url` other than the one asking, and how many of
/// them use TLS.
async fn connections_and_tls(url: &str) -> (i64, i64) {
    let db = Database::connect(url).await.expect("a connection");
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) AS all_of_them, count(*) FILTER (WHERE s.ssl) AS tls \
             FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid \
             WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()",
        ))
        .await
        .expect("pg_stat_ssl answers")
        .expect("a row");
    db.close().await.ok();
    (
        row.try_get("", "all_of_them").expect("a count"),
        row.try_get("", "tls").expect("a count"),
    )
}

async fn server_has_tls(url: &str) -> bool {
    let db = Database::connect(url).await.expect("a connection");
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, "SHOW ssl"))
        .await
        .expect("SHOW answers")
        .expect("a row");
    row.try_get_by_index::<String>(0).expect("on or off") == "on"
}

fn with_parameter(url: &str, parameter: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{parameter}")
}

#[tokio::test]
async fn a_loopback_postgres_is_reached_without_tls_unless_the_url_asks_for_it() {
    let Some(backend) = postgres_backend() else {
        return;
    };
    let database = TestDatabase::create(&backend).await;
    let url = database.url();
    let host = PgConnectOptions::from_str(url).expect("a PostgreSQL URL");
    if !matches!(host.get_host(), "127.0.0.1" | "localhost" | "::1") {
        eprintln!("the test server is not on loopback: nothing to check");
        return;
    }
    let storage = Storage::connect_and_migrate(url).await.expect("connects");
    storage.person_by_name("习近平").await.expect("a read");
    let (connections, tls) = connections_and_tls(url).await;
    assert!(connections >= 1, "the pool holds a connection");
    assert_eq!(tls, 0, "none of the {connections} connections uses TLS");
    drop(storage);

    if !server_has_tls(url).await {
        eprintln!("this PostgreSQL has no TLS: only the plain side is checked");
        return;
    }
    let asked = Storage::connect(&with_parameter(url, "sslmode=require"))
        .await
        .expect("connects with TLS");
    asked.person_by_name("习近平").await.expect("a read");
    let (connections, tls) = connections_and_tls(url).await;
    assert!(
        tls >= 1,
        "sslmode=require is kept: {tls} of {connections} use TLS"
    );
}
