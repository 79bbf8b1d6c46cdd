//! Kept counts checked against the rows: the tallies the triggers keep must equal a fresh
//! count after any write.

use quotegraph_storage::Storage;

/// Panics, naming what drifted, unless every kept count of the database at `url` equals
/// a fresh count of its rows.
pub async fn assert_counts_kept(url: &str, after: &str) {
    let storage = Storage::connect(url).await.expect("the database opens");
    let drift = storage
        .tally_drift()
        .await
        .expect("the counts are compared");
    assert!(
        drift.is_empty(),
        "after {after}, kept counts differ from the rows: {drift:#?}"
    );
}
