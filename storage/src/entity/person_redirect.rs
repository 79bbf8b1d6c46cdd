//! `person_redirects`: people merged into others, so their old ids still resolve.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_redirects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub from_id: i64,
    pub into_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
