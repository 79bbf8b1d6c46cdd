//! The rule that attributed each statement, so that a reader can see which extraction
//! rule decided a speaker (and an evaluation can weigh it).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statements {
    Table,
    AttributionRule,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Statements::Table)
                    .add_column(ColumnDef::new(Statements::AttributionRule).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Statements::Table)
                    .drop_column(Statements::AttributionRule)
                    .to_owned(),
            )
            .await
    }
}
