use super::*;

#[test]
fn outlet_names_end_in_an_outlet_word() {
    assert!(outlet_shaped("某某日报"));
    assert!(outlet_shaped("某某電視台"));
    assert!(outlet_shaped("某某之聲"));
    assert!(!outlet_shaped("吉隆坡"));
    assert!(!outlet_shaped("本報"));
    assert!(!outlet_shaped("國際新聞"));
    assert!(!outlet_shaped("新聞"));
    assert!(!outlet_shaped("据某某社"));
    assert_eq!(outlet_prefix("某某社北京").as_deref(), Some("某某社"));
    assert_eq!(outlet_prefix("東方某報網訊").as_deref(), Some("東方某報"));
}

#[test]
fn leads_name_their_outlet_but_not_their_city() {
    let lead = |t| lead_outlet(t, false);
    assert_eq!(
        lead("【南方某报综合报道】据外媒10日报道,").as_deref(),
        Some("南方某报")
    );
    assert_eq!(
        lead("【東方某報專訊】政府昨日宣布,").as_deref(),
        Some("東方某報")
    );
    assert_eq!(lead("【星光專訊】政府昨日宣布,").as_deref(), Some("星光"));
    assert_eq!(
        lead("(某某社記者王明台北29日電)今天").as_deref(),
        Some("某某社")
    );
    assert_eq!(
        lead("某某社北京1月2日电 会议指出,").as_deref(),
        Some("某某社")
    );
    assert_eq!(
        lead("某某消息网5月21日报道据外媒报道,").as_deref(),
        Some("某某消息网")
    );
    assert_eq!(
        lead("某某廣播電台報導:據分析,").as_deref(),
        Some("某某廣播電台")
    );
    assert_eq!(lead("香港某某報訊 據報道,").as_deref(), Some("香港某某報"));
    assert_eq!(lead("(海湾城8日讯)部长表示,"), None);
    assert_eq!(lead("【本報訊】市政署宣布,"), None);
    assert_eq!(lead("某某社周五(30日)一篇報道披露,"), None);
    assert_eq!(lead("据某某社报道,会议"), None);
    assert_eq!(lead("某某社報導,部長強調"), None);
    assert_eq!(lead_outlet("某某社北京1月2日电 会议", true), None);
}

#[test]
fn signatures_policies_and_channels_name_outlets() {
    assert_eq!(
        signature_outlet("某某新闻 王明 编译").as_deref(),
        Some("某某新闻")
    );
    assert_eq!(signature_outlet("王明 綜合報導"), None);
    assert_eq!(
        comment_policy_site("网友跟帖仅表达其个人看法,并不表明某搜索同意其观点。").as_deref(),
        Some("某搜索")
    );
    assert_eq!(comment_policy_site("並不代表本網贊同其觀點"), None);
    assert_eq!(comment_policy_site("他说这不代表某国政府的立场。"), None);
    assert_eq!(
        channel_outlet("多位大使通过某某网用中文送上祝福").as_deref(),
        Some("某某网")
    );
    assert_eq!(
        channel_outlet("總理通過今日某地App向大家拜年").as_deref(),
        Some("今日某地")
    );
    assert_eq!(channel_outlet("双方通过视频连线向公众致意"), None);
}

#[test]
fn site_names_keep_their_ideographic_words() {
    assert_eq!(site_name("某某报 Example Press").as_deref(), Some("某某报"));
    assert_eq!(site_name("XYZ").as_deref(), Some("XYZ"));
    assert_eq!(site_name("新的起点"), None);
    assert_eq!(strip_website("某某報網站"), "某某報");
    assert!(same_outlet("某某網", "中央某某網"));
    assert_eq!(bracket_tag("ABC").as_deref(), Some("ABC"));
}

#[test]
fn a_bulletin_heading_names_its_broadcaster() {
    assert_eq!(
        bulletin_outlet("ABC晚間新聞(2024年3月1日)").as_deref(),
        Some("ABC")
    );
    assert_eq!(
        bulletin_outlet("ABC 廣東話晚間新聞").as_deref(),
        Some("ABC")
    );
    assert_eq!(
        bulletin_outlet("海峡电视台午间新闻").as_deref(),
        Some("海峡电视台")
    );
    assert_eq!(bulletin_outlet("今天的晚间新闻很精彩"), None);
    assert_eq!(bulletin_outlet("新闻联播"), None);
}
