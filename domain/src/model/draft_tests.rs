use super::*;

fn draft() -> ArticleDraft {
    ArticleDraft {
        title: " 標題 ".into(),
        body: "部長表示:「合作是唯一選擇。」這是第二句。".into(),
        published_at: Some("2020-12-17".into()),
        statements: vec![StatementDraft {
            text: "合作是唯一選擇。".into(),
            kind: StatementKind::Direct,
            speaker: Some(SpeakerDraft {
                name: "賀南洪".into(),
                title: Some("副首相".into()),
                country: Some("kh".into()),
                ..SpeakerDraft::default()
            }),
            speaker_phrase: None,
            span: None,
            section: None,
            said_on: None,
            confidence: None,
            rule: None,
        }],
        ..ArticleDraft::default()
    }
}

#[test]
fn a_valid_draft_finds_spans_and_inherits_the_day() {
    let article = draft().validate(Origin::Admin).unwrap();
    assert_eq!(article.title, "標題");
    assert_eq!(article.script, Script::Hant);
    let statement = &article.statements[0];
    assert_eq!((statement.span.start, statement.span.end), (6, 14));
    assert_eq!(statement.said_on.unwrap().to_string(), "2020-12-17");
    let speaker = statement.speaker.as_ref().unwrap();
    assert_eq!(speaker.country.as_ref().unwrap().as_str(), "KH");
    assert_eq!(speaker.title.as_deref(), Some("副首相"));
}

#[test]
fn the_same_content_hashes_the_same() {
    let a = draft().validate(Origin::Admin).unwrap();
    let b = draft().validate(Origin::Admin).unwrap();
    assert_eq!(a.content_hash, b.content_hash);
    let mut other = draft();
    other.body.push('!');
    assert_ne!(
        other.validate(Origin::Admin).unwrap().content_hash,
        a.content_hash
    );
}

fn field_of(edit: impl FnOnce(&mut ArticleDraft)) -> String {
    let mut d = draft();
    edit(&mut d);
    d.validate(Origin::Admin).unwrap_err().field
}

#[test]
fn each_bad_input_names_its_field() {
    assert_eq!(field_of(|d| d.title = "  ".into()), "title");
    assert_eq!(
        field_of(|d| d.body = "x".repeat(MAX_BODY_BYTES + 1)),
        "body"
    );
    assert_eq!(
        field_of(|d| d.published_at = Some("2021-02-30".into())),
        "publishedAt"
    );
    assert_eq!(field_of(|d| d.url = Some("ftp://x".into())), "url");
    assert_eq!(
        field_of(|d| d.statements[0].span = Some((0, 999))),
        "statements[0].span"
    );
    assert_eq!(
        field_of(|d| d.statements[0].span = Some((0, 3))),
        "statements[0].span"
    );
    assert_eq!(
        field_of(|d| d.statements[0].text = "不在正文".into()),
        "statements[0].text"
    );
    assert_eq!(
        field_of(|d| d.statements[0].speaker.as_mut().unwrap().country = Some("XYZ".into())),
        "statements[0].speaker.country"
    );
    assert_eq!(
        field_of(|d| d.statements[0].confidence = Some(1.5)),
        "statements[0].confidence"
    );
}

#[test]
fn statements_after_the_related_marker_are_in_the_related_section() {
    let mut d = draft();
    d.related_from = Some(3);
    let article = d.validate(Origin::Admin).unwrap();
    assert_eq!(article.statements[0].section, Section::Related);
}

#[test]
fn a_headline_statement_points_into_the_title() {
    let mut d = draft();
    d.title = "部長:「一起努力」".into();
    d.statements[0] = StatementDraft {
        text: "一起努力".into(),
        kind: StatementKind::Direct,
        speaker: None,
        speaker_phrase: Some("部長".into()),
        span: None,
        section: Some(Section::Headline),
        said_on: None,
        confidence: Some(0.8),
        rule: Some("colon_before".into()),
    };
    let article = d.clone().validate(Origin::Extracted).unwrap();
    assert_eq!(article.statements[0].span, Span { start: 4, end: 8 });
    assert_eq!(article.statements[0].rule.as_deref(), Some("colon_before"));
    d.statements[0].span = Some((0, 4));
    let err = d.validate(Origin::Extracted).unwrap_err();
    assert_eq!(err.field, "statements[0].span");
}

#[test]
fn a_rule_name_is_a_plain_identifier() {
    let mut d = draft();
    d.statements[0].rule = Some("Colon Before!".into());
    let err = d.validate(Origin::Extracted).unwrap_err();
    assert_eq!(err.field, "statements[0].rule");
}
