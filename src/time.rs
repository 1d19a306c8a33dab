//! Instants in time: parsing the feeds' RFC 3339 timestamps, writing ISO 8601,
//! and choosing how to say "how long ago".
//!
//! Feeds write times in their page's own zone (`2024-03-05T14:22:39.441-08:00`,
//! `+02:00`, `Z`). Everything after parsing is a [`Timestamp`]: milliseconds
//! since the Unix epoch, zone-free. Showing a time in the viewer's zone is the
//! browser's job (`Intl`), so nothing here knows about zones beyond offsets.

const MS_PER_SECOND: i64 = 1_000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// An instant, in milliseconds since 1970-01-01T00:00:00Z (the default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `ms` milliseconds after the Unix epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
    ///
    /// Also accepted, because feeds in the wild write them: a space or a
    /// lowercase `t` between date and time, lowercase `z`, and offsets
    /// without the colon (`+0200`). Fractions beyond milliseconds are
    /// truncated. Returns `None` for anything else, including dates that do
    /// not exist (`2023-02-29`).
    pub fn parse(s: &str) -> Option<Self> {
        let mut p = Cursor(s.as_bytes());
        let year = p.digits(4)?;
        p.expect(b'-')?;
        let month = p.digits(2)?;
        p.expect(b'-')?;
        let day = p.digits(2)?;
        if !matches!(p.next()?, b'T' | b't' | b' ') {
            return None;
        }
        let hour = p.digits(2)?;
        p.expect(b':')?;
        let minute = p.digits(2)?;
        p.expect(b':')?;
        // A leap second is shown as the last ordinary one.
        let second = p.digits(2)?.min(59);
        let mut millis = 0;
        if p.peek() == Some(b'.') {
            p.next();
            let mut scale = 100;
            let mut any = false;
            while let Some(d) = p.peek().filter(u8::is_ascii_digit) {
                p.next();
                any = true;
                millis += i64::from(d - b'0') * scale;
                scale /= 10;
            }
            if !any {
                return None;
            }
        }
        let offset_minutes = match p.next()? {
            b'Z' | b'z' => 0,
            sign @ (b'+' | b'-') => {
                let h = p.digits(2)?;
                if p.peek() == Some(b':') {
                    p.next();
                }
                let m = p.digits(2)?;
                if h > 23 || m > 59 {
                    return None;
                }
                let total = h * 60 + m;
                if sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        if !p.0.is_empty()
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let local = days * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
        Some(Timestamp(local + second * MS_PER_SECOND + millis - offset_minutes * MS_PER_MINUTE))
    }

    /// Writes the instant as ISO 8601 in UTC, `YYYY-MM-DDThh:mm:ss.sssZ`: the
    /// form of `Date.prototype.toISOString` and of `<time datetime>`.
    pub fn to_iso(self) -> String {
        let mut out = self.local(0);
        out.push('Z');
        out
    }

    /// Writes the instant as RFC 3339 in a zone `offset_minutes` east of
    /// UTC, the way status pages write their times
    /// (`2024-03-05T14:22:39.441-08:00`).
    pub fn to_rfc3339(self, offset_minutes: i32) -> String {
        let mut out = self.local(offset_minutes);
        let offset = i64::from(offset_minutes);
        out.push(if offset < 0 { '-' } else { '+' });
        push_padded(&mut out, offset.abs() / 60, 2);
        out.push(':');
        push_padded(&mut out, offset.abs() % 60, 2);
        out
    }

    /// The date and time of day, without a zone, as seen `offset_minutes`
    /// east of UTC.
    fn local(self, offset_minutes: i32) -> String {
        let ms = self.0.saturating_add(i64::from(offset_minutes) * MS_PER_MINUTE);
        let days = ms.div_euclid(MS_PER_DAY);
        let ms_of_day = ms.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let mut out = String::with_capacity(29);
        push_padded(&mut out, year, 4);
        out.push('-');
        push_padded(&mut out, month, 2);
        out.push('-');
        push_padded(&mut out, day, 2);
        out.push('T');
        push_padded(&mut out, ms_of_day / MS_PER_HOUR, 2);
        out.push(':');
        push_padded(&mut out, ms_of_day % MS_PER_HOUR / MS_PER_MINUTE, 2);
        out.push(':');
        push_padded(&mut out, ms_of_day % MS_PER_MINUTE / MS_PER_SECOND, 2);
        out.push('.');
        push_padded(&mut out, ms_of_day % MS_PER_SECOND, 3);
        out
    }
}

/// A span of time between two instants, in milliseconds.
pub fn span(from: Timestamp, to: Timestamp) -> i64 {
    to.0.saturating_sub(from.0)
}

/// The unit a relative time is said in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds; only used for "now".
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

impl Unit {
    /// The unit's name as `Intl.RelativeTimeFormat` takes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }
}

/// How to say `at` relative to `now` ("3 hours ago", "in 2 days"), as a
/// signed count of a unit; `None` when it is more than a week away, where
/// a date reads better than "23 days ago".
pub fn relative(at: Timestamp, now: Timestamp) -> Option<(i64, Unit)> {
    let delta = at.0.saturating_sub(now.0);
    let size = delta.unsigned_abs();
    let (unit, per) = if size < MS_PER_MINUTE.unsigned_abs() {
        return Some((0, Unit::Second));
    } else if size < MS_PER_HOUR.unsigned_abs() {
        (Unit::Minute, MS_PER_MINUTE)
    } else if size < MS_PER_DAY.unsigned_abs() {
        (Unit::Hour, MS_PER_HOUR)
    } else if size <= 7 * MS_PER_DAY.unsigned_abs() {
        (Unit::Day, MS_PER_DAY)
    } else {
        return None;
    };
    // Round half away from zero: 90 minutes is "2 hours ago"; and a count
    // rounded up to the next unit is said in it: 59 minutes 40 seconds is
    // "1 hour ago", not "60 minutes ago".
    let count = (delta.abs() + per / 2) / per;
    let (unit, count) = match (unit, count) {
        (Unit::Minute, 60) => (Unit::Hour, 1),
        (Unit::Hour, 24) => (Unit::Day, 1),
        other => other,
    };
    Some((if delta < 0 { -count } else { count }, unit))
}

/// A duration split into days, hours and minutes, for "lasted 2 h 5 min".
/// Rounded to the nearest minute; never negative.
pub fn split_duration(ms: i64) -> (i64, i64, i64) {
    let minutes = ms.max(0).saturating_add(MS_PER_MINUTE / 2) / MS_PER_MINUTE;
    (minutes / (24 * 60), minutes / 60 % 24, minutes % 60)
}

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    fn next(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut value = 0;
        for _ in 0..n {
            let d = self.next().filter(u8::is_ascii_digit)?;
            value = value * 10 + i64::from(d - b'0');
        }
        Some(value)
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn push_padded(out: &mut String, value: i64, width: usize) {
    let digits = crate::number::decimal(value.abs());
    if value < 0 {
        out.push('-');
    }
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn ms(s: &str) -> Option<i64> {
        Timestamp::parse(s).map(Timestamp::as_millis)
    }

    #[test]
    fn parses_offsets_to_the_same_instant() {
        let utc = ms("2024-03-05T22:22:39.441Z");
        assert_eq!(utc, Some(1_709_677_359_441));
        assert_eq!(ms("2024-03-05T14:22:39.441-08:00"), utc);
        assert_eq!(ms("2024-03-06T00:22:39.441+02:00"), utc);
        assert_eq!(ms("2024-03-06T00:22:39.441+0200"), utc);
        assert_eq!(ms("2024-03-05 22:22:39.441z"), utc);
        assert_eq!(ms("2024-03-05t22:22:39.4412345Z"), utc);
        assert_eq!(ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(ms("1969-12-31T23:59:59Z"), Some(-1000));
        assert_eq!(ms("2016-12-31T23:59:60Z"), ms("2016-12-31T23:59:59Z"));
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "",
            "2024-03-05",
            "2024-03-05T22:22Z",
            "2024-03-05T22:22:39",
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-03-05T24:00:00Z",
            "2024-03-05T22:22:39.Z",
            "2024-03-05T22:22:39Z trailing",
            "2024-03-05T22:22:39+25:00",
            "２０２４-03-05T22:22:39Z",
            "yesterday",
        ] {
            assert_eq!(ms(bad), None, "{bad:?}");
        }
        assert_eq!(ms("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
    }

    #[test]
    fn writes_iso_in_utc() {
        for s in [
            "2024-03-05T22:22:39.441Z",
            "1970-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "2000-02-29T12:00:00.000Z",
            "2100-12-31T23:59:59.000Z",
        ] {
            assert_eq!(Timestamp::parse(s).map(Timestamp::to_iso).as_deref(), Some(s));
        }
        let t = Timestamp::parse("2024-03-05T14:22:39-08:00").map(Timestamp::to_iso);
        assert_eq!(t.as_deref(), Some("2024-03-05T22:22:39.000Z"));
    }

    #[test]
    fn writes_rfc3339_in_any_offset_and_reads_it_back() {
        let t = Timestamp::parse("2024-03-05T22:22:39.441Z").expect("valid");
        for (offset, text) in [
            (-480, "2024-03-05T14:22:39.441-08:00"),
            (120, "2024-03-06T00:22:39.441+02:00"),
            (0, "2024-03-05T22:22:39.441+00:00"),
            (330, "2024-03-06T03:52:39.441+05:30"),
        ] {
            assert_eq!(t.to_rfc3339(offset), text);
            assert_eq!(Timestamp::parse(text), Some(t));
        }
    }

    #[test]
    fn says_relative_times_in_the_unit_that_reads_best() {
        let now = Timestamp::from_millis(10 * MS_PER_DAY);
        let ago = |ms: i64| relative(Timestamp::from_millis(now.0 - ms), now);
        assert_eq!(ago(20 * MS_PER_SECOND), Some((0, Unit::Second)));
        assert_eq!(ago(-20 * MS_PER_SECOND), Some((0, Unit::Second)));
        assert_eq!(ago(5 * MS_PER_MINUTE), Some((-5, Unit::Minute)));
        assert_eq!(ago(-5 * MS_PER_MINUTE), Some((5, Unit::Minute)));
        assert_eq!(ago(90 * MS_PER_MINUTE), Some((-2, Unit::Hour)));
        assert_eq!(ago(59 * MS_PER_MINUTE + 40_000), Some((-1, Unit::Hour)));
        assert_eq!(ago(23 * MS_PER_HOUR + 40 * MS_PER_MINUTE), Some((-1, Unit::Day)));
        assert_eq!(ago(30 * MS_PER_HOUR), Some((-1, Unit::Day)));
        assert_eq!(ago(7 * MS_PER_DAY), Some((-7, Unit::Day)));
        assert_eq!(ago(8 * MS_PER_DAY), None);
        let far = relative(Timestamp::from_millis(i64::MIN), Timestamp::from_millis(i64::MAX));
        assert_eq!(far, None);
    }

    #[test]
    fn splits_durations() {
        assert_eq!(split_duration(0), (0, 0, 0));
        assert_eq!(split_duration(-5), (0, 0, 0));
        assert_eq!(split_duration(125 * MS_PER_MINUTE + 29_000), (0, 2, 5));
        assert_eq!(split_duration(26 * MS_PER_HOUR), (1, 2, 0));
    }
}
