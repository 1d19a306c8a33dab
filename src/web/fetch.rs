//! Fetching a feed (`src/js/shell.js`) and reading it.
//!
//! Requests revalidate through the browser's HTTP cache (`no-cache`: a
//! `304` becomes the cached answer), carry no credentials, are given up
//! after a time limit and past `max-size`, and take over the request the
//! classic script started early. A body never crosses into wasm memory as
//! text: the browser parses it, and the reader asks the object for the
//! fields it knows, one call at a time ([`JsDocument`]).

use std::cell::RefCell;
use std::future::Future;

use js_sys::{Array, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::answer::{Answer, Failure, Fetched};
use crate::error::{Error, ErrorKind};
use crate::feed::{Feed, Format, Json, Reading};
use crate::poll;

/// A node of the object `JSON.parse` made, read in place: only the fields
/// the reader asks for cross into wasm memory.
#[derive(Clone)]
pub(crate) struct JsDocument(JsValue);

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// `value[key]` of an object that is no array; `undefined` for `null`
    /// and for anything else: one call per field.
    fn field(value: &JsValue, key: &JsString) -> JsValue;
    /// The `[key, value]` pairs of the JSON object in `text`.
    fn entries(text: &str) -> Option<Array>;
    /// A request under way: its abort controller and the promise of how
    /// it went.
    type Sent;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Sent) -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn answer(this: &Sent) -> Promise;
    /// Sends the request for `url` (see [`start`]); `None` when `url`
    /// cannot be fetched.
    fn request(
        url: &str,
        first: bool,
        custom: Option<&js_sys::Function>,
        timeout: u32,
        max: u32,
        depth: usize,
    ) -> Option<Sent>;
    /// `text` parsed by the browser, or why not.
    #[wasm_bindgen(js_name = parse)]
    fn js_parse(text: &JsString, counted: bool, depth: usize) -> Array;
}

thread_local! {
    /// The reader's field names as JS strings, each crossing once.
    static KEYS: RefCell<Vec<(usize, JsString)>> = const { RefCell::new(Vec::new()) };
}

/// `key` as a JS string, from [`KEYS`] (static names: the address tells).
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

/// A request in flight; dropping it aborts it.
#[must_use = "dropping an Abort aborts its request"]
pub(crate) struct Abort(AbortController);

impl Drop for Abort {
    fn drop(&mut self) {
        // The fetch, or the reading of its body, then rejects.
        self.0.abort();
    }
}

/// Starts fetching `url` before it returns (or takes over the classic
/// script's early request on a source's `first` load, or asks `custom`,
/// the page's own fetch function): given up after `timeout_ms`, past
/// `max_size` bytes, or when the [`Abort`] drops.
pub(crate) fn start(
    url: &str,
    first: bool,
    custom: Option<&js_sys::Function>,
    timeout_ms: u32,
    max_size: u32,
) -> Result<(Abort, impl Future<Output = Result<Fetched<JsString>, Failure>>), Error> {
    let custom_used = custom.is_some();
    let sent = request(url, first, custom, timeout_ms, max_size, crate::feed::MAX_DEPTH)
        .ok_or_else(|| Error::new(ErrorKind::Network, "not a URL that can be fetched"))?;
    let answer = JsFuture::from(sent.answer());
    let future = async move {
        // The promise never rejects: it says how the request went.
        let outcome: Array = answer.await.unwrap_or_default().unchecked_into();
        self::answer(&outcome, custom_used).into_result(timeout_ms, max_size)
    };
    Ok((Abort(sent.controller()), future))
}

/// How the request went, from what `request` in `src/js/shell.js` says.
fn answer(outcome: &Array, custom: bool) -> Answer<JsString> {
    let text = |i| outcome.get(i).as_string();
    let number = |i| outcome.get(i).as_f64().unwrap_or_default();
    match text(0).as_deref() {
        Some("body") => {
            Answer::Body { body: outcome.get(1).unchecked_into(), cache_control: text(2) }
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a status")]
        Some("status") => Answer::Status {
            code: number(1) as u16,
            text: text(2).unwrap_or_default(),
            retry_after_ms: text(3).as_deref().and_then(retry_after),
        },
        Some("timeout") => Answer::Timeout,
        Some("large") => Answer::TooLarge { declared: number(1) < 0.0 },
        Some("deep") => Answer::TooDeep,
        Some("cut") => Answer::Cut,
        _ => Answer::Failed { message: text(1).filter(|_| custom) },
    }
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

impl JsDocument {
    /// A value another tab posted, read as a document.
    pub(crate) fn new(value: JsValue) -> JsDocument {
        JsDocument(value)
    }

    /// The JS string this is (a body is not copied into wasm memory).
    pub(crate) fn to_js_string(&self) -> Option<JsString> {
        self.0.dyn_ref::<JsString>().cloned()
    }

    /// Parses a body with the browser's `JSON.parse`, saying clearly why it
    /// is not JSON (empty, an HTML page), or is nested too deep (unless its
    /// nesting was `counted` as it arrived).
    pub(crate) fn parse(body: &JsString, counted: bool) -> Result<JsDocument, Error> {
        let parsed = js_parse(body, counted, crate::feed::MAX_DEPTH);
        let not_json = |why: String| Err(Error::new(ErrorKind::NotJson, why));
        match parsed.get(0).as_string().as_deref() {
            Some("ok") => Ok(JsDocument(parsed.get(1))),
            Some("empty") => not_json("the response is empty".into()),
            Some("html") => not_json("the response looks like an HTML page".into()),
            Some("deep") => Err(crate::feed::too_deep()),
            _ => not_json(parsed.get(1).as_string().unwrap_or_default()),
        }
    }
}

/// The entries of the JSON object in `text`, each value kept when it is a
/// string ([`config::Entries`](crate::config::Entries)).
pub(crate) fn object_entries(text: &str) -> crate::config::Entries {
    let pairs = entries(text)?;
    let pair = |pair: JsValue| {
        let pair: Array = pair.unchecked_into();
        (pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string())
    };
    Some(pairs.iter().map(pair).collect())
}

/// A body at least this long (UTF-16 units) is read in slices.
const LONG: u32 = 64 * 1024;

/// How long reading may hold the main thread before it yields, in ms.
const SLICE_MS: f64 = 8.0;

/// Incidents read between two looks at the clock.
const SLICE: usize = 16;

/// The one way from a body to a feed (this tab's, its nesting `counted` as
/// it arrived; another tab's; a saved one): a long one is read a few
/// incidents at a time, yielding whenever a slice took [`SLICE_MS`], and the
/// caller paints in a task of its own: no task holds the page for long.
pub(crate) async fn read(
    body: &JsString,
    format: Option<Format>,
    counted: bool,
) -> Result<Feed, Error> {
    let long = body.length() >= LONG;
    let mut since = js_sys::Date::now();
    let document = JsDocument::parse(body, counted)?;
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
