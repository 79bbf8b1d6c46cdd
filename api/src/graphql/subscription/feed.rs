//! One subscription's events: each batch of committed changes read through the storage's
//! filtered queries, one event per row found, and an error event whenever changes may have
//! been missed.

use crate::error::{ApiError, ApiResult};
use async_graphql::futures_util::stream::{self, Stream};
use quotegraph_storage::{Change, Missed, StorageResult, Subscription};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::Arc;

/// What `read` finds in each batch of changes `subscription` hears, one item at a time.
pub(super) fn feed<T, F, Fut>(
    subscription: Subscription,
    read: F,
) -> impl Stream<Item = ApiResult<T>>
where
    F: Fn(Arc<[Change]>) -> Fut,
    Fut: Future<Output = StorageResult<Vec<T>>>,
{
    let state = (subscription, VecDeque::new(), read);
    stream::unfold(state, |(mut subscription, mut found, read)| async move {
        loop {
            if let Some(item) = found.pop_front() {
                return Some((Ok(item), (subscription, found, read)));
            }
            let event = match subscription.next().await? {
                Ok(changes) => match read(changes).await {
                    Ok(rows) => {
                        found.extend(rows);
                        continue;
                    }
                    Err(err) => Err(ApiError::from(err)),
                },
                Err(missed) => Err(lagging(missed)),
            };
            return Some((event, (subscription, found, read)));
        }
    })
}

/// The error event for changes that may have been missed; the subscription goes on.
fn lagging(missed: Missed) -> ApiError {
    let message = match missed {
        Missed::Lagged(batches) => format!(
            "this subscription fell behind and missed {batches} batches of changes; query to catch up"
        ),
        Missed::Reconnected => "the server lost its connection to the database for a moment and may have missed changes; query to catch up".to_owned(),
    };
    ApiError::SubscriberLagging(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missed_changes_are_told_as_subscriber_lagging() {
        for missed in [Missed::Lagged(3), Missed::Reconnected] {
            let error = lagging(missed);
            assert_eq!(error.code(), crate::error::SUBSCRIBER_LAGGING);
            assert!(error.message().contains("query to catch up"));
        }
    }
}
