//! Sieve: a headline that names its speaker before a colon. 首相:谈话遭曲解 “没有这个意思” /
//! 外交部:「將密切關注」: the phrase before the headline's first colon.

use super::Sieve;
use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, Who, parse_subject};
use crate::fold::to_simplified;

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "headline_colon",
        confidence: 0.8,
    },
    find,
};

/// How long the phrase before a headline's colon may be and still be a speaker.
const PHRASE_MAX: usize = 16;

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    if !cx.headline {
        return None;
    }
    let from = cx.paragraph.0;
    let colon = (from..q.open).find(|&i| matches!(cx.doc.orig[i], ':' | '：'))?;
    if colon - from > PHRASE_MAX {
        return None;
    }
    let speaker = parse_subject(cx.doc, from, colon)?;
    // VOA专访国安会发言人: an unnamed phrase ending in a title stands for the holder the
    // article names.
    let title = cx
        .doc
        .titles_in(from, colon)
        .into_iter()
        .rfind(|(_, e)| *e == colon);
    Some(match (&speaker.who, title) {
        (Who::Unnamed, Some((s, e))) => Speaker {
            who: Who::Title(to_simplified(&cx.doc.text(s, e))),
            phrase: speaker.phrase,
        },
        _ => speaker,
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;
    use crate::model::Section;

    fn headline_speakers(raw: &str) -> Vec<(String, Option<String>)> {
        extract(raw, Gazetteer::builtin())
            .statements
            .into_iter()
            .filter(|s| s.section == Section::Headline)
            .map(|s| (s.text, s.speaker_phrase))
            .collect()
    }

    #[test]
    fn the_phrase_before_a_headline_colon() {
        assert_eq!(
            headline_speakers("外交部發言人:「將密切關注事態發展」\n2021-03-01 测试网\n正文。"),
            [(
                "將密切關注事態發展".to_owned(),
                Some("外交部發言人".to_owned())
            )]
        );
    }

    #[test]
    fn a_titled_phrase_before_the_colon_is_the_holder_named_in_the_body() {
        let e = extract(
            "專訪國安會發言人:「這是不幸的」\n2021-03-01 测试网\n國安會發言人柯林頓表示,溝通仍然中斷。",
            Gazetteer::builtin(),
        );
        let headline = e.statements.iter().find(|s| s.section == Section::Headline);
        assert_eq!(
            headline
                .and_then(|s| s.speaker.as_ref())
                .map(|p| p.name.as_str()),
            Some("柯林顿")
        );
    }

    #[test]
    fn a_colon_in_the_body_is_no_headline() {
        let e = extract(
            "测试标题\n2021-03-01 测试网\n外交部發言人:今天的天氣「非常好」。",
            Gazetteer::builtin(),
        );
        assert!(e.statements.iter().all(|s| s.section != Section::Headline));
    }
}
