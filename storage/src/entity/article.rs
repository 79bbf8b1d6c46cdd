//! `articles`.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    #[sea_orm(unique)]
    pub url: Option<String>,
    #[sea_orm(unique)]
    pub content_hash: String,
    pub published_at: Option<String>,
    pub published_on: Option<Date>,
    pub published_sort: Option<i64>,
    pub script: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "Text")]
    pub raw_text: String,
    pub category: Option<String>,
    pub editor: Option<String>,
    pub source_id: Option<i64>,
    pub reprinted_from: Option<String>,
    pub hosted_by: Option<String>,
    pub related_from: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
