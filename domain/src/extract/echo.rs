//! Pull quotes: a quotation standing alone, often as a subheading, that repeats words a
//! speaker says elsewhere in the article is theirs (“我们的未来将何去何从” above the
//! paragraph where the president says it).

use super::ExtractedStatement;
use super::rule::Rule;
use crate::fold::fold;

/// The rule that gives a pull quote the speaker of the words it repeats.
pub const ECHO: Rule = Rule {
    name: "echo",
    confidence: 0.8,
};

/// The fewest characters a pull quote must share with the statement it repeats: shorter
/// words are too common to tell whose they are.
const MIN_ECHO_CHARS: usize = 6;

/// Gives each unattributed statement the speaker of another statement that contains its
/// words, when exactly one speaker does.
pub fn attribute_echoes(statements: &mut [ExtractedStatement]) {
    let keys: Vec<String> = statements.iter().map(|s| words_of(&s.text)).collect();
    for i in 0..statements.len() {
        if statements[i].speaker.is_some() || statements[i].speaker_phrase.is_some() {
            continue;
        }
        if keys[i].chars().count() < MIN_ECHO_CHARS {
            continue;
        }
        let mut sources = (0..statements.len()).filter(|&j| {
            j != i && statements[j].speaker_phrase.is_some() && keys[j].contains(&keys[i])
        });
        let (Some(j), None) = (sources.next(), sources.next()) else {
            continue;
        };
        statements[i].speaker = statements[j].speaker.clone();
        statements[i].speaker_phrase = statements[j].speaker_phrase.clone();
        statements[i].rule = ECHO;
        statements[i].confidence = ECHO.confidence;
    }
}

/// The words of a text, folded, without punctuation or spaces.
fn words_of(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::gazetteer::Gazetteer;

    fn speakers(body: &str) -> Vec<Option<String>> {
        extract(
            &format!("测试标题\n2021-03-01 测试网\n{body}"),
            Gazetteer::builtin(),
        )
        .statements
        .into_iter()
        .map(|s| s.speaker.map(|n| n.name))
        .collect()
    }

    const PULL_QUOTE: &str = "会议在周一举行。\n“面对变局,我们的未来将何去何从”\n";

    #[test]
    fn a_pull_quote_belongs_to_who_says_its_words() {
        let body = format!(
            "{PULL_QUOTE}外长王建国在会上说:“面对变局,我们的未来将何去何从,需要大家思考。”"
        );
        assert_eq!(
            speakers(&body),
            [Some("王建国".into()), Some("王建国".into())]
        );
    }

    #[test]
    fn a_pull_quote_nobody_says_stays_unattributed() {
        let body = format!("{PULL_QUOTE}外长王建国说:“合作是唯一出路。”");
        assert_eq!(speakers(&body), [None, Some("王建国".into())]);
    }
}
