//! The invariants of `ARCHITECTURE.md` that a reader of the code can
//! check by reading it, checked here: what may import what, and that the
//! browser shell stays thin.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to (`feed` for
/// `src/feed/read.rs`, `time` for `src/time.rs`).
fn module(path: &Path) -> String {
    let relative = path.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The code of a file without its test module and its comments.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(all(test") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The crate's top-level modules each module of `src/` uses.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files(&src()) {
        let from = module(&path);
        if from == "lib" {
            continue;
        }
        let uses = graph.entry(from.clone()).or_default();
        let code = code(&text);
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let to: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !to.is_empty() && to != from && to != "Error" && to != "ErrorKind" {
                uses.insert(to);
            }
        }
        // `crate::Error` and `crate::ErrorKind` are `error`'s.
        if code.contains("crate::Error") && from != "error" {
            uses.insert("error".to_owned());
        }
    }
    graph
}

/// What each module may import, from `ARCHITECTURE.md`'s layers: a module
/// imports only modules of the layers below its own.
const LAYERS: &[&[&str]] = &[
    &["number"],
    &["error", "time", "link", "json"],
    &["feed", "poll"],
    &["strings", "filter", "dismiss", "summary", "answer", "message"],
    &["view", "state", "schedule"],
    &["known"],
    &["config", "speech", "frame"],
    &["check"],
    &["web"],
];

fn layer(module: &str) -> usize {
    LAYERS.iter().position(|l| l.contains(&module)).unwrap_or_else(|| {
        panic!("module `{module}` is in no layer of tests/architecture.rs (and ARCHITECTURE.md)")
    })
}

#[test]
fn modules_import_only_the_layers_below_them() {
    for (from, uses) in imports() {
        for to in uses {
            assert!(
                layer(&to) < layer(&from),
                "`{from}` (layer {}) imports `{to}` (layer {})",
                layer(&from),
                layer(&to)
            );
        }
    }
}

#[test]
fn only_the_shell_knows_the_browser() {
    for (path, text) in files(&src()) {
        if module(&path) == "web" {
            continue;
        }
        let code = code(&text);
        for browser in ["web_sys", "js_sys", "wasm_bindgen", "gloo"] {
            assert!(!code.contains(browser), "{} uses {browser}", path.display());
        }
    }
}

#[test]
fn the_readers_of_feed_import_each_other_in_no_circle() {
    // Within `feed`: the reader dispatches to each format's reader, which
    // use the shared field helpers, which use none of them.
    let order =
        ["json", "fields", "statuspage", "incidentio", "instatus", "cachet", "detect", "read"];
    for (path, text) in files(&src().join("feed")) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(me) = order.iter().position(|n| *n == name) else { continue };
        for (at, _) in code(&text).match_indices("super::") {
            let rest = &text_after(&code(&text), at + "super::".len());
            let to: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if let Some(them) = order.iter().position(|n| *n == to) {
                assert!(them < me, "feed::{name} imports feed::{to}");
            }
        }
    }
}

fn text_after(text: &str, at: usize) -> String {
    text[at..].chars().take(40).collect()
}

/// The browser shell's files, but its browser tests.
fn shell() -> Vec<(PathBuf, String)> {
    files(&src().join("web")).into_iter().filter(|(p, _)| !p.ends_with("web/tests.rs")).collect()
}

#[test]
fn the_shell_is_thin() {
    let mut total = 0;
    for (path, text) in shell() {
        let lines = text.lines().count();
        assert!(lines <= 400, "{} has {lines} lines (at most 400)", path.display());
        total += lines;
    }
    assert!(total <= 2000, "src/web has {total} lines (at most 2,000, tests apart)");
}

#[test]
fn no_shell_function_is_over_60_lines() {
    for (path, text) in shell() {
        let lines: Vec<&str> = text.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "async fn "]
                .iter()
                .any(|p| trimmed.starts_with(p))
                || trimmed.starts_with("pub(crate) async fn ");
            if !is_fn || trimmed.ends_with('}') {
                continue;
            }
            // A declaration (in an `extern` block, or a trait's) has no body.
            let head = lines[start..].iter().find(|l| l.ends_with('{') || l.ends_with(';'));
            if head.is_none_or(|l| l.ends_with(';')) {
                continue;
            }
            let indent = line.len() - trimmed.len();
            let end = lines[start..]
                .iter()
                .position(|l| l.len() > indent && l.trim() == "}" && l.len() - 1 == indent)
                .map(|n| start + n);
            let Some(end) = end else { continue };
            let length = end - start + 1;
            assert!(
                length <= 60,
                "{}:{}: a function of {length} lines (at most 60): {}",
                path.display(),
                start + 1,
                trimmed
            );
        }
    }
}
