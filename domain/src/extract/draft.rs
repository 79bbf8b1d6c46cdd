//! An extraction as an article draft for storage: metadata, statements with speakers,
//! mentions and agreement facts.

use super::{AgreementRef, ExtractedStatement, Extraction};
use crate::gazetteer::Gazetteer;
use crate::model::{
    AgreementFactDraft, ArticleDraft, MentionDraft, MentionKind, SpeakerDraft, StatementDraft,
};
use chrono::NaiveDate;

impl Extraction {
    /// The article as a draft for storage: metadata, statements with speakers, mentions.
    pub fn draft(&self, gazetteer: &Gazetteer) -> ArticleDraft {
        let i = &self.ingested;
        ArticleDraft {
            title: i.title.clone().unwrap_or_default(),
            url: None,
            body: i.body.clone(),
            raw_text: None,
            published_at: i.published_at.map(|at| at.to_text()),
            source: i.source.clone(),
            reprinted_from: i.reprinted_from.clone(),
            hosted_by: i.hosted_by.clone(),
            category: i.category.clone(),
            editor: i.editor.clone(),
            related_from: i.related_from,
            statements: self
                .statements
                .iter()
                .map(|s| statement_draft(s, gazetteer))
                .collect(),
            mentions: self.mention_drafts(gazetteer),
            agreement_facts: self.agreement_fact_drafts(gazetteer),
        }
    }

    fn agreement_fact_drafts(&self, g: &Gazetteer) -> Vec<AgreementFactDraft> {
        self.agreement_facts
            .iter()
            .map(|f| {
                let (name, abbreviation) = match &f.agreement {
                    AgreementRef::Known(k) => (
                        g.agreements[*k].name.clone(),
                        g.agreements[*k].abbreviation.clone(),
                    ),
                    AgreementRef::New(name) => (name.clone(), None),
                };
                let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
                AgreementFactDraft {
                    name,
                    abbreviation,
                    status: f.status.map(|s| s.as_str().to_owned()),
                    on: f.on.map(day),
                    parties: f
                        .parties
                        .iter()
                        .map(|(code, on)| (code.clone(), on.map(day)))
                        .collect(),
                }
            })
            .collect()
    }

    fn mention_drafts(&self, g: &Gazetteer) -> Vec<MentionDraft> {
        let m = &self.mentions;
        let mention =
            |kind, name: String, abbreviation: Option<String>, count, first| MentionDraft {
                kind,
                name,
                abbreviation,
                count: Some(count),
                first_offset: Some(first),
                title: None,
                country: None,
            };
        let countries = m
            .countries
            .iter()
            .map(|c| mention(MentionKind::Country, c.key.clone(), None, c.count, c.first));
        let organizations = m.organizations.iter().map(|o| {
            let entry = &g.organizations[o.key];
            mention(
                MentionKind::Organization,
                entry.name.clone(),
                Some(entry.abbreviation.clone()),
                o.count,
                o.first,
            )
        });
        let agreements = m.agreements.iter().map(|a| match &a.key {
            AgreementRef::Known(k) => {
                let entry = &g.agreements[*k];
                mention(
                    MentionKind::Agreement,
                    entry.name.clone(),
                    entry.abbreviation.clone(),
                    a.count,
                    a.first,
                )
            }
            AgreementRef::New(name) => {
                mention(MentionKind::Agreement, name.clone(), None, a.count, a.first)
            }
        });
        let people = m.people.iter().map(|(p, count)| MentionDraft {
            title: p.title.clone(),
            country: p.country.clone(),
            ..mention(MentionKind::Person, p.name.clone(), None, *count, p.start)
        });
        countries
            .chain(organizations)
            .chain(agreements)
            .chain(people)
            .collect()
    }
}

fn statement_draft(s: &ExtractedStatement, g: &Gazetteer) -> StatementDraft {
    StatementDraft {
        text: s.text.clone(),
        kind: s.kind,
        speaker: s.speaker.as_ref().map(|n| SpeakerDraft {
            name: n.name.clone(),
            title: n.title.clone(),
            country: n.country.clone(),
            name_en: n.name_en.clone(),
            aliases: g
                .person(&n.name)
                .map(|p| p.aliases.clone())
                .unwrap_or_default(),
        }),
        speaker_phrase: s.speaker_phrase.clone(),
        span: Some(s.span),
        section: Some(s.section),
        said_on: s.said_on.map(|d| d.format("%Y-%m-%d").to_string()),
        confidence: Some(s.confidence),
        rule: Some(s.rule.name.to_owned()),
    }
}
