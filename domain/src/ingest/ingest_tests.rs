use super::*;

const MAINLAND_PAGE: &str = "您当前的位置:首页 » 国际新闻
中方：愿同各方加强合作
2022-03-04 09:30:00来源:某某网
【字号 大 中 小】
外交部发言人表示,中方愿同各方加强合作。
他说:“合作是唯一正确的选择。”
(某某新闻中心某某网)
编辑:王五  审核:赵六
【版权及免责声明】
1、凡本网注明的作品,版权均属于某某新闻网(EXAMPLE.CN),未经授权不得转载。
2、联系方式:电话:000-0000";

const TAIWAN_PAGE: &str = "兩岸學者：交流不應中斷

民國111年5月6日 聯合報

本文轉自【某某日報】;

學者指出,兩岸交流不應中斷。

延伸閱讀

  • 第一則相關新聞
    這是第一則的摘要。
  • 第二則相關新聞
    這是第二則的摘要。";

#[test]
fn a_mainland_page_yields_its_metadata_and_a_clean_body() {
    let article = ingest(MAINLAND_PAGE);
    assert_eq!(article.title.as_deref(), Some("中方：愿同各方加强合作"));
    assert_eq!(
        article.published_at.map(|p| p.to_text()).as_deref(),
        Some("2022-03-04T09:30:00+08:00")
    );
    assert_eq!(article.source.as_deref(), Some("某某网"));
    assert_eq!(article.credit.as_deref(), Some("某某新闻中心某某网"));
    assert_eq!(article.category.as_deref(), Some("国际新闻"));
    assert_eq!(article.editor.as_deref(), Some("王五"));
    assert_eq!(article.hosted_by.as_deref(), Some("某某新闻网"));
    assert_eq!(
        article.body,
        "外交部发言人表示,中方愿同各方加强合作。\n他说:“合作是唯一正确的选择。”"
    );
    assert_eq!(article.related_from, None);
    assert!(article.warnings.iter().any(|w| w.contains("UTC+08:00")));
}

#[test]
fn a_taiwan_page_splits_off_its_related_list() {
    let article = ingest(TAIWAN_PAGE);
    assert_eq!(article.title.as_deref(), Some("兩岸學者：交流不應中斷"));
    assert_eq!(
        article.published_at.map(|p| p.to_text()).as_deref(),
        Some("2022-05-06")
    );
    assert_eq!(article.source.as_deref(), Some("聯合報"));
    assert_eq!(article.reprinted_from.as_deref(), Some("某某日報"));
    let from = article.related_from.expect("a related list");
    let body: Vec<char> = article.body.chars().collect();
    assert!(
        body[..from]
            .iter()
            .collect::<String>()
            .starts_with("學者指出")
    );
    let headlines: Vec<&str> = article
        .related
        .iter()
        .map(|r| r.headline.as_str())
        .collect();
    assert_eq!(headlines, ["第一則相關新聞", "第二則相關新聞"]);
    let first = &article.related[0];
    let item: String = body[first.start..first.end].iter().collect();
    assert!(item.contains("這是第一則的摘要。"), "{item}");
}

#[test]
fn a_page_without_a_date_says_so() {
    let article = ingest("标题在此\n正文第一段,内容很长很长。");
    assert!(article.published_at.is_none());
    assert!(
        article
            .warnings
            .iter()
            .any(|w| w.contains("no publication date"))
    );
}

#[test]
fn a_wire_lead_names_the_agency() {
    let article = ingest("标题\n新华社北京12月17日电 外交部发言人表示,中方欢迎。");
    assert_eq!(article.source.as_deref(), Some("新华社"));
}

#[test]
fn a_headline_that_opens_with_a_date_is_the_title() {
    let article = ingest(
        "2021年3月15日外交部发言人赵立坚主持例行记者会\n2021-03-15 16:05 来源：外交部网站\n答：我们注意到有关报道。",
    );
    assert_eq!(
        article.title.as_deref(),
        Some("2021年3月15日外交部发言人赵立坚主持例行记者会")
    );
    assert_eq!(article.source.as_deref(), Some("外交部网站"));
    assert_eq!(
        article.published_at.map(|p| p.to_text()).as_deref(),
        Some("2021-03-15T16:05:00+08:00")
    );
}

#[test]
fn a_masthead_site_republishing_another_outlet() {
    let article = ingest(
        "东山新闻\n\n部长:两国是彼此沟通的桥梁\n\n来源:某某网  更新时间:2021-04-15 12:11  作者:佚名\n\n部长今天在会见外宾时表示,两国应当继续加强交流与合作,共同推动发展。",
    );
    assert_eq!(article.title.as_deref(), Some("部长:两国是彼此沟通的桥梁"));
    assert_eq!(article.source.as_deref(), Some("东山新闻"));
    assert_eq!(article.reprinted_from.as_deref(), Some("某某网"));
    assert_eq!(
        article.published_at.map(|p| p.day().to_string()).as_deref(),
        Some("2021-04-15")
    );
}

#[test]
fn a_site_suffix_names_the_publisher_and_a_day_first_date() {
    let article = ingest(
        "部長冀兩國政局穩定 | 某某報 Example Press\n\n發布: 4:20pm 01/09/2020\n\n部長冀兩國政局穩定\n\n(海灣城1日訊)部長形容,兩國是彼此最密切的鄰居,雙方都希望政局保持穩定。",
    );
    assert_eq!(article.title.as_deref(), Some("部長冀兩國政局穩定"));
    assert_eq!(article.source.as_deref(), Some("某某報"));
    assert_eq!(article.reprinted_from, None);
    assert_eq!(
        article.published_at.map(|p| p.day().to_string()).as_deref(),
        Some("2020-09-01")
    );
}

#[test]
fn a_wire_dispatch_on_a_paper_with_its_own_copyright() {
    let article = ingest(
        "两国领导人互致新年贺卡\n第01版 本期出版日期:2025-01-03\n某某社北京1月2日电 两国领导人互致新年贺卡,表示愿共同推动两国关系发展。\nCopyright © 2011 某某工人日报 Corporation, All Rights Reserved",
    );
    assert_eq!(article.source.as_deref(), Some("某某工人日报"));
    assert_eq!(article.reprinted_from.as_deref(), Some("某某社"));
}

#[test]
fn a_bulletin_headline_carries_its_date() {
    let article = ingest(
        "某某電台晚間新聞(2025年9月19日)\n\n總理今日在記者會上表示,政府將繼續推動減排目標,並擴大補貼計劃。",
    );
    assert_eq!(
        article.title.as_deref(),
        Some("某某電台晚間新聞(2025年9月19日)")
    );
    assert_eq!(
        article.published_at.map(|p| p.day().to_string()).as_deref(),
        Some("2025-09-19")
    );
}

#[test]
fn a_broadcaster_heading_its_bulletin_is_the_publisher() {
    let article = ingest(
        "ABC晚間新聞(2024年3月1日)\n\n今日要聞\n\n外交部長表示,兩國將恢復對話,並盡快舉行會談。\n",
    );
    assert_eq!(article.source.as_deref(), Some("ABC"));
}
