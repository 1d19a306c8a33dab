//! Fetching a feed and parsing it with the browser's own `JSON.parse`.
//!
//! Requests revalidate through the browser's HTTP cache (`cache:
//! "no-cache"`: the browser sends `If-None-Match` / `If-Modified-Since` and
//! turns a `304` into the cached answer), carry no credentials (no cookie
//! and no HTTP authentication, even to the page's own origin), and are
//! aborted after a time limit. The body is counted as it arrives and given
//! up past `max-size` (a `Content-Length` over it is refused before any of
//! it is read). It never crosses into wasm memory as text: it is read as a
//! JS string, checked for nesting, parsed by the browser, and the reader
//! asks the resulting object for the fields it knows, one call at a time
//! ([`JsDocument`]).
//!
//! The classic script starts the first request of the feeds it knows of
//! before the module and the `.wasm` have loaded; [`start`] takes such a
//! request over instead of asking again (`send`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::Response;
use gloo_timers::callback::Timeout;
use js_sys::{Array, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::error::{Error, ErrorKind};
use crate::feed::{Feed, Format, Json, Reading};
use crate::number::decimal;
use crate::poll;

/// A feed's answer, not yet parsed.
pub(crate) struct Fetched {
    /// The body, as the browser decoded it.
    pub(crate) body: JsString,
    /// How long the server says the answer stays fresh (`max-age`), in ms.
    pub(crate) max_age: Option<u32>,
}

/// A request that failed, and how long the server asked us to wait.
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// `Retry-After`, in ms.
    pub(crate) retry_after: Option<u32>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, retry_after: None }
    }
}

/// A node of the object `JSON.parse` made, read in place: only the fields
/// the reader asks for cross into wasm memory.
#[derive(Clone)]
pub(crate) struct JsDocument(JsValue);

#[wasm_bindgen(inline_js = "export function field(value, key) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field = value[key];
  return field === null ? undefined : field;
}")]
extern "C" {
    /// `value[key]` of an object that is no array; `undefined` for `null`
    /// and for anything else: one call per field.
    fn field(value: &JsValue, key: &JsString) -> JsValue;
}

thread_local! {
    /// The reader's field names as JS strings, made once: a name crosses
    /// into JS as text only the first time it is asked for.
    static KEYS: RefCell<Vec<(usize, JsString)>> = const { RefCell::new(Vec::new()) };
}

/// `key` as a JS string, from [`KEYS`] (the reader's names are static, so
/// their address tells them apart).
fn key(key: &str) -> JsString {
    KEYS.with_borrow_mut(|keys| {
        let address = key.as_ptr() as usize;
        if let Some((_, known)) = keys.iter().find(|(at, _)| *at == address) {
            return known.clone();
        }
        let made = JsString::from(key);
        keys.push((address, made.clone()));
        made
    })
}

impl Json for JsDocument {
    fn get(&self, name: &'static str) -> Option<Self> {
        let value = field(&self.0, &key(name));
        (!value.is_undefined()).then_some(JsDocument(value))
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
        // The fetch, or the reading of its body, then rejects.
        self.0.abort();
    }
}

#[wasm_bindgen(inline_js = "
const EARLY = Symbol.for('status-widget.early');
export function send(url, first, custom) {
  const early = globalThis[EARLY];
  const request = first && early instanceof Map ? early.get(url) : undefined;
  if (request && !request.taken) {
    request.taken = true;
    return { controller: request.controller, answer: request.answer, age: performance.now() - request.at };
  }
  const controller = new AbortController();
  const options = { credentials: 'omit', cache: 'no-cache', signal: controller.signal };
  let made;
  try {
    made = new Request(url, options);
  } catch {
    return undefined;
  }
  if (custom) {
    // The page's own fetch: given the URL and our options, to add its
    // headers or credentials or to go through its proxy; it must resolve
    // to a Response.
    const answer = Promise.resolve()
      .then(() => custom(made.url, options))
      .then((response) => response instanceof Response ? response : Promise.reject(new TypeError('the fetch function did not resolve to a Response')));
    return { controller, answer, age: 0 };
  }
  return { controller, answer: fetch(made), age: 0 };
}
function nesting(max) {
  let depth = 0, string = false, escaped = false;
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (string) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) string = false;
      } else if (c === 34) string = true;
      else if (c === 91 || c === 123) {
        if (++depth > max) return false;
      } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
    }
    return true;
  };
}
export async function body(response, max, depth) {
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) {
    response.body?.cancel().catch(() => {});
    return -declared;
  }
  const within = nesting(depth);
  if (!response.body) {
    const text = await response.text();
    return within(text) ? text : null;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      return size;
    }
    const text = decoder.decode(value, { stream: true });
    if (!within(text)) {
      reader.cancel().catch(() => {});
      return null;
    }
    parts.push(text);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
export function nestedWithin(text, max) {
  return nesting(max)(text);
}")]
extern "C" {
    /// A request under way: `fetch`'s promise and its abort controller.
    type Sent;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Sent) -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn answer(this: &Sent) -> Promise;
    /// How long ago it was sent, in ms.
    #[wasm_bindgen(method, getter)]
    fn age(this: &Sent) -> f64;
    /// Sends the request for `url` (without credentials, revalidated
    /// through the HTTP cache), or, for a source's `first` load, takes over
    /// the same request the classic script started early for it
    /// (`src/js/classic.js`), or through `custom`, the page's own fetch
    /// function; `None` when `url` cannot be fetched.
    fn send(url: &str, first: bool, custom: Option<&js_sys::Function>) -> Option<Sent>;
    /// The body of `response` as text, its nesting counted as it arrives;
    /// past `max`, its `Content-Length` negated, or the number of bytes it
    /// had reached as it was read; nested past `depth`, `null`.
    fn body(response: &web_sys::Response, max: u32, depth: usize) -> Promise;
    /// Whether JSON `text` nests at most `max` deep (the browser side of
    /// `feed::nested_within`).
    #[wasm_bindgen(js_name = nestedWithin)]
    fn nested_within(text: &JsString, max: usize) -> bool;
}

/// Starts fetching `url` now (the request leaves before this returns, so
/// the network works while the caller goes on), or takes over the one the
/// classic script started; the request is aborted when the returned
/// [`Abort`] is dropped, given up after `timeout_ms`, and its body past
/// `max_size` bytes. With `custom`, the page's own fetch function makes the
/// request.
pub(crate) fn start(
    url: &str,
    first: bool,
    custom: Option<&js_sys::Function>,
    timeout_ms: u32,
    max_size: u32,
) -> Result<(Abort, impl std::future::Future<Output = Result<Fetched, Failure>>), Error> {
    let custom_used = custom.is_some();
    let sent = send(url, first, custom)
        .ok_or_else(|| Error::new(ErrorKind::Network, "not a URL that can be fetched"))?;
    let (controller, answer) = (sent.controller(), JsFuture::from(sent.answer()));
    // The time limit counts from when the request left.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped")]
    let left = f64::from(timeout_ms) - sent.age().clamp(0.0, f64::from(timeout_ms));
    let left = left as u32;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(left, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let future = async move {
        let result = fetched(answer, max_size, custom_used).await;
        drop(timer);
        if timed_out.get() {
            return Err(Error::new(ErrorKind::Timeout, seconds(timeout_ms)).into());
        }
        result
    };
    Ok((Abort(controller), future))
}

async fn fetched(answer: JsFuture, max_size: u32, custom: bool) -> Result<Fetched, Failure> {
    let failed = |error: JsValue| match custom {
        // The page's own function: what it said.
        true => {
            let message = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
            let message = message.or_else(|| error.as_string()).unwrap_or_default();
            Error::new(ErrorKind::Network, ["the request failed: ", &message].concat())
        }
        false => Error::new(
            ErrorKind::Network,
            "the request failed (offline, the host is unreachable, or its server does not allow \
             this origin: CORS)",
        ),
    };
    // `fetch` resolves to a `Response`, or rejects.
    let response =
        Response::from(answer.await.map_err(failed)?.unchecked_into::<web_sys::Response>());
    let header = |name: &str| response.headers().get(name);
    if !response.ok() {
        let mut detail = String::from("HTTP ");
        detail.push_str(&decimal(response.status().into()));
        let text = response.status_text();
        if !text.is_empty() {
            detail.push(' ');
            detail.push_str(&text);
        }
        let retry_after = header("retry-after").as_deref().and_then(retry_after);
        return Err(Failure { error: Error::new(ErrorKind::Http, detail), retry_after });
    }
    let max_age = header("cache-control").as_deref().and_then(poll::max_age);
    let raw: web_sys::Response = response.into();
    let read_failed =
        |_| Error::new(ErrorKind::Network, "the response ended before its body was read");
    let body =
        JsFuture::from(body(&raw, max_size, crate::feed::MAX_DEPTH)).await.map_err(read_failed)?;
    if body.is_null() {
        return Err(crate::feed::too_deep().into());
    }
    if let Some(size) = body.as_f64() {
        return Err(too_large(max_size, size < 0.0).into());
    }
    Ok(Fetched { body: body.unchecked_into(), max_age })
}

/// A `Retry-After` in ms: seconds, or an HTTP date from now.
fn retry_after(value: &str) -> Option<u32> {
    poll::retry_after(value).or_else(|| {
        let wait = js_sys::Date::parse(value) - js_sys::Date::now();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to the range of a u32"
        )]
        (wait.is_finite()).then(|| wait.clamp(0.0, f64::from(u32::MAX)) as u32)
    })
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string, without copying it through wasm memory.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

impl JsDocument {
    /// Parses a body with the browser's `JSON.parse`, saying clearly why
    /// it is not JSON, or is past a limit.
    pub(crate) fn parse(body: &JsString) -> Result<JsDocument, Error> {
        JsDocument::check(body, true)?;
        JsDocument::parse_checked(body)
    }

    /// What can be told of a body before it is parsed: empty, an HTML page,
    /// nested too deep (unless `nesting` was counted already).
    fn check(body: &JsString, nesting: bool) -> Result<(), Error> {
        let start = body.trim_start();
        if start.length() == 0 {
            return Err(Error::new(ErrorKind::NotJson, "the response is empty"));
        }
        if start.starts_with("<", 0) {
            return Err(Error::new(ErrorKind::NotJson, "the response looks like an HTML page"));
        }
        if nesting && !nested_within(body, crate::feed::MAX_DEPTH) {
            return Err(crate::feed::too_deep());
        }
        Ok(())
    }

    /// [`parse`](JsDocument::parse) of a body already checked.
    fn parse_checked(body: &JsString) -> Result<JsDocument, Error> {
        json_parse(body).map(JsDocument).map_err(|e| {
            let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
            Error::new(ErrorKind::NotJson, message.unwrap_or_default())
        })
    }
}

/// A body at least this long (UTF-16 units) is read in slices.
const LONG: u32 = 64 * 1024;

/// How long reading may hold the main thread before it yields, in ms.
const SLICE_MS: f64 = 8.0;

/// Incidents read between two looks at the clock.
const SLICE: usize = 16;

/// Parses and reads a body that [`start`] fetched (its nesting counted as
/// it arrived). A long one (a history of a thousand incidents) is read a
/// few incidents at a time, yielding to the page whenever a slice has taken
/// [`SLICE_MS`], and the caller paints in a task of its own: no task holds
/// the page for long.
pub(crate) async fn read(body: &JsString, format: Option<Format>) -> Result<Feed, Error> {
    let long = body.length() >= LONG;
    JsDocument::check(body, false)?;
    let mut since = js_sys::Date::now();
    let document = JsDocument::parse_checked(body)?;
    let mut reading = Reading::start_as(&document, format)?;
    if long {
        while reading.step(SLICE) {
            if js_sys::Date::now() - since > SLICE_MS {
                super::next_task().await;
                since = js_sys::Date::now();
            }
        }
        super::next_task().await;
    }
    Ok(reading.finish())
}

/// A body over `max_size` bytes: "larger than 4 MiB (`max-size`)", saying
/// whether the server said so (`Content-Length`) or it was counted.
pub(crate) fn too_large(max_size: u32, declared: bool) -> Error {
    let (n, unit) = match max_size {
        n if n % (1024 * 1024) == 0 => (n / (1024 * 1024), " MiB"),
        n if n % 1024 == 0 => (n / 1024, " KiB"),
        n => (n, " bytes"),
    };
    let how = if declared { ", as its Content-Length says" } else { "" };
    let message = ["larger than ", &decimal(n.into()), unit, how, " (`max-size`)"].concat();
    Error::new(ErrorKind::Limit, message)
}

fn seconds(ms: u32) -> String {
    let mut out = String::from("no answer within ");
    out.push_str(&decimal((ms / 1000).into()));
    out.push_str(" s");
    out
}
