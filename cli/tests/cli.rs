//! The `status-feed` binary, run as a user runs it, over the main crate's
//! fixtures (`tests/fixtures/`), standard input, and a tiny HTTP server on
//! 127.0.0.1. Every run of the binary and the server is bounded in time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use status_widget::feed::{self, Format, Impact, Phase, Skipped};

/// The longest a run of the binary may take before the test fails.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// What a run gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts that `line` is one of the lines of stdout.
    fn has_line(&self, line: &str) -> &Run {
        assert!(
            self.stdout.lines().any(|l| l == line),
            "no line {line:?} in stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that some line of stdout starts with `start`.
    fn has_line_starting(&self, start: &str) -> &Run {
        assert!(
            self.stdout.lines().any(|l| l.starts_with(start)),
            "no line starting {start:?} in stdout:\n{}",
            self.stdout
        );
        self
    }

    fn first_line(&self) -> &str {
        self.stdout.lines().next().unwrap_or_default()
    }

    fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or_default()
    }
}

fn fixture(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    root.join(path).display().to_string()
}

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("status-feed-{name}"))
}

/// Runs the binary with `args`, `stdin` on its standard input, within
/// [`RUN_LIMIT`].
fn run_with(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_status-feed"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early (a usage error): ignore that.
        let _ = input.write_all(&stdin);
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut text = String::new();
        out.read_to_string(&mut text).unwrap();
        text
    });
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        err.read_to_string(&mut text).unwrap();
        text
    });
    let deadline = Instant::now() + RUN_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("status-feed {args:?} took longer than {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    writer.join().unwrap();
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, b"")
}

/// Serves `body` at `/x.json` (and 404 elsewhere) on 127.0.0.1, to at most
/// `connections` connections and for at most 30 seconds; returns the port.
fn serve(body: Vec<u8>, connections: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut served = 0;
        while served < connections && Instant::now() < deadline {
            let mut stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                Err(_) => return,
            };
            served += 1;
            stream.set_nonblocking(false).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            // The request's head, up to the blank line.
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let head = String::from_utf8_lossy(&head);
            let target = head.split(' ').nth(1).unwrap_or_default();
            let (status, content) = match target {
                "/x.json" => ("200 OK", body.as_slice()),
                _ => ("404 Not Found", &b"{\"error\":\"not found\"}"[..]),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                content.len()
            );
            let _ = stream.write_all(response.as_bytes());
            let _ = stream.write_all(content);
            let _ = stream.flush();
        }
    });
    port
}

#[test]
fn valid_feeds_pass() {
    for (path, format) in [
        ("v1/full.json", "status-feed"),
        ("v1/minimal.json", "status-feed"),
        ("statuspage/summary.json", "statuspage"),
        ("statuspage/incidents.json", "statuspage"),
        ("incidentio/widget.json", "incident.io"),
        ("instatus/summary.json", "instatus"),
        ("cachet/incidents.json", "cachet"),
    ] {
        let r = run(&["validate", &fixture(path)]);
        assert_eq!(r.code, 0, "{path}:\n{}{}", r.stdout, r.stderr);
        assert_eq!(r.first_line(), format!("format: {format}"), "{path}");
        assert!(r.last_line().starts_with("summary: "), "{path}: {}", r.stdout);
    }
    let r = run(&["validate", &fixture("v1/full.json")]);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert_eq!(
        r.last_line(),
        "summary: no problems; read 2 incidents, 2 maintenance, 5 components"
    );
}

#[test]
fn every_malformed_entry_of_our_format_is_reported() {
    let r = run(&["validate", &fixture("tolerant/malformed-entries.json")]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.first_line(), "format: status-feed");
    r.has_line("error: $.components[1].id: is empty; the component is left out")
        .has_line("error: $.components[2].id: is missing; the component is left out")
        .has_line("error: $.components[3]: is text, expected an object; the component is left out")
        .has_line("error: $.components[4].name: is blank; the component is left out")
        .has_line(
            "error: $.incidents[0].updates[1].at: is not an RFC 3339 time (\"yesterday\"); the \
             update is left out",
        )
        .has_line("error: $.incidents[0].updates[2].at: is missing; the update is left out")
        .has_line("error: $.incidents[1].title: is missing; the incident is left out")
        .has_line("error: $.incidents[3].id: is missing; the incident is left out")
        .has_line_starting("error: $.incidents[4].started_at: is not an RFC 3339 time")
        .has_line(
            "error: $.incidents[6].started_at: is missing, and there is no update to take the \
             start from; the incident is left out",
        )
        .has_line("error: $.incidents[8]: is null, expected an object; the incident is left out")
        .has_line_starting("error: $.maintenance[1].scheduled_for: is not an RFC 3339 time")
        // The schema's own, beside the reader's.
        .has_line_starting("error: $.page.url: is not an http: or https: URL")
        .has_line("error: $.incidents[7].updates[1].body: is missing");
    // One problem per path: the reader's skip, not also the schema's
    // "is missing" for the same title.
    let titles = r.stdout.lines().filter(|l| l.starts_with("error: $.incidents[1].title:"));
    assert_eq!(titles.count(), 1, "{}", r.stdout);
    assert!(r.last_line().starts_with("summary: "), "{}", r.stdout);
    assert!(r.last_line().contains(" errors, 0 warnings; read 2 incidents"), "{}", r.stdout);
}

#[test]
fn the_schema_catches_what_the_reader_forgives() {
    let r = run(&["validate", &fixture("tolerant/unknown-values.json")]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    r.has_line(
        "error: $.incidents[0].impact: is \"catastrophic\", not one of \"none\", \"minor\", \
         \"major\", \"critical\"",
    )
    .has_line("error: $.x-generator: is not a field of status-feed v1 (a typo?)")
    .has_line("error: $.incidents[0].id: is a number, expected text");
}

#[test]
fn every_malformed_entry_of_other_formats_is_reported() {
    let r = run(&["validate", &fixture("tolerant/cachet-malformed.json")]);
    assert_eq!((r.code, r.first_line()), (1, "format: cachet"), "{}", r.stdout);
    r.has_line("error: $.data[1].id: is missing; the entry is left out")
        .has_line("error: $.data[3].name: is null; the entry is left out")
        .has_line(
            "error: $.data[6].updates[1].created_at: is not a time such as 2026-11-21 09:42:17 \
             (\"yesterday\"); the update is left out",
        )
        .has_line(
            "error: $.data[6].updates[3]: is text, expected an object; the update is left out",
        )
        .has_line_starting("warning: $.data[5].status: is 9, a status the widget does not know");

    // A member of a Cachet component group is reported at its own place.
    let groups = r#"{ "data": [ { "id": 1, "name": "EU", "collapsed": 0, "enabled_components": [
        { "id": 1, "name": "API", "status": 1 }, { "id": 2, "status": 1 } ] } ] }"#;
    let r = run_with(&["validate", "-"], groups.as_bytes());
    assert_eq!((r.code, r.first_line()), (1, "format: cachet"), "{}", r.stdout);
    r.has_line(
        "error: $.data[0].enabled_components[1].name: is missing; the component is left out",
    );

    let r = run(&["validate", &fixture("tolerant/incidentio-malformed.json")]);
    assert_eq!((r.code, r.first_line()), (1, "format: incident.io"), "{}", r.stdout);
    r.has_line("error: $.ongoing_incidents[1].id: is missing; the incident is left out")
        .has_line("error: $.ongoing_incidents[2].id: is null; the incident is left out")
        .has_line(
            "error: $.ongoing_incidents[3].name: is a list, expected text; the incident is left out",
        )
        .has_line_starting("error: $.ongoing_incidents[4].last_update_at: is not an RFC 3339 time")
        .has_line_starting(
            "warning: $.ongoing_incidents[5].current_worst_impact: is \"catastrophic\", which the \
             widget does not know",
        );

    let r = run(&["validate", &fixture("tolerant/instatus-malformed.json")]);
    assert_eq!((r.code, r.first_line()), (1, "format: instatus"), "{}", r.stdout);
    r.has_line("error: $.activeIncidents[1].id: is missing; the incident is left out")
        .has_line(
            "error: $.activeIncidents[2].name: is an object, expected text; the incident is left out",
        )
        .has_line(
            "error: $.activeIncidents[4].started: is missing, and so is `updatedAt`; the incident \
             is left out",
        )
        .has_line_starting("error: $.activeMaintenances[2].start: is not a time such as")
        .has_line(
            "error: $.activeMaintenances[4]: is a number, expected an object; the maintenance is \
             left out",
        )
        .has_line_starting("warning: $.activeIncidents[5].status: is \"ESCALATED\"");
}

#[test]
fn warnings_alone_pass() {
    let doc = r#"{
        "page": { "id": "p", "name": "Example" },
        "status": { "indicator": "apocalyptic", "description": "Something new" },
        "components": [{ "id": "a", "name": "API", "status": "flaky" }],
        "incidents": [{ "id": "i", "name": "Slow", "impact": "catastrophic", "status": "escalated",
                        "created_at": "2026-11-21T10:00:00Z", "incident_updates": [] }]
    }"#;
    let r = run_with(&["validate", "-"], doc.as_bytes());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.first_line(), "format: statuspage");
    r.has_line_starting(
        "warning: $.status.indicator: is \"apocalyptic\", which the widget does not know",
    )
    .has_line_starting("warning: $.components[0].status: is \"flaky\"")
    .has_line_starting("warning: $.incidents[0].impact: is \"catastrophic\"")
    .has_line_starting("warning: $.incidents[0].status: is \"escalated\"");
    assert!(r.last_line().starts_with("summary: 0 errors, 4 warnings; read 1 incident"));
    let long = format!(
        r#"{{"version":1,"page":{{"name":"{}"}}}}"#,
        "x".repeat(status_widget::feed::MAX_LINE_CHARS + 1)
    );
    let r = run_with(&["validate", "-"], long.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stdout);
    r.has_line_starting("warning: $.page.name: is 501 characters long: the widget cuts it to 500");
}

#[test]
fn text_that_is_not_json_is_an_error_with_its_place() {
    for path in ["errors/truncated.txt", "errors/instatus-truncated.txt"] {
        let r = run(&["validate", &fixture(path)]);
        assert_eq!(r.code, 1, "{path}: {}", r.stdout);
        let line = r.stdout.lines().find(|l| l.starts_with("error: $: not JSON: ")).unwrap();
        let (_, at) = line.rsplit_once(" at line ").unwrap();
        let (line_number, column) = at.split_once(" column ").unwrap();
        assert!(line_number.parse::<u32>().unwrap() > 1, "{line}");
        column.parse::<u32>().unwrap();
    }
    let r = run(&["validate", &fixture("errors/html.txt")]);
    assert_eq!(r.code, 1);
    r.has_line("error: $: not JSON: the document looks like an HTML page");
    let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
    let r = run_with(&["validate", "-"], deep.as_bytes());
    assert_eq!(r.code, 1);
    r.has_line_starting("error: $: arrays and objects are nested more than 64 deep");
}

#[test]
fn documents_that_are_no_feed_are_errors() {
    for path in ["errors/not-a-feed.json", "errors/array.json", "errors/null.json"] {
        let r = run(&["validate", &fixture(path)]);
        assert_eq!(r.code, 1, "{path}");
        r.has_line_starting("error: $: not a feed: ");
    }
    let r = run(&["validate", &fixture("errors/version-2.json")]);
    assert_eq!((r.code, r.first_line()), (1, "format: status-feed"));
    r.has_line("error: $: not a feed: version 2 is not supported (this widget reads version 1)")
        .has_line("error: $.version: is 2, expected 1");
}

#[test]
fn a_format_given_is_the_format_read() {
    let r = run(&["validate", "--format", "cachet", &fixture("statuspage/summary.json")]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.first_line(), "format: cachet (as given)");
    r.has_line_starting("error: $: not a feed: ")
        .has_line("warning: $: the document looks like the statuspage format, not cachet");
    let r = run(&["validate", "--format=Statuspage", &fixture("statuspage/summary.json")]);
    assert_eq!((r.code, r.first_line()), (0, "format: statuspage (as given)"));
}

#[test]
fn documents_that_cannot_be_read_exit_2() {
    let r = run(&["validate", &fixture("no/such/file.json")]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.starts_with("error: cannot read "), "{}", r.stderr);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    let r = run(&["convert", &fixture("no/such/file.json")]);
    assert_eq!(r.code, 2);
    let r = run(&["validate", &fixture("v1")]);
    assert_eq!(r.code, 2, "a directory");
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage:"), "{}", r.stderr);
    for args in [
        &["frobnicate"][..],
        &["validate"],
        &["validate", "--format", "yaml", "x.json"],
        &["validate", "a.json", "b.json"],
        &["convert", "--bogus", "a.json"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
    }
    let r = run(&["validate", "--format", "yaml", "x.json"]);
    assert!(r.stderr.contains("status-feed, statuspage, incident.io, instatus, cachet"));
    for flag in ["--help", "-h"] {
        let r = run(&[flag]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Usage:") && r.stdout.contains("Exit codes:"));
    }
    let r = run(&["--version"]);
    assert_eq!((r.code, r.stdout.trim()), (0, concat!("status-feed ", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn converted_feeds_validate() {
    let out = temp("widget.v1.json");
    let r = run(&["convert", &fixture("incidentio/widget.json"), "-o", &out.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run(&["validate", &out.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.first_line(), "format: status-feed");
    assert!(r.last_line().starts_with("summary: no problems; read 3 incidents"), "{}", r.stdout);
    // Through a pipe, as JSON on stdout.
    let converted = run(&["convert", &fixture("statuspage/summary.json")]);
    assert_eq!(converted.code, 0, "{}", converted.stderr);
    let value: serde_json::Value = serde_json::from_str(&converted.stdout).unwrap();
    assert_eq!(value["version"], 1);
    let r = run_with(&["validate", "-"], converted.stdout.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stdout);
    let _ = std::fs::remove_file(out);
}

/// Every fixture in every format converts to a document that our schema
/// accepts (a value the source does not state, such as a Cachet incident's
/// impact or a page's name, is left out rather than written as "unknown"),
/// that `validate` passes, and that reads back as the feed converted.
#[test]
fn every_fixture_converts_to_a_valid_feed_that_reads_the_same() {
    let dirs = ["v1", "statuspage", "incidentio", "instatus", "cachet", "tolerant", "hostile"];
    let mut converted = 0;
    for dir in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            let r = run(&["convert", &name]);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
            assert!(!r.stderr.contains("warning: output"), "{name}: {}", r.stderr);
            let v = run_with(&["validate", "-"], r.stdout.as_bytes());
            assert_eq!(v.code, 0, "{name}:\n{}\n{}", v.stdout, r.stdout);
            assert!(!v.stdout.contains("error:"), "{name}:\n{}", v.stdout);
            let source = std::fs::read_to_string(&path).unwrap();
            let mut before = feed::from_json_str(&source).unwrap();
            let mut after = feed::from_json_str(&r.stdout).unwrap();
            before.format = Format::V1;
            before.skipped = Skipped::default();
            // An unknown overall status is left for the reader to derive.
            before.status = before.status.filter(|s| s.indicator != Impact::Unknown);
            // Past maintenance in Statuspage's history is ours as maintenance.
            let (maintenance, incidents) =
                before.incidents.into_iter().partition(|i| i.impact == Impact::Maintenance);
            before.incidents = incidents;
            before.maintenance.extend::<Vec<_>>(maintenance);
            // An incident's own status, unknown, is left out for the reader
            // to derive from its updates (see `feed::to_v1`).
            let pairs = before
                .incidents
                .iter()
                .chain(&before.maintenance)
                .zip(after.incidents.iter_mut().chain(&mut after.maintenance));
            for (b, a) in pairs {
                if b.status == Phase::Unknown {
                    a.status = Phase::Unknown;
                }
            }
            assert_eq!(before, after, "{name}");
            converted += 1;
        }
    }
    assert!(converted >= 20, "{converted} fixtures converted");
}

#[test]
fn convert_reports_what_it_leaves_out() {
    let r = run(&["convert", &fixture("tolerant/malformed-entries.json")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stderr
        .lines()
        .any(|l| l == "warning: $.incidents[1].title: is missing; the incident is left out"));
    assert!(r.stderr.lines().all(|l| l.starts_with("warning: ")), "{}", r.stderr);
    let value: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(value["incidents"].as_array().map(Vec::len), Some(2));
    let r = run(&["convert", &fixture("errors/truncated.txt")]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.starts_with("error: $: not JSON: "), "{}", r.stderr);
    let r = run(&["convert", &fixture("errors/not-a-feed.json")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: $: not a feed: "), "{}", r.stderr);
}

#[test]
fn schema_prints_the_published_schema() {
    let r = run(&["schema"]);
    assert_eq!(r.code, 0);
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/status-feed.v1.schema.json");
    let file = std::fs::read_to_string(path).unwrap();
    assert_eq!(r.stdout, file);
    let printed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(printed, serde_json::from_str::<serde_json::Value>(&file).unwrap());
}

#[test]
fn feeds_are_fetched_by_url() {
    let body = std::fs::read(fixture("statuspage/summary.json")).unwrap();
    let port = serve(body, 2);
    let r = run(&["validate", &format!("http://127.0.0.1:{port}/x.json")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.first_line(), "format: statuspage");
    let url = format!("http://127.0.0.1:{port}/missing.json");
    let r = run(&["validate", &url]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!("error: cannot read {url}: the server answered HTTP 404 Not Found")
    );
}

#[test]
fn a_server_that_is_not_there_is_a_read_error() {
    // A port that was free a moment ago: nothing answers there.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let r = run(&["validate", &format!("http://127.0.0.1:{port}/x.json")]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.starts_with("error: cannot read http://127.0.0.1:"), "{}", r.stderr);
}
