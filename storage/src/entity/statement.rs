//! `statements`.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "statements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i64,
    pub speaker_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    #[sea_orm(column_type = "Text")]
    pub text_key: String,
    pub kind: String,
    pub speaker_phrase: Option<String>,
    pub speaker_title: Option<String>,
    pub span_start: i64,
    pub span_end: i64,
    pub section: String,
    pub said_on: Option<Date>,
    pub confidence: f64,
    pub origin: String,
    pub attribution_rule: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::article::Entity",
        from = "Column::ArticleId",
        to = "super::article::Column::Id"
    )]
    Article,
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::SpeakerId",
        to = "super::person::Column::Id"
    )]
    Speaker,
}

impl ActiveModelBehavior for ActiveModel {}
