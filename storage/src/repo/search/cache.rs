//! Rankings kept between requests. A common term matches thousands of articles, and
//! ranking them costs one walk of the index per search; kept, the next page, the total and
//! the next user's same search cost a lookup. A kept ranking is exact: every entry belongs
//! to one data version (`m0009_data_version`), which every committed write raises, in this
//! process or any other on the database, and a search first reads the version (one indexed
//! read) and drops the rankings of older ones.
//!
//! Bounded by the results it holds, not by entries: a ranking of a million articles weighs
//! what a thousand small ones do. Searches of one query that miss together rank it once;
//! the others wait for that ranking.

use super::ranking::Ranking;
use crate::StorageResult;
use crate::repo::ArticleFilter;
use lru::LruCache;
use quotegraph_domain::search::SearchQuery;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::OnceCell;

/// The results kept by default, over all rankings (16 bytes each: about 16 MB).
pub const DEFAULT_SEARCH_CACHE_HITS: usize = 1 << 20;

/// The most rankings kept, whatever their size: the keys weigh too.
const MAX_RANKINGS: usize = 4_096;

/// What a ranking is of.
type Key = (SearchQuery, ArticleFilter);

/// One ranking, made by the first search that asks for it.
type Slot = Arc<OnceCell<Arc<Ranking>>>;

/// The kept rankings of one data version.
#[derive(Debug)]
pub(crate) struct RankingCache {
    budget: usize,
    kept: Mutex<Kept>,
}

#[derive(Debug)]
struct Kept {
    version: i64,
    slots: LruCache<Key, Slot>,
    /// Results in the filled slots.
    hits: usize,
}

impl RankingCache {
    /// A cache holding at most `budget` results in all; 0 keeps nothing.
    pub(crate) fn new(budget: usize) -> Self {
        Self {
            budget,
            kept: Mutex::new(Kept {
                version: i64::MIN,
                slots: LruCache::unbounded(),
                hits: 0,
            }),
        }
    }

    fn kept(&self) -> MutexGuard<'_, Kept> {
        // A panic elsewhere cannot leave `Kept` inconsistent in a way a lookup trusts:
        // the worst is a miscounted budget.
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The ranking of `key` at data `version`: the kept one, or the one `rank` makes (kept
    /// for the next search when it fits).
    pub(crate) async fn get_or_rank<F, R>(
        &self,
        key: Key,
        version: i64,
        rank: F,
    ) -> StorageResult<Arc<Ranking>>
    where
        F: FnOnce() -> R,
        R: Future<Output = StorageResult<Ranking>>,
    {
        let Some(slot) = self.slot(&key, version) else {
            return rank().await.map(Arc::new);
        };
        let mut ranked_here = false;
        let ranking = slot
            .get_or_try_init(|| {
                ranked_here = true;
                async { rank().await.map(Arc::new) }
            })
            .await?
            .clone();
        if ranked_here {
            self.account(&key, version, &slot, ranking.len());
        }
        Ok(ranking)
    }

    /// The ranking kept for `key` and the data version it belongs to, without reading the
    /// current version: a search reads its page with the version and trusts the ranking
    /// only when they agree.
    pub(crate) fn peek(&self, key: &Key) -> Option<(i64, Arc<Ranking>)> {
        let mut kept = self.kept();
        let version = kept.version;
        let ranking = kept.slots.get(key)?.get()?.clone();
        Some((version, ranking))
    }

    /// The slot of `key` at `version`, made when missing; `None` when nothing is kept for
    /// it: a cache of size 0, or a reader behind a newer version already seen.
    fn slot(&self, key: &Key, version: i64) -> Option<Slot> {
        if self.budget == 0 {
            return None;
        }
        let mut kept = self.kept();
        if version < kept.version {
            return None;
        }
        if version > kept.version {
            kept.slots.clear();
            kept.hits = 0;
            kept.version = version;
        }
        if let Some(slot) = kept.slots.get(key) {
            return Some(Arc::clone(slot));
        }
        let slot = Slot::default();
        kept.slots.push(key.clone(), Arc::clone(&slot));
        while kept.slots.len() > MAX_RANKINGS {
            kept.evict_oldest();
        }
        Some(slot)
    }

    /// Counts the `hits` just ranked into `slot` against the budget, and drops the least
    /// recently used rankings until the rest fit.
    fn account(&self, key: &Key, version: i64, slot: &Slot, hits: usize) {
        let mut kept = self.kept();
        let still_kept =
            kept.version == version && kept.slots.peek(key).is_some_and(|s| Arc::ptr_eq(s, slot));
        if !still_kept {
            return;
        }
        kept.hits += hits;
        while kept.hits > self.budget {
            kept.evict_oldest();
        }
    }

    /// How many rankings are kept, and the results in them.
    #[cfg(test)]
    fn size(&self) -> (usize, usize) {
        let kept = self.kept();
        (kept.slots.len(), kept.hits)
    }
}

impl Kept {
    fn evict_oldest(&mut self) {
        if let Some((_, slot)) = self.slots.pop_lru() {
            self.hits -= slot.get().map_or(0, |ranking| ranking.len()).min(self.hits);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn key(word: &str) -> Key {
        (
            SearchQuery::parse(word).expect("a valid query"),
            ArticleFilter::default(),
        )
    }

    fn hits(n: usize) -> Ranking {
        Ranking::new((0..n as i64).map(|id| (-1.0, id)).collect())
    }

    async fn lookup(cache: &RankingCache, word: &str, version: i64, n: usize, runs: &AtomicUsize) {
        let ranking = cache
            .get_or_rank(key(word), version, || async {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(hits(n))
            })
            .await
            .expect("ranked");
        assert_eq!(ranking.len(), n);
    }

    #[tokio::test]
    async fn a_ranking_is_made_once_per_data_version() {
        let cache = RankingCache::new(100);
        let runs = AtomicUsize::new(0);
        lookup(&cache, "合作", 1, 3, &runs).await;
        lookup(&cache, "合作", 1, 3, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        lookup(&cache, "合作", 2, 4, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert_eq!(cache.size(), (1, 4));
    }

    #[tokio::test]
    async fn a_peek_finds_a_made_ranking_with_its_version() {
        let cache = RankingCache::new(100);
        let runs = AtomicUsize::new(0);
        assert!(cache.peek(&key("合作")).is_none());
        lookup(&cache, "合作", 3, 2, &runs).await;
        let (version, ranking) = cache.peek(&key("合作")).expect("kept");
        assert_eq!((version, ranking.len()), (3, 2));
        assert!(cache.peek(&key("经贸")).is_none());
        lookup(&cache, "经贸", 4, 1, &runs).await;
        assert!(
            cache.peek(&key("合作")).is_none(),
            "a newer version drops it"
        );
    }

    #[tokio::test]
    async fn a_reader_behind_the_newest_version_ranks_without_keeping() {
        let cache = RankingCache::new(100);
        let runs = AtomicUsize::new(0);
        lookup(&cache, "合作", 5, 3, &runs).await;
        lookup(&cache, "合作", 4, 2, &runs).await;
        lookup(&cache, "合作", 5, 3, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert_eq!(cache.size(), (1, 3));
    }

    #[tokio::test]
    async fn the_budget_drops_the_least_recently_used() {
        let cache = RankingCache::new(10);
        let runs = AtomicUsize::new(0);
        lookup(&cache, "经贸", 1, 4, &runs).await;
        lookup(&cache, "合作", 1, 4, &runs).await;
        lookup(&cache, "经贸", 1, 4, &runs).await;
        lookup(&cache, "协定", 1, 4, &runs).await;
        assert_eq!(cache.size(), (2, 8));
        lookup(&cache, "经贸", 1, 4, &runs).await;
        assert_eq!(
            runs.load(Ordering::SeqCst),
            3,
            "经贸 was kept, 合作 was dropped"
        );
        lookup(&cache, "合作", 1, 4, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn a_ranking_larger_than_the_budget_is_not_kept() {
        let cache = RankingCache::new(10);
        let runs = AtomicUsize::new(0);
        lookup(&cache, "合作", 1, 11, &runs).await;
        lookup(&cache, "合作", 1, 11, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert_eq!(cache.size(), (0, 0));
    }

    #[tokio::test]
    async fn a_cache_of_size_zero_keeps_nothing() {
        let cache = RankingCache::new(0);
        let runs = AtomicUsize::new(0);
        lookup(&cache, "合作", 1, 1, &runs).await;
        lookup(&cache, "合作", 1, 1, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_ranking_is_not_kept() {
        let cache = RankingCache::new(100);
        let failed = cache
            .get_or_rank(key("合作"), 1, || async {
                Err(crate::StorageError::Corrupt("no index".into()))
            })
            .await;
        assert!(failed.is_err());
        let runs = AtomicUsize::new(0);
        lookup(&cache, "合作", 1, 2, &runs).await;
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn searches_that_miss_together_rank_once() {
        let cache = Arc::new(RankingCache::new(100));
        let runs = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Notify::new());
        let first = {
            let (cache, runs, gate) = (Arc::clone(&cache), Arc::clone(&runs), Arc::clone(&gate));
            tokio::spawn(async move {
                cache
                    .get_or_rank(key("合作"), 1, || async move {
                        runs.fetch_add(1, Ordering::SeqCst);
                        gate.notified().await;
                        Ok(hits(2))
                    })
                    .await
            })
        };
        while runs.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let second = {
            let (cache, runs) = (Arc::clone(&cache), Arc::clone(&runs));
            tokio::spawn(async move { lookup(&cache, "合作", 1, 2, &runs).await })
        };
        tokio::task::yield_now().await;
        gate.notify_one();
        first.await.expect("joined").expect("ranked");
        second.await.expect("joined");
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}
