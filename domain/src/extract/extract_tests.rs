use super::*;
use crate::gazetteer::Gazetteer;

fn run(body: &str) -> Extraction {
    extract(
        &format!("测试标题\n2021-03-01 测试网\n{body}"),
        Gazetteer::builtin(),
    )
}

/// (kind, text, speaker name) of every statement.
fn said(body: &str) -> Vec<(StatementKind, String, Option<String>)> {
    run(body)
        .statements
        .into_iter()
        .map(|s| (s.kind, s.text, s.speaker.map(|n| n.name)))
        .collect()
}

fn direct(text: &str, who: Option<&str>) -> (StatementKind, String, Option<String>) {
    (
        StatementKind::Direct,
        text.to_owned(),
        who.map(str::to_owned),
    )
}

/// The country codes of `mentions`, in order.
fn country_codes(mentions: &Mentions) -> Vec<String> {
    mentions.countries.iter().map(|c| c.key.clone()).collect()
}

/// The phrase of the one statement `body` holds, whose speaker names nobody.
fn unnamed_speaker_of_the_only_statement(body: &str) -> String {
    let e = run(body);
    assert_eq!(e.statements.len(), 1, "{:?}", e.statements);
    assert_eq!(e.statements[0].speaker, None);
    e.statements[0].speaker_phrase.clone().unwrap_or_default()
}

fn indirect(text: &str, who: Option<&str>) -> (StatementKind, String, Option<String>) {
    (
        StatementKind::Indirect,
        text.to_owned(),
        who.map(str::to_owned),
    )
}

#[test]
fn a_speaker_before_the_quote_with_time_and_place_between() {
    assert_eq!(
        said("王毅在记者会上指出:“合作是唯一正确的选择。”"),
        [direct("合作是唯一正确的选择。", Some("王毅"))]
    );
    assert_eq!(
        said("外交部长王毅强调“各国应当团结”。"),
        [direct("各国应当团结", Some("王毅"))]
    );
    assert_eq!(
        said("正如李克强总理所说,“发展是硬道理”。"),
        [direct("发展是硬道理", Some("李克强"))]
    );
}

#[test]
fn a_speaker_after_the_quote_in_either_script() {
    assert_eq!(
        said("「我們將繼續努力。」新加坡總理李顯龍說。"),
        [direct("我們將繼續努力。", Some("李显龙"))]
    );
    assert_eq!(
        said("“这是历史性的一天。”泰国副总理陈明达在会上表示。"),
        [direct("这是历史性的一天。", Some("陈明达"))]
    );
}

#[test]
fn the_speaker_phrase_gives_country_title_and_name() {
    let e = run("「邊境將重新開放。」蒙古國外交部長巴特策策格表示。");
    let speaker = e.statements[0].speaker.clone().expect("a speaker");
    assert_eq!(speaker.name, "巴特策策格");
    assert_eq!(speaker.title.as_deref(), Some("外交部长"));
    assert_eq!(speaker.country.as_deref(), Some("MN"));
    assert_eq!(
        e.statements[0].speaker_phrase.as_deref(),
        Some("蒙古國外交部長巴特策策格")
    );
}

#[test]
fn hong_kong_and_macau_are_regions_and_their_officials_speak_for_china() {
    let e = run("「港澳兩地會加強合作。」香港特區行政長官陳志遠表示,澳門與日本的交流也在增加。");
    assert_eq!(country_codes(&e.mentions), ["JP"]);
    let speaker = e.statements[0].speaker.clone().expect("a speaker");
    assert_eq!(speaker.name, "陈志远");
    assert_eq!(speaker.country.as_deref(), Some("CN"));
}

#[test]
fn the_article_part_names_what_comes_before_the_related_list() {
    let e = run("法国总统今天访问越南。\n相关阅读\n• 墨西哥总统会见智利外长\n• 巴西举行大选");
    assert_eq!(country_codes(&e.article_mentions()), ["FR", "VN"]);
    assert_eq!(country_codes(&e.mentions), ["FR", "VN", "MX", "CL", "BR"]);
}

#[test]
fn a_country_named_in_full_lends_no_one_character_forms() {
    let e = run("古巴合作社的代表与巴西合作伙伴会面。");
    assert_eq!(country_codes(&e.mentions), ["CU", "BR"]);
}

#[test]
fn people_in_the_topic_of_a_statement_did_not_make_it() {
    assert_eq!(
        said("外长王建国3日就总统李明访欧一事表示,双方的合作将继续推进。"),
        [indirect("双方的合作将继续推进", Some("王建国"))]
    );
    assert_eq!(
        unnamed_speaker_of_the_only_statement(
            "一名政府高级官员針對總統張立群的談話表示,「這不是正式的立場」。"
        ),
        "一名政府高级官员"
    );
}

#[test]
fn an_outlet_citing_someone_reports_what_they_said() {
    assert_eq!(
        unnamed_speaker_of_the_only_statement("美联社引述两名知情官员称,谈判仍在继续。"),
        "两名知情官员"
    );
    assert_eq!(
        said("彭博社援引外長王建國的話說,雙方會再見面。"),
        [indirect("雙方會再見面", Some("王建国"))]
    );
}

#[test]
fn a_statement_standing_alone_speaks_for_who_issued_it() {
    let e = run("外交部长王建国发表声明表示,双方的分歧可以化解。\n声明强调:「我们愿意继续对话。」");
    let who: Vec<Option<String>> = e
        .statements
        .iter()
        .map(|s| s.speaker.as_ref().map(|n| n.name.clone()))
        .collect();
    assert_eq!(who, [Some("王建国".to_owned()), Some("王建国".to_owned())]);
    let e = run("一名政府官员在记者会上表示,计划不会改变。\n該聲明指出,「時間表維持不變」。");
    assert_eq!(e.statements.len(), 2);
    assert_eq!(
        e.statements[1].speaker_phrase,
        e.statements[0].speaker_phrase
    );
}

#[test]
fn a_quote_followed_by_a_sentence_naming_who_said_it() {
    let found = said("“让我们携手共建美好未来。”在开幕式上,法国总统马克龙发出这样的呼吁。");
    assert_eq!(found, [direct("让我们携手共建美好未来。", Some("马克龙"))]);
}

#[test]
fn a_later_quote_in_the_paragraph_keeps_the_speaker() {
    let found = said("“两国关系不断发展。”越南副总理黎明慨表示,合作前景广阔。“我们期待更多交流。”");
    assert_eq!(
        found,
        [
            direct("两国关系不断发展。", Some("黎明慨")),
            indirect("合作前景广阔", Some("黎明慨")),
            direct("我们期待更多交流。", Some("黎明慨")),
        ]
    );
}

#[test]
fn quoted_terms_are_not_statements() {
    assert!(said("两国建立了“快捷通道”,并开通“绿色通道”。").is_empty());
    assert!(said("他提出的「新南向政策」受到关注。").is_empty());
    assert!(said("双方同意推进“一带一路”倡议和“数字丝绸之路”建设。").is_empty());
}

#[test]
fn reported_speech_runs_to_the_end_of_its_sentence() {
    assert_eq!(
        said("世卫组织总干事谭德塞日前表示,疫苗应当公平分配。"),
        [indirect("疫苗应当公平分配", Some("谭德塞"))]
    );
    assert_eq!(
        said("德国总理默克尔呼吁各国加强合作。"),
        [indirect("各国加强合作", Some("默克尔"))]
    );
}

#[test]
fn pronouns_refer_to_the_subject_of_the_previous_sentence() {
    let found = said("法国总统马克龙与德国总理默克尔举行会谈。他表示,欧洲需要更多团结。");
    assert_eq!(found, [indirect("欧洲需要更多团结", Some("马克龙"))]);
}

#[test]
fn a_verb_after_a_comma_takes_the_subject_of_its_sentence() {
    let found = said("日前,印度总理莫迪在新德里出席论坛并发表讲话,强调要加快数字化转型。");
    assert_eq!(found, [indirect("要加快数字化转型", Some("莫迪"))]);
}

#[test]
fn unnamed_speakers_keep_their_phrase_and_no_person() {
    assert_eq!(
        unnamed_speaker_of_the_only_statement("一名不愿透露姓名的官员表示,谈判仍在进行中。"),
        "一名不愿透露姓名的官员"
    );
}

#[test]
fn words_that_only_look_like_reporting_are_not_statements() {
    assert!(said("可以说,今年是不平凡的一年。").is_empty());
    assert!(said("这项制度的名称说明了它的用途。").is_empty());
}

#[test]
fn mentions_cover_countries_organizations_agreements_and_people() {
    let e = run(
        "中韩两国与德英法等国同意加强合作。世衛組織和聯合國表示支持。RCEP已经签署,《巴黎协定》也已生效。中国驻阿拉木图总领事耿丽萍近日发表文章。",
    );
    assert_eq!(country_codes(&e.mentions), ["CN", "KR", "DE", "GB", "FR"]);
    let g = Gazetteer::builtin();
    let organizations: Vec<&str> = e
        .mentions
        .organizations
        .iter()
        .map(|o| g.organizations[o.key].abbreviation.as_str())
        .collect();
    assert_eq!(organizations, ["WHO", "UN"]);
    assert_eq!(e.mentions.agreements.len(), 2);
    let person = e
        .mentions
        .people
        .iter()
        .find(|(p, _)| p.name == "耿丽萍")
        .map(|(p, _)| p.clone())
        .expect("耿丽萍 is mentioned");
    assert_eq!(person.country.as_deref(), Some("CN"));
}

#[test]
fn statements_know_the_day_they_were_said() {
    let e = run("2020年11月20日,习近平在会议上指出:“我们要继续推进合作。”");
    assert_eq!(
        e.statements[0].said_on.map(|d| d.to_string()).as_deref(),
        Some("2020-11-20")
    );
    assert_eq!(
        e.statements[0]
            .speaker
            .as_ref()
            .and_then(|s| s.name_en.as_deref()),
        Some("Xi Jinping")
    );
}

#[test]
fn a_title_after_a_country_is_the_whole_speaker_phrase() {
    let e = run("法国参议员周一表示,对方的说法不符合事实。");
    assert_eq!(
        e.statements[0].speaker_phrase.as_deref(),
        Some("法国参议员")
    );
    let e = run("英首相周一表示,演习将照常进行。");
    assert_eq!(e.statements[0].speaker_phrase.as_deref(), Some("英首相"));
}

#[test]
fn a_headline_title_nobody_in_the_body_holds_stays_unnamed() {
    let raw = "参议员批“颠倒黑白”\n2021-03-01 测试网\n外交部长王建国表示:“我们的立场没有改变。”";
    let e = extract(raw, Gazetteer::builtin());
    let headline = e.statements.iter().find(|s| s.section == Section::Headline);
    let headline = headline.expect("the headline quotation");
    assert_eq!(headline.speaker, None);
    assert_eq!(headline.speaker_phrase.as_deref(), Some("参议员"));
}

#[test]
fn headline_verbs_of_one_character_report_the_quotation_after_them() {
    let raw = "两国争端扩大 议长批“颠倒黑白” 外长吁「保持克制」\n2021-03-01 测试网\n议长王建国周一表示,对方的说法颠倒黑白。外长李明德呼吁各方保持克制。";
    let e = extract(raw, Gazetteer::builtin());
    let headline: Vec<(String, Option<String>)> = e
        .statements
        .iter()
        .filter(|s| s.section == Section::Headline)
        .map(|s| (s.text.clone(), s.speaker.as_ref().map(|n| n.name.clone())))
        .collect();
    assert_eq!(
        headline,
        [
            ("颠倒黑白".to_owned(), Some("王建国".to_owned())),
            ("保持克制".to_owned(), Some("李明德".to_owned()))
        ]
    );
    // In running text 批 opens 批准: no verb there.
    assert!(said("政府批“准”了这项计划。").is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The characters a statement's span points into: the title or the body.
    fn spanned_text(e: &Extraction, s: &ExtractedStatement) -> Vec<char> {
        match s.section {
            Section::Headline => e
                .ingested
                .title
                .as_deref()
                .unwrap_or_default()
                .chars()
                .collect(),
            _ => e.ingested.body.chars().collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn extraction_never_panics_and_spans_are_valid(raw in "\\PC{0,300}") {
            let e = extract(&raw, Gazetteer::builtin());
            let body: Vec<char> = e.ingested.body.chars().collect();
            for s in &e.statements {
                let within = spanned_text(&e, s);
                prop_assert!(s.span.0 < s.span.1 && s.span.1 <= within.len());
                prop_assert_eq!(within[s.span.0..s.span.1].iter().collect::<String>(), s.text.clone());
            }
            for m in &e.mentions.countries {
                prop_assert!(m.first < body.len());
            }
            let draft = e.draft(Gazetteer::builtin());
            let _ = draft.validate(crate::model::Origin::Extracted);
        }

        #[test]
        fn chinese_news_like_text_never_panics(raw in "[“”「」『』，。：:、表示说指出他她中美韩国习近平主席外交部发言人0-9\\n ]{0,200}") {
            let e = extract(&raw, Gazetteer::builtin());
            prop_assert!(e.statements.iter().all(|s| s.span.1 <= spanned_text(&e, s).len()));
        }
    }
}

#[test]
fn a_title_before_a_name_with_an_adverb_after_it() {
    assert_eq!(
        said("衛福部長陳時中則指出,第二批疫苗預計下週抵達。"),
        [indirect("第二批疫苗預計下週抵達", Some("陈时中"))]
    );
}

#[test]
fn press_conference_answers_are_the_hosts_and_quoted_questions_the_askers() {
    let e = extract(
        "2022年6月1日外交部发言人汪文斌主持例行记者会\n2022-06-01 来源：外交部\n问：有报道称会议将延期，中方对此有何回应？\n答：我们注意到有关报道。中方主张通过对话解决分歧。\n有记者问：“中方是否会派团出席？”汪文斌表示，中方将积极考虑。",
        Gazetteer::builtin(),
    );
    let found: Vec<(String, Option<String>)> = e
        .statements
        .iter()
        .map(|s| (s.text.clone(), s.speaker.as_ref().map(|n| n.name.clone())))
        .collect();
    assert_eq!(
        found,
        [
            (
                "我们注意到有关报道。中方主张通过对话解决分歧。".to_owned(),
                Some("汪文斌".to_owned())
            ),
            // The reporter asking is not named: the question has no person.
            ("中方是否会派团出席？".to_owned(), None),
            ("中方将积极考虑".to_owned(), Some("汪文斌".to_owned())),
        ]
    );
}

#[test]
fn hong_kong_and_taiwan_forms() {
    assert_eq!(
        said("行政長官林鄭月娥今日（17日）出席活動時表示，本港疫情已經受控。"),
        [indirect("本港疫情已經受控", Some("林郑月娥"))]
    );
    assert_eq!(
        said("「我們已經做好準備。」衛福部長陳時中說。"),
        [direct("我們已經做好準備。", Some("陈时中"))]
    );
}

#[test]
fn latin_names_in_brackets_and_joined_transliterations() {
    assert_eq!(
        said("英國衛生大臣漢考克(Matt Hancock)表示，疫苗接種進展順利。"),
        [indirect("疫苗接種進展順利", Some("汉考克"))]
    );
    assert_eq!(
        said("美国国务卿安东尼·布林肯（Antony Blinken）则称，美方会密切关注。"),
        [indirect("美方会密切关注", Some("安东尼·布林肯"))]
    );
}

#[test]
fn stacked_titles_stay_together() {
    let e = run("國務委員兼國防部長魏鳳和表示，兩軍將加強交流。");
    let speaker = e.statements[0].speaker.clone().expect("a speaker");
    assert_eq!(
        (speaker.name.as_str(), speaker.title.as_deref()),
        ("魏凤和", Some("国务委员兼国防部长"))
    );
}

#[test]
fn a_ministry_speaking_is_an_unnamed_speaker() {
    let e = run("外交部表示，中方欢迎各方积极参与。");
    assert_eq!(e.statements.len(), 1);
    assert_eq!(e.statements[0].speaker, None);
    assert_eq!(e.statements[0].speaker_phrase.as_deref(), Some("外交部"));
}

#[test]
fn agreements_get_statuses_dates_and_parties() {
    let e = run(
        "区域全面经济伙伴关系协定(RCEP)于2020年11月15日正式签署。中国与新加坡之间的“快捷通道”于2020年6月8日率先实施,随后又与德国、日本陆续开通。各方承诺加入「新冠肺炎疫苗實施計劃」。",
    );
    let g = Gazetteer::builtin();
    type Fact<'a> = (
        String,
        Option<&'a str>,
        Option<String>,
        Vec<(String, Option<String>)>,
    );
    let facts: Vec<Fact<'_>> = e
        .agreement_facts
        .iter()
        .map(|f| {
            let AgreementRef::Known(k) = f.agreement else {
                unreachable!("only known agreements here")
            };
            (
                g.agreements[k].name.clone(),
                f.status.map(|s| s.as_str()),
                f.on.map(|d| d.to_string()),
                f.parties
                    .iter()
                    .map(|(c, on)| (c.clone(), on.map(|d| d.to_string())))
                    .collect(),
            )
        })
        .collect();
    let day = |d: &str| Some(d.to_owned());
    assert_eq!(
        facts,
        [
            (
                "区域全面经济伙伴关系协定".to_owned(),
                Some("signed"),
                day("2020-11-15"),
                vec![]
            ),
            (
                "快捷通道".to_owned(),
                Some("in_force"),
                day("2020-06-08"),
                vec![
                    ("CN".to_owned(), day("2020-06-08")),
                    ("SG".to_owned(), day("2020-06-08"))
                ]
            ),
            (
                "快捷通道".to_owned(),
                None,
                None,
                vec![("DE".to_owned(), None), ("JP".to_owned(), None)]
            ),
        ]
    );
}

#[test]
fn a_title_after_the_name_then_time_and_place() {
    assert_eq!(
        said("张明教授在论坛上表示,数字经济前景广阔。"),
        [indirect("数字经济前景广阔", Some("张明"))]
    );
}

#[test]
fn reported_speech_without_a_comma_after_the_verb() {
    assert_eq!(
        said("外长王毅表示中英应保持战略沟通并增进相互信任。"),
        [indirect("中英应保持战略沟通并增进相互信任", Some("王毅"))]
    );
    assert!(said("外长王毅提到这个问题的重要性与紧迫性。").is_empty());
}

#[test]
fn a_leaders_government_speaking_is_not_the_leader() {
    let e = run("拜登行政当局表示,将尽一切努力让他回家。");
    assert_eq!(e.statements[0].speaker, None);
    assert_eq!(
        e.statements[0].speaker_phrase.as_deref(),
        Some("拜登行政当局")
    );
}

#[test]
fn a_reported_clause_runs_past_semicolons_and_stops_before_a_quote_of_its_own() {
    assert_eq!(
        said("外长王毅指出,两国要加强合作;双方要管控分歧。"),
        [indirect("两国要加强合作;双方要管控分歧", Some("王毅"))]
    );
    let found = said("外长王毅称,中国有自己的立场,“我们不会改变。”");
    assert_eq!(found[0], indirect("中国有自己的立场", Some("王毅")));
    assert_eq!(found[1], direct("我们不会改变。", Some("王毅")));
    assert_eq!(
        said("议员陈志远承认邀请了其他议员一同出访。"),
        [indirect("邀请了其他议员一同出访", Some("陈志远"))]
    );
}

#[test]
fn a_question_the_speaker_asks_does_not_end_the_reported_clause() {
    assert_eq!(
        said("市长林国华表示,经费不足,怎能不难?但市民的支持让人感动。"),
        [indirect(
            "经费不足,怎能不难?但市民的支持让人感动",
            Some("林国华")
        )]
    );
    let found = said("市長林國華表示,經費不足,怎能不難?記者追問時,他說預算將會增加。");
    assert_eq!(found[0], indirect("經費不足,怎能不難", Some("林国华")));
}

#[test]
fn circumstances_before_the_verb_leave_the_sentence_subject() {
    assert_eq!(
        said("外长王毅今日访问北京,在与学者的座谈会上强调两国合作前景广阔。"),
        [indirect("两国合作前景广阔", Some("王毅"))]
    );
    assert_eq!(
        said("高田洋子在记者会上称,政府将继续推动改革。"),
        [indirect("政府将继续推动改革", Some("高田洋子"))]
    );
    let found = said("陈志远呼吁“在这个关键时刻”立即停火并恢复谈判。");
    assert!(
        found.contains(&indirect(
            "“在这个关键时刻”立即停火并恢复谈判",
            Some("陈志远")
        )),
        "{found:?}"
    );
}

#[test]
fn quotes_one_after_another_are_no_reported_clause() {
    let e = run("外长王毅表示:“合作是出路。”“对抗没有前途。”");
    let rules: Vec<(StatementKind, &str)> =
        e.statements.iter().map(|s| (s.kind, s.rule.name)).collect();
    assert_eq!(
        rules,
        [
            (StatementKind::Direct, "colon_before"),
            (StatementKind::Direct, "paragraph_run")
        ]
    );
}
