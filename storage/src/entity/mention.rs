//! `mentions`: article × entity, with count and first offset. Exactly one of the four
//! entity columns is set.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i64,
    pub country_code: Option<String>,
    pub organization_id: Option<i64>,
    pub agreement_id: Option<i64>,
    pub person_id: Option<i64>,
    pub count: i64,
    pub first_offset: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::article::Entity",
        from = "Column::ArticleId",
        to = "super::article::Column::Id"
    )]
    Article,
}

impl ActiveModelBehavior for ActiveModel {}
