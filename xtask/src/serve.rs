//! The local server of the demo and of the end-to-end tests (axum, on
//! 127.0.0.1 only).
//!
//! | path | what |
//! |---|---|
//! | `/` | the demo pages, `www/` |
//! | `/dist/` | the built embed |
//! | `/feeds/{name}` | the sample feeds of `sample`, times relative to now |
//! | `/fixtures/` | the test fixtures, `tests/fixtures/` |
//! | `/fault/{kind}` | broken answers: `500`, `404`, `html`, `truncated`, `empty`, `array`, `not-a-feed`, `wrong-types`, `deep`, `slow?ms=N` |
//!
//! Every answer may be read from any origin (CORS) and is never cached, so
//! tests can embed across origins (`127.0.0.1` vs `localhost`).

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
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
    let app = app(now());
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
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

fn app(started: i64) -> Router {
    let root = root();
    Router::new()
        .route("/feeds/{name}", get(feed))
        .route("/fault/{kind}", get(fault))
        .nest_service("/dist", ServeDir::new(root.join("dist")))
        .nest_service("/fixtures", ServeDir::new(root.join("tests/fixtures")))
        .fallback_service(ServeDir::new(root.join("www")))
        .with_state(started)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}

fn json(value: &serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}

async fn feed(Path(name): Path<String>, State(started): State<i64>) -> Response {
    let now = now();
    let doc = match name.as_str() {
        "kestrel.json" => sample::kestrel(now),
        "operational.json" => sample::operational(now),
        "maintenance.json" => sample::maintenance(now),
        "live.json" => sample::live(now, started),
        "summary.json" => sample::statuspage_summary(now),
        "incidents.json" => sample::statuspage_incidents(now),
        _ => return (StatusCode::NOT_FOUND, "no such feed").into_response(),
    };
    json(&doc)
}

#[derive(Deserialize)]
struct FaultOptions {
    ms: Option<u64>,
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
