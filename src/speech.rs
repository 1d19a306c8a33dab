//! How one widget speaks: our words in its language ([`Strings`]) and its
//! dates, times, durations and counts, formatted by the browser's `Intl`
//! ([`Formats`], bound by `web::intl`) in its locale and zone. What is
//! decided here: which language is spoken and how it is tagged, when a time
//! is relative and when a date needs its year, and the plain form of a
//! duration where the browser has no `Intl.DurationFormat`.

use crate::number::decimal;
use crate::strings::{Label, Strings};
use crate::time::{self, Timestamp};
use crate::view::flat::Voice;

/// What `Intl` formats for one widget, in its locale and zone.
pub trait Formats {
    /// The locale used: the one asked for as the browser understood it, or
    /// the browser's own.
    fn locale(&self) -> String;
    /// `ms` since the epoch as a date and time, with the year when `far`.
    fn date(&self, ms: f64, far: bool) -> String;
    /// `ms` since the epoch in full, with the zone's name.
    fn full(&self, ms: f64) -> String;
    /// `value` units from now ("3 hours ago", "in 2 days", "now").
    fn relative(&self, value: f64, unit: &str) -> String;
    /// A span of days, hours and minutes; `None` where the browser cannot.
    fn duration(&self, days: f64, hours: f64, minutes: f64) -> Option<String>;
    /// A number in the locale's digits.
    fn number(&self, n: f64) -> String;
    /// The plural category of `n` (`one`, `few`, `other`, …).
    fn plural(&self, n: f64) -> String;
}

/// Dates further than this from now are written with their year: 180 days.
const FAR_MS: u64 = 180 * 24 * 60 * 60 * 1000;

/// How one widget speaks: its words and its formats, in one language.
pub struct Speech<F> {
    /// Dates, times, counts.
    pub formats: F,
    /// Our words.
    pub strings: Strings,
    /// The language tag of what is written (`lang`).
    pub lang: String,
}

impl<F: Formats> Speech<F> {
    /// Speaks the language of `formats`' locale where we have its words,
    /// else English (with dates still in that locale); the host's
    /// `overrides` win over both. Also returns the overrides that are none
    /// of our keys.
    pub fn new(formats: F, overrides: Vec<(String, String)>) -> (Speech<F>, Vec<String>) {
        let locale = formats.locale();
        let (strings, unknown) = Strings::for_locale(&locale).with_overrides(overrides);
        let lang = tag(locale, &strings);
        (Speech { formats, strings, lang }, unknown)
    }

    /// Takes up the table of its language, now that it is at hand.
    pub fn relearn(&mut self, overrides: Vec<(String, String)>) {
        let locale = self.formats.locale();
        self.strings = Strings::for_locale(&locale).with_overrides(overrides).0;
        self.lang = tag(locale, &self.strings);
    }

    /// `ltr` or `rtl`.
    pub fn dir(&self) -> &'static str {
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

/// An instant as `Intl` takes it. Parsed timestamps lie within years 0000
/// to 9999, well inside the range `Intl` formats without throwing.
#[allow(clippy::cast_precision_loss, reason = "instants within ±2^53 ms are exact")]
fn ms(at: Timestamp) -> f64 {
    at.as_millis() as f64
}

impl<F: Formats> Voice for Speech<F> {
    fn word(&self, label: Label) -> &str {
        self.strings.get(label)
    }

    fn count(&self, label: Label, n: u64) -> String {
        #[allow(clippy::cast_precision_loss, reason = "counts are small")]
        let n = n as f64;
        let category = self.formats.plural(n);
        self.strings.counted(label, &category).replace("{0}", &self.formats.number(n))
    }

    /// Relative within a week; beyond it, the date.
    fn relative(&self, at: Timestamp, now: Timestamp) -> String {
        match time::relative(at, now) {
            #[allow(clippy::cast_precision_loss, reason = "counts are at most a few thousand")]
            Some((count, unit)) => self.formats.relative(count as f64, unit.as_str()),
            None => self.absolute(at, now),
        }
    }

    fn absolute(&self, at: Timestamp, now: Timestamp) -> String {
        self.formats.date(ms(at), time::span(at, now).unsigned_abs() > FAR_MS)
    }

    fn full(&self, at: Timestamp) -> String {
        self.formats.full(ms(at))
    }

    /// "2 hr, 5 min"; where the browser has no `Intl.DurationFormat`, a
    /// plainer "2 h 5 min".
    fn duration(&self, ms: i64) -> String {
        let (days, hours, minutes) = time::split_duration(ms);
        #[allow(clippy::cast_precision_loss, reason = "small whole numbers")]
        let formatted = self.formats.duration(days as f64, hours as f64, minutes as f64);
        formatted.unwrap_or_else(|| {
            let mut out = Vec::new();
            for (value, unit) in [(days, " d"), (hours, " h"), (minutes, " min")] {
                if value > 0 || (unit == " min" && out.is_empty()) {
                    out.push([decimal(value).as_str(), unit].concat());
                }
            }
            out.join(" ")
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Formats that say what they were asked, in a locale of their own.
    struct Echo(&'static str, bool);

    impl Formats for Echo {
        fn locale(&self) -> String {
            self.0.to_owned()
        }
        fn date(&self, ms: f64, far: bool) -> String {
            format!("date {ms}{}", if far { " with year" } else { "" })
        }
        fn full(&self, ms: f64) -> String {
            format!("full {ms}")
        }
        fn relative(&self, value: f64, unit: &str) -> String {
            format!("{value} {unit}")
        }
        fn duration(&self, days: f64, hours: f64, minutes: f64) -> Option<String> {
            self.1.then(|| format!("{days}d{hours}h{minutes}m"))
        }
        fn number(&self, n: f64) -> String {
            format!("#{n}")
        }
        fn plural(&self, n: f64) -> String {
            if n == 1.0 { "one" } else { "other" }.to_owned()
        }
    }

    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    #[test]
    fn times_are_relative_within_a_week_and_dated_with_their_year_far_away() {
        let (speech, _) = Speech::new(Echo("en-US", true), Vec::new());
        let now = at(400 * DAY);
        assert_eq!(speech.relative(at(400 * DAY - 3 * HOUR), now), "-3 hour");
        assert_eq!(speech.relative(at(400 * DAY + 2 * DAY), now), "2 day");
        let ten_days_ago = 390 * DAY;
        assert_eq!(speech.relative(at(ten_days_ago), now), format!("date {ten_days_ago}"));
        assert_eq!(speech.absolute(at(0), now), "date 0 with year");
        assert_eq!(
            speech.absolute(at(now.as_millis() - 179 * DAY), now),
            format!("date {}", 221 * DAY)
        );
        assert_eq!(speech.full(at(5)), "full 5");
    }

    #[test]
    fn durations_are_the_browsers_or_plainer() {
        let span = 2 * DAY + 3 * HOUR + 5 * 60_000;
        let (intl, _) = Speech::new(Echo("en", true), Vec::new());
        assert_eq!(intl.duration(span), "2d3h5m");
        let (plain, _) = Speech::new(Echo("en", false), Vec::new());
        assert_eq!(plain.duration(span), "2 d 3 h 5 min");
        assert_eq!(plain.duration(HOUR), "1 h");
        assert_eq!(plain.duration(0), "0 min");
    }

    #[test]
    fn counts_take_the_locales_digits_and_plural_form() {
        let (speech, _) = Speech::new(Echo("en", true), Vec::new());
        let one = speech.count(Label::More, 1);
        let two = speech.count(Label::More, 2);
        assert!(one.contains("#1") && two.contains("#2"), "{one} / {two}");
        assert_ne!(one.replace("#1", ""), two.replace("#2", ""), "one and other differ");
    }

    #[test]
    fn the_language_spoken_is_tagged_as_it_is_written() {
        let overrides =
            vec![("dismiss".to_owned(), "Hide".to_owned()), ("nope".to_owned(), "x".to_owned())];
        let (speech, unknown) = Speech::new(Echo("en-GB", true), overrides);
        assert_eq!((speech.lang.as_str(), speech.dir()), ("en-GB", "ltr"));
        assert_eq!(speech.word(Label::Dismiss), "Hide");
        assert_eq!(unknown, ["nope"]);
        // A locale whose words are not built in speaks English, tagged so
        // (the release build has English only, until a table is installed).
        let (speech, _) = Speech::new(Echo("sw-KE", true), Vec::new());
        assert_eq!(speech.lang, "en");
    }
}
