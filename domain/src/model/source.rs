//! Publishers: 央视网, 環球網, 人民日報 ….

use super::SourceId;

/// A stored publisher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Its id.
    pub id: SourceId,
    /// The name as first written (either script).
    pub name: String,
    /// The name in simplified script.
    pub name_hans: String,
}
