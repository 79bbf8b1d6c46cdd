//! Articles read without their body and raw text: what a list of statements shows of the
//! article each stands in (title, date, source) without reading and sending kilobytes of
//! text per row; and articles by id with a chosen text left out, optionally joined to their
//! sources (a page of search hits reads them so).

use super::joins::{join, joined, select_prefixed};
use crate::columns::Positions;
use crate::entity::{article, source};
use crate::{Storage, StorageResult};
use quotegraph_domain::{Article, ArticleId, Source};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, Iterable, QueryResult, QuerySelect, Select};
use std::collections::HashMap;

/// The article columns a head leaves out (they read as empty text).
const TEXT_COLUMNS: &[&str] = &["body", "raw_text"];

/// An article read without its body and raw text. It is deliberately not an [`Article`]:
/// whoever needs the texts reads the article again with [`Storage::articles_by_ids`].
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHead(Article);

impl ArticleHead {
    /// Its id.
    pub fn id(&self) -> ArticleId {
        self.0.id
    }

    /// The article with `body` and `raw_text` empty: only its other fields are read.
    pub fn into_article_without_texts(self) -> Article {
        self.0
    }

    /// A head from an article row read without its texts ([`heads`], [`by_ids`]).
    pub(crate) fn from_model(model: article::Model) -> StorageResult<Self> {
        Ok(ArticleHead(Article::try_from(model)?))
    }
}

/// `select` reading heads: the text columns read as empty strings, so the rows still decode
/// as article rows.
pub(crate) fn heads(select: Select<article::Entity>) -> Select<article::Entity> {
    article::Column::iter().fold(select.select_only(), |select, column| {
        let name = sea_orm::IdenStatic::as_str(&column);
        if TEXT_COLUMNS.contains(&name) {
            select.column_as(Expr::val(""), name)
        } else {
            select.column(column)
        }
    })
}

/// Selects the head columns of the articles aliased `table`, named `prefix` + column; the
/// texts are selected as empty strings so the row still decodes as an article row.
pub(crate) fn select_head(query: &mut SelectStatement, table: &str, prefix: &str) {
    select_all_but(query, table, prefix, TEXT_COLUMNS);
}

/// Selects the columns of the articles aliased `table`, named `prefix` + column, with the
/// text columns `left_out` selected as empty strings.
fn select_all_but(query: &mut SelectStatement, table: &str, prefix: &str, left_out: &[&str]) {
    for column in article::Column::iter() {
        let name = sea_orm::IdenStatic::as_str(&column);
        let value = if left_out.contains(&name) {
            Expr::val("")
        } else {
            Expr::col((Alias::new(table), Alias::new(name)))
        };
        query.expr_as(value, Alias::new(format!("{prefix}{name}")));
    }
}

impl Storage {
    /// The heads of these articles, by id (missing ids are left out).
    pub async fn article_heads_by_ids(
        &self,
        ids: &[ArticleId],
    ) -> StorageResult<HashMap<ArticleId, ArticleHead>> {
        let mut heads = HashMap::with_capacity(ids.len());
        let article = Positions::<article::Model>::plain();
        for row in self.db.query_all(&by_ids(ids, TEXT_COLUMNS)).await? {
            let head = ArticleHead::from_model(article.read(&row)?)?;
            heads.insert(head.id(), head);
        }
        Ok(heads)
    }
}

/// The articles table, as named in [`by_ids`].
const TABLE: &str = "articles";
/// The alias of the joined sources.
const SOURCE: &str = "qs";

/// `SELECT` the articles with these ids, the text columns `left_out` as empty strings.
fn by_ids(ids: &[ArticleId], left_out: &[&str]) -> SelectStatement {
    let mut query = Query::select();
    query.from(article::Entity).and_where(
        Expr::col((Alias::new(TABLE), article::Column::Id)).is_in(ids.iter().map(|id| id.0)),
    );
    select_all_but(&mut query, TABLE, "", left_out);
    query
}

/// As [`by_ids`], each article joined to its source; rows decode with
/// [`decode_with_source`].
pub(crate) fn with_sources_by_ids(ids: &[ArticleId], left_out: &[&str]) -> SelectStatement {
    let mut query = by_ids(ids, left_out);
    join(&mut query, source::Entity, SOURCE, (TABLE, "source_id"));
    select_prefixed::<source::Entity>(&mut query, SOURCE);
    query
}

/// The article rows of [`with_sources_by_ids`], each with its source when it has one.
pub(crate) fn decode_with_sources(
    rows: &[QueryResult],
) -> StorageResult<Vec<(Article, Option<Source>)>> {
    let article = Positions::<article::Model>::plain();
    let source = joined::<source::Model>(SOURCE);
    rows.iter()
        .map(|row| {
            let found = Article::try_from(article.read(row)?)?;
            Ok((found, source.read_joined(row)?.map(Source::from)))
        })
        .collect()
}
