//! `statement_originals`: what a statement said before it was first corrected by hand.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statement_originals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub statement_id: i64,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub kind: String,
    pub speaker_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
