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

/// Runs `quotegraph` with `args`, `stdin` on its standard input; returns (success, stdout, stderr).
fn run_with_input(args: &[&str], stdin: &str) -> (bool, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let child = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        panic!("quotegraph does not start")
    };
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    let Ok(output) = child.wait_with_output() else {
        panic!("quotegraph does not finish")
    };
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn hash_token_prints_the_sha256_of_the_token_read_from_standard_input() {
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert_eq!(
        run_with_input(&["hash-token"], "abc\n"),
        (true, format!("{abc}\n"), String::new())
    );
    let (ok, entry, _) = run_with_input(
        &["hash-token", "--name", "alice", "--role", "editor"],
        "abc",
    );
    assert!(ok);
    assert_eq!(entry, format!("alice:editor:{abc}\n"));
    let (ok, _, error) =
        run_with_input(&["hash-token", "--name", "alice", "--role", "owner"], "abc");
    assert!(!ok && error.contains("role"), "{error}");
    assert!(
        !run_with_input(&["hash-token"], "").0,
        "an empty token is refused"
    );
}

#[test]
fn serve_refuses_to_start_with_a_malformed_token_entry() {
    // The entries are read before the database is opened, so it stops at once.
    let child = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            "sqlite::memory:",
        ])
        .env("QUOTEGRAPH_TOKENS", "alice:editor:not-a-hash")
        .output();
    let Ok(output) = child else {
        panic!("quotegraph does not start")
    };
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("QUOTEGRAPH_TOKENS") && error.contains("hash"),
        "{error}"
    );
}
