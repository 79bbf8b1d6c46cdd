//! The `quotegraph` command as a process. Having an integration test here also makes
//! `cargo test --workspace` build the binary that the end-to-end import tests run.

use std::path::Path;
use std::process::Command;

fn generate(out: &Path, seed: u64) {
    let status = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args([
            "generate",
            "--articles",
            "12",
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(out)
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "quotegraph generate fails"
    );
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for folder in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = file
                .path()
                .strip_prefix(dir)
                .map(|p| p.display().to_string());
            all.push((
                name.unwrap_or_default(),
                std::fs::read(file.path()).unwrap_or_default(),
            ));
        }
    }
    all.sort();
    all
}

#[test]
fn generate_writes_the_same_files_for_the_same_seed() {
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else {
        panic!("no temporary directory")
    };
    generate(&dir.path().join("a"), 3);
    generate(&dir.path().join("b"), 3);
    let a = files(&dir.path().join("a"));
    assert_eq!(a.len(), 12);
    assert_eq!(a, files(&dir.path().join("b")));
}
