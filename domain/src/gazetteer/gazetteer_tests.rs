use super::*;
use std::collections::HashSet;

fn names(text: &str) -> Vec<String> {
    let g = Gazetteer::builtin();
    let folded = FoldedText::new(text);
    g.entities(&folded)
        .into_iter()
        .map(|h| match h.entity {
            EntityHit::Country(i) => g.countries[i].code.clone(),
            EntityHit::Organization(i) => g.organizations[i].abbreviation.clone(),
            EntityHit::Agreement(i) => g.agreements[i].name.clone(),
            EntityHit::Person(i) => g.people[i].name.clone(),
            EntityHit::Blocked => "blocked".into(),
        })
        .collect()
}

#[test]
fn names_match_in_either_script_and_the_longest_wins() {
    assert_eq!(names("印度尼西亞與印度"), ["ID", "IN"]);
    assert_eq!(names("南韓、韓國與韩国"), ["KR", "KR", "KR"]);
    assert_eq!(names("世衛組織和聯合國"), ["WHO", "UN"]);
    assert_eq!(names("習近平會見普丁"), ["习近平", "普京"]);
    assert_eq!(
        names("RCEP與区域全面经济伙伴关系协定"),
        ["区域全面经济伙伴关系协定", "区域全面经济伙伴关系协定"]
    );
}

#[test]
fn words_that_contain_a_name_do_not_match_it() {
    assert!(names("印度洋上的航线").is_empty());
    assert!(names("增加纳税人的负担").is_empty());
    assert!(names("中非合作论坛").is_empty());
    assert!(names("內蒙古自治區的草原").is_empty());
    assert!(names("朝鲜半岛局势").is_empty());
    assert!(names("据美国之音报道").is_empty());
    assert!(names("德國之聲記者").is_empty());
    assert!(names("哥伦比亚大学教授").is_empty());
}

#[test]
fn latin_names_need_word_boundaries() {
    assert_eq!(names("the UN and the FUND"), ["UN"]);
    assert!(names("UNICEFX").is_empty());
}

fn compounds(text: &str, named: &[&str]) -> Vec<String> {
    let chars: Vec<char> = crate::fold::fold(text).chars().collect();
    let named: HashSet<String> = named.iter().map(|s| (*s).to_owned()).collect();
    country_compounds(&chars, &named)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect()
}

#[test]
fn one_character_forms_count_only_in_country_lists() {
    assert_eq!(compounds("中韩两国加强合作", &[]), ["CN", "KR"]);
    assert_eq!(compounds("德英法等欧洲国家", &[]), ["DE", "GB", "FR"]);
    assert_eq!(compounds("美日韩三国", &[]), ["US", "JP", "KR"]);
    assert_eq!(compounds("中俄關係", &[]), ["CN", "RU"]);
    assert!(compounds("中美洲国家", &[]).is_empty());
    assert!(compounds("其中美方表示", &[]).is_empty());
    assert!(compounds("中新社北京电", &["SG"]).is_empty());
    assert!(compounds("12月17日,中心主任", &[]).is_empty());
    assert!(compounds("中老年人", &[]).is_empty());
}

#[test]
fn two_forms_without_china_count_when_a_pairing_word_follows() {
    assert_eq!(compounds("美日关系持续升温", &[]), ["US", "JP"]);
    assert_eq!(compounds("德法合作", &[]), ["DE", "FR"]);
    assert_eq!(compounds("中美紧张局势", &[]), ["CN", "US"]);
    assert!(compounds("美日两字", &[]).is_empty());
    assert!(compounds("德法", &[]).is_empty());
}

#[test]
fn a_form_with_a_usual_reading_needs_no_full_name() {
    assert_eq!(compounds("俄乌冲突进入第三年", &[]), ["RU", "UA"]);
    assert_eq!(compounds("俄乌冲突", &["UZ"]), ["RU", "UZ"]);
}

#[test]
fn ambiguous_forms_need_the_country_named_in_full() {
    assert_eq!(compounds("中新关系", &["SG"]), ["CN", "SG"]);
    assert_eq!(compounds("中新关系", &["NZ"]), ["CN", "NZ"]);
    assert_eq!(compounds("中新关系", &[]), ["CN"]);
}

#[test]
fn words_that_hold_a_reporting_verb_are_not_verbs() {
    let g = Gazetteer::builtin();
    let verbs = |text: &str| -> Vec<String> {
        let folded = FoldedText::new(text);
        g.verbs_in(&folded)
            .into_iter()
            .map(|(s, e)| folded.chars[s..e].iter().collect())
            .collect()
    };
    assert!(verbs("两国堪称全天候的朋友").is_empty());
    assert!(verbs("世界卫生组织(简称世卫)").is_empty());
    assert_eq!(verbs("他称合作顺利"), ["称"]);
}
