//! The initial schema: every table, foreign key, unique constraint and lookup index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sources {
    Table,
    Id,
    Name,
    NameHans,
    NameKey,
}
#[derive(DeriveIden)]
enum Countries {
    Table,
    Code,
    NameHans,
    NameHant,
    NameEn,
}
#[derive(DeriveIden)]
enum CountryAliases {
    Table,
    Id,
    CountryCode,
    Alias,
    AliasKey,
}
#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    Name,
    NameKey,
    Abbreviation,
    AbbreviationKey,
}
#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
    Name,
    NameKey,
    Abbreviation,
    AbbreviationKey,
    Kind,
}
#[derive(DeriveIden)]
enum AgreementStatusChanges {
    Table,
    Id,
    AgreementId,
    Status,
    OnDate,
}
#[derive(DeriveIden)]
enum AgreementParties {
    Table,
    Id,
    AgreementId,
    CountryCode,
    OrganizationId,
    JoinedOn,
}
#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    Name,
    NameHant,
    NameEn,
    CountryCode,
}
#[derive(DeriveIden)]
enum PersonAliases {
    Table,
    Id,
    PersonId,
    Alias,
    AliasKey,
}
#[derive(DeriveIden)]
enum PersonRoles {
    Table,
    Id,
    PersonId,
    Title,
    CountryCode,
    OrganizationId,
    FirstSeen,
    LastSeen,
}
#[derive(DeriveIden)]
enum Articles {
    Table,
    Id,
    Title,
    Url,
    ContentHash,
    PublishedAt,
    PublishedOn,
    PublishedSort,
    Script,
    Body,
    RawText,
    Category,
    Editor,
    SourceId,
    ReprintedFrom,
    HostedBy,
    RelatedFrom,
}
#[derive(DeriveIden)]
enum Statements {
    Table,
    Id,
    ArticleId,
    SpeakerId,
    Text,
    TextKey,
    Kind,
    SpeakerPhrase,
    SpeakerTitle,
    SpanStart,
    SpanEnd,
    Section,
    SaidOn,
    Confidence,
    Origin,
}
#[derive(DeriveIden)]
enum Mentions {
    Table,
    Id,
    ArticleId,
    CountryCode,
    OrganizationId,
    AgreementId,
    PersonId,
    Count,
    FirstOffset,
}

/// A foreign key from `table.column` to `target.target_column`, cascading deletes of
/// owned rows (`cascade`) or refusing them.
fn fk<T: IntoIden, C: IntoIden, R: IntoIden, RC: IntoIden>(
    table: T,
    column: C,
    target: R,
    target_column: RC,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let action = if cascade {
        ForeignKeyAction::Cascade
    } else {
        ForeignKeyAction::Restrict
    };
    ForeignKey::create()
        .from(table, column)
        .to(target, target_column)
        .on_delete(action)
        .to_owned()
}

/// A (non-unique) index on the given columns, named after the table and columns.
fn index<T: IntoIden + 'static>(
    name: &str,
    table: T,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

impl Migration {
    fn tables() -> Vec<TableCreateStatement> {
        vec![
            Table::create()
                .table(Sources::Table)
                .col(big_pk_auto(Sources::Id))
                .col(string(Sources::Name))
                .col(string(Sources::NameHans))
                .col(string_uniq(Sources::NameKey))
                .to_owned(),
            Table::create()
                .table(Countries::Table)
                .col(char_len(Countries::Code, 2).primary_key())
                .col(string(Countries::NameHans))
                .col(string(Countries::NameHant))
                .col(string(Countries::NameEn))
                .to_owned(),
            Table::create()
                .table(CountryAliases::Table)
                .col(big_pk_auto(CountryAliases::Id))
                .col(char_len(CountryAliases::CountryCode, 2))
                .col(string(CountryAliases::Alias))
                .col(string_uniq(CountryAliases::AliasKey))
                .foreign_key(&mut fk(
                    CountryAliases::Table,
                    CountryAliases::CountryCode,
                    Countries::Table,
                    Countries::Code,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(Organizations::Table)
                .col(big_pk_auto(Organizations::Id))
                .col(string(Organizations::Name))
                .col(string_uniq(Organizations::NameKey))
                .col(string_null(Organizations::Abbreviation))
                .col(string_null(Organizations::AbbreviationKey))
                .to_owned(),
            Table::create()
                .table(Agreements::Table)
                .col(big_pk_auto(Agreements::Id))
                .col(string(Agreements::Name))
                .col(string_uniq(Agreements::NameKey))
                .col(string_null(Agreements::Abbreviation))
                .col(string_null(Agreements::AbbreviationKey))
                .col(string(Agreements::Kind))
                .to_owned(),
            Table::create()
                .table(AgreementStatusChanges::Table)
                .col(big_pk_auto(AgreementStatusChanges::Id))
                .col(big_integer(AgreementStatusChanges::AgreementId))
                .col(string(AgreementStatusChanges::Status))
                .col(date_null(AgreementStatusChanges::OnDate))
                .foreign_key(&mut fk(
                    AgreementStatusChanges::Table,
                    AgreementStatusChanges::AgreementId,
                    Agreements::Table,
                    Agreements::Id,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(AgreementParties::Table)
                .col(big_pk_auto(AgreementParties::Id))
                .col(big_integer(AgreementParties::AgreementId))
                .col(char_len_null(AgreementParties::CountryCode, 2))
                .col(big_integer_null(AgreementParties::OrganizationId))
                .col(date_null(AgreementParties::JoinedOn))
                .foreign_key(&mut fk(
                    AgreementParties::Table,
                    AgreementParties::AgreementId,
                    Agreements::Table,
                    Agreements::Id,
                    true,
                ))
                .foreign_key(&mut fk(
                    AgreementParties::Table,
                    AgreementParties::CountryCode,
                    Countries::Table,
                    Countries::Code,
                    false,
                ))
                .foreign_key(&mut fk(
                    AgreementParties::Table,
                    AgreementParties::OrganizationId,
                    Organizations::Table,
                    Organizations::Id,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(People::Table)
                .col(big_pk_auto(People::Id))
                .col(string(People::Name))
                .col(string_null(People::NameHant))
                .col(string_null(People::NameEn))
                .col(char_len_null(People::CountryCode, 2))
                .foreign_key(&mut fk(
                    People::Table,
                    People::CountryCode,
                    Countries::Table,
                    Countries::Code,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(PersonAliases::Table)
                .col(big_pk_auto(PersonAliases::Id))
                .col(big_integer(PersonAliases::PersonId))
                .col(string(PersonAliases::Alias))
                .col(string_uniq(PersonAliases::AliasKey))
                .foreign_key(&mut fk(
                    PersonAliases::Table,
                    PersonAliases::PersonId,
                    People::Table,
                    People::Id,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(PersonRoles::Table)
                .col(big_pk_auto(PersonRoles::Id))
                .col(big_integer(PersonRoles::PersonId))
                .col(string(PersonRoles::Title))
                .col(char_len_null(PersonRoles::CountryCode, 2))
                .col(big_integer_null(PersonRoles::OrganizationId))
                .col(date_null(PersonRoles::FirstSeen))
                .col(date_null(PersonRoles::LastSeen))
                .foreign_key(&mut fk(
                    PersonRoles::Table,
                    PersonRoles::PersonId,
                    People::Table,
                    People::Id,
                    true,
                ))
                .foreign_key(&mut fk(
                    PersonRoles::Table,
                    PersonRoles::CountryCode,
                    Countries::Table,
                    Countries::Code,
                    false,
                ))
                .foreign_key(&mut fk(
                    PersonRoles::Table,
                    PersonRoles::OrganizationId,
                    Organizations::Table,
                    Organizations::Id,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Articles::Table)
                .col(big_pk_auto(Articles::Id))
                .col(string_len(Articles::Title, 2000))
                .col(string_len_null(Articles::Url, 2048).unique_key())
                .col(char_len_uniq(Articles::ContentHash, 64))
                .col(string_null(Articles::PublishedAt))
                .col(date_null(Articles::PublishedOn))
                .col(big_integer_null(Articles::PublishedSort))
                .col(string_len(Articles::Script, 8))
                .col(text(Articles::Body))
                .col(text(Articles::RawText))
                .col(string_null(Articles::Category))
                .col(string_null(Articles::Editor))
                .col(big_integer_null(Articles::SourceId))
                .col(string_null(Articles::ReprintedFrom))
                .col(string_null(Articles::HostedBy))
                .col(big_integer_null(Articles::RelatedFrom))
                .foreign_key(&mut fk(
                    Articles::Table,
                    Articles::SourceId,
                    Sources::Table,
                    Sources::Id,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Statements::Table)
                .col(big_pk_auto(Statements::Id))
                .col(big_integer(Statements::ArticleId))
                .col(big_integer_null(Statements::SpeakerId))
                .col(text(Statements::Text))
                .col(text(Statements::TextKey))
                .col(string_len(Statements::Kind, 16))
                .col(string_null(Statements::SpeakerPhrase))
                .col(string_null(Statements::SpeakerTitle))
                .col(big_integer(Statements::SpanStart))
                .col(big_integer(Statements::SpanEnd))
                .col(string_len(Statements::Section, 16))
                .col(date_null(Statements::SaidOn))
                .col(double(Statements::Confidence))
                .col(string_len(Statements::Origin, 16))
                .foreign_key(&mut fk(
                    Statements::Table,
                    Statements::ArticleId,
                    Articles::Table,
                    Articles::Id,
                    true,
                ))
                .foreign_key(&mut fk(
                    Statements::Table,
                    Statements::SpeakerId,
                    People::Table,
                    People::Id,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Mentions::Table)
                .col(big_pk_auto(Mentions::Id))
                .col(big_integer(Mentions::ArticleId))
                .col(char_len_null(Mentions::CountryCode, 2))
                .col(big_integer_null(Mentions::OrganizationId))
                .col(big_integer_null(Mentions::AgreementId))
                .col(big_integer_null(Mentions::PersonId))
                .col(big_integer(Mentions::Count))
                .col(big_integer(Mentions::FirstOffset))
                .foreign_key(&mut fk(
                    Mentions::Table,
                    Mentions::ArticleId,
                    Articles::Table,
                    Articles::Id,
                    true,
                ))
                .foreign_key(&mut fk(
                    Mentions::Table,
                    Mentions::CountryCode,
                    Countries::Table,
                    Countries::Code,
                    false,
                ))
                .foreign_key(&mut fk(
                    Mentions::Table,
                    Mentions::OrganizationId,
                    Organizations::Table,
                    Organizations::Id,
                    false,
                ))
                .foreign_key(&mut fk(
                    Mentions::Table,
                    Mentions::AgreementId,
                    Agreements::Table,
                    Agreements::Id,
                    false,
                ))
                .foreign_key(&mut fk(
                    Mentions::Table,
                    Mentions::PersonId,
                    People::Table,
                    People::Id,
                    false,
                ))
                .to_owned(),
        ]
    }

    /// One index for every lookup the API makes by a column that is not unique already.
    fn indexes() -> Vec<IndexCreateStatement> {
        vec![
            index(
                "idx_country_aliases_code",
                CountryAliases::Table,
                &["country_code"],
            ),
            index(
                "idx_organizations_abbreviation",
                Organizations::Table,
                &["abbreviation_key"],
            ),
            index(
                "idx_agreements_abbreviation",
                Agreements::Table,
                &["abbreviation_key"],
            ),
            index(
                "idx_agreement_status_agreement",
                AgreementStatusChanges::Table,
                &["agreement_id", "id"],
            ),
            index(
                "idx_agreement_parties_agreement",
                AgreementParties::Table,
                &["agreement_id", "id"],
            ),
            index(
                "idx_agreement_parties_country",
                AgreementParties::Table,
                &["country_code", "agreement_id"],
            ),
            index(
                "idx_agreement_parties_organization",
                AgreementParties::Table,
                &["organization_id", "agreement_id"],
            ),
            index("idx_people_country", People::Table, &["country_code", "id"]),
            index(
                "idx_person_aliases_person",
                PersonAliases::Table,
                &["person_id", "id"],
            ),
            index(
                "idx_person_roles_person",
                PersonRoles::Table,
                &["person_id", "id"],
            ),
            index("idx_articles_source", Articles::Table, &["source_id", "id"]),
            index(
                "idx_articles_published_on",
                Articles::Table,
                &["published_on", "id"],
            ),
            index(
                "idx_statements_article",
                Statements::Table,
                &["article_id", "id"],
            ),
            index(
                "idx_statements_speaker",
                Statements::Table,
                &["speaker_id", "id"],
            ),
            index(
                "idx_statements_said_on",
                Statements::Table,
                &["said_on", "id"],
            ),
            index(
                "idx_mentions_article",
                Mentions::Table,
                &["article_id", "id"],
            ),
            index(
                "idx_mentions_country",
                Mentions::Table,
                &["country_code", "article_id"],
            ),
            index(
                "idx_mentions_organization",
                Mentions::Table,
                &["organization_id", "article_id"],
            ),
            index(
                "idx_mentions_agreement",
                Mentions::Table,
                &["agreement_id", "article_id"],
            ),
            index(
                "idx_mentions_person",
                Mentions::Table,
                &["person_id", "article_id"],
            ),
        ]
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in Self::tables() {
            manager.create_table(table).await?;
        }
        for index in Self::indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in Self::tables().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .ok_or_else(|| DbErr::Migration("table without a name".into()))?;
            manager
                .drop_table(Table::drop().table(name).to_owned())
                .await?;
        }
        Ok(())
    }
}
