//! The `quotegraph` command as built by this cargo run, for tests that run it as a process.

use std::path::PathBuf;

/// The `quotegraph` binary: `QUOTEGRAPH_BIN` when set, else the one cargo built beside this
/// test executable (`cargo test --workspace` builds it, for the API crate's CLI tests).
pub fn quotegraph() -> PathBuf {
    if let Some(path) = std::env::var_os("QUOTEGRAPH_BIN") {
        return PathBuf::from(path);
    }
    // target/<profile>/deps/e2e-<hash> -> target/<profile>/quotegraph
    let exe = std::env::current_exe().expect("the test executable has a path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test executable lies in target/<profile>/deps");
    let binary = profile_dir.join(format!("quotegraph{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "{} is missing: run `cargo test --workspace` or `cargo build -p quotegraph-api`, or set QUOTEGRAPH_BIN",
        binary.display()
    );
    binary
}
