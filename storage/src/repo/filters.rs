//! Filters on articles and statements, turned into SQL conditions. Name filters become
//! sub-selects on folded keys, so a filtered page is still one statement.

use super::people::known_by;
use crate::entity::{article, mention, organization, person, source, statement};
use chrono::NaiveDate;
use quotegraph_domain::fold::{fold, fold_name};
use quotegraph_domain::gazetteer::Gazetteer;
use quotegraph_domain::script::Script;
use quotegraph_domain::{CountryCode, StatementKind};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition};

/// Which articles to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ArticleFilter {
    /// Published by the source with this name (either script).
    pub source: Option<String>,
    /// Published on or after this day.
    pub from: Option<NaiveDate>,
    /// Published on or before this day.
    pub to: Option<NaiveDate>,
    /// Written in this script.
    pub script: Option<Script>,
    /// Mentions this country.
    pub country: Option<CountryCode>,
    /// Mentions the organization with this name or abbreviation (either script).
    pub organization: Option<String>,
}

/// Which statements to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct StatementFilter {
    /// Said by the person known by this name or alias (either script, or English).
    pub speaker: Option<String>,
    /// Said by a person of this country.
    pub country: Option<CountryCode>,
    /// In an article of the source with this name.
    pub source: Option<String>,
    /// In an article that mentions the organization with this name, abbreviation or alias.
    pub organization: Option<String>,
    /// Said on or after this day.
    pub from: Option<NaiveDate>,
    /// Said on or before this day.
    pub to: Option<NaiveDate>,
    /// Direct or indirect.
    pub kind: Option<StatementKind>,
    /// The text contains this (folded: either script, any width or case).
    pub text: Option<String>,
}

/// `column LIKE %needle%` on folded text, with LIKE's wildcards in the needle escaped.
fn contains(needle: &str) -> LikeExpr {
    let escaped: String = fold(needle)
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

fn articles_of_source(name: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column((article::Entity, article::Column::Id))
        .from(article::Entity)
        .inner_join(
            source::Entity,
            Expr::col((source::Entity, source::Column::Id))
                .equals((article::Entity, article::Column::SourceId)),
        )
        .and_where(Expr::col((source::Entity, source::Column::NameKey)).eq(fold_name(name)))
        .to_owned()
}

impl ArticleFilter {
    pub(crate) fn condition(&self) -> Condition {
        let mut all = Condition::all();
        if let Some(name) = &self.source {
            let ids = Query::select()
                .column(source::Column::Id)
                .from(source::Entity)
                .and_where(Expr::col(source::Column::NameKey).eq(fold_name(name)))
                .to_owned();
            all = all.add(article::Column::SourceId.in_subquery(ids));
        }
        if let Some(from) = self.from {
            all = all.add(article::Column::PublishedOn.gte(from));
        }
        if let Some(to) = self.to {
            all = all.add(article::Column::PublishedOn.lte(to));
        }
        if let Some(script) = self.script {
            all = all.add(article::Column::Script.eq(script.as_str()));
        }
        if let Some(code) = &self.country {
            let mentioning = Query::select()
                .column(mention::Column::ArticleId)
                .from(mention::Entity)
                .and_where(Expr::col(mention::Column::CountryCode).eq(code.as_str()))
                .to_owned();
            all = all.add(article::Column::Id.in_subquery(mentioning));
        }
        if let Some(name) = &self.organization {
            all = all.add(article::Column::Id.in_subquery(articles_mentioning_organization(name)));
        }
        all
    }
}

/// The ids of the articles that mention the organization known by `name`.
fn articles_mentioning_organization(name: &str) -> sea_orm::sea_query::SelectStatement {
    let organizations = Query::select()
        .column(organization::Column::Id)
        .from(organization::Entity)
        .cond_where(organization_named(name))
        .to_owned();
    Query::select()
        .column(mention::Column::ArticleId)
        .from(mention::Entity)
        .and_where(Expr::col(mention::Column::OrganizationId).in_subquery(organizations))
        .to_owned()
}

impl StatementFilter {
    pub(crate) fn condition(&self) -> Condition {
        let mut all = Condition::all();
        if let Some(name) = &self.speaker {
            // A scalar sub-select (an alias names one person): PostgreSQL then plans the
            // statements of that one speaker, where `IN (…)` made it expect a handful and
            // read and sort all of a much-quoted speaker's statements for one page.
            let speaker = Expr::SubQuery(None, Box::new(known_by(name).into()));
            all = all.add(Expr::col((statement::Entity, statement::Column::SpeakerId)).eq(speaker));
        }
        if let Some(code) = &self.country {
            let people = Query::select()
                .column(person::Column::Id)
                .from(person::Entity)
                .and_where(Expr::col(person::Column::CountryCode).eq(code.as_str()))
                .to_owned();
            all = all.add(statement::Column::SpeakerId.in_subquery(people));
        }
        if let Some(name) = &self.source {
            all = all.add(statement::Column::ArticleId.in_subquery(articles_of_source(name)));
        }
        if let Some(name) = &self.organization {
            let mentioning = articles_mentioning_organization(name);
            all = all.add(statement::Column::ArticleId.in_subquery(mentioning));
        }
        if let Some(from) = self.from {
            all = all.add(statement::Column::SaidOn.gte(from));
        }
        if let Some(to) = self.to {
            all = all.add(statement::Column::SaidOn.lte(to));
        }
        if let Some(kind) = self.kind {
            all = all.add(statement::Column::Kind.eq(kind.as_str()));
        }
        if let Some(text) = &self.text {
            all = all.add(
                Expr::col((statement::Entity, statement::Column::TextKey)).like(contains(text)),
            );
        }
        all
    }
}

/// Organizations known by `name`: their name or abbreviation, or, for organizations the
/// gazetteer knows, any of their other written forms (世衛組織 is WHO).
pub(crate) fn organization_named(name: &str) -> Condition {
    let mut keys = vec![fold_name(name)];
    if let Some(known) = Gazetteer::builtin().organization(name) {
        keys.push(fold_name(&known.name));
        keys.push(fold_name(&known.abbreviation));
    }
    Condition::any()
        .add(organization::Column::NameKey.is_in(keys.clone()))
        .add(organization::Column::AbbreviationKey.is_in(keys))
}
