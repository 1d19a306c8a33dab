//! The browser's `Intl`, for one widget: its [`Formatters`] of dates,
//! times, durations and counts in its locale and zone (no tables shipped;
//! `src/js/shell.js`). Building them is the slow part, so a widget builds
//! them once. What they are asked is decided by [`speech`](crate::speech).

use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::speech::Formats;

/// How one widget speaks.
pub(crate) type Speech = crate::speech::Speech<Formatters>;

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// One widget's formatters of instants and spans (`src/js/shell.js`).
    pub(crate) type Formatters;
    #[wasm_bindgen(catch, js_name = formatters)]
    fn make(locale: Option<&str>, time_zone: Option<&str>) -> Result<Formatters, JsValue>;
    #[wasm_bindgen(method, js_name = locale)]
    fn js_locale(this: &Formatters) -> String;
    #[wasm_bindgen(method, js_name = absolute)]
    fn js_date(this: &Formatters, ms: f64, far: bool) -> String;
    #[wasm_bindgen(method, js_name = full)]
    fn js_full(this: &Formatters, ms: f64) -> String;
    #[wasm_bindgen(method, js_name = relative)]
    fn js_relative(this: &Formatters, value: f64, unit: &str) -> String;
    #[wasm_bindgen(method, js_name = duration)]
    fn js_duration(this: &Formatters, days: f64, hours: f64, minutes: f64) -> Option<String>;
    #[wasm_bindgen(method, js_name = number)]
    fn js_number(this: &Formatters, n: f64) -> String;
    #[wasm_bindgen(method, js_name = plural)]
    fn js_plural(this: &Formatters, n: f64) -> String;
}

impl Formatters {
    /// Formatters for `locale` and `time_zone` (`None`: the browser's, the
    /// viewer's); one the browser does not know is replaced by the default
    /// and reported, so that a bad attribute costs a warning, not the widget.
    pub(crate) fn new(
        locale: Option<&str>,
        time_zone: Option<&str>,
    ) -> Result<(Formatters, Option<String>), Error> {
        let problem = match make(locale, time_zone) {
            Ok(formatters) => return Ok((formatters, None)),
            Err(e) => e.dyn_ref::<js_sys::Error>().map_or_else(
                || "invalid locale or time zone".to_owned(),
                |e| String::from(e.message()),
            ),
        };
        // Keep whichever of the two is good.
        let formatters = make(None, time_zone)
            .or_else(|_| make(locale, None))
            .or_else(|_| make(None, None))
            .map_err(|_| {
                Error::new(ErrorKind::Browser, "this browser has no Intl date formatting")
            })?;
        Ok((formatters, Some(problem)))
    }
}

impl Formats for Formatters {
    fn locale(&self) -> String {
        self.js_locale()
    }
    fn date(&self, ms: f64, far: bool) -> String {
        self.js_date(ms, far)
    }
    fn full(&self, ms: f64) -> String {
        self.js_full(ms)
    }
    fn relative(&self, value: f64, unit: &str) -> String {
        self.js_relative(value, unit)
    }
    fn duration(&self, days: f64, hours: f64, minutes: f64) -> Option<String> {
        self.js_duration(days, hours, minutes)
    }
    fn number(&self, n: f64) -> String {
        self.js_number(n)
    }
    fn plural(&self, n: f64) -> String {
        self.js_plural(n)
    }
}
