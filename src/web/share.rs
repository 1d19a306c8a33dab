//! Sharing one feed's polling between the browser's tabs of an origin.
//!
//! Each feed has a Web Lock named after it: the tab holding it polls, and
//! every tab tells the others what it fetched on a `BroadcastChannel` of the
//! same name. A tab seeks the lock only while it is visible and gives it up
//! when it is hidden or done with the feed, so the lock passes to a tab that
//! someone is looking at. Both are owned: dropping a [`Channel`] closes it,
//! dropping a [`Leadership`] releases the lock (or withdraws the request).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortController, BroadcastChannel, MessageEvent};

/// The name of a feed's lock and channel.
fn name(url: &str) -> String {
    ["status-widget:", url].concat()
}

/// A feed's channel to the other tabs; closed on drop.
pub(crate) struct Channel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// Opens `url`'s channel; `on_message` receives what other tabs post.
    /// `None` where the browser has no `BroadcastChannel` (or refuses one,
    /// as in an opaque origin).
    pub(crate) fn open(
        url: &str,
        mut on_message: impl FnMut(JsValue) + 'static,
    ) -> Option<Channel> {
        let channel = BroadcastChannel::new(&name(url)).ok()?;
        let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            on_message(e.data());
        });
        channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
        Some(Channel { channel, _on_message: closure })
    }

    /// Tells the other tabs `message`.
    pub(crate) fn post(&self, message: &JsValue) {
        // Only what cannot be cloned throws; our messages are strings and numbers.
        let _ = self.channel.post_message(message);
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

#[wasm_bindgen]
extern "C" {
    type LockManager;
    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &Function,
    ) -> Result<Promise, JsValue>;
}

fn locks() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    locks.is_object().then(|| locks.unchecked_into())
}

/// This tab's claim to poll a feed: queued until the lock is free, then
/// held until dropped.
pub(crate) struct Leadership {
    /// Withdraws the request while it waits.
    withdraw: AbortController,
    /// Resolves the promise that holds the lock, once it is held.
    release: Rc<RefCell<Release>>,
}

#[derive(Default)]
struct Release {
    resolve: Option<Function>,
    dropped: bool,
}

impl Leadership {
    /// Asks for `url`'s lock; `settled(true)` runs once this tab holds it,
    /// `settled(false)` if the browser refuses it later. `None` where the
    /// browser has no Web Locks (or refuses at once).
    pub(crate) fn seek(url: &str, settled: impl Fn(bool) + 'static) -> Option<Leadership> {
        let settled: Rc<dyn Fn(bool)> = Rc::new(settled);
        let locks = locks()?;
        let withdraw = AbortController::new().ok()?;
        let options = js_sys::Object::new();
        Reflect::set(&options, &JsValue::from_str("signal"), &withdraw.signal()).ok()?;
        let release = Rc::new(RefCell::new(Release::default()));
        let granted = {
            let release = release.clone();
            let settled = settled.clone();
            Closure::once(move |_lock: JsValue| -> Promise {
                // Held until released; a claim dropped meanwhile lets go at once.
                let held = Promise::new(&mut |resolve, _reject| {
                    release.borrow_mut().resolve = Some(resolve);
                });
                let dropped = release.borrow().dropped;
                if dropped {
                    drop(release.borrow_mut().resolve.take().map(|r| r.call0(&JsValue::UNDEFINED)));
                } else {
                    settled(true);
                }
                held
            })
        };
        let request = locks.request(&name(url), &options, granted.as_ref().unchecked_ref()).ok()?;
        // The callback lives until the request settles: granted and
        // released, or withdrawn.
        let watched = release.clone();
        spawn_local(async move {
            let refused = JsFuture::from(request).await.is_err();
            drop(granted);
            // Withdrawn, or released, is our own doing; anything else is not.
            if refused && !watched.borrow().dropped {
                settled(false);
            }
        });
        Some(Leadership { withdraw, release })
    }
}

impl Drop for Leadership {
    fn drop(&mut self) {
        let resolve = {
            let mut release = self.release.borrow_mut();
            release.dropped = true;
            release.resolve.take()
        };
        match resolve {
            Some(resolve) => drop(resolve.call0(&JsValue::UNDEFINED)),
            None => self.withdraw.abort(),
        }
    }
}
