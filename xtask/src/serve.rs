//! The local server of the demo and of the end-to-end tests (axum, on
//! 127.0.0.1 only).
//!
//! | path | what |
//! |---|---|
//! | `/` | the demo pages, `www/` |
//! | `/dist/` | the built embed |
//! | `/feeds/{name}` | the sample feeds of `sample`, times relative to now |
//! | `/fixtures/` | the test fixtures, `tests/fixtures/` |
//! | `/bench/` | the benchmark's pages and its plain-JS reference renderer, `bench/` |
//! | `/fault/{kind}` | broken answers: `500`, `404`, `html`, `truncated`, `empty`, `array`, `not-a-feed`, `wrong-types`, `deep`, `slow?ms=N`, `huge?kb=N[&chunked=true][&gzip=true]` (a valid feed padded to N KiB, sent whole, in chunks, or gzipped) |
//! | `/fault/seq?id=ID&steps=S1,S2,…` | a script: request number k (from 0) for `ID` answers as step `S[min(k, last)]`, so the last step repeats forever |
//! | `/fault/log?id=ID` | the requests `/fault/seq` received for `ID`, in order (JSON; `[]` for an unknown id) |
//!
//! The steps of `/fault/seq`:
//!
//! | step | answer |
//! |---|---|
//! | `a`, `b`, `c` | 200, the "Seq Cloud" feed `a` (incident `seq-1` investigating), `b` (identified) or `c` (resolved); `ETag: "a"` (`"b"`, `"c"`), `Cache-Control: no-cache`; 304 when `If-None-Match` names that tag |
//! | `a@S` (`b@S`, `c@S`) | the same with `Cache-Control: max-age=S` |
//! | `500` | 500, a text body |
//! | `429:S`, `503:S` | that status with `Retry-After: S` (seconds), a text body |
//! | `slow:MS` | step `a` (304 included) after MS milliseconds (at most 20 000) |
//! | `hang` | step `a` after 30 seconds |
//! | `garbage` | 200 `application/json` whose body is not JSON (`\0\xFF{{not json…`) |
//! | `html` | 200, an HTML page |
//!
//! Each feed's body depends only on the server's start, so a step answers
//! the same bytes every time. A script with an unknown step answers 400
//! naming it, and is neither counted nor logged. Each request is logged when
//! it arrives, as `{"n": k, "t": ms since the epoch, "step": "…", "status":
//! the status it gets, "inm": If-None-Match or null}` (a `hang` is logged
//! before it answers). Memory is bounded: the first 10 000 ids and 10 000
//! requests per id are remembered; requests beyond still get an answer (a
//! forgotten id's requests are all its first). The pauses of `slow` and
//! `hang` end early when the server stops, so that stopping never waits.
//!
//! Every answer may be read from any origin (CORS, with `Retry-After` and
//! `ETag` exposed to scripts) and is never cached (`no-store`) unless it says
//! otherwise (the feeds of `/fault/seq`), so tests can embed across origins
//! (`127.0.0.1` vs `localhost`).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use status_widget::time::Timestamp;
use tokio::sync::watch;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{root, sample, Result};

/// A running server; it stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves until interrupted.
pub fn forever(port: u16) -> Result {
    let server = start(port)?;
    println!("Serving the demo on {}/ (Ctrl-C stops)", server.url);
    loop {
        std::thread::park();
    }
}

/// Starts serving on 127.0.0.1:`port` (0: any free port) in the background.
pub fn start(port: u16) -> Result<Server> {
    let listener =
        std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).map_err(|e| {
            format!("cannot listen on 127.0.0.1:{port}: {e} (choose another with --port)")
        })?;
    listener.set_nonblocking(true)?;
    let url = format!("http://{}", listener.local_addr()?);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (stopping, state) = AppState::new(now());
    let app = app(state);
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                    // Cuts the pauses of `slow` and `hang` short, so that
                    // stopping does not wait for them.
                    let _ = stopping.send(true);
                })
                .await;
        });
    });
    Ok(Server { url, stop: Some(stop), thread: Some(thread) })
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(0))
}

/// What the handlers share.
#[derive(Clone)]
struct AppState {
    /// When the server started, in milliseconds since the epoch.
    started: i64,
    /// The requests `/fault/seq` received, by id, oldest first.
    logs: Arc<Mutex<HashMap<String, Vec<Entry>>>>,
    /// Becomes `true` when the server stops.
    stopping: watch::Receiver<bool>,
}

impl AppState {
    /// The state of a server started at `started`, and the sender that
    /// tells it the server stops.
    fn new(started: i64) -> (watch::Sender<bool>, Self) {
        let (stopping, receiver) = watch::channel(false);
        let state = AppState { started, logs: Arc::default(), stopping: receiver };
        (stopping, state)
    }

    /// Waits `delay`, or until the server stops if that comes first.
    async fn pause(&self, delay: Duration) {
        let mut stopping = self.stopping.clone();
        let _ = tokio::time::timeout(delay, stopping.wait_for(|&stop| stop)).await;
    }
}

fn app(state: AppState) -> Router {
    let root = root();
    Router::new()
        .route("/feeds/{name}", get(feed))
        .route("/fault/seq", get(seq))
        .route("/fault/log", get(log))
        .route("/fault/{kind}", get(fault))
        .nest_service("/dist", ServeDir::new(root.join("dist")))
        .nest_service("/fixtures", ServeDir::new(root.join("tests/fixtures")))
        .nest_service("/bench", ServeDir::new(root.join("bench")))
        .fallback_service(ServeDir::new(root.join("www")))
        .with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After, ETag"),
        ))
}

fn json(value: &serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}

async fn feed(
    Path(name): Path<String>,
    State(AppState { started, .. }): State<AppState>,
) -> Response {
    let now = now();
    let doc = match name.as_str() {
        "kestrel.json" => sample::kestrel(now),
        "operational.json" => sample::operational(now),
        "maintenance.json" => sample::maintenance(now),
        "live.json" => sample::live(now, started),
        "summary.json" => sample::statuspage_summary(now),
        "incidents.json" => sample::statuspage_incidents(now),
        "incidents-1000.json" => sample::statuspage_many(now, 1000),
        _ => return (StatusCode::NOT_FOUND, "no such feed").into_response(),
    };
    json(&doc)
}

#[derive(Deserialize)]
struct FaultOptions {
    ms: Option<u64>,
    /// For `huge`: the size in KiB (5 MiB by default, at most 32 MiB).
    kb: Option<usize>,
    /// For `huge`: sent in chunks without a `Content-Length`.
    #[serde(default)]
    chunked: bool,
    /// For `huge`: gzipped (`Content-Encoding: gzip`), with the length of
    /// the compressed body: a small answer that grows as it is decoded.
    #[serde(default)]
    gzip: bool,
}

async fn fault(Path(kind): Path<String>, Query(options): Query<FaultOptions>) -> Response {
    const HTML: &str = "<!doctype html><html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>";
    let feed = sample::kestrel(now()).to_string();
    let typed = |content_type: &'static str, body: String| {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    match kind.as_str() {
        "500" => (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "text/html")], HTML)
            .into_response(),
        "404" => {
            (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html")], HTML).into_response()
        }
        "html" => typed("text/html", HTML.to_owned()),
        "truncated" => typed("application/json", feed.chars().take(feed.len() / 2).collect()),
        "empty" => typed("application/json", String::new()),
        "array" => typed("application/json", "[]".to_owned()),
        "not-a-feed" => typed("application/json", r#"{"hello":"world"}"#.to_owned()),
        "wrong-types" => typed(
            "application/json",
            r#"{"version":true,"page":7,"incidents":"none","components":{}}"#.to_owned(),
        ),
        "huge" => {
            // A valid feed, padded to the size asked for.
            let size = options.kb.unwrap_or(5 * 1024).min(32 * 1024) * 1024;
            let padding = "x".repeat(size.saturating_sub(feed.len() + 16));
            let body = format!(r#"{{"padding":"{padding}",{}"#, feed.trim_start_matches('{'));
            if options.gzip {
                use std::io::Write as _;
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                let zipped = encoder.write_all(body.as_bytes()).and_then(|()| encoder.finish());
                let Ok(zipped) = zipped else {
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                };
                let headers = [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CONTENT_ENCODING, "gzip"),
                ];
                return (headers, zipped).into_response();
            }
            if !options.chunked {
                return typed("application/json", body);
            }
            let chunks: Vec<std::result::Result<axum::body::Bytes, std::convert::Infallible>> =
                body.into_bytes().chunks(64 * 1024).map(|c| Ok(c.to_vec().into())).collect();
            let body = axum::body::Body::from_stream(futures_util::stream::iter(chunks));
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        "deep" => {
            let depth = 100_000;
            let body = format!(
                r#"{{"version":1,"page":{{"name":"Deep"}},"x":{}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            );
            typed("application/json", body)
        }
        "slow" => {
            tokio::time::sleep(Duration::from_millis(options.ms.unwrap_or(1000).min(10_000))).await;
            typed("application/json", feed)
        }
        _ => (StatusCode::NOT_FOUND, "no such fault").into_response(),
    }
}

/// The most ids `/fault/seq` remembers.
const MAX_IDS: usize = 10_000;
/// The most requests remembered per id, and the most steps in a script.
const MAX_ENTRIES: usize = 10_000;
/// The longest id, in bytes.
const MAX_ID_LEN: usize = 256;
/// The longest pause of `slow:MS`, in milliseconds.
const MAX_SLOW_MS: u64 = 20_000;
/// The pause of `hang`.
const HANG: Duration = Duration::from_secs(30);
/// The steps `/fault/seq` knows, for its error message.
const STEPS: &str = "a, b, c, a@S, b@S, c@S, 500, 429:S, 503:S, slow:MS, hang, garbage, html";

/// A request `/fault/seq` received, as `/fault/log` lists it.
#[derive(Clone, Debug, Serialize)]
struct Entry {
    /// Its number for its id, from 0.
    n: usize,
    /// When it arrived, in milliseconds since the epoch.
    t: i64,
    /// The step it took, as written in the script.
    step: String,
    /// The status it was (or is being) answered with.
    status: u16,
    /// Its `If-None-Match` header.
    inm: Option<String>,
    /// Whether it carried a cookie (the widget sends none).
    cookie: bool,
}

/// The feeds of `/fault/seq`: one incident, `seq-1`, as it goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SeqFeed {
    /// Investigating.
    A,
    /// Identified, with a second update.
    B,
    /// Resolved.
    C,
}

impl SeqFeed {
    fn named(name: &str) -> Option<Self> {
        match name {
            "a" => Some(SeqFeed::A),
            "b" => Some(SeqFeed::B),
            "c" => Some(SeqFeed::C),
            _ => None,
        }
    }

    /// Its entity tag, quotes included.
    fn etag(self) -> &'static str {
        match self {
            SeqFeed::A => "\"a\"",
            SeqFeed::B => "\"b\"",
            SeqFeed::C => "\"c\"",
        }
    }

    /// The feed, for a server started at `started`. Its times are fixed
    /// from `started`, so that its body is the same at every request.
    fn doc(self, started: i64) -> Value {
        let at = |minutes_before: i64| {
            Timestamp::from_millis(started - minutes_before * 60_000).to_rfc3339(0)
        };
        let mut updates = vec![json!({
            "status": "investigating",
            "at": at(10),
            "body": "Some API requests are failing with 500 errors. We are investigating.",
        })];
        if self != SeqFeed::A {
            updates.push(json!({
                "status": "identified",
                "at": at(6),
                "body": "A faulty deploy of the API was identified. It is being rolled back.",
            }));
        }
        if self == SeqFeed::C {
            updates.push(json!({
                "status": "resolved",
                "at": at(2),
                "body": "The rollback is complete and error rates are normal.",
            }));
        }
        let resolved = self == SeqFeed::C;
        let latest = updates.last().map_or(Value::Null, |u| u["status"].clone());
        updates.reverse();
        json!({
            "version": 1,
            "page": { "name": "Seq Cloud" },
            "status": if resolved {
                json!({ "indicator": "none", "description": "All Systems Operational" })
            } else {
                json!({ "indicator": "major", "description": "Partial system outage" })
            },
            "components": [{
                "id": "api",
                "name": "API",
                "status": if resolved { "operational" } else { "partial_outage" },
            }],
            "incidents": [{
                "id": "seq-1",
                "title": "Elevated API errors",
                "impact": "major",
                "status": latest,
                "started_at": at(10),
                "resolved_at": if resolved { Some(at(2)) } else { None },
                "components": ["api"],
                "updates": updates,
            }],
        })
    }
}

/// One step of a `/fault/seq` script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// `a`, `b`, `c`, or `a@S` for `Cache-Control: max-age=S`.
    Feed(SeqFeed, Option<u64>),
    /// `500`.
    Fail,
    /// `429:S`, `503:S`: that status with `Retry-After: S`.
    RetryAfter(StatusCode, u64),
    /// `slow:MS`: `a` after MS milliseconds (capped).
    Slow(u64),
    /// `hang`: `a` after [`HANG`].
    Hang,
    /// `garbage`: a body that is not JSON.
    Garbage,
    /// `html`: an HTML page.
    Html,
}

impl Step {
    fn parse(text: &str) -> Option<Self> {
        if let Some(feed) = SeqFeed::named(text) {
            return Some(Step::Feed(feed, None));
        }
        if let Some((name, seconds)) = text.split_once('@') {
            return Some(Step::Feed(SeqFeed::named(name)?, Some(seconds.parse().ok()?)));
        }
        if let Some((kind, n)) = text.split_once(':') {
            let n: u64 = n.parse().ok()?;
            return match kind {
                "429" => Some(Step::RetryAfter(StatusCode::TOO_MANY_REQUESTS, n)),
                "503" => Some(Step::RetryAfter(StatusCode::SERVICE_UNAVAILABLE, n)),
                "slow" => Some(Step::Slow(n.min(MAX_SLOW_MS))),
                _ => None,
            };
        }
        match text {
            "500" => Some(Step::Fail),
            "hang" => Some(Step::Hang),
            "garbage" => Some(Step::Garbage),
            "html" => Some(Step::Html),
            _ => None,
        }
    }

    /// The feed it answers with, and its `max-age` if it has one.
    fn feed(self) -> Option<(SeqFeed, Option<u64>)> {
        match self {
            Step::Feed(feed, max_age) => Some((feed, max_age)),
            Step::Slow(_) | Step::Hang => Some((SeqFeed::A, None)),
            _ => None,
        }
    }

    /// How long it waits before answering.
    fn delay(self) -> Duration {
        match self {
            Step::Slow(ms) => Duration::from_millis(ms),
            Step::Hang => HANG,
            _ => Duration::ZERO,
        }
    }

    /// The status it answers a request whose `If-None-Match` is `inm` with.
    fn status(self, inm: Option<&str>) -> StatusCode {
        match self {
            Step::Fail => StatusCode::INTERNAL_SERVER_ERROR,
            Step::RetryAfter(status, _) => status,
            _ => match self.feed() {
                Some((feed, _)) if names(inm, feed.etag()) => StatusCode::NOT_MODIFIED,
                _ => StatusCode::OK,
            },
        }
    }

    /// Its answer with `status` (from [`Step::status`]).
    fn answer(self, status: StatusCode, started: i64) -> Response {
        const HTML: &str = "<!doctype html><html><head><title>Seq</title></head><body><h1>Not a feed</h1></body></html>";
        let text = |body: String| (status, [(header::CONTENT_TYPE, "text/plain")], body);
        match self {
            Step::Fail => text("scripted failure (step 500)".to_owned()).into_response(),
            Step::RetryAfter(_, seconds) => {
                let body = format!("scripted {} (retry after {seconds} s)", status.as_u16());
                ([(header::RETRY_AFTER, seconds.to_string())], text(body)).into_response()
            }
            Step::Garbage => {
                ([(header::CONTENT_TYPE, "application/json")], &b"\x00\xff{{not json at all"[..])
                    .into_response()
            }
            Step::Html => ([(header::CONTENT_TYPE, "text/html")], HTML).into_response(),
            Step::Feed(..) | Step::Slow(_) | Step::Hang => {
                let (feed, max_age) = self.feed().unwrap_or((SeqFeed::A, None));
                let cache =
                    max_age.map_or_else(|| "no-cache".to_owned(), |s| format!("max-age={s}"));
                let headers =
                    [(header::ETAG, feed.etag().to_owned()), (header::CACHE_CONTROL, cache)];
                if status == StatusCode::NOT_MODIFIED {
                    (status, headers).into_response()
                } else {
                    (headers, json(&feed.doc(started))).into_response()
                }
            }
        }
    }
}

/// Whether the `If-None-Match` value `inm` names `etag`, comparing weakly
/// as RFC 9110 does for it (`W/"a"` names `"a"`), or is `*`.
fn names(inm: Option<&str>, etag: &str) -> bool {
    inm.is_some_and(|value| {
        value
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
    })
}

#[derive(Deserialize)]
struct SeqOptions {
    id: String,
    steps: String,
}

/// `/fault/seq`: the step of the script for this request, logged as it
/// arrives.
async fn seq(
    State(state): State<AppState>,
    Query(SeqOptions { id, steps }): Query<SeqOptions>,
    headers: HeaderMap,
) -> Response {
    let arrived = now();
    if id.len() > MAX_ID_LEN {
        return (StatusCode::BAD_REQUEST, format!("id: longer than {MAX_ID_LEN} bytes"))
            .into_response();
    }
    let mut script = Vec::new();
    for text in steps.split(',') {
        let Some(step) = Step::parse(text) else {
            let message = format!("unknown step `{text}` (steps: {STEPS})");
            return (StatusCode::BAD_REQUEST, message).into_response();
        };
        script.push((text, step));
    }
    if script.len() > MAX_ENTRIES {
        return (StatusCode::BAD_REQUEST, format!("steps: more than {MAX_ENTRIES}"))
            .into_response();
    }
    let inm = headers
        .get(header::IF_NONE_MATCH)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let (step, status) = {
        let mut logs = state.logs.lock().unwrap_or_else(PoisonError::into_inner);
        // An id beyond MAX_IDS is not remembered, so its every request is
        // its first. Past MAX_ENTRIES requests an id stays on its last step,
        // as a script has at most MAX_ENTRIES steps.
        let n = logs.get(&id).map_or(0, Vec::len);
        let Some(&(text, step)) = script.get(n).or_else(|| script.last()) else {
            return (StatusCode::BAD_REQUEST, "no steps").into_response();
        };
        let status = step.status(inm.as_deref());
        if logs.len() < MAX_IDS || logs.contains_key(&id) {
            let entries = logs.entry(id).or_default();
            if entries.len() < MAX_ENTRIES {
                let step = text.to_owned();
                let cookie = headers.contains_key(header::COOKIE);
                entries.push(Entry { n, t: arrived, step, status: status.as_u16(), inm, cookie });
            }
        }
        (step, status)
    };
    let delay = step.delay();
    if !delay.is_zero() {
        state.pause(delay).await;
    }
    step.answer(status, state.started)
}

#[derive(Deserialize)]
struct LogOptions {
    id: String,
}

/// `/fault/log`: what `/fault/seq` received for an id.
async fn log(
    State(state): State<AppState>,
    Query(LogOptions { id }): Query<LogOptions>,
) -> Response {
    let entries = {
        let logs = state.logs.lock().unwrap_or_else(PoisonError::into_inner);
        logs.get(&id).cloned().unwrap_or_default()
    };
    let body = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    ([(header::CACHE_CONTROL, "no-store"), (header::CONTENT_TYPE, "application/json")], body)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use status_widget::feed;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Instant;

    /// An answer, as read off the wire.
    struct Answer {
        /// The status line's code.
        status: u16,
        /// The headers, names in lowercase.
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Answer {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
        }

        fn json(&self) -> Value {
            serde_json::from_slice(&self.body).unwrap()
        }
    }

    /// `GET path` with `headers`, over HTTP/1.1 on its own connection.
    fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Answer {
        let address = server.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
        let head = String::from_utf8(raw[..end].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap();
        assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
        let status = status_line[9..12].parse().unwrap();
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        Answer { status, headers, body: raw[end + 4..].to_vec() }
    }

    /// A fresh id, so that the tests running at once never share one.
    fn id(name: &str) -> String {
        format!("{name}-{}-{}", std::process::id(), now())
    }

    #[test]
    fn steps_are_taken_in_order_and_the_last_repeats() {
        let server = start(0).unwrap();
        let id = id("order");
        let path = format!("/fault/seq?id={id}&steps=a,500,429:2,b");
        let answers: Vec<Answer> = (0..6).map(|_| get(&server, &path, &[])).collect();
        let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        assert_eq!(statuses, [200, 500, 429, 200, 200, 200]);

        let a = &answers[0];
        assert_eq!(a.header("etag"), Some("\"a\""));
        assert_eq!(a.header("cache-control"), Some("no-cache"));
        assert_eq!(a.header("content-type"), Some("application/json"));
        assert_eq!(a.header("access-control-allow-origin"), Some("*"));
        assert_eq!(a.header("access-control-expose-headers"), Some("Retry-After, ETag"));
        assert_eq!(a.json()["incidents"][0]["status"], "investigating");

        assert_eq!(answers[1].header("cache-control"), Some("no-store"));
        assert_eq!(answers[1].header("content-type"), Some("text/plain"));
        assert_eq!(answers[2].header("retry-after"), Some("2"));
        assert_eq!(answers[2].header("cache-control"), Some("no-store"));

        for b in &answers[3..] {
            assert_eq!(b.header("etag"), Some("\"b\""));
            assert_eq!(b.body, answers[3].body, "an unchanged step answers the same bytes");
        }
        assert_eq!(answers[3].json()["incidents"][0]["status"], "identified");
    }

    #[test]
    fn a_matching_if_none_match_gets_304() {
        let server = start(0).unwrap();
        let id = id("inm");
        let path = format!("/fault/seq?id={id}&steps=a,a,a,b");
        let first = get(&server, &path, &[]);
        assert_eq!(first.status, 200);
        let etag = first.header("etag").unwrap().to_owned();

        let same = get(&server, &path, &[("If-None-Match", &etag)]);
        assert_eq!(same.status, 304);
        assert_eq!(same.header("etag"), Some("\"a\""));
        assert_eq!(same.header("cache-control"), Some("no-cache"));
        assert!(same.body.is_empty());

        let weak = get(&server, &path, &[("If-None-Match", "\"x\", W/\"a\"")]);
        assert_eq!(weak.status, 304);

        let changed = get(&server, &path, &[("If-None-Match", &etag)]);
        assert_eq!(changed.status, 200);
        assert_eq!(changed.header("etag"), Some("\"b\""));
        assert!(!changed.body.is_empty());
    }

    #[test]
    fn retry_after_and_max_age() {
        let server = start(0).unwrap();
        let id = id("retry");
        let path = format!("/fault/seq?id={id}&steps=503:7,a@3");
        let busy = get(&server, &path, &[]);
        assert_eq!(busy.status, 503);
        assert_eq!(busy.header("retry-after"), Some("7"));
        assert!(!busy.body.is_empty());

        let fresh = get(&server, &path, &[]);
        assert_eq!(fresh.status, 200);
        assert_eq!(fresh.header("cache-control"), Some("max-age=3"));
        assert_eq!(fresh.header("etag"), Some("\"a\""));
        let revalidated = get(&server, &path, &[("If-None-Match", "\"a\"")]);
        assert_eq!(revalidated.status, 304);
        assert_eq!(revalidated.header("cache-control"), Some("max-age=3"));
    }

    #[test]
    fn the_log_lists_every_request_as_it_arrived() {
        let server = start(0).unwrap();
        let id = id("log");
        let path = format!("/fault/seq?id={id}&steps=a,a,429:1,slow:50");
        let before = now();
        get(&server, &path, &[]);
        get(&server, &path, &[("If-None-Match", "\"a\"")]);
        get(&server, &path, &[]);
        get(&server, &path, &[]);
        get(&server, &path, &[("If-None-Match", "\"zz\"")]);
        let after = now();

        let log = get(&server, &format!("/fault/log?id={id}"), &[]);
        assert_eq!(log.status, 200);
        assert_eq!(log.header("cache-control"), Some("no-store"));
        assert_eq!(log.header("content-type"), Some("application/json"));
        let entries = log.json();
        let entries = entries.as_array().unwrap();
        let seen: Vec<(u64, &str, u64, Value)> = entries
            .iter()
            .map(|e| {
                let t = e["t"].as_i64().unwrap();
                assert!(before <= t && t <= after, "{e}");
                (
                    e["n"].as_u64().unwrap(),
                    e["step"].as_str().unwrap(),
                    e["status"].as_u64().unwrap(),
                    e["inm"].clone(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (0, "a", 200, Value::Null),
                (1, "a", 304, json!("\"a\"")),
                (2, "429:1", 429, Value::Null),
                (3, "slow:50", 200, Value::Null),
                (4, "slow:50", 200, json!("\"zz\"")),
            ]
        );
        let times: Vec<i64> = entries.iter().map(|e| e["t"].as_i64().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");

        let unknown = get(&server, "/fault/log?id=nobody-at-all", &[]);
        assert_eq!(unknown.json(), json!([]));
    }

    #[test]
    fn an_unknown_step_is_a_400_naming_it() {
        let server = start(0).unwrap();
        let id = id("unknown");
        let answer = get(&server, &format!("/fault/seq?id={id}&steps=a,bogus"), &[]);
        assert_eq!(answer.status, 400);
        assert!(String::from_utf8_lossy(&answer.body).contains("`bogus`"));
        let log = get(&server, &format!("/fault/log?id={id}"), &[]);
        assert_eq!(log.json(), json!([]));
    }

    #[test]
    fn garbage_html_and_slow() {
        let server = start(0).unwrap();
        let id = id("bodies");
        let path = format!("/fault/seq?id={id}&steps=garbage,html,slow:200");
        let garbage = get(&server, &path, &[]);
        assert_eq!(garbage.status, 200);
        assert_eq!(garbage.header("content-type"), Some("application/json"));
        assert!(serde_json::from_slice::<Value>(&garbage.body).is_err());
        assert_ne!(garbage.body.first(), Some(&b'<'));

        let html = get(&server, &path, &[]);
        assert_eq!(html.header("content-type"), Some("text/html"));
        assert!(html.body.starts_with(b"<!doctype html>"));

        let start = Instant::now();
        let slow = get(&server, &path, &[]);
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert_eq!(slow.header("etag"), Some("\"a\""));
        assert_eq!(slow.json()["incidents"][0]["id"], "seq-1");
    }

    /// A long pause is logged when its request arrives, and stopping the
    /// server cuts it short.
    #[test]
    fn stopping_cuts_a_pause_short() {
        let server = start(0).unwrap();
        let id = id("stop");
        let address = server.url.trim_start_matches("http://").to_owned();
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(25))).unwrap();
        let request = format!(
            "GET /fault/seq?id={id}&steps=slow:20000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let started = Instant::now();
        loop {
            let log = get(&server, &format!("/fault/log?id={id}"), &[]);
            if log.json().as_array().is_some_and(|a| a.len() == 1) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(5), "the request was never logged");
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(server);
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        assert!(raw.starts_with(b"HTTP/1.1 200"));
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }

    #[test]
    fn other_answers_stay_no_store() {
        let server = start(0).unwrap();
        for path in ["/feeds/kestrel.json", "/fault/500", "/feeds/nothing.json", "/fault/seq?id=x"]
        {
            let answer = get(&server, path, &[]);
            assert_eq!(answer.header("cache-control"), Some("no-store"), "{path}");
            assert_eq!(answer.header("access-control-allow-origin"), Some("*"), "{path}");
        }
    }

    #[test]
    fn steps_parse() {
        assert_eq!(Step::parse("b"), Some(Step::Feed(SeqFeed::B, None)));
        assert_eq!(Step::parse("a@3"), Some(Step::Feed(SeqFeed::A, Some(3))));
        assert_eq!(Step::parse("429:2"), Some(Step::RetryAfter(StatusCode::TOO_MANY_REQUESTS, 2)));
        assert_eq!(Step::parse("slow:99999"), Some(Step::Slow(MAX_SLOW_MS)));
        assert_eq!(Step::parse("hang").map(Step::delay), Some(HANG));
        for bad in ["", "d", "a@", "a@x", "404:1", "429", "slow", "slow:-1", "A", "a "] {
            assert_eq!(Step::parse(bad), None, "{bad:?}");
        }
    }

    /// The feeds are valid status-feed v1, read as intended: `a` and `b`
    /// have `seq-1` active, `c` has nothing active.
    #[test]
    fn the_seq_feeds_validate_and_read() {
        let path = crate::root().join("schema/status-feed.v1.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        compiler.add_resource("https://status-widget.example/schema.json", schema).unwrap();
        let mut schemas = boon::Schemas::new();
        let index =
            compiler.compile("https://status-widget.example/schema.json", &mut schemas).unwrap();
        let started = 1_795_000_000_000;
        for (seq, active, updates) in
            [(SeqFeed::A, true, 1), (SeqFeed::B, true, 2), (SeqFeed::C, false, 3)]
        {
            let doc = seq.doc(started);
            if let Err(e) = schemas.validate(&doc, index) {
                panic!("{e:#}\n{doc:#}");
            }
            assert_eq!(doc, seq.doc(started));
            let feed = feed::read(&doc).unwrap();
            assert!(!feed.skipped.any(), "{:?}", feed.skipped);
            assert_eq!(feed.page.name, "Seq Cloud");
            let incident = &feed.incidents[0];
            assert_eq!(
                (incident.id.as_str(), incident.title.as_str()),
                ("seq-1", "Elevated API errors")
            );
            assert_eq!(incident.updates.len(), updates);
            assert_eq!(feed.active_incidents().count(), usize::from(active), "{seq:?}");
        }
    }
}
