//! Sieve: a quotation inside reported speech is the reporter's own wording. 他称,新加坡有
//! 自己的“原则立场”,… / 她批評對方「顛倒是非」,…: the speaker of the reported clause.

use super::Sieve;
use super::context::Context;
use crate::extract::quotes::Quote;
use crate::extract::rule::Rule;
use crate::extract::speaker::Speaker;

/// The sieve.
pub const SIEVE: Sieve = Sieve {
    rule: Rule {
        name: "inside_reported",
        confidence: 0.88,
    },
    find,
    reporting_clause: false,
};

fn find(cx: &Context<'_, '_>, q: &Quote) -> Option<Speaker> {
    cx.reported
        .iter()
        .filter(|r| r.start <= q.open && q.close <= r.end)
        .min_by_key(|r| r.end - r.start)
        .and_then(|r| r.speaker.clone())
}

#[cfg(test)]
mod tests {
    use crate::extract::attribution::tests::speaker_of_quote;

    #[test]
    fn a_partial_quote_in_reported_speech() {
        assert_eq!(
            speaker_of_quote("外交部长王毅指出,两国关系正处于“关键阶段”,需要共同维护。"),
            Some("王毅".into())
        );
        assert_eq!(
            speaker_of_quote("陳志遠認為,這是一場「艱難的談判」,但值得期待。"),
            Some("陈志远".into())
        );
    }
}
