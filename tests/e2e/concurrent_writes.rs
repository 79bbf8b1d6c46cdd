//! Writes never fail for being concurrent: many clients importing at once into one server,
//! and into two servers sharing one database, while others read. Every acknowledged
//! article is stored, and a speaker quoted by articles written at the same moment is one
//! person.
//!
//! The articles are made here: each round, every writer imports an article quoting the
//! same two people no one has quoted before (so the writers race to create them), one
//! person quoted every round with a new date (so they race to widen the same title's
//! dates), a source new in the first rounds, and the WHO.

use quotegraph_tests::{ADMIN_TOKEN, TestApp, backends};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::Barrier;

const IMPORT: &str = "mutation($input: ImportArticleInput!) { importArticle(input: $input) { created article { id title statements { totalCount } } } }";

const SURNAMES: [&str; 24] = [
    "陈", "林", "郑", "何", "罗", "梁", "谢", "韩", "唐", "冯", "许", "曹", "彭", "吕", "萧", "田",
    "董", "潘", "袁", "蔡", "蒋", "余", "杜", "叶",
];
const GIVEN_NAMES: [&str; 24] = [
    "嘉禾", "若水", "明远", "思源", "景行", "安澜", "致远", "博文", "雅琴", "启明", "静姝", "书瑶",
    "子墨", "慧敏", "振华", "立新", "国栋", "海峰", "晓东", "文杰", "俊豪", "婉清", "志强", "雨桐",
];
/// Country and title of speaker `i`, by `i` modulo their number.
const OFFICES: [(&str, &str); 6] = [
    ("泰国", "外长"),
    ("新加坡", "总理"),
    ("柬埔寨", "首相"),
    ("老挝", "外长"),
    ("马来西亚", "总理"),
    ("越南", "外长"),
];
const SOURCES: [&str; 3] = ["春江日报", "海川晚报", "云岭时报"];

/// Speaker `i`: a name no gazetteer knows.
fn speaker(i: usize) -> String {
    format!("{}{}", SURNAMES[i], GIVEN_NAMES[i])
}

/// The speakers of round `round`: the two new ones, then the one quoted every round.
fn speakers_of(round: usize) -> Vec<usize> {
    if round == 0 {
        vec![0, 1]
    } else {
        vec![2 * round, 2 * round + 1, 0]
    }
}

/// The raw text writer `writer` imports in round `round`: different from every other
/// writer's and round's.
fn article_text(writer: usize, round: usize) -> String {
    let quotes: Vec<String> = speakers_of(round)
        .into_iter()
        .map(|i| {
            let (country, title) = OFFICES[i % OFFICES.len()];
            format!(
                "{country}{title}{}表示:“第{round}轮磋商对{country}而言意义重大,这是第{writer}位记者的记录。”",
                speaker(i)
            )
        })
        .collect();
    format!(
        "第{round}轮磋商观察(之{writer})\n2021-03-{:02} 09:30:00来源:{}\n\n{}\n\n世界卫生组织认为,各方应当加强合作。\n",
        round + 1,
        SOURCES[round % SOURCES.len()],
        quotes.join("\n\n")
    )
}

/// What a client saw: the articles acknowledged (global id to statements stored) and the
/// responses that carried errors.
#[derive(Default)]
struct Seen {
    acknowledged: BTreeMap<String, u64>,
    errors: Vec<Value>,
}

/// Imports this writer's article of each round, all writers starting each round together;
/// every other article carries a URL.
async fn write_rounds(
    app: Arc<TestApp>,
    writer: usize,
    rounds: usize,
    start: Arc<Barrier>,
) -> Seen {
    let mut seen = Seen::default();
    for round in 0..rounds {
        let mut input = json!({ "text": article_text(writer, round) });
        if round % 2 == 0 {
            input["url"] = json!(format!("https://news.example/{writer}/{round}"));
        }
        start.wait().await;
        let response = app.admin(IMPORT, json!({ "input": input })).await;
        let imported = &response["data"]["importArticle"];
        match (response.get("errors"), imported["article"]["id"].as_str()) {
            (None, Some(id)) => {
                let statements = imported["article"]["statements"]["totalCount"]
                    .as_u64()
                    .unwrap_or_default();
                seen.acknowledged.insert(id.to_owned(), statements);
            }
            _ => seen.errors.push(response),
        }
    }
    seen
}

/// Sends `reads` queries of the kinds a frontend sends while the imports run.
async fn read_while_writing(app: Arc<TestApp>, reader: usize, reads: usize) -> Seen {
    let queries = [
        "{ articles(first: 5) { totalCount edges { node { title source { name } statements { totalCount } } } } }",
        "query($name: String!) { person(name: $name) { name roles { title } statements(first: 5) { totalCount edges { node { text article { title } } } } } }",
        "{ search(query: \"磋商\", first: 5) { totalCount edges { node { snippet } } } }",
        "{ statements(first: 10) { totalCount edges { node { text speaker { name } } } } }",
    ];
    let mut seen = Seen::default();
    for read in 0..reads {
        let query = queries[(reader + read) % queries.len()];
        let response = app.query(query, json!({ "name": speaker(read % 4) })).await;
        if response.get("errors").is_some() || response.get("data").is_none() {
            seen.errors.push(response);
        }
    }
    seen
}

/// Runs the clients to the end and gathers what they saw.
async fn gather(clients: Vec<tokio::task::JoinHandle<Seen>>) -> Seen {
    let mut all = Seen::default();
    for client in clients {
        let seen = client.await.expect("the client task runs");
        all.acknowledged.extend(seen.acknowledged);
        all.errors.extend(seen.errors);
    }
    all
}

/// A number the database answers to `sql`.
async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("the count runs")
        .expect("a row")
        .try_get_by_index(0)
        .expect("a number")
}

/// Checks that every acknowledged article is stored with its statements, that each
/// speaker is one person holding each title once, and that every name was stored once.
async fn assert_stored_once(app: &TestApp, written: &Seen, writers: usize, rounds: usize) {
    assert!(
        written.errors.is_empty(),
        "{} writes failed, the first: {:#}",
        written.errors.len(),
        written.errors[0]
    );
    assert_eq!(written.acknowledged.len(), writers * rounds);
    for (id, statements) in &written.acknowledged {
        let response = app
            .query(
                "query($id: ID!) { node(id: $id) { ... on Article { statements { totalCount } } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            response["data"]["node"]["statements"]["totalCount"].as_u64(),
            Some(*statements),
            "acknowledged article {id} is stored with its statements: {response:#}"
        );
    }
    for i in 0..2 * rounds {
        let rounds_quoted = if i == 0 { rounds } else { 1 };
        let response = app
            .query(
                "query($name: String!) { person(name: $name) { name roles { title } statements { totalCount } } }",
                json!({ "name": speaker(i) }),
            )
            .await;
        let person = &response["data"]["person"];
        assert_eq!(person["name"], speaker(i), "{response:#}");
        assert_eq!(
            person["statements"]["totalCount"].as_u64(),
            Some((writers * rounds_quoted) as u64),
            "every statement of {} is theirs: {response:#}",
            speaker(i)
        );
        assert_eq!(
            person["roles"].as_array().map(Vec::len),
            Some(1),
            "{response:#}"
        );
    }
    let db = Database::connect(app.database_url())
        .await
        .expect("the database opens");
    let twice = [
        "SELECT COUNT(*) FROM (SELECT name FROM people GROUP BY name HAVING COUNT(*) > 1) AS d",
        "SELECT COUNT(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_aliases a WHERE a.person_id = p.id)",
        "SELECT COUNT(*) FROM (SELECT person_id, title FROM person_roles GROUP BY person_id, title HAVING COUNT(*) > 1) AS d",
        "SELECT COUNT(*) FROM (SELECT name_key FROM organizations GROUP BY name_key HAVING COUNT(*) > 1) AS d",
    ];
    for sql in twice {
        assert_eq!(count(&db, sql).await, 0, "stored twice: {sql}");
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM people").await,
        (2 * rounds) as i64
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sources").await,
        SOURCES.len().min(rounds) as i64
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM articles").await,
        (writers * rounds) as i64
    );
    db.close().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_writers_and_eight_readers_at_once_lose_nothing_and_fail_nothing() {
    const WRITERS: usize = 8;
    const ROUNDS: usize = 8;
    const READERS: usize = 8;
    const READS: usize = 24;
    for backend in backends() {
        eprintln!("backend: {backend:?}");
        let app = Arc::new(TestApp::spawn(&backend, Some(ADMIN_TOKEN)).await);
        let start = Arc::new(Barrier::new(WRITERS));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                tokio::spawn(write_rounds(
                    Arc::clone(&app),
                    w,
                    ROUNDS,
                    Arc::clone(&start),
                ))
            })
            .collect();
        let readers: Vec<_> = (0..READERS)
            .map(|r| tokio::spawn(read_while_writing(Arc::clone(&app), r, READS)))
            .collect();
        let written = gather(writers).await;
        let read = gather(readers).await;
        assert!(
            read.errors.is_empty(),
            "{} reads failed, the first: {:#}",
            read.errors.len(),
            read.errors[0]
        );
        assert_stored_once(&app, &written, WRITERS, ROUNDS).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_create_shared_new_speakers_once() {
    const SERVERS: usize = 2;
    const CLIENTS_PER_SERVER: usize = 2;
    const ROUNDS: usize = 12;
    let writers = SERVERS * CLIENTS_PER_SERVER;
    for backend in backends() {
        eprintln!("backend: {backend:?}");
        let apps: Vec<Arc<TestApp>> = TestApp::spawn_together(&backend, SERVERS)
            .await
            .into_iter()
            .map(Arc::new)
            .collect();
        let start = Arc::new(Barrier::new(writers));
        let clients: Vec<_> = (0..writers)
            .map(|w| {
                let app = Arc::clone(&apps[w % SERVERS]);
                tokio::spawn(write_rounds(app, w, ROUNDS, Arc::clone(&start)))
            })
            .collect();
        let written = gather(clients).await;
        assert_stored_once(&apps[0], &written, writers, ROUNDS).await;
    }
}

/// Sends one import per input from its own client, all at the same moment, alternating
/// between the servers; the responses come back in input order.
async fn import_at_once(apps: &[Arc<TestApp>], inputs: Vec<Value>) -> Vec<Value> {
    let start = Arc::new(Barrier::new(inputs.len()));
    let clients: Vec<_> = inputs
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let app = Arc::clone(&apps[i % apps.len()]);
            let start = Arc::clone(&start);
            tokio::spawn(async move {
                start.wait().await;
                app.admin(IMPORT, json!({ "input": input })).await
            })
        })
        .collect();
    let mut responses = Vec::new();
    for client in clients {
        responses.push(client.await.expect("the client task runs"));
    }
    responses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_text_sent_by_many_at_once_is_stored_once_and_only_a_shared_url_conflicts() {
    const CLIENTS: usize = 8;
    for backend in backends() {
        eprintln!("backend: {backend:?}");
        let apps: Vec<Arc<TestApp>> = TestApp::spawn_together(&backend, 2)
            .await
            .into_iter()
            .map(Arc::new)
            .collect();

        let same = vec![json!({ "text": article_text(0, 0) }); CLIENTS];
        let responses = import_at_once(&apps, same).await;
        for response in &responses {
            assert!(response.get("errors").is_none(), "{response:#}");
        }
        let created = responses
            .iter()
            .filter(|r| r["data"]["importArticle"]["created"] == true)
            .count();
        assert_eq!(created, 1, "the text is stored once: {responses:#?}");
        let id = &responses[0]["data"]["importArticle"]["article"]["id"];
        assert!(
            responses
                .iter()
                .all(|r| r["data"]["importArticle"]["article"]["id"] == *id),
            "every client is given the one stored article"
        );

        let shared_url: Vec<Value> = (0..CLIENTS)
            .map(|c| json!({ "text": article_text(c, 1), "url": "https://news.example/shared" }))
            .collect();
        let responses = import_at_once(&apps, shared_url).await;
        let (stored, refused): (Vec<&Value>, Vec<&Value>) =
            responses.iter().partition(|r| r.get("errors").is_none());
        assert_eq!(stored.len(), 1, "one article gets the URL: {responses:#?}");
        for response in refused {
            let error = &response["errors"][0];
            assert_eq!(error["extensions"]["code"], "CONFLICT", "{response:#}");
            assert!(
                error["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("url:")),
                "the conflict names the URL: {response:#}"
            );
        }
    }
}
