use super::*;

#[test]
fn breadcrumbs_give_the_category_and_the_site() {
    assert_eq!(
        classify("您当前的位置:首页 » 社会工作"),
        Kind::Breadcrumb {
            category: Some("社会工作".into()),
            site: None
        }
    );
    assert_eq!(
        classify("某某新闻网 > 国际 > 正文"),
        Kind::Breadcrumb {
            category: Some("国际".into()),
            site: Some("某某新闻网".into())
        }
    );
    assert_eq!(
        classify("logo 首頁 > 某某報 > 正文"),
        Kind::Breadcrumb {
            category: Some("某某報".into()),
            site: None
        }
    );
    assert!(matches!(
        classify("新聞 > 國際 > 正文"),
        Kind::Breadcrumb { site: None, .. }
    ));
    assert_eq!(classify("增长率>5%的城市名单"), Kind::Text);
}

#[test]
fn datelines_in_their_usual_forms() {
    for line in [
        "2021 08/ 23 16:17:13",
        "发布: 4:20pm 01/09/2020",
        "www.example.net | 2025-12-11 18:03:40  某某新闻网 | 0条评论",
        "2016/4/29 14:50(4/29 14:59 更新)",
        "• 2023.02.15",
        "2023年03月31日   •   6669次閱讀",
        "Write: 2018-04-13 15:15:04",
        "第3期:第01版 本期出版日期:2025-01-03",
    ] {
        assert!(matches!(classify(line), Kind::Dateline(_)), "{line}");
    }
    assert_eq!(classify("某某電台晚間新聞(2025年9月19日)"), Kind::Text);
}

#[test]
fn bylines_captions_wires_and_sources() {
    assert_eq!(
        classify("来源:某某社微博"),
        Kind::Source("某某社微博".into())
    );
    assert_eq!(
        classify("新聞來源:某某新聞"),
        Kind::Source("某某新聞".into())
    );
    assert_eq!(classify("部长在会上发表讲话 某某社图"), Kind::Caption);
    assert_eq!(classify("部長出席活動。(圖片來源:某某社)"), Kind::Caption);
    assert_eq!(classify("新年好!总理拜年(视频/图)"), Kind::Text);
    assert_eq!(classify("王明 綜合報導 / 台北市"), Kind::Byline);
    assert_eq!(classify("某某新闻 王明 编译"), Kind::Byline);
    assert_eq!(classify("原標題:部長稱兩國將加強合作"), Kind::OriginalTitle);
    assert_eq!(classify("記者王明/台北報導"), Kind::Byline);
    assert_eq!(classify("记者了解到"), Kind::Text);
}
