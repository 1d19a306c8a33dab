//! The browser shell: everything that touches the page.
//!
//! Only this module (and only on `wasm32`) uses `web_sys`, `js_sys` and
//! `wasm_bindgen`. It reads attributes, fetches, builds the DOM from the
//! view tree and dispatches events; every decision it acts on is made by
//! the pure modules.

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

/// Talc instead of the default dlmalloc: about half the code, and faster.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs `task` once the current call has returned (in a microtask): never
/// inside a call the page made, nor inside a callback that the task
/// replaces.
pub(crate) fn later(task: Box<dyn FnOnce()>) {
    wasm_bindgen_futures::spawn_local(async move { task() });
}

/// Resolves in a task of its own (a 0 ms timer), after the browser has had
/// its chance to paint.
pub(crate) fn next_task() -> gloo_timers::future::TimeoutFuture {
    gloo_timers::future::TimeoutFuture::new(0)
}

/// Runs `task` in a task of its own (a 0 ms timer): what should not wait
/// long (telling other tabs) still never delays a frame. A call into the
/// inline module below: a future awaiting [`next_task`] costs 185 B more.
pub(crate) fn soon(task: Box<dyn FnOnce()>) {
    timer(&wasm_bindgen::closure::Closure::once_into_js(task));
}

/// Runs `task` once the page is idle (within half a second), after the
/// frame the browser was drawing: what may wait (saving) neither delays that
/// frame nor the page's own tasks queued for after it.
/// A page hidden or left before then runs it at once, so that what was to be
/// saved is saved. Where there is no `requestIdleCallback` (Safari), in a
/// 0 ms timer, or as the page goes if that comes first.
pub(crate) fn afterwards(task: Box<dyn FnOnce()>) {
    idle(&wasm_bindgen::closure::Closure::once_into_js(task));
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function idle(task) {
  const run = () => {
    removeEventListener('pagehide', run);
    document.removeEventListener('visibilitychange', run);
    const once = task;
    task = null;
    once?.();
  };
  addEventListener('pagehide', run);
  document.addEventListener('visibilitychange', run);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run);
}
export function timer(task) {
  setTimeout(task);
}")]
extern "C" {
    /// Calls `task` (a JS function of no arguments, called once) when the
    /// page is idle, or as it is hidden or left, whichever comes first.
    fn idle(task: &wasm_bindgen::JsValue);
    /// Calls `task` (a JS function of no arguments) in a 0 ms timer.
    fn timer(task: &wasm_bindgen::JsValue);
}

/// One warning in the console, prefixed so that a host developer can tell
/// where it comes from.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&["status-widget: ", message].concat().into());
}
