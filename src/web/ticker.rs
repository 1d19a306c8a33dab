//! One clock for every widget on the page (`src/js/shell.js`).
//!
//! Once a minute each live widget looks at its feed again: relative times
//! move on ("2 minutes ago" becomes "1 hour ago") and maintenance whose
//! window opens or closes comes and goes. There is one interval for the
//! whole page, running only while some widget is registered: the last
//! [`Registration`] to drop stops it.

use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    fn listen(tick: &Closure<dyn Fn()>) -> Function;
    #[cfg(test)]
    #[wasm_bindgen(js_name = census)]
    fn js_census() -> js_sys::Array;
    /// Tells every widget the time now, as the minute's tick does.
    #[cfg(test)]
    #[wasm_bindgen(js_name = tickNow)]
    pub(crate) fn tick_now();
}

/// A widget's place on the ticker; dropping it takes the widget off.
#[must_use = "dropping a Registration takes the widget off the ticker at once"]
pub(crate) struct Registration {
    stop: Function,
    _tick: Closure<dyn Fn()>,
}

/// Calls `tick` once a minute, starting the page's interval if it was idle.
pub(crate) fn register(tick: impl Fn() + 'static) -> Registration {
    let tick = Closure::<dyn Fn()>::new(tick);
    Registration { stop: listen(&tick), _tick: tick }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::UNDEFINED);
    }
}

/// How many widgets are on the ticker, and whether it runs.
#[cfg(test)]
pub(crate) fn census() -> (usize, bool) {
    let census = js_census();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a count")]
    let count = census.get(0).as_f64().unwrap_or_default() as usize;
    (count, census.get(1).is_truthy())
}
