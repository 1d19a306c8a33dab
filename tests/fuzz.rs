//! What the fuzz targets check (`status_widget::check`), run on every
//! fixture, and on every input a fuzz target ever crashed or hung on
//! (`tests/fixtures/fuzz/<target>/`, kept by `cargo xtask fuzz`): once
//! fixed, a crash stays fixed. The `view` target's inputs are not documents
//! but the bytes a feed is built from (`check::model`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use std::path::{Path, PathBuf};

use status_widget::check;
use status_widget::feed::Format;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if !path.extension().is_some_and(|e| e == "md" || e == "html" || e == "expected") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_and_every_crash_found_holds() {
    let mut all = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut all);
    assert!(all.len() > 20, "the fixtures are there");
    for path in all {
        let data = std::fs::read(&path).unwrap();
        let name = path.display();
        if path.parent().is_some_and(|p| p.ends_with("fuzz/view")) {
            check::model(&data).unwrap_or_else(|e| panic!("{name}: {e}"));
            continue;
        }
        check::body(&data).unwrap_or_else(|e| panic!("{name}: {e}"));
        for format in Format::ALL {
            check::as_format(&data, format)
                .unwrap_or_else(|e| panic!("{name} as {}: {e}", format.name()));
        }
    }
}
