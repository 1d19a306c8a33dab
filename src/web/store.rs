//! What the widget keeps in the page's `localStorage` (`src/js/shell.js`)
//! between page views: each feed's last good answer, a server's
//! `Retry-After`, what the reader dismissed. The storage is the host's:
//! every key starts with `status-widget:`, at most [`MAX_FEEDS`] answers of
//! at most [`MAX_CHARS`] are kept (about 2 MB), and storage that is full,
//! blocked or missing means nothing is remembered.

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;

use super::fetch::JsDocument;
use crate::dismiss::Dismissals;
use crate::time::Timestamp;

/// The longest answer kept, in UTF-16 code units (256 Ki).
pub(crate) const MAX_CHARS: u32 = 256 * 1024;

/// The most feeds kept at once (and the most feeds whose dismissals are).
pub(crate) const MAX_FEEDS: usize = 4;

/// The oldest answer still painted: 7 days.
pub(crate) const MAX_AGE_MS: i64 = 7 * 24 * 60 * 60 * 1000;

const FEED: &str = "status-widget:feed:";
const DISMISSED: &str = "status-widget:dismissed:";
/// Read by the classic script too (`src/js/classic.js`), which starts no
/// early request for a feed held.
const HOLD: &str = "status-widget:hold:";

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// `[ms, value]` saved under `key`; anything else there goes.
    #[wasm_bindgen(js_name = read)]
    fn read_pair(key: &str) -> Option<Array>;
    /// Writes `value`, of the instant `at`, under `key`, leaving at most
    /// `max` keys of `prefix` (the oldest go).
    fn write(prefix: &str, key: &str, at: f64, value: &JsString, max: usize);
    fn remove(key: &str);
}

/// What [`write`](fn@write) saved under `key`: when, and the value.
fn read(key: &str) -> Option<(Timestamp, JsString)> {
    let pair = read_pair(key)?;
    #[allow(clippy::cast_possible_truncation, reason = "a safe integer, checked by the script")]
    let at = Timestamp::from_millis(pair.get(0).as_f64()? as i64);
    Some((at, pair.get(1).dyn_into().ok()?))
}

#[allow(clippy::cast_precision_loss, reason = "instants fit in 53 bits")]
fn ms(at: Timestamp) -> f64 {
    at.as_millis() as f64
}

/// A feed's last good answer: when it was fetched, and its body.
pub(crate) struct Saved {
    pub(crate) at: Timestamp,
    pub(crate) body: JsString,
}

/// The answer saved for `url`, unless it is too old.
pub(crate) fn feed(url: &str, now: Timestamp) -> Option<Saved> {
    let (at, body) = read(&[FEED, url].concat())?;
    (now.as_millis().saturating_sub(at.as_millis()) < MAX_AGE_MS).then_some(Saved { at, body })
}

/// Saves `body`, fetched at `at`, as the last good answer of `url`, making
/// room if need be; an answer longer than [`MAX_CHARS`] is not kept.
pub(crate) fn save_feed(url: &str, at: Timestamp, body: &JsString) {
    let key = [FEED, url].concat();
    match body.length() > MAX_CHARS {
        true => remove(&key),
        false => write(FEED, &key, ms(at), body, MAX_FEEDS),
    }
}

/// Until when `url`'s server asked not to be asked (`Retry-After`), if later.
pub(crate) fn hold(url: &str, now: Timestamp) -> Option<Timestamp> {
    let (until, _) = read(&[HOLD, url].concat())?;
    (until > now).then_some(until)
}

/// Remembers that `url`'s server asked not to be asked again before
/// `until`, for the next page view; `None` forgets it.
pub(crate) fn save_hold(url: &str, until: Option<Timestamp>) {
    let key = [HOLD, url].concat();
    match until {
        Some(until) => write(HOLD, &key, ms(until), &JsString::from(""), MAX_FEEDS),
        None => remove(&key),
    }
}

/// What was dismissed from the banner of `url`'s feed.
pub(crate) fn dismissals(url: &str, now: Timestamp) -> Dismissals {
    let saved =
        read(&[DISMISSED, url].concat()).and_then(|(_, t)| JsDocument::parse(&t, false).ok());
    saved.map_or_else(Dismissals::default, |doc| Dismissals::read(&doc, now))
}

/// Saves what was dismissed from the banner of `url`'s feed, at `now`.
pub(crate) fn save_dismissals(url: &str, dismissals: &Dismissals, now: Timestamp) {
    let key = [DISMISSED, url].concat();
    match dismissals.is_empty() {
        true => remove(&key),
        false => write(DISMISSED, &key, ms(now), &dismissals.to_json().into(), MAX_FEEDS),
    }
}
