//! What the widget keeps in the page's `localStorage` between page views:
//! the last good answer of each feed (painted at once on the next view,
//! before the network answers) and what the reader dismissed.
//!
//! The storage belongs to the host page, so the widget is frugal and never
//! fails because of it: every key starts with `status-widget:`; a saved feed
//! is at most [`MAX_CHARS`] long and [`MAX_AGE_MS`] old, and at most
//! [`MAX_FEEDS`] are kept (the oldest goes first; about 2 MB at most, of the
//! 5 to 10 MB a browser gives an origin), written only when it changed or
//! every 10 minutes; storage that is full, blocked or missing simply means
//! nothing is remembered.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use web_sys::Storage;

use super::fetch::JsDocument;
use crate::dismiss::Dismissals;
use crate::number::decimal;
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

#[wasm_bindgen]
extern "C" {
    /// `Storage`, with values kept as JS strings (a feed need not be copied
    /// into wasm memory and back).
    #[wasm_bindgen(js_name = Storage)]
    type Strings;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get(this: &Strings, key: &str) -> Result<Option<JsString>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set(this: &Strings, key: &str, value: &JsString) -> Result<(), JsValue>;
}

/// The page's `localStorage`, if it may be used.
struct Store(Storage);

impl std::ops::Deref for Store {
    type Target = Storage;
    fn deref(&self) -> &Storage {
        &self.0
    }
}

impl Store {
    fn get(&self, key: &str) -> Option<JsString> {
        self.0.unchecked_ref::<Strings>().get(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &JsString) -> bool {
        self.0.unchecked_ref::<Strings>().set(key, value).is_ok()
    }
}

fn storage() -> Option<Store> {
    // Blocked storage (sandboxed frames, some privacy settings) throws.
    web_sys::window()?.local_storage().ok().flatten().map(Store)
}

/// The instant written in `ms` (whole milliseconds), read by the browser.
fn millis(ms: &JsString) -> Option<Timestamp> {
    let n = js_sys::Number::from(JsValue::from(ms)).value_of();
    #[allow(clippy::cast_possible_truncation, reason = "checked to be a safe integer")]
    js_sys::Number::is_safe_integer(&n.into()).then(|| Timestamp::from_millis(n as i64))
}

/// A feed's last good answer.
pub(crate) struct Saved {
    /// When it was fetched.
    pub(crate) at: Timestamp,
    /// Its body.
    pub(crate) body: JsString,
}

/// The answer saved for `url`, unless it is too old.
pub(crate) fn feed(url: &str, now: Timestamp) -> Option<Saved> {
    let storage = storage()?;
    let (at, body) = read(&storage, &[FEED, url].concat())?;
    (now.as_millis().saturating_sub(at.as_millis()) < MAX_AGE_MS).then_some(Saved { at, body })
}

/// Saves `body`, fetched at `at`, as the last good answer of `url`, making
/// room if need be; an answer longer than [`MAX_CHARS`] is not kept.
pub(crate) fn save_feed(url: &str, at: Timestamp, body: &JsString) {
    let Some(storage) = storage() else { return };
    let key = [FEED, url].concat();
    if body.length() > MAX_CHARS {
        let _ = storage.remove_item(&key);
        return;
    }
    write(&storage, FEED, &key, at, body, MAX_FEEDS);
}

/// Until when `url`'s server asked not to be asked again (`Retry-After`),
/// if that is still to come.
pub(crate) fn hold(url: &str, now: Timestamp) -> Option<Timestamp> {
    let (until, _) = read(&storage()?, &[HOLD, url].concat())?;
    (until > now).then_some(until)
}

/// Remembers that `url`'s server asked not to be asked again before
/// `until`, for the next page view; `None` forgets it.
pub(crate) fn save_hold(url: &str, until: Option<Timestamp>) {
    let Some(storage) = storage() else { return };
    let key = [HOLD, url].concat();
    match until {
        Some(until) => write(&storage, HOLD, &key, until, &JsString::from(""), MAX_FEEDS),
        None => drop(storage.remove_item(&key)),
    }
}

/// What was dismissed from the banner of `url`'s feed.
pub(crate) fn dismissals(url: &str, now: Timestamp) -> Dismissals {
    let saved = storage()
        .and_then(|s| read(&s, &[DISMISSED, url].concat()))
        .and_then(|(_, text)| JsDocument::parse(&text).ok());
    saved.map_or_else(Dismissals::default, |doc| Dismissals::read(&doc, now))
}

/// Saves what was dismissed from the banner of `url`'s feed, at `now`.
pub(crate) fn save_dismissals(url: &str, dismissals: &Dismissals, now: Timestamp) {
    let Some(storage) = storage() else { return };
    let key = [DISMISSED, url].concat();
    if dismissals.is_empty() {
        let _ = storage.remove_item(&key);
        return;
    }
    let list: js_sys::Array = dismissals
        .entries()
        .iter()
        .map(|d| {
            let (kind, id, severity, changed, at) = d.fields();
            #[allow(clippy::cast_precision_loss, reason = "instants fit in 53 bits")]
            let fields = [
                JsValue::from(kind),
                JsValue::from_str(id),
                JsValue::from(severity),
                JsValue::from(changed as f64),
                JsValue::from(at as f64),
            ];
            fields.into_iter().collect::<js_sys::Array>()
        })
        .collect();
    if let Ok(text) = js_sys::JSON::stringify(&list) {
        write(&storage, DISMISSED, &key, now, &text, MAX_FEEDS);
    }
}

/// Reads `key`'s value, written by [`write`](fn@write) as `"<ms>\n<value>"`; anything
/// else there is removed.
fn read(storage: &Store, key: &str) -> Option<(Timestamp, JsString)> {
    let value = storage.get(key)?;
    let newline = u32::try_from(value.index_of("\n", 0)).ok();
    let at = newline.and_then(|n| millis(&value.slice(0, n)));
    match (at, newline) {
        (Some(at), Some(n)) => Some((at, value.slice(n + 1, value.length()))),
        _ => {
            let _ = storage.remove_item(key);
            None
        }
    }
}

/// Writes `value`, of the instant `at`, to `key`, first removing the oldest
/// keys that start with `prefix` so that at most `max` remain. Storage that
/// is full keeps nothing of ours rather than failing the host.
fn write(storage: &Store, prefix: &str, key: &str, at: Timestamp, value: &JsString, max: usize) {
    let mut ours: Vec<(i64, String)> = Vec::new();
    for i in 0..storage.length().unwrap_or(0) {
        let Some(name) = storage.key(i).ok().flatten() else { continue };
        if name.starts_with(prefix) && name != key {
            let at = read(storage, &name).map_or(0, |(at, _)| at.as_millis());
            ours.push((at, name));
        }
    }
    crate::feed::sort_desc(&mut ours, |(at, _)| *at);
    for (_, name) in ours.iter().skip(max.saturating_sub(1)) {
        let _ = storage.remove_item(name);
    }
    let value = JsString::from([&decimal(at.as_millis()), "\n"].concat()).concat(value);
    if !storage.set(key, &value) {
        let _ = storage.remove_item(key);
    }
}
