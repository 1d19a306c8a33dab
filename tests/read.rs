//! Feed fixtures in, the model out.
//!
//! Every document under `tests/fixtures/{statuspage,v1,tolerant}` is read
//! and written out by [`dump`]; the result must match the `.expected` file
//! beside it (`UPDATE_EXPECT=1 cargo test` rewrites them; review the diff).
//! Every document under `tests/fixtures/errors` must be refused with the
//! kind of error its table row names, and never panic.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use std::fmt::Write;
mod common;

use common::{expect_file, fixtures};

use status_widget::feed::{self, Feed, Incident};
use status_widget::ErrorKind;

/// The model, one fact per line, times in UTC.
fn dump(feed: &Feed) -> String {
    let mut out = String::new();
    let url = |u: &Option<status_widget::link::SafeUrl>| {
        u.as_ref().map_or("-".to_owned(), |u| u.to_string())
    };
    writeln!(out, "format {:?}", feed.format).unwrap();
    writeln!(out, "page {:?} {}", feed.page.name, url(&feed.page.url)).unwrap();
    if let Some(status) = &feed.status {
        writeln!(out, "status {} {:?}", status.indicator.as_str(), status.description).unwrap();
    }
    for c in &feed.components {
        writeln!(out, "component {} {:?} {} group={:?}", c.id, c.name, c.status.as_str(), c.group)
            .unwrap();
    }
    let incident = |out: &mut String, kind: &str, i: &Incident| {
        writeln!(out, "{kind} {} {:?}", i.id, i.title).unwrap();
        writeln!(
            out,
            "  impact {} status {} active {}",
            i.impact.as_str(),
            i.status.as_str(),
            i.is_active()
        )
        .unwrap();
        let resolved = i.resolved_at.map_or("-".to_owned(), |t| t.to_iso());
        writeln!(out, "  started {} resolved {}", i.started_at.to_iso(), resolved).unwrap();
        if let Some(w) = i.window {
            writeln!(out, "  window {} .. {}", w.from.to_iso(), w.until.to_iso()).unwrap();
        }
        writeln!(out, "  url {}", url(&i.url)).unwrap();
        for c in &i.components {
            writeln!(out, "  affects {} {:?}", c.id, c.name).unwrap();
        }
        for u in &i.updates {
            writeln!(out, "  update {} {} {:?}", u.status.as_str(), u.at.to_iso(), u.body).unwrap();
        }
        if let Some(p) = &i.postmortem {
            let at = p.published_at.map_or("-".to_owned(), |t| t.to_iso());
            writeln!(out, "  postmortem {at} {:?}", p.body).unwrap();
        }
    };
    for i in &feed.incidents {
        incident(&mut out, "incident", i);
    }
    for m in &feed.maintenance {
        incident(&mut out, "maintenance", m);
    }
    let s = &feed.skipped;
    writeln!(
        out,
        "skipped incidents {} updates {} components {}",
        s.incidents, s.updates, s.components
    )
    .unwrap();
    for skip in &s.entries {
        writeln!(out, "  skipped {} ({})", skip.path(), skip.field).unwrap();
    }
    out
}

/// Reads `dir/name`, and compares its dump with `dir/name.expected`.
fn check(dir: &str, name: &str) {
    let path = fixtures().join(dir).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let feed = feed::from_json_str(&text).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
    expect_file(&path.with_extension("expected"), &dump(&feed));
    // Read a slice at a time (as the browser reads a long history), it is
    // the same feed, whatever the slice.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for slice in [1, 2, 5] {
        let mut reading = feed::Reading::start(&&value).unwrap();
        let mut steps = 0;
        while reading.step(slice) {
            steps += 1;
        }
        let total = feed.incidents.len() + feed.maintenance.len() + feed.skipped.incidents;
        assert_eq!(steps, total.saturating_sub(1) / slice, "{dir}/{name}: slices of {slice}");
        assert_eq!(reading.finish(), feed, "{dir}/{name}: read in slices of {slice}");
    }
}

fn check_dir(dir: &str) {
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            check(dir, &name);
            count += 1;
        }
    }
    assert!(count > 0, "no fixtures in {dir}");
}

#[test]
fn statuspage_documents() {
    check_dir("statuspage");
}

#[test]
fn our_own_format() {
    check_dir("v1");
}

#[test]
fn incident_io_widget_api() {
    check_dir("incidentio");
}

#[test]
fn instatus_summaries() {
    check_dir("instatus");
}

#[test]
fn cachet_api_v1() {
    check_dir("cachet");
}

#[test]
fn tolerant_reading() {
    check_dir("tolerant");
}

#[test]
fn hostile_feeds_read_as_data() {
    check_dir("hostile");
}

#[test]
fn documents_that_are_no_feed_are_clear_errors() {
    let cases = [
        ("empty.txt", ErrorKind::NotJson),
        ("whitespace.txt", ErrorKind::NotJson),
        ("html.txt", ErrorKind::NotJson),
        ("truncated.txt", ErrorKind::NotJson),
        ("array.json", ErrorKind::NotAFeed),
        ("string.json", ErrorKind::NotAFeed),
        ("null.json", ErrorKind::NotAFeed),
        ("not-a-feed.json", ErrorKind::NotAFeed),
        ("page-only.json", ErrorKind::NotAFeed),
        ("version-2.json", ErrorKind::NotAFeed),
        ("version-word.json", ErrorKind::NotAFeed),
        ("wrong-types-v1.json", ErrorKind::NotAFeed),
        ("wrong-types-statuspage.json", ErrorKind::NotAFeed),
        ("incidentio-truncated.txt", ErrorKind::NotJson),
        ("instatus-truncated.txt", ErrorKind::NotJson),
        ("cachet-truncated.txt", ErrorKind::NotJson),
    ];
    let listed = std::fs::read_dir(fixtures().join("errors")).unwrap().count();
    assert_eq!(listed, cases.len(), "every file in tests/fixtures/errors has a row here");
    for (name, kind) in cases {
        let text = std::fs::read_to_string(fixtures().join("errors").join(name)).unwrap();
        let error = feed::from_json_str(&text).expect_err(name);
        assert_eq!(error.kind(), kind, "{name}: {error}");
        assert!(!error.detail().is_empty(), "{name} says why");
    }
}

#[test]
fn nesting_100000_deep_is_an_error_not_a_crash() {
    for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
        let depth = 100_000;
        let inner = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let docs = [
            inner.clone(),
            format!(r#"{{"version":1,"page":{{"name":"x"}},"extra":{inner}}}"#),
            format!(r#"{{"version":1,"page":{{"name":"x"}},"incidents":[{inner}]}}"#),
        ];
        for doc in docs {
            let error = feed::from_json_str(&doc).expect_err("too deep");
            assert_eq!(error.kind(), ErrorKind::Limit, "{error}");
            assert!(error.detail().contains("nested more than 64"), "{error}");
        }
    }
}

#[test]
fn nesting_is_counted_outside_strings_up_to_the_limit() {
    let nested = |depth: usize| {
        let extra = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        format!(r#"{{"version":1,"page":{{"name":"[{{\"[[["}},"extra":{extra}}}"#)
    };
    assert!(feed::nested_within(&nested(feed::MAX_DEPTH), feed::MAX_DEPTH));
    assert!(!feed::nested_within(&nested(feed::MAX_DEPTH + 1), feed::MAX_DEPTH));
    assert_eq!(feed::from_json_str(&nested(feed::MAX_DEPTH)).unwrap().page.name, "[{\"[[[");
    let error = feed::from_json_str(&nested(feed::MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Limit);
}

#[test]
fn blank_is_what_the_schema_says() {
    // Blank is what JavaScript's `\s` matches, as the schema says: not U+0085.
    for (name, kept) in [("\u{feff} \u{3000}", false), ("\u{85}", true)] {
        let doc = serde_json::json!({ "version": 1, "page": { "name": name } });
        assert_eq!(feed::from_json_str(&doc.to_string()).unwrap().page.name.is_empty(), !kept);
    }
}

#[test]
fn long_text_is_cut_and_says_so() {
    let long = |c: &str, n: usize| c.repeat(n);
    let doc = serde_json::json!({
        "version": 1,
        "page": { "name": long("é", 600), "url": format!("https://x.example/{}", long("a", 3000)) },
        "incidents": [{
            "id": long("i", 500), "title": long("t", 500), "started_at": "2026-11-21T09:12:00Z",
            "url": format!("https://x.example/{}", long("a", 2000)),
            "updates": [{ "at": "2026-11-21T09:40:00Z", "body": long("🦀", 30_000) }],
        }, {
            "id": long("i", 501), "title": "An identifier too long", "started_at": "2026-11-21T09:12:00Z",
        }],
    });
    let feed = feed::from_json_str(&doc.to_string()).unwrap();
    let chars = |s: &str| s.chars().count();
    assert_eq!(chars(&feed.page.name), feed::MAX_LINE_CHARS);
    assert!(feed.page.name.ends_with("é…"));
    assert_eq!(feed.page.url, None, "a link too long is dropped, not cut");
    let incident = &feed.incidents[0];
    assert_eq!(incident.title, long("t", 500), "text at the limit is kept whole");
    assert_eq!(incident.id, long("i", 500));
    assert_eq!(feed.incidents.len(), 1, "an identifier too long is none: cut, two could meet");
    assert_eq!(feed.skipped.incidents, 1);
    assert!(incident.url.is_some());
    assert_eq!(chars(&incident.updates[0].body), feed::MAX_BODY_CHARS);
    assert!(incident.updates[0].body.ends_with("🦀…"));
}
