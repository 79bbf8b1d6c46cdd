//! A page of statements read together with their to-one relations (the article's head, the
//! article's source, speaker): one statement with LEFT JOINs instead of one statement per
//! relation. The article comes without its texts, which a row would otherwise repeat for
//! every statement the article holds.

use super::article_heads::{ArticleHead, select_head};
use super::joins::{join, joined, select_prefixed};
use crate::StorageResult;
use crate::entity::{article, person, source, statement};
use crate::paging::PARENT_COLUMN;
use quotegraph_domain::{Person, Source, Statement};
use sea_orm::sea_query::{Alias, Asterisk, Order, Query, SelectStatement};
use sea_orm::{FromQueryResult, QueryResult};

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

    /// Reads one row of a wrapped page.
    pub(crate) fn decode(&self, row: &QueryResult) -> StorageResult<JoinedStatement> {
        let statement = Statement::try_from(statement::Model::from_query_result(row, "")?)?;
        let article = if self.article || self.source {
            ArticleHead::decode(row, &format!("{ARTICLE}_"))?
        } else {
            None
        };
        let source = if self.source {
            joined::<source::Entity>(row, SOURCE)?.map(Source::from)
        } else {
            None
        };
        let speaker = if self.speaker {
            joined::<person::Entity>(row, SPEAKER)?
                .map(Person::try_from)
                .transpose()?
        } else {
            None
        };
        Ok(JoinedStatement {
            statement,
            article,
            source,
            speaker,
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
