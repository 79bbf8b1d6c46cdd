use super::*;
use crate::ingest::lines::classify;

fn page(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|text| Line {
            text,
            kind: classify(text),
        })
        .collect()
}

fn headline(text: &str) -> Option<String> {
    let lines = page(text);
    let end = crate::ingest::header_end(&lines);
    pick(&lines, end).map(|h| h.text)
}

const BODY: &str = "部长今天在记者会上表示,两国将在多个领域加强合作,并尽快落实已经达成的共识。";

#[test]
fn a_site_suffix_and_an_outlet_tag_come_off() {
    let h = split_heading("两国将加强合作 | 某某报 Example Press");
    assert_eq!(h.text, "两国将加强合作");
    assert_eq!(h.site.as_deref(), Some("某某报"));
    let h = split_heading("兩國將加強合作 - XYZ");
    assert_eq!(
        (h.text.as_str(), h.site.as_deref()),
        ("兩國將加強合作", Some("XYZ"))
    );
    let h = split_heading("罕見!兩國將加強合作!【某某網編譯報導】");
    assert_eq!(h.text, "罕見!兩國將加強合作!");
    assert_eq!(h.tag.as_deref(), Some("某某網"));
    assert_eq!(split_heading("回眸2020|两国合作").text, "回眸2020|两国合作");
}

#[test]
fn the_headline_beside_the_dateline_beats_labels_and_navigation() {
    let text = format!(
        "某某网 > 国际 > 正文\n快讯\n两国将在多个领域加强合作\n2022-03-04 09:30 来源:某某网\n{BODY}"
    );
    assert_eq!(headline(&text).as_deref(), Some("两国将在多个领域加强合作"));
    let text = format!("無障礙鏈接\n頭條\n兩國將在多個領域加強合作\n{BODY}");
    assert_eq!(headline(&text).as_deref(), Some("兩國將在多個領域加強合作"));
}

#[test]
fn a_teaser_strip_loses_to_the_headline_it_starts_with() {
    let text = format!(
        "两国将在多个领域加强合作部长会见来访客人城市举办文化节\n第01版 上一期 下一期\n本期出版日期:2025-01-03\n两国将在多个领域加强合作\n{BODY}"
    );
    assert_eq!(headline(&text).as_deref(), Some("两国将在多个领域加强合作"));
}

#[test]
fn no_headline_when_the_text_starts_with_the_lead() {
    assert_eq!(headline(BODY), None);
    let text = format!("打开某某App 查看更多图片\n部长在会上发表讲话 某某社图\n{BODY}");
    assert_eq!(headline(&text), None);
    let text = format!("(摄影:王明)\n{BODY}");
    assert_eq!(headline(&text), None);
    let text = format!("某某社台北11日電\n{BODY}");
    assert_eq!(headline(&text), None);
}

#[test]
fn a_short_headline_alone_is_kept() {
    let text = format!("為國爭光!\n{BODY}");
    assert_eq!(headline(&text).as_deref(), Some("為國爭光!"));
}

#[test]
fn a_transcript_question_is_no_headline() {
    let text = "2022年6月1日外交部发言人主持例行记者会\n2022-06-01 来源：某某部\n问：会议将延期，中方有何回应？\n答：我们注意到有关报道,中方主张通过对话解决分歧。";
    assert_eq!(
        headline(text).as_deref(),
        Some("2022年6月1日外交部发言人主持例行记者会")
    );
    let text = format!("記者會實錄\n問：會議是否延期？\n{BODY}");
    assert_eq!(headline(&text).as_deref(), Some("記者會實錄"));
}
