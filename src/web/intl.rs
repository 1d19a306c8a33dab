//! Times and durations in the viewer's language and zone, through the
//! browser's own `Intl` (no tables shipped).
//!
//! One [`Clock`] per widget holds its formatters, built once from the
//! widget's locale and time zone; building them is the slow part.

use std::cell::OnceCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::number::decimal;
use crate::strings::Strings;
use crate::time::{self, Timestamp};

/// How one widget speaks: its words and its formatters, in one language.
pub(crate) struct Speech {
    /// Dates, times, counts.
    pub(crate) clock: Clock,
    /// Our words.
    pub(crate) strings: Strings,
    /// The language tag of what is written (`lang`).
    pub(crate) lang: String,
}

impl Speech {
    /// Speaks the language of `clock`'s locale where we have its words,
    /// else English (with dates still in that locale); the host's
    /// `overrides` win over both.
    pub(crate) fn new(clock: Clock, overrides: Vec<(String, String)>) -> (Speech, Vec<String>) {
        let locale = clock.locale();
        let (strings, unknown) = Strings::for_locale(&locale).with_overrides(overrides);
        let lang = tag(locale, &strings);
        (Speech { clock, strings, lang }, unknown)
    }

    /// Takes up the table of its language, now that it is at hand.
    pub(crate) fn relearn(&mut self, overrides: Vec<(String, String)>) {
        let locale = self.clock.locale();
        self.strings = Strings::for_locale(&locale).with_overrides(overrides).0;
        self.lang = tag(locale, &self.strings);
    }

    /// `ltr` or `rtl`.
    pub(crate) fn dir(&self) -> &'static str {
        if self.strings.rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }
}

/// The language spoken, as a tag: the locale when the words are in its
/// language, else the language of the words.
fn tag(locale: String, strings: &Strings) -> String {
    match locale.split('-').next() == Some(strings.lang()) {
        true => locale,
        false => strings.lang().to_owned(),
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locales: &JsValue, options: &Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, at: f64) -> String;
    #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = resolvedOptions)]
    fn resolved_options(this: &DateTimeFormat) -> Resolved;

    type Resolved;
    #[wasm_bindgen(method, getter)]
    fn locale(this: &Resolved) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
    fn new(locales: &JsValue) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method, js_class = "PluralRules")]
    fn select(this: &PluralRules, n: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "NumberFormat")]
    fn new(locales: &JsValue) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "NumberFormat")]
    fn format(this: &NumberFormat, n: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "RelativeTimeFormat")]
    fn new(locales: &JsValue, options: &Object) -> Result<RelativeTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "RelativeTimeFormat")]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = DurationFormat)]
    type DurationFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DurationFormat")]
    fn new(locales: &JsValue, options: &Object) -> Result<DurationFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DurationFormat")]
    fn format(this: &DurationFormat, duration: &Object) -> String;
}

/// Formats instants and spans for one widget.
pub(crate) struct Clock {
    /// "Nov 21, 3:04 PM PST": the date and time shown.
    short: DateTimeFormat,
    /// The same with the year, for times more than a few months away.
    long: DateTimeFormat,
    /// "Saturday, November 21, 2026 at 3:04:05 PM Pacific Standard Time",
    /// on hover.
    full: DateTimeFormat,
    relative: RelativeTimeFormat,
    /// Made on first use (most views show no duration, and it is the
    /// slowest of them to make); `None` inside where the browser lacks it.
    duration: OnceCell<Option<DurationFormat>>,
    /// The locales asked for, for `duration`.
    locales: JsValue,
    plural: PluralRules,
    number: NumberFormat,
}

/// Options objects are written as flat pairs.
fn options(pairs: &[(&str, &str)], time_zone: Option<&str>) -> Object {
    let object = Object::new();
    for (key, value) in pairs.iter().copied().chain(time_zone.map(|tz| ("timeZone", tz))) {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &key.into(), &value.into());
    }
    object
}

impl Clock {
    /// Formatters for `locale` (a BCP 47 tag; `None` for the browser's)
    /// and `time_zone` (an IANA name; `None` for the viewer's).
    ///
    /// A locale or zone the browser does not know is replaced by the
    /// default and reported in the second value, so that one bad attribute
    /// costs a warning, not the widget.
    pub(crate) fn new(
        locale: Option<&str>,
        time_zone: Option<&str>,
    ) -> Result<(Clock, Option<String>), Error> {
        let problem = match Clock::try_new(locale, time_zone) {
            Ok(clock) => return Ok((clock, None)),
            Err(e) => e.dyn_ref::<js_sys::Error>().map_or_else(
                || "invalid locale or time zone".to_owned(),
                |e| String::from(e.message()),
            ),
        };
        // Keep whichever of the two is good.
        let clock = Clock::try_new(None, time_zone)
            .or_else(|_| Clock::try_new(locale, None))
            .or_else(|_| Clock::try_new(None, None))
            .map_err(|_| {
                Error::new(ErrorKind::Browser, "this browser has no Intl date formatting")
            })?;
        Ok((clock, Some(problem)))
    }

    fn try_new(locale: Option<&str>, time_zone: Option<&str>) -> Result<Clock, JsValue> {
        let locales = locale.map_or(JsValue::UNDEFINED, JsValue::from);
        let date = |year: bool| {
            let mut pairs = vec![
                ("month", "short"),
                ("day", "numeric"),
                ("hour", "numeric"),
                ("minute", "2-digit"),
                ("timeZoneName", "short"),
            ];
            if year {
                pairs.push(("year", "numeric"));
            }
            DateTimeFormat::new(&locales, &options(&pairs, time_zone))
        };
        Ok(Clock {
            short: date(false)?,
            long: date(true)?,
            full: DateTimeFormat::new(
                &locales,
                &options(&[("dateStyle", "full"), ("timeStyle", "full")], time_zone),
            )?,
            relative: RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")], None))?,
            duration: OnceCell::new(),
            plural: PluralRules::new(&locales)?,
            number: NumberFormat::new(&locales)?,
            locales,
        })
    }

    /// The locale the formatters use: the one asked for, as the browser
    /// understood it, or the browser's own.
    pub(crate) fn locale(&self) -> String {
        self.short.resolved_options().locale()
    }

    /// A count in the locale's digits, and its plural category (`one`,
    /// `few`, `other`, …).
    pub(crate) fn count(&self, n: u64) -> (String, String) {
        #[allow(clippy::cast_precision_loss, reason = "counts are small")]
        let n = n as f64;
        (self.number.format(n), self.plural.select(n))
    }

    /// The instant as a date and time, with the year when it is far from now.
    pub(crate) fn absolute(&self, at: Timestamp, now: Timestamp) -> String {
        const FAR: i64 = 180 * 24 * 60 * 60 * 1000;
        let format = if time::span(at, now).unsigned_abs() > FAR.unsigned_abs() {
            &self.long
        } else {
            &self.short
        };
        format.format(ms(at))
    }

    /// The instant in full, for hovering.
    pub(crate) fn full(&self, at: Timestamp) -> String {
        self.full.format(ms(at))
    }

    /// "3 hours ago", "in 2 days", "now"; the absolute time beyond a week.
    pub(crate) fn relative(&self, at: Timestamp, now: Timestamp) -> String {
        match time::relative(at, now) {
            #[allow(clippy::cast_precision_loss, reason = "counts are at most a few thousand")]
            Some((count, unit)) => self.relative.format(count as f64, unit.as_str()),
            None => self.absolute(at, now),
        }
    }

    /// "2 hr, 5 min".
    pub(crate) fn duration(&self, ms: i64) -> String {
        let (days, hours, minutes) = time::split_duration(ms);
        // Newer than the rest of Intl; where it is missing, a plainer form
        // is written by hand.
        let format = self.duration.get_or_init(|| {
            DurationFormat::new(&self.locales, &options(&[("style", "short")], None)).ok()
        });
        if let Some(format) = format {
            let parts = Object::new();
            for (key, value) in [("days", days), ("hours", hours), ("minutes", minutes)] {
                #[allow(clippy::cast_precision_loss, reason = "small whole numbers")]
                let _ = Reflect::set(&parts, &key.into(), &(value as f64).into());
            }
            return format.format(&parts);
        }
        let mut out = String::new();
        for (value, unit) in [(days, "d"), (hours, "h"), (minutes, "min")] {
            if value > 0 || (unit == "min" && out.is_empty()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&decimal(value));
                out.push(' ');
                out.push_str(unit);
            }
        }
        out
    }
}

/// The instant as `Intl` takes it. Parsed timestamps lie within years
/// 0000 to 9999, well inside the range `Intl` formats without throwing.
#[allow(clippy::cast_precision_loss, reason = "instants within ±2^53 ms are exact")]
fn ms(at: Timestamp) -> f64 {
    at.as_millis() as f64
}
