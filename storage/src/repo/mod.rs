//! Repositories: every query quotegraph runs, taking and returning domain types.

mod aggregates;
mod agreement_batch;
mod agreement_facts;
mod announced;
mod article_heads;
mod article_rows;
mod articles;
mod audit;
mod bulk;
mod catalog;
mod corrections;
mod countries;
mod country_articles;
mod filters;
mod joins;
mod people;
mod reextract;
mod resolve;
mod search;
mod statement_joins;
mod statements;
mod tallies;
mod titles;
mod writer;

pub use aggregates::{EntityKey, MentionColumn, MonthCount};
pub use article_heads::ArticleHead;
pub use articles::MentionedBy;
pub use audit::{Audit, AuditEntry, AuditFilter, AuditTarget};
pub use corrections::{PersonChange, StatementChange};
pub use filters::{ArticleFilter, StatementFilter};
pub use reextract::{RawArticle, Reextracted};
pub use search::{DEFAULT_SEARCH_CACHE_HITS, SearchHit, SearchPage};
pub(crate) use search::{RankingCache, ensure_search_index};
pub use statement_joins::{JoinedStatement, StatementJoins};
pub use statements::StatementsOf;
pub use tallies::TallyDrift;
pub use writer::AddOutcome;

pub(crate) use countries::seed_countries;
