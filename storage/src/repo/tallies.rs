//! Reading the kept counts (see `crate::tally`): a `totalCount` without counting rows.

use crate::tally::{Tally, drift_query};
use crate::{Storage, StorageResult};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;
use std::hash::Hash;

/// A disagreement between a kept count and the stored rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyDrift {
    /// What is counted: `statements.speaker_id`, `mentions.country_code` …
    pub subject: String,
    /// The counted value (an id or a code; empty for a whole table).
    pub item: String,
    /// The stored rows' count minus the kept count.
    pub difference: i64,
}

impl Storage {
    /// The kept count of each of `keys` in `tally` (0 for a key with nothing counted).
    pub(crate) async fn tallied<K>(
        &self,
        tally: Tally,
        keys: &[K],
    ) -> StorageResult<HashMap<K, u64>>
    where
        K: Clone + Eq + Hash + ToString,
    {
        let mut counts: HashMap<K, u64> = keys.iter().map(|k| (k.clone(), 0)).collect();
        if keys.is_empty() {
            return Ok(counts);
        }
        let by_item: HashMap<String, &K> = keys.iter().map(|k| (k.to_string(), k)).collect();
        let query = Query::select()
            .columns([Alias::new("item"), Alias::new("n")])
            .from(Alias::new("tallies"))
            .and_where(Expr::col(Alias::new("subject")).eq(tally.subject()))
            .and_where(Expr::col(Alias::new("item")).is_in(by_item.keys().cloned()))
            .to_owned();
        for row in self.db.query_all(&query).await? {
            let item: String = row.try_get("", "item")?;
            let n: i64 = row.try_get("", "n")?;
            if let Some(key) = by_item.get(&item) {
                counts.insert((*key).clone(), u64::try_from(n).unwrap_or(0));
            }
        }
        Ok(counts)
    }

    /// The kept count of one item of `tally`.
    pub(crate) async fn tallied_one(&self, tally: Tally, item: &str) -> StorageResult<u64> {
        let key = item.to_owned();
        let counts = self.tallied(tally, std::slice::from_ref(&key)).await?;
        Ok(counts.get(&key).copied().unwrap_or(0))
    }

    /// Every kept count that disagrees with a fresh count of the stored rows: empty while
    /// the triggers keep them exact. Counts every row, so it is for checks, not requests.
    pub async fn tally_drift(&self) -> StorageResult<Vec<TallyDrift>> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(Statement::from_string(backend, drift_query()))
            .await?;
        rows.iter()
            .map(|row| {
                Ok(TallyDrift {
                    subject: row.try_get("", "subject")?,
                    item: row.try_get("", "item")?,
                    difference: row.try_get("", "n")?,
                })
            })
            .collect()
    }
}
