//! `Source`.

use crate::graphql::ids::{NodeKind, global_id};
use crate::graphql::loaders::ArticlesOf;
use async_graphql::{ID, Object};
use quotegraph_domain as domain;

/// A publisher (央视网, 環球網 …).
#[derive(Clone)]
pub struct Source(pub domain::Source);

/// A publisher (央视网, 環球網 …).
#[Object]
impl Source {
    /// Global id.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Source, self.0.id.0)
    }

    /// The name as first written.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The name in simplified script.
    async fn name_hans(&self) -> &str {
        &self.0.name_hans
    }

    /// Its articles (the field itself is `ArticlesField::articles`).
    #[graphql(flatten)]
    async fn article_list(&self) -> super::ArticlesField {
        super::ArticlesField(ArticlesOf::Source(self.0.id))
    }
}
