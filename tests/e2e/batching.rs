//! DataLoaders keep the number of SQL statements a request runs independent of how many
//! rows it returns: a nested query over 1 article and over 50 runs the same statements.

use quotegraph_tests::{TestApp, assert_no_errors, on_each_backend};
use serde_json::{Value, json};

async fn add_articles(app: &TestApp, count: usize) {
    let countries = ["KR", "DE", "FR", "JP", "KH"];
    for n in 0..count {
        let body = format!("第{n}位部长表示:“合作是第{n}个选择。”另一位官员说:“继续对话{n}。”");
        app.add_article(json!({
            "title": format!("报道{n}"),
            "body": body,
            "publishedAt": "2021-01-07T11:19:16+08:00",
            "source": if n % 2 == 0 { "央视网" } else { "環球網" },
            "statements": [
                { "text": format!("合作是第{n}个选择。"), "kind": "DIRECT", "speaker": { "name": format!("部长{n}"), "title": "部长", "country": countries[n % 5] } },
                { "text": format!("继续对话{n}。"), "kind": "DIRECT", "speaker": { "name": format!("官员{}", n % 7), "country": "CN" } }
            ],
            "mentions": [
                { "kind": "COUNTRY", "name": countries[n % 5] },
                { "kind": "ORGANIZATION", "name": "世界卫生组织", "abbreviation": "WHO" },
                { "kind": "AGREEMENT", "name": "区域全面经济伙伴关系协定", "abbreviation": "RCEP" }
            ]
        }))
        .await;
    }
}

/// The SQL statements `query` ran, and its response (checked to hold no errors).
async fn counted(app: &TestApp, query: &str, variables: Value) -> (u64, Value) {
    let before = app.sql_statements().await;
    let response = app.query(query, variables).await;
    assert_no_errors(&response);
    (app.sql_statements().await - before, response)
}

/// Each key type appears at one level only, so no two relations can share a batch by the
/// luck of timing and the count is exact.
const NESTED: &str = "query($n: Int!) { articles(first: $n) { totalCount edges { node { title source { name articles(first: 2) { totalCount } } \
    statements(first: 5) { totalCount edges { node { text article { title } speaker { name aliases roles { title } \
    statements(first: 3) { totalCount edges { node { text } } } } } } } \
    mentions { countries { count country { code people(first: 2) { totalCount } } } organizations { organization { name } } agreements { agreement { abbreviation parties { joinedOn } statusHistory { status } } } } } } } }";

/// The statements NESTED runs: articles and their count, source, source.articles' count
/// (its page is not selected, so not read), statements joined to their article and
/// speaker, and their count, aliases, roles, speaker.statements with their kept count,
/// mentions, mentioned country, country.people and count, organization, agreement,
/// parties, status history.
const RELATIONS_IN_NESTED: u64 = 17;

async fn statements_for(app: &TestApp, n: usize) -> u64 {
    let (count, response) = counted(app, NESTED, json!({ "n": n })).await;
    assert_eq!(
        response["data"]["articles"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(n)
    );
    count
}

#[tokio::test]
async fn a_nested_query_runs_as_many_statements_for_fifty_articles_as_for_one() {
    on_each_backend(|app| async move {
        add_articles(&app, 50).await;
        let for_one = statements_for(&app, 1).await;
        let for_fifty = statements_for(&app, 50).await;
        eprintln!(
            "SQL statements for the nested query: 1 article: {for_one}, 50 articles: {for_fifty}"
        );
        assert_eq!(for_one, for_fifty);
        assert_eq!(for_one, RELATIONS_IN_NESTED, "one statement per relation");
    })
    .await;
}

/// A country's articles with their count: unfiltered, the country and the kept count come
/// with the page.
const COUNTRY_ARTICLES: &str = "query($code: String!, $after: String, $filter: ArticleFilterInput) { country(code: $code) { code nameHans articles(first: 4, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage hasPreviousPage } edges { node { title } } } } }";

async fn country_articles(app: &TestApp, variables: Value) -> (u64, Value) {
    let code = variables["code"].clone();
    let (count, response) = counted(app, COUNTRY_ARTICLES, variables).await;
    let country = &response["data"]["country"];
    if !country.is_null() {
        assert_eq!(country["code"], code, "{response}");
        assert!(country["nameHans"].as_str().is_some_and(|n| !n.is_empty()));
    }
    (count, country["articles"].clone())
}

#[tokio::test]
async fn a_page_of_a_countrys_articles_brings_its_kept_count() {
    on_each_backend(|app| async move {
        // Articles 4, 9, …, 29 mention KH; the even ones are from 央视网.
        add_articles(&app, 30).await;
        let (count, first) = country_articles(&app, json!({ "code": "KH" })).await;
        assert_eq!(first["totalCount"], 6);
        assert_eq!(first["edges"].as_array().map(Vec::len), Some(4));
        assert_eq!(count, 1, "the country with the page and its count");
        assert_eq!(first["pageInfo"]["hasNextPage"], true);

        let cursor = first["pageInfo"]["endCursor"].clone();
        let (count, rest) = country_articles(&app, json!({ "code": "KH", "after": cursor })).await;
        assert_eq!(rest["edges"].as_array().map(Vec::len), Some(2));
        assert_eq!(rest["totalCount"], 6);
        assert_eq!(count, 1);

        // Past the last article the page has no row to carry the country and the count:
        // they are read alone.
        let cursor = rest["pageInfo"]["endCursor"].clone();
        let (count, past) = country_articles(&app, json!({ "code": "KH", "after": cursor })).await;
        assert_eq!(past["edges"].as_array().map(Vec::len), Some(0));
        assert_eq!(past["totalCount"], 6);
        assert_eq!(count, 3, "the empty page, the country, the count");
        assert_eq!(past["pageInfo"]["hasPreviousPage"], true);

        // A filtered list has no kept count: it is counted.
        let filter = json!({ "code": "KH", "filter": { "source": "央视网" } });
        let (count, filtered) = country_articles(&app, filter).await;
        assert_eq!(filtered["totalCount"], 3);
        assert_eq!(filtered["edges"].as_array().map(Vec::len), Some(3));
        assert_eq!(count, 3, "the country, the page, the count");

        let (_, none) = country_articles(&app, json!({ "code": "US" })).await;
        assert_eq!(none["totalCount"], 0);
        assert_eq!(none["edges"].as_array().map(Vec::len), Some(0));

        // A well-formed code no country has: no country, whether or not a page is asked.
        let (_, unknown) = counted(&app, COUNTRY_ARTICLES, json!({ "code": "XX" })).await;
        assert!(unknown["data"]["country"].is_null(), "{unknown}");
        assert!(unknown["errors"].is_null(), "{unknown}");
    })
    .await;
}

/// Two pages of one country's articles: neither is read with the country.
const TWO_PAGES: &str = "{ country(code: \"KH\") { nameEn first: articles(first: 2) { edges { node { title } } } more: articles(first: 3) { totalCount edges { node { title } } } } }";

#[tokio::test]
async fn two_pages_of_a_countrys_articles_are_each_read_through_the_loaders() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let (count, response) = counted(&app, TWO_PAGES, json!({})).await;
        let country = &response["data"]["country"];
        assert_eq!(country["nameEn"], "Cambodia", "{response}");
        let titles = |page: &Value| -> Vec<String> {
            page["edges"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["node"]["title"].as_str().map(str::to_owned))
                .collect()
        };
        assert_eq!(titles(&country["first"]), ["报道4", "报道9"]);
        assert_eq!(titles(&country["more"]), ["报道4", "报道9", "报道14"]);
        assert_eq!(country["more"]["totalCount"], 6);
        assert_eq!(count, 3, "the country, then each page with its count");
    })
    .await;
}

/// A country's articles with their bodies: the page reads heads, the bodies come in one more
/// statement.
const COUNTRY_BODIES: &str =
    "{ country(code: \"KH\") { articles(first: 3) { edges { node { title body } } } } }";

#[tokio::test]
async fn a_page_of_articles_gives_their_bodies_when_asked_in_one_more_statement() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let (count, response) = counted(&app, COUNTRY_BODIES, json!({})).await;
        let edges = &response["data"]["country"]["articles"]["edges"];
        assert_eq!(edges[1]["node"]["title"], "报道9");
        assert_eq!(
            edges[1]["node"]["body"],
            "第9位部长表示:“合作是第9个选择。”另一位官员说:“继续对话9。”"
        );
        assert_eq!(count, 2, "the country with the page of heads, the bodies");
    })
    .await;
}

/// Statements of one kind with their count and speakers.
const OF_KIND: &str = "query($kind: StatementKind!) { statements(filter: { kind: $kind }, first: 5) { totalCount edges { node { text speaker { name } } } } }";

#[tokio::test]
async fn a_page_of_statements_of_one_kind_brings_its_kept_count() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let (count, response) = counted(&app, OF_KIND, json!({ "kind": "DIRECT" })).await;
        let connection = &response["data"]["statements"];
        assert_eq!(connection["totalCount"], 60);
        assert_eq!(connection["edges"][0]["node"]["speaker"]["name"], "部长0");
        assert_eq!(count, 1, "the page joined to its speakers, with its count");

        // No statement is indirect: an empty page, and the count read on its own.
        let (count, response) = counted(&app, OF_KIND, json!({ "kind": "INDIRECT" })).await;
        assert_eq!(response["data"]["statements"]["totalCount"], 0);
        assert_eq!(count, 2);
    })
    .await;
}

/// The question quotegraph exists for: what someone said, with article and source.
const FLAGSHIP: &str = "query($name: String!) { person(name: $name) { statements(first: 20) { edges { node { text article { title publishedAt source { name } } } } } } }";

/// The same question asked through the statements filter, with the count.
const FLAGSHIP_FILTERED: &str = "query($name: String!) { statements(filter: { speaker: $name }, first: 20) { totalCount edges { node { text speaker { name } article { title source { name } } } } } }";

async fn statements_run(app: &TestApp, query: &str, name: &str) -> (u64, Value) {
    counted(app, query, json!({ "name": name })).await
}

#[tokio::test]
async fn statements_by_a_person_with_article_and_source_take_one_statement() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        // 官员3 speaks in articles 3, 10, 17 and 24, of both sources.
        let (count, response) = statements_run(&app, FLAGSHIP, "官员3").await;
        let edges = &response["data"]["person"]["statements"]["edges"];
        assert_eq!(edges.as_array().map(Vec::len), Some(4));
        assert_eq!(edges[1]["node"]["article"]["title"], "报道10");
        assert_eq!(edges[1]["node"]["article"]["source"]["name"], "央视网");
        assert_eq!(edges[0]["node"]["article"]["source"]["name"], "環球網");
        // The page of the person known by the alias, joined to its speaker (the person),
        // its articles and their sources.
        assert_eq!(count, 1, "the person comes with the page");

        let (count, response) = statements_run(&app, FLAGSHIP_FILTERED, "官员3").await;
        let connection = &response["data"]["statements"];
        assert_eq!(connection["totalCount"], 4);
        assert_eq!(connection["edges"][3]["node"]["speaker"]["name"], "官员3");
        assert_eq!(connection["edges"][3]["node"]["article"]["title"], "报道24");
        // The page joined to articles, sources and speakers; the count.
        assert_eq!(count, 2, "one for the page, one for the count");
    })
    .await;
}

/// A statement's article is read without its texts; asking for the body reads them too.
const WITH_BODY: &str = "query($name: String!) { person(name: $name) { statements(first: 20) { edges { node { text article { title body } } } } } }";

#[tokio::test]
async fn a_statements_article_gives_its_body_when_asked_in_one_more_statement() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let (count, response) = statements_run(&app, WITH_BODY, "官员3").await;
        let edges = &response["data"]["person"]["statements"]["edges"];
        assert_eq!(edges.as_array().map(Vec::len), Some(4));
        assert_eq!(edges[1]["node"]["article"]["title"], "报道10");
        assert_eq!(
            edges[1]["node"]["article"]["body"],
            "第10位部长表示:“合作是第10个选择。”另一位官员说:“继续对话10。”"
        );
        // The person with the page and the articles' heads, the bodies of the four articles.
        assert_eq!(
            count, 2,
            "one for the person and the page, one for the texts"
        );
    })
    .await;
}

/// A person's statements as `person(id:)` reads them: through the page loader.
const BY_ID: &str = "query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on Person { name statements(first: $first, after: $after, last: $last, before: $before) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { text article { title source { name } } } } } } } }";

/// The same, by name: the page read with the person.
const BY_NAME: &str = "query($name: String!, $first: Int, $after: String, $last: Int, $before: String) { person(name: $name) { id name statements(first: $first, after: $after, last: $last, before: $before) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { text article { title source { name } } } } } } }";

#[tokio::test]
async fn a_page_read_with_the_person_is_the_page_the_loader_reads() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let first = app
            .query(BY_NAME, json!({ "name": "官员3", "first": 2 }))
            .await;
        assert_no_errors(&first);
        let person = &first["data"]["person"];
        let id = person["id"].clone();
        let cursor = person["statements"]["pageInfo"]["endCursor"].clone();
        for page in [
            json!({ "first": 2 }),
            json!({ "first": 2, "after": cursor }),
            json!({ "last": 3 }),
            json!({ "last": 1, "before": cursor }),
            json!({ "first": 100 }),
        ] {
            let mut by_name = page.clone();
            by_name["name"] = json!("官員3");
            let mut by_id = page.clone();
            by_id["id"] = id.clone();
            let (named, identified) = (
                app.query(BY_NAME, by_name).await,
                app.query(BY_ID, by_id).await,
            );
            assert_no_errors(&named);
            assert_no_errors(&identified);
            assert_eq!(named["data"]["person"]["name"], "官员3");
            assert_eq!(
                named["data"]["person"]["statements"], identified["data"]["node"]["statements"],
                "{page}"
            );
        }
        let cursor = &first["data"]["person"]["statements"]["edges"][0]["cursor"];
        let before_all = app
            .query(
                BY_NAME,
                json!({ "name": "官员3", "last": 2, "before": cursor }),
            )
            .await;
        assert_no_errors(&before_all);
        assert_eq!(
            before_all["data"]["person"]["name"], "官员3",
            "an empty page still has its person"
        );
        assert_eq!(
            before_all["data"]["person"]["statements"]["edges"],
            json!([])
        );
        let unknown = app
            .query(BY_NAME, json!({ "name": "无名氏", "first": 2 }))
            .await;
        assert_no_errors(&unknown);
        assert_eq!(unknown["data"]["person"], Value::Null);
        let bad = app
            .query(BY_NAME, json!({ "name": "官员3", "first": -1 }))
            .await;
        assert_eq!(bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        assert_eq!(bad["errors"][0]["extensions"]["field"], "first");
    })
    .await;
}

/// A search page with each hit's article and source; and the same asking for the statement
/// each match stands in.
const SEARCH: &str = "{ search(query: \"合作\", first: 20) { totalCount edges { node { snippet article { title source { name } } } } } }";
const SEARCH_WITH_STATEMENTS: &str = "{ search(query: \"合作\", first: 20) { edges { node { article { title } statement { text } } } } }";

async fn search_run(app: &TestApp, query: &str) -> (u64, Value) {
    counted(app, query, json!({})).await
}

#[tokio::test]
async fn a_search_page_reads_its_articles_with_their_sources_in_one_statement() {
    on_each_backend(|app| async move {
        add_articles(&app, 30).await;
        let (first, response) = search_run(&app, SEARCH).await;
        let connection = &response["data"]["search"];
        assert_eq!(connection["totalCount"], 30);
        let edges = connection["edges"].as_array().cloned().unwrap_or_default();
        assert_eq!(edges.len(), 20);
        for edge in &edges {
            let article = &edge["node"]["article"];
            let title = article["title"].as_str().unwrap_or_default();
            let n: usize = title
                .trim_start_matches("报道")
                .parse()
                .unwrap_or(usize::MAX);
            let source = if n.is_multiple_of(2) {
                "央视网"
            } else {
                "環球網"
            };
            assert_eq!(article["source"]["name"], source, "the source of {title}");
        }
        // The data version, the ranking, the articles joined to their sources.
        assert_eq!(first, 3, "the first search ranks its matches");
        let (kept, again) = search_run(&app, SEARCH).await;
        assert_eq!(again, response);
        assert_eq!(
            kept, 1,
            "a kept ranking: the articles, read with the data version"
        );

        // After a write the page read with the new version is not trusted: ranked again.
        add_articles(&app, 31).await;
        let (after_write, response) = search_run(&app, SEARCH).await;
        assert_eq!(response["data"]["search"]["totalCount"], 31);
        assert_eq!(
            after_write, 4,
            "the page, the version, the ranking, the page again"
        );

        let (count, response) = search_run(&app, SEARCH_WITH_STATEMENTS).await;
        let edges = response["data"]["search"]["edges"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(edges.len(), 20);
        for edge in &edges {
            let text = edge["node"]["statement"]["text"]
                .as_str()
                .unwrap_or_default();
            assert!(
                text.starts_with("合作是第"),
                "a statement holding the match: {text}"
            );
        }
        assert_eq!(count, 2, "the statements the matches stand in: one more");
    })
    .await;
}
