//! Sharing one feed's polling between the browser's tabs: the tab holding
//! the feed's Web Lock polls (sought only while visible, so the lock passes
//! to a tab someone is looking at), and every tab tells the others what it
//! fetched on a `BroadcastChannel` of the same name ([`message`](crate::message)).

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

/// The name of a feed's lock and channel.
fn name(url: &str) -> String {
    ["status-widget:", url].concat()
}

/// A feed's channel to the other tabs; closed on drop.
#[must_use = "dropping a Channel closes it"]
pub(crate) struct Channel {
    channel: BroadcastChannel,
    _heard: Closure<dyn FnMut(JsValue)>,
}

impl Channel {
    /// Joins `url`'s channel; `heard` receives what other tabs post. `None`
    /// where the browser has no `BroadcastChannel`.
    pub(crate) fn open(url: &str, heard: impl FnMut(JsValue) + 'static) -> Option<Channel> {
        let heard = Closure::<dyn FnMut(JsValue)>::new(heard);
        Some(Channel { channel: join(&name(url), &heard)?, _heard: heard })
    }

    /// Tells the other tabs `message`.
    pub(crate) fn post(&self, message: &JsValue) {
        // Only what cannot be cloned throws; our messages are strings and numbers.
        let _ = self.channel.post_message(message);
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.close();
    }
}

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// Asks for the lock `name`; returns what gives it up, or `None` where
    /// the browser has no Web Locks (or refuses at once).
    fn claim(name: &str, settled: &Closure<dyn Fn(bool)>) -> Option<Function>;
    fn join(name: &str, heard: &Closure<dyn FnMut(JsValue)>) -> Option<BroadcastChannel>;
}

/// This tab's claim to poll a feed: queued until the lock is free, then
/// held until dropped, which releases it (or withdraws the request).
#[must_use = "dropping a Leadership releases the lock, or withdraws the request"]
pub(crate) struct Leadership {
    give_up: Function,
    _settled: Closure<dyn Fn(bool)>,
}

impl Leadership {
    /// Asks for `url`'s lock; `settled(true)` runs once this tab holds it,
    /// `settled(false)` if the browser refuses it later. `None` where the
    /// browser has no Web Locks (or refuses at once).
    pub(crate) fn seek(url: &str, settled: impl Fn(bool) + 'static) -> Option<Leadership> {
        let settled = Closure::<dyn Fn(bool)>::new(settled);
        let give_up = claim(&name(url), &settled)?;
        Some(Leadership { give_up, _settled: settled })
    }
}

impl Drop for Leadership {
    fn drop(&mut self) {
        let _ = self.give_up.call0(&JsValue::UNDEFINED);
    }
}
