//! Fetching a feed and parsing it with the browser's own `JSON.parse`.
//!
//! The body never crosses into wasm memory as text: it is read as a JS
//! string, parsed by the browser, and the reader asks the resulting object
//! for the fields it knows, one `Reflect.get` at a time ([`JsDocument`]).

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit};

use crate::error::{Error, ErrorKind};
use crate::feed::Json;
use crate::strings::decimal;

/// How long a feed may take to answer, headers and body, before the
/// request is given up.
pub(crate) const TIMEOUT_MS: u32 = 15_000;

/// A node of the object `JSON.parse` made, read in place: only the fields
/// the reader asks for cross into wasm memory.
#[derive(Clone)]
pub(crate) struct JsDocument(JsValue);

impl Json for JsDocument {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_null() && !value.is_undefined()).then_some(JsDocument(value))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        let array = self.0.dyn_ref::<Array>()?;
        Some(array.iter().map(JsDocument).collect())
    }
    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }
}

/// An in-flight request; dropping it aborts the request.
#[must_use = "dropping an Abort aborts its request"]
pub(crate) struct Abort(AbortController);

impl Drop for Abort {
    fn drop(&mut self) {
        // Abort without a reason: the fetch then rejects with an
        // `AbortError` DOMException, which gloo-net expects (any other
        // rejection value would trip an `unreachable!` inside it).
        self.0.abort();
    }
}

/// Starts fetching `url`; the request is aborted when the returned
/// [`Abort`] is dropped, and given up after [`TIMEOUT_MS`].
pub(crate) fn start(
    url: &str,
) -> Result<(Abort, impl std::future::Future<Output = Result<JsDocument, Error>>), Error> {
    let controller =
        AbortController::new().map_err(|_| Error::new(ErrorKind::Browser, "no AbortController"))?;
    // Built from the browser's own Request rather than gloo-net's builder,
    // whose query handling brings `core::fmt` along (3 KB of wasm); gloo-net
    // sends it and wraps the response.
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    init.set_credentials(RequestCredentials::Omit);
    let request = web_sys::Request::new_with_str_and_init(url, &init)
        .map(Request::from)
        .map_err(|_| Error::new(ErrorKind::Network, "not a URL that can be fetched"))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let future = async move {
        let result = document(request).await;
        drop(timer);
        if timed_out.get() {
            return Err(Error::new(ErrorKind::Timeout, seconds(TIMEOUT_MS)));
        }
        result
    };
    Ok((Abort(controller), future))
}

async fn document(request: Request) -> Result<JsDocument, Error> {
    let response = request.send().await.map_err(|_| {
        Error::new(
            ErrorKind::Network,
            "the request failed (offline, the host is unreachable, or its server does not allow \
             this origin: CORS)",
        )
    })?;
    if !response.ok() {
        let mut detail = String::from("HTTP ");
        detail.push_str(&decimal(response.status().into()));
        let text = response.status_text();
        if !text.is_empty() {
            detail.push(' ');
            detail.push_str(&text);
        }
        return Err(Error::new(ErrorKind::Http, detail));
    }
    let raw: web_sys::Response = response.into();
    let read_failed =
        |_| Error::new(ErrorKind::Network, "the response ended before its body was read");
    let body = JsFuture::from(raw.text().map_err(read_failed)?).await.map_err(read_failed)?;
    JsDocument::parse(body.unchecked_ref())
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string, without copying it through wasm memory.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

impl JsDocument {
    /// Parses a body with the browser's `JSON.parse`, saying clearly why
    /// it is not JSON.
    pub(crate) fn parse(body: &JsString) -> Result<JsDocument, Error> {
        let start = body.trim_start();
        if start.length() == 0 {
            return Err(Error::new(ErrorKind::NotJson, "the response is empty"));
        }
        if start.starts_with("<", 0) {
            return Err(Error::new(ErrorKind::NotJson, "the response looks like an HTML page"));
        }
        json_parse(body).map(JsDocument).map_err(|e| {
            let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
            Error::new(ErrorKind::NotJson, message.unwrap_or_default())
        })
    }
}

fn seconds(ms: u32) -> String {
    let mut out = String::from("no answer within ");
    out.push_str(&decimal((ms / 1000).into()));
    out.push_str(" s");
    out
}
