//! What the native test files share: the fixtures, and comparing an output
//! with the file that holds what it should be.
#![allow(clippy::panic, clippy::unwrap_used, reason = "tests")]

use std::path::{Path, PathBuf};

/// `tests/fixtures/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Compares `actual` with the contents of `expected`, naming the first line
/// that differs; with `UPDATE_EXPECT=1` in the environment, writes `actual`
/// there instead (review the diff before committing it).
pub fn expect_file(expected: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(expected, actual).unwrap();
        return;
    }
    let name = expected.display();
    let wanted = std::fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("{name} is missing; run with UPDATE_EXPECT=1"));
    let differ = actual.lines().zip(wanted.lines()).enumerate().find(|(_, (a, w))| a != w);
    if let Some((line, (a, w))) = differ {
        panic!("{name}, line {}:\n  actual:   {a}\n  expected: {w}", line + 1);
    }
    assert_eq!(actual, wanted, "{name}: the output differs in length");
}
