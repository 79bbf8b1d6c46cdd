//! Reading statements: by id, filtered pages, and pages per article or per speaker.

use super::StatementFilter;
use super::statement_joins::{JoinedStatement, StatementJoins};
use crate::columns::Column;
use crate::convert;
use crate::entity::{statement, statement_original};
use crate::paging::{PARENT_COLUMN, PerParent, count_all, count_per_parent, fetch_page_with};
use crate::tally::{Tally, WHOLE_TABLE};
use crate::{Page, PageRequest, Storage, StorageResult};
use quotegraph_domain::{ArticleId, OriginalStatement, Section, Statement, StatementId};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Select};
use std::collections::HashMap;

/// Whose statements to list, many parents at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementsOf {
    /// Statements standing in these articles.
    Articles,
    /// Statements made by these people.
    Speakers,
}

impl StatementsOf {
    fn column(self) -> statement::Column {
        match self {
            StatementsOf::Articles => statement::Column::ArticleId,
            StatementsOf::Speakers => statement::Column::SpeakerId,
        }
    }
}

fn filtered(filter: &StatementFilter) -> Select<statement::Entity> {
    statement::Entity::find().filter(filter.condition())
}

/// The kept count of the statements `filter` selects, when one counts them: all
/// statements, or those of one kind.
fn kept_count(filter: &StatementFilter) -> Option<(Tally, &'static str)> {
    let only_kind = StatementFilter {
        kind: filter.kind,
        ..StatementFilter::default()
    };
    if *filter != only_kind {
        return None;
    }
    Some(match filter.kind {
        None => (Tally::Statements, WHOLE_TABLE),
        Some(kind) => (Tally::StatementsOfKind, kind.as_str()),
    })
}

impl Storage {
    /// The statements with these ids.
    #[tracing::instrument(skip(self))]
    pub async fn statements_by_ids(
        &self,
        ids: &[StatementId],
    ) -> StorageResult<HashMap<StatementId, Statement>> {
        let rows = statement::Entity::find()
            .filter(statement::Column::Id.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        let statements: Vec<Statement> = convert::all(rows)?;
        Ok(statements.into_iter().map(|s| (s.id, s)).collect())
    }

    /// What these statements said before they were first corrected by hand, for those
    /// that were.
    #[tracing::instrument(skip(self))]
    pub async fn originals_of(
        &self,
        ids: &[StatementId],
    ) -> StorageResult<HashMap<StatementId, OriginalStatement>> {
        let rows = statement_original::Entity::find()
            .filter(statement_original::Column::StatementId.is_in(ids.iter().map(|id| id.0)))
            .all(&self.db)
            .await?;
        let originals: Vec<OriginalStatement> = convert::all(rows)?;
        Ok(originals.into_iter().map(|o| (o.statement_id, o)).collect())
    }

    /// A page of the statements matching `filter`, across all articles, each with the
    /// relations `joins` asks for (read in the same SQL statement).
    #[tracing::instrument(skip(self))]
    pub async fn statements(
        &self,
        filter: &StatementFilter,
        page: &PageRequest,
        joins: StatementJoins,
    ) -> StorageResult<Page<JoinedStatement>> {
        let reader = joins.reader();
        fetch_page_with(
            &self.db,
            filtered(filter),
            (statement::Entity, statement::Column::Id),
            (page, kept_count(filter)),
            |query| joins.wrap(query, page.order(), false),
            |row| reader.read(row),
        )
        .await
    }

    /// How many statements match `filter`: the kept count when there is one for it.
    pub async fn count_statements(&self, filter: &StatementFilter) -> StorageResult<u64> {
        match kept_count(filter) {
            Some((tally, item)) => self.tallied_one(tally, item).await,
            None => count_all(&self.db, filtered(filter)).await,
        }
    }

    /// A page of statements for each parent (article or speaker id), each with the
    /// relations `joins` asks for (read in the same SQL statement).
    #[tracing::instrument(skip(self))]
    pub async fn statements_of(
        &self,
        of: StatementsOf,
        parents: &[i64],
        filter: &StatementFilter,
        page: &PageRequest,
        joins: StatementJoins,
    ) -> StorageResult<HashMap<i64, Page<JoinedStatement>>> {
        let per_parent = PerParent {
            parent: (statement::Entity, of.column()),
            id: (statement::Entity, statement::Column::Id),
            page,
            total: (of == StatementsOf::Speakers && *filter == StatementFilter::default())
                .then_some(Tally::StatementsBySpeaker),
        };
        let (parent, reader) = (Column::named(PARENT_COLUMN), joins.reader());
        per_parent
            .fetch(
                &self.db,
                filtered(filter),
                parents,
                |query| joins.wrap(query, page.order(), true),
                |row| Ok((parent.read(row)?, reader.read(row)?)),
            )
            .await
    }

    /// How many statements each parent (article or speaker id) has; a speaker's are kept
    /// counts.
    pub async fn count_statements_of(
        &self,
        of: StatementsOf,
        parents: &[i64],
        filter: &StatementFilter,
    ) -> StorageResult<HashMap<i64, u64>> {
        if of == StatementsOf::Speakers && *filter == StatementFilter::default() {
            return self.tallied(Tally::StatementsBySpeaker, parents).await;
        }
        count_per_parent(
            &self.db,
            filtered(filter),
            (statement::Entity, of.column()),
            parents,
        )
        .await
    }
}

impl Storage {
    /// For each (article, character offset), the statement of that article whose span
    /// holds the offset, if any: one statement for all the pairs.
    #[tracing::instrument(skip(self))]
    pub async fn statements_at(
        &self,
        places: &[(ArticleId, usize)],
    ) -> StorageResult<HashMap<(ArticleId, usize), Statement>> {
        if places.is_empty() {
            return Ok(HashMap::new());
        }
        let mut any = Condition::any();
        for (article, offset) in places {
            let at = *offset as i64;
            any = any.add(
                Condition::all()
                    .add(statement::Column::ArticleId.eq(article.0))
                    .add(statement::Column::Section.ne(Section::Headline.as_str()))
                    .add(statement::Column::SpanStart.lte(at))
                    .add(statement::Column::SpanEnd.gt(at)),
            );
        }
        let rows = statement::Entity::find()
            .filter(any)
            .order_by_asc(statement::Column::Id)
            .all(&self.db)
            .await?;
        let statements: Vec<Statement> = convert::all(rows)?;
        let mut out = HashMap::new();
        for (article, offset) in places {
            let holding = statements.iter().find(|s| {
                s.article_id == *article
                    && s.section != Section::Headline
                    && s.span.start <= *offset
                    && *offset < s.span.end
            });
            if let Some(s) = holding {
                out.insert((*article, *offset), s.clone());
            }
        }
        Ok(out)
    }
}
