//! A page of statements read together with their to-one relations (the article's head, the
//! article's source, speaker): one statement with LEFT JOINs instead of one statement per
//! relation. The article comes without its texts, which a row would otherwise repeat for
//! every statement the article holds.

use super::article_heads::{ArticleHead, select_head};
use super::joins::{join, joined, select_prefixed};
use crate::StorageResult;
use crate::columns::Positions;
use crate::entity::{article, person, source, statement};
use crate::paging::PARENT_COLUMN;
use quotegraph_domain::{Person, Source, Statement};
use sea_orm::QueryResult;
use sea_orm::sea_query::{Alias, Asterisk, Order, Query, SelectStatement};

/// The to-one relations of a statement to read in the statement that reads its page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StatementJoins {
    /// The article it stands in (its head: no body or raw text).
    pub article: bool,
    /// The article's source (implies the article).
    pub source: bool,
    /// The speaker.
    pub speaker: bool,
}

/// A statement with the relations its joins asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinedStatement {
    /// The statement.
    pub statement: Statement,
    /// Its article without the texts, when joined.
    pub article: Option<ArticleHead>,
    /// Its article's source, when joined and the article has one.
    pub source: Option<Source>,
    /// Its speaker, when joined and it has one.
    pub speaker: Option<Person>,
}

const PAGE: &str = "qg_page";
const ARTICLE: &str = "qa";
const SOURCE: &str = "qs";
const SPEAKER: &str = "qp";

impl StatementJoins {
    /// Nothing to join: the page is read as it is.
    pub fn is_empty(&self) -> bool {
        !(self.article || self.source || self.speaker)
    }

    /// `page` (statement rows, in id order) joined to the relations asked for, in the same
    /// order; `per_parent` keeps each parent's rows together.
    pub(crate) fn wrap(
        &self,
        page: SelectStatement,
        order: Order,
        per_parent: bool,
    ) -> SelectStatement {
        if self.is_empty() {
            return page;
        }
        let mut query = Query::select();
        query
            .column((Alias::new(PAGE), Asterisk))
            .from_subquery(page, Alias::new(PAGE));
        if self.article || self.source {
            join(&mut query, article::Entity, ARTICLE, (PAGE, "article_id"));
            select_head(&mut query, ARTICLE, &format!("{ARTICLE}_"));
        }
        if self.source {
            join(&mut query, source::Entity, SOURCE, (ARTICLE, "source_id"));
            select_prefixed::<source::Entity>(&mut query, SOURCE);
        }
        if self.speaker {
            join(&mut query, person::Entity, SPEAKER, (PAGE, "speaker_id"));
            select_prefixed::<person::Entity>(&mut query, SPEAKER);
        }
        // A join may reorder rows; the page is cut from them in id order.
        if per_parent {
            query.order_by((Alias::new(PAGE), Alias::new(PARENT_COLUMN)), Order::Asc);
        }
        query.order_by((Alias::new(PAGE), Alias::new("id")), order);
        query
    }

    /// Reads the rows of one wrapped page.
    pub(crate) fn reader(&self) -> JoinedReader {
        JoinedReader {
            joins: *self,
            statement: Positions::plain(),
            article: joined(ARTICLE),
            source: joined(SOURCE),
            speaker: joined(SPEAKER),
        }
    }
}

/// Reads the rows of one wrapped page, each column by its position in the first row.
pub(crate) struct JoinedReader {
    joins: StatementJoins,
    statement: Positions<statement::Model>,
    article: Positions<article::Model>,
    source: Positions<source::Model>,
    speaker: Positions<person::Model>,
}

impl JoinedReader {
    /// The statement of `row` and the relations its joins asked for.
    pub(crate) fn read(&self, row: &QueryResult) -> StorageResult<JoinedStatement> {
        let joins = self.joins;
        let statement = Statement::try_from(self.statement.read(row)?)?;
        let article = if joins.article || joins.source {
            self.article.read_joined(row)?.map(ArticleHead::from_model)
        } else {
            None
        };
        let source = if joins.source {
            self.source.read_joined(row)?.map(Source::from)
        } else {
            None
        };
        let speaker = if joins.speaker {
            self.speaker.read_joined(row)?.map(Person::try_from)
        } else {
            None
        };
        Ok(JoinedStatement {
            statement,
            article: article.transpose()?,
            source,
            speaker: speaker.transpose()?,
        })
    }
}

impl JoinedStatement {
    /// A statement read without joins.
    pub fn alone(statement: Statement) -> Self {
        JoinedStatement {
            statement,
            article: None,
            source: None,
            speaker: None,
        }
    }
}
