//! The published JSON Schema and the reader agree: every example feed in our
//! format (the fixtures, and the examples in the documentation and the
//! README) validates against `schema/status-feed.v1.schema.json` with a real
//! validator (boon, draft 2020-12, formats asserted) and reads into the model
//! with nothing skipped; the fullest example sets every field of the model;
//! and feeds that break the schema's rules are rejected by it. (The demo's
//! feeds are checked the same way, in `xtask/src/sample.rs`.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use std::path::{Path, PathBuf};

use boon::{Compiler, SchemaIndex, Schemas};
use serde_json::{json, Value};
use status_widget::feed::{self, Format};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn schema() -> (Schemas, SchemaIndex) {
    let path = root().join("schema/status-feed.v1.schema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut compiler = Compiler::new();
    compiler.enable_format_assertions();
    let url = "https://status-widget.example/schema/status-feed.v1.schema.json";
    compiler.add_resource(url, value).unwrap();
    let mut schemas = Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap();
    (schemas, index)
}

/// Every feed in our format that the project ships or tests with.
fn examples() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/v1"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), serde_json::from_str(&text).unwrap()));
        }
    }
    // The example in the crate's documentation of the format.
    let doc = std::fs::read_to_string(root().join("src/feed/mod.rs")).unwrap();
    let start = doc.find("/// ```json\n").unwrap() + "/// ```json\n".len();
    let end = start + doc[start..].find("/// ```").unwrap();
    let example: String =
        doc[start..end].lines().map(|l| l.trim_start().trim_start_matches("///")).collect();
    out.push(("the Format::V1 documentation".to_owned(), serde_json::from_str(&example).unwrap()));
    // The crate's example, in src/lib.rs.
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let start = lib.find("from_json_str(r#\"").unwrap() + "from_json_str(r#\"".len();
    let end = start + lib[start..].find("\"#)").unwrap();
    let example: String =
        lib[start..end].lines().map(|l| l.trim_start().trim_start_matches("//!")).collect();
    out.push(("the crate documentation".to_owned(), serde_json::from_str(&example).unwrap()));
    // The README's.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = "A minimal one:\n\n```json\n";
    let start = readme.find(marker).unwrap() + marker.len();
    let end = start + readme[start..].find("```").unwrap();
    out.push(("the README".to_owned(), serde_json::from_str(&readme[start..end]).unwrap()));
    assert!(out.len() >= 6, "examples were found");
    out
}

#[test]
fn every_example_validates_and_reads_whole() {
    let (schemas, index) = schema();
    for (name, value) in examples() {
        if let Err(e) = schemas.validate(&value, index) {
            panic!("{name} does not validate:\n{e:#}");
        }
        let feed = feed::read(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(feed.format, Format::V1, "{name}");
        assert!(!feed.skipped.any(), "{name}: skipped {:?}", feed.skipped);
    }
}

/// The fullest example uses every field of the schema, and every one of them
/// reaches the model: a field renamed on either side would leave a gap.
#[test]
fn the_full_example_fills_every_field_of_the_model() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/v1/full.json")).unwrap();
    let feed = feed::from_json_str(&text).unwrap();
    assert!(!feed.page.name.is_empty() && feed.page.url.is_some());
    let status = feed.status.as_ref().unwrap();
    assert!(status.description.is_some());
    assert!(feed.components.iter().any(|c| c.group.is_some()));
    let incident = feed.incidents.iter().find(|i| i.postmortem.is_some()).unwrap();
    assert!(incident.resolved_at.is_some() && incident.url.is_some());
    assert!(incident.postmortem.as_ref().unwrap().published_at.is_some());
    assert!(incident.components.iter().all(|c| c.name != c.id), "names come from the components");
    assert!(incident.updates.iter().all(|u| !u.body.is_empty()));
    let done = feed.maintenance.iter().find(|m| m.resolved_at.is_some()).unwrap();
    assert!(done.window.is_some() && !done.components.is_empty() && !done.updates.is_empty());
    assert!(feed.maintenance.iter().any(|m| m.url.is_some()));
}

#[test]
fn the_schema_rejects_what_breaks_its_rules() {
    let (schemas, index) = schema();
    let base = || json!({ "version": 1, "page": { "name": "Example" } });
    let incident = |patch: Value| {
        let mut doc = base();
        let mut i = json!({ "id": "a", "title": "T", "impact": "minor", "started_at": "2026-11-21T10:00:00Z" });
        for (k, v) in patch.as_object().unwrap() {
            i[k] = v.clone();
        }
        doc["incidents"] = json!([i]);
        doc
    };
    let cases = [
        ("no version", json!({ "page": { "name": "x" } })),
        ("version 2", json!({ "version": 2, "page": { "name": "x" } })),
        ("no page", json!({ "version": 1 })),
        ("blank page name", json!({ "version": 1, "page": { "name": " " } })),
        ("a typo", json!({ "version": 1, "page": { "name": "x" }, "incidnets": [] })),
        (
            "javascript link",
            json!({ "version": 1, "page": { "name": "x", "url": "javascript:alert(1)" } }),
        ),
        ("unknown impact", incident(json!({ "impact": "catastrophic" }))),
        ("time without zone", incident(json!({ "started_at": "2026-11-21T10:00:00" }))),
        ("date only", incident(json!({ "started_at": "2026-11-21" }))),
        ("no title", incident(json!({ "title": null }))),
        (
            "update without time",
            incident(json!({ "updates": [{ "status": "identified", "body": "x" }] })),
        ),
        ("numeric component", incident(json!({ "components": [7] }))),
        ("unknown written out", incident(json!({ "impact": "unknown" }))),
        ("unnamed component object", incident(json!({ "components": [{ "id": "api" }] }))),
    ];
    for (name, doc) in cases {
        assert!(schemas.validate(&doc, index).is_err(), "the schema accepts: {name}");
    }
    assert!(schemas.validate(&base(), index).is_ok());
}

/// What a source does not state is left out, and the schema takes that:
/// a page without a name, an incident without an impact, a component and
/// an update without a status, maintenance whose end is not known, a
/// component the list does not have, named where it is used.
#[test]
fn the_schema_takes_what_is_not_known_left_out() {
    let (schemas, index) = schema();
    let doc = json!({
        "version": 1,
        "page": {},
        "components": [{ "id": "api", "name": "API" }],
        "incidents": [{
            "id": "a", "title": "T", "started_at": "2026-11-21T10:00:00Z",
            "components": ["api", { "id": "db", "name": "Database" }],
            "updates": [{ "at": "2026-11-21T10:00:00Z", "body": "",
                          "affected_components": [{ "id": "db", "name": "Database", "new_status": "major_outage" }] }]
        }],
        "maintenance": [{ "id": "m", "title": "M", "scheduled_for": "2026-11-21T10:00:00Z" }]
    });
    if let Err(e) = schemas.validate(&doc, index) {
        panic!("{e:#}");
    }
    let feed = feed::read(&doc).unwrap();
    assert!(!feed.skipped.any(), "{:?}", feed.skipped);
    assert_eq!(feed.incidents[0].components[1].name, "Database");
    let open = &feed.maintenance[0];
    assert_eq!(
        (open.window, open.started_at.to_iso().as_str()),
        (None, "2026-11-21T10:00:00.000Z")
    );
}
