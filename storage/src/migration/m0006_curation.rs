//! Curation: what hand corrections need. People merged into others keep their ids as
//! redirects; statements corrected by hand keep what they said before; statements removed
//! by hand (deleted, or marked as a quoted term) are remembered so that re-extraction does
//! not bring them back; and the audit log records every change, append-only.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Articles {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Statements {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum PersonRedirects {
    Table,
    FromId,
    IntoId,
}
#[derive(DeriveIden)]
enum StatementOriginals {
    Table,
    StatementId,
    Text,
    Kind,
    SpeakerId,
}
#[derive(DeriveIden)]
enum SuppressedStatements {
    Table,
    Id,
    ArticleId,
    Section,
    Text,
    Reason,
}
#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Id,
    AtUs,
    Actor,
    Mutation,
    Before,
    After,
}
#[derive(DeriveIden)]
enum AuditTargets {
    Table,
    Id,
    EntryId,
    Target,
}

fn fk<T: IntoIden, C: IntoIden, R: IntoIden, RC: IntoIden>(
    table: T,
    column: C,
    target: R,
    target_column: RC,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(target, target_column)
        .on_delete(action)
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(PersonRedirects::Table)
            .col(big_integer(PersonRedirects::FromId).primary_key())
            .col(big_integer(PersonRedirects::IntoId))
            // Restrict: a person is merged away only after the redirects to them are moved on.
            .foreign_key(&mut fk(
                PersonRedirects::Table,
                PersonRedirects::IntoId,
                People::Table,
                People::Id,
                ForeignKeyAction::Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(StatementOriginals::Table)
            .col(big_integer(StatementOriginals::StatementId).primary_key())
            .col(text(StatementOriginals::Text))
            .col(string_len(StatementOriginals::Kind, 16))
            .col(big_integer_null(StatementOriginals::SpeakerId))
            .foreign_key(&mut fk(
                StatementOriginals::Table,
                StatementOriginals::StatementId,
                Statements::Table,
                Statements::Id,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                StatementOriginals::Table,
                StatementOriginals::SpeakerId,
                People::Table,
                People::Id,
                ForeignKeyAction::Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(SuppressedStatements::Table)
            .col(big_pk_auto(SuppressedStatements::Id))
            .col(big_integer(SuppressedStatements::ArticleId))
            .col(string_len(SuppressedStatements::Section, 16))
            .col(text(SuppressedStatements::Text))
            .col(string_len(SuppressedStatements::Reason, 16))
            .foreign_key(&mut fk(
                SuppressedStatements::Table,
                SuppressedStatements::ArticleId,
                Articles::Table,
                Articles::Id,
                ForeignKeyAction::Cascade,
            ))
            .to_owned(),
        // No foreign keys to what entries name: an entry outlives the article it deleted.
        Table::create()
            .table(AuditEntries::Table)
            .col(big_pk_auto(AuditEntries::Id))
            .col(big_integer(AuditEntries::AtUs))
            .col(string(AuditEntries::Actor))
            .col(string(AuditEntries::Mutation))
            .col(text_null(AuditEntries::Before))
            .col(text_null(AuditEntries::After))
            .to_owned(),
        Table::create()
            .table(AuditTargets::Table)
            .col(big_pk_auto(AuditTargets::Id))
            .col(big_integer(AuditTargets::EntryId))
            .col(string(AuditTargets::Target))
            .foreign_key(&mut fk(
                AuditTargets::Table,
                AuditTargets::EntryId,
                AuditEntries::Table,
                AuditEntries::Id,
                ForeignKeyAction::Restrict,
            ))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_person_redirects_into")
            .table(PersonRedirects::Table)
            .col(PersonRedirects::IntoId)
            .to_owned(),
        Index::create()
            .name("idx_statement_originals_speaker")
            .table(StatementOriginals::Table)
            .col(StatementOriginals::SpeakerId)
            .to_owned(),
        Index::create()
            .name("idx_suppressed_statements_article")
            .table(SuppressedStatements::Table)
            .col(SuppressedStatements::ArticleId)
            .to_owned(),
        Index::create()
            .name("idx_audit_entries_actor")
            .table(AuditEntries::Table)
            .col(AuditEntries::Actor)
            .col(AuditEntries::Id)
            .to_owned(),
        Index::create()
            .name("idx_audit_entries_at")
            .table(AuditEntries::Table)
            .col(AuditEntries::AtUs)
            .col(AuditEntries::Id)
            .to_owned(),
        Index::create()
            .name("idx_audit_targets_target")
            .table(AuditTargets::Table)
            .col(AuditTargets::Target)
            .col(AuditTargets::EntryId)
            .to_owned(),
    ]
}

/// The audit tables refuse UPDATE and DELETE, so that not even SQL sent past the API can
/// rewrite history quietly.
const APPEND_ONLY: &[&str] = &["audit_entries", "audit_targets"];

async fn make_append_only(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(
            "CREATE FUNCTION quotegraph_audit_append_only() RETURNS trigger AS $$
             BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql",
        )
        .await?;
        for table in APPEND_ONLY {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                 FOR EACH ROW EXECUTE FUNCTION quotegraph_audit_append_only()"
            ))
            .await?;
        }
        return Ok(());
    }
    for table in APPEND_ONLY {
        for action in ["UPDATE", "DELETE"] {
            let name = format!("{table}_no_{}", action.to_lowercase());
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {name} BEFORE {action} ON {table}
                 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            ))
            .await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        make_append_only(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .ok_or_else(|| DbErr::Migration("table without a name".into()))?;
            manager
                .drop_table(Table::drop().table(name).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION quotegraph_audit_append_only()")
                .await?;
        }
        Ok(())
    }
}
