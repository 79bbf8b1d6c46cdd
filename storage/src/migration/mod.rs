//! Schema migrations, run at start (`quotegraph migrate` runs them alone).

use sea_orm_migration::prelude::*;

mod m0001_initial;
mod m0002_search;
mod m0003_attribution_rule;
mod m0004_one_row_per_title;
mod m0005_varchar_keys;
mod m0006_curation;
mod m0007_tallies;
mod m0008_lz4_article_text;
mod m0009_data_version;
mod m0010_lz4_search_documents;

/// Every migration quotegraph knows, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_initial::Migration),
            Box::new(m0002_search::Migration),
            Box::new(m0003_attribution_rule::Migration),
            Box::new(m0004_one_row_per_title::Migration),
            Box::new(m0005_varchar_keys::Migration),
            Box::new(m0006_curation::Migration),
            Box::new(m0007_tallies::Migration),
            Box::new(m0008_lz4_article_text::Migration),
            Box::new(m0009_data_version::Migration),
            Box::new(m0010_lz4_search_documents::Migration),
        ]
    }
}
