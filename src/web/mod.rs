//! The browser shell: everything that touches the page.
//!
//! Only this module (and only on `wasm32`) uses `web_sys`, `js_sys` and
//! `wasm_bindgen`: it reads attributes, fetches, builds the DOM, dispatches
//! events and sets timers, carrying out what the pure modules decide. Its
//! JavaScript is in `src/js/`.

mod dom;
mod fetch;
mod intl;
mod share;
mod source;
mod store;
#[cfg(test)]
mod tests;
mod ticker;
mod widget;

pub use widget::Widget;

use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: about half the code, and faster.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs `task` in a microtask: never inside a call the page made.
pub(crate) fn later(task: Box<dyn FnOnce()>) {
    wasm_bindgen_futures::spawn_local(async move { task() });
}

/// [`later`], on what `weak` points to unless it has gone by then.
pub(crate) fn later_on<T: 'static>(weak: std::rc::Weak<T>, task: impl FnOnce(&T) + 'static) {
    later(Box::new(move || alive(&weak, task)));
}

/// Calls `f` on what `weak` points to, unless it has gone.
pub(crate) fn alive<T: ?Sized>(weak: &std::rc::Weak<T>, f: impl FnOnce(&T)) {
    if let Some(it) = weak.upgrade() {
        f(&it);
    }
}

/// A task of its own (a 0 ms timer), after the browser could paint.
pub(crate) fn next_task() -> gloo_timers::future::TimeoutFuture {
    gloo_timers::future::TimeoutFuture::new(0)
}

/// Runs `task` in a 0 ms timer: what should not wait long (telling other
/// tabs) never delays a frame (a future awaiting [`next_task`]: 185 B more).
pub(crate) fn soon(task: Box<dyn FnOnce()>) {
    timer(&Closure::once_into_js(task));
}

/// Runs `task` once the page is idle, hidden or left (within half a second).
pub(crate) fn afterwards(task: Box<dyn FnOnce()>) {
    idle(&Closure::once_into_js(task));
}

/// Runs `task` in a slice of the page's time (`slice` in `src/js/shell.js`).
pub(crate) fn sliced(task: Box<dyn FnOnce()>) {
    slice(&Closure::once_into_js(task));
}

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    fn idle(task: &JsValue);
    fn timer(task: &JsValue);
    pub(crate) fn slice(task: &JsValue);
}

/// One warning in the console, prefixed for the host's developer.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&["status-widget: ", message].concat().into());
}

/// Now, from the browser's clock.
pub(crate) fn now() -> crate::time::Timestamp {
    #[allow(clippy::cast_possible_truncation, reason = "Date.now() is a whole number of ms")]
    crate::time::Timestamp::from_millis(js_sys::Date::now() as i64)
}
