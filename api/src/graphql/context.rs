//! Getting the request's storage handle and loaders out of the GraphQL context.

use super::loaders::Loaders;
use crate::error::{ApiError, ApiResult};
use async_graphql::Context;
use async_graphql::dataloader::Loader;
use quotegraph_storage::{Storage, StorageError};
use std::hash::Hash;
use std::sync::Arc;

/// The storage handle the schema was built with.
pub fn storage<'a>(ctx: &Context<'a>) -> ApiResult<&'a Storage> {
    ctx.data::<Storage>().map_err(|_| {
        tracing::error!("schema executed without a storage handle");
        ApiError::Internal
    })
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &Context<'a>) -> ApiResult<&'a Loaders> {
    ctx.data::<Loaders>().map_err(|_| {
        tracing::error!("request executed without loaders");
        ApiError::Internal
    })
}

/// Loads one value through the request's loaders.
pub async fn load<K, V>(ctx: &Context<'_>, key: K) -> ApiResult<Option<V>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    super::loaders::StorageLoader: Loader<K, Value = V, Error = Arc<StorageError>>,
{
    Ok(loaders(ctx)?.load_one(key).await?)
}

/// Loads one value that must exist (a foreign key target).
pub async fn load_required<K, V>(ctx: &Context<'_>, key: K) -> ApiResult<V>
where
    K: Send + Sync + Hash + Eq + Clone + std::fmt::Debug + 'static,
    V: Send + Sync + Clone + 'static,
    super::loaders::StorageLoader: Loader<K, Value = V, Error = Arc<StorageError>>,
{
    let missing = format!("{key:?}");
    load(ctx, key).await?.ok_or_else(|| {
        tracing::error!(key = %missing, "a referenced row is missing");
        ApiError::Internal
    })
}

/// Loads the target of an optional foreign key: none when there is no key, and the value,
/// which must exist, when there is.
pub async fn load_if_any<K, V>(ctx: &Context<'_>, key: Option<K>) -> ApiResult<Option<V>>
where
    K: Send + Sync + Hash + Eq + Clone + std::fmt::Debug + 'static,
    V: Send + Sync + Clone + 'static,
    super::loaders::StorageLoader: Loader<K, Value = V, Error = Arc<StorageError>>,
{
    match key {
        Some(key) => Ok(Some(load_required(ctx, key).await?)),
        None => Ok(None),
    }
}

/// Loads many values at once, in the order of `keys`; every key must exist.
pub async fn load_all_required<K, V>(ctx: &Context<'_>, keys: Vec<K>) -> ApiResult<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + std::fmt::Debug + 'static,
    V: Send + Sync + Clone + 'static,
    super::loaders::StorageLoader: Loader<K, Value = V, Error = Arc<StorageError>>,
{
    let mut found = loaders(ctx)?.load_many(keys.iter().cloned()).await?;
    keys.iter()
        .map(|key| {
            found.remove(key).ok_or_else(|| {
                tracing::error!(key = ?key, "a referenced row is missing");
                ApiError::Internal
            })
        })
        .collect()
}
