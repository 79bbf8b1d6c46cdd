//! Corrections of statements: `setStatementSpeaker`, `updateStatement`, `markAsTerm` (an
//! editor's) and `deleteStatement` (an admin's). Each leaves an audit entry.

use crate::error::{ApiError, ApiResult};
use crate::graphql::auth::audit;
use crate::graphql::context::{load_required, storage};
use crate::graphql::ids::{NodeKind, global_id, parse_numeric_id};
use crate::graphql::types::{Article, Statement, StatementKindGql};
use crate::tokens::Role;
use async_graphql::{Context, ID, Object, SimpleObject};
use quotegraph_domain::{ArticleId, PersonId, StatementId};
use quotegraph_storage::StatementChange;

#[derive(Default)]
pub struct StatementMutation;

/// What a correction of a statement did.
#[derive(SimpleObject)]
pub struct StatementPayload {
    /// The statement as it is now (origin EDITED).
    pub statement: Statement,
}

/// What removing a statement did.
#[derive(SimpleObject)]
pub struct RemovedStatementPayload {
    /// The id the statement had.
    pub removed_id: ID,
    /// The article it stood in.
    pub article: Article,
}

fn statement_id(id: &ID) -> ApiResult<StatementId> {
    Ok(StatementId(parse_numeric_id(
        "statement",
        id,
        NodeKind::Statement,
    )?))
}

async fn removed(
    ctx: &Context<'_>,
    id: StatementId,
    article: ArticleId,
) -> ApiResult<RemovedStatementPayload> {
    Ok(RemovedStatementPayload {
        removed_id: global_id(NodeKind::Statement, id.0),
        article: Article::from(load_required::<_, quotegraph_domain::Article>(ctx, article).await?),
    })
}

#[Object]
impl StatementMutation {
    /// Gives a statement another speaker, or none (`person: null`). What extraction had
    /// said stays readable in `extracted`. Needs an editor token.
    async fn set_statement_speaker(
        &self,
        ctx: &Context<'_>,
        statement: ID,
        person: Option<ID>,
    ) -> ApiResult<StatementPayload> {
        let audit = audit(ctx, Role::Editor, "setStatementSpeaker")?;
        let id = statement_id(&statement)?;
        let person = person
            .map(|p| parse_numeric_id("person", &p, NodeKind::Person).map(PersonId))
            .transpose()?;
        let statement = storage(ctx)?
            .set_statement_speaker(id, person, &audit)
            .await?;
        Ok(StatementPayload {
            statement: Statement(statement),
        })
    }

    /// Changes a statement's words or kind. The words must stand in the article (in its
    /// title for a headline statement); the statement's span moves to them. Needs an
    /// editor token.
    async fn update_statement(
        &self,
        ctx: &Context<'_>,
        statement: ID,
        text: Option<String>,
        kind: Option<StatementKindGql>,
    ) -> ApiResult<StatementPayload> {
        let audit = audit(ctx, Role::Editor, "updateStatement")?;
        let id = statement_id(&statement)?;
        if text.is_none() && kind.is_none() {
            return Err(ApiError::bad_input(
                "text",
                "give `text` or `kind` to change",
            ));
        }
        let change = StatementChange {
            text,
            kind: kind.map(Into::into),
        };
        let statement = storage(ctx)?.update_statement(id, &change, &audit).await?;
        Ok(StatementPayload {
            statement: Statement(statement),
        })
    }

    /// Takes a quotation that is not speech (a quoted term: “快捷通道”) out of the
    /// statements. It is remembered, so that extracting the article again does not bring
    /// it back. Needs an editor token.
    async fn mark_as_term(
        &self,
        ctx: &Context<'_>,
        statement: ID,
    ) -> ApiResult<RemovedStatementPayload> {
        let audit = audit(ctx, Role::Editor, "markAsTerm")?;
        let id = statement_id(&statement)?;
        let article = storage(ctx)?.mark_as_term(id, &audit).await?;
        removed(ctx, id, article).await
    }

    /// Deletes a statement. It is remembered, so that extracting the article again does
    /// not bring it back. Needs an admin token.
    async fn delete_statement(
        &self,
        ctx: &Context<'_>,
        statement: ID,
    ) -> ApiResult<RemovedStatementPayload> {
        let audit = audit(ctx, Role::Admin, "deleteStatement")?;
        let id = statement_id(&statement)?;
        let article = storage(ctx)?.delete_statement(id, &audit).await?;
        removed(ctx, id, article).await
    }
}
