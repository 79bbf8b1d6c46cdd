//! Sieve: a headline that names its speaker before a colon. 首相:谈话遭曲解 “没有这个意思” /
//! 外交部:「將密切關注」: the phrase before the headline's first colon.

use super::Sieve;
use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::{Speaker, parse_subject};

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
    (colon - from <= PHRASE_MAX)
        .then(|| parse_subject(cx.doc, from, colon))
        .flatten()
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
    fn a_colon_in_the_body_is_no_headline() {
        let e = extract(
            "测试标题\n2021-03-01 测试网\n外交部發言人:今天的天氣「非常好」。",
            Gazetteer::builtin(),
        );
        assert!(e.statements.iter().all(|s| s.section != Section::Headline));
    }
}
