//! When to ask for the feed again: the poll interval, what the server says
//! about freshness (`Cache-Control: max-age`, `Retry-After`), and backoff
//! with full jitter after failures; and how long a request may take and how
//! much it may bring (`timeout`, `max-size`).
//!
//! Pure arithmetic in milliseconds; the browser shell supplies the clock,
//! the random number and the headers.

/// The longest wait between two requests, whatever the server says or
/// however many failures in a row: about 15 minutes.
pub const CAP_MS: u32 = 15 * 60 * 1000;

/// The shortest wait before retrying a failed request.
pub const MIN_RETRY_MS: u32 = 1000;

/// The `poll` attribute's default, in seconds.
pub const DEFAULT_POLL_S: u32 = 60;

/// The longest `poll` honoured: a day.
pub const MAX_POLL_MS: u32 = 24 * 60 * 60 * 1000;

/// How long a request may take, headers and body, unless the `timeout`
/// attribute says otherwise.
pub const TIMEOUT_MS: u32 = 15_000;

/// The longest `timeout` honoured.
pub const MAX_TIMEOUT_MS: u32 = 120_000;

/// The most a feed's answer may weigh, decoded, unless the `max-size`
/// attribute says otherwise: 4 MiB (a thousand incidents with six updates
/// each weigh about 3.6 MB).
pub const MAX_SIZE: u32 = 4 * 1024 * 1024;

/// The largest `max-size` honoured: 64 MiB.
pub const MAX_MAX_SIZE: u32 = 64 * 1024 * 1024;

/// What a widget asks of the source of each of its feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The poll interval in ms; `0` never polls.
    pub poll_ms: u32,
    /// The time limit of a request, in ms.
    pub timeout_ms: u32,
    /// The most an answer may weigh, in bytes.
    pub max_size: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { poll_ms: 0, timeout_ms: TIMEOUT_MS, max_size: MAX_SIZE }
    }
}

impl Settings {
    /// What several widgets of one feed ask for together: the shortest
    /// interval of those that poll, the shortest time limit and the largest
    /// size; the defaults for none.
    pub fn joint(all: impl IntoIterator<Item = Settings> + Clone) -> Settings {
        let each = || all.clone().into_iter();
        Settings {
            poll_ms: each().map(|s| s.poll_ms).filter(|&p| p > 0).min().unwrap_or(0),
            timeout_ms: each().map(|s| s.timeout_ms).min().unwrap_or(TIMEOUT_MS),
            max_size: each().map(|s| s.max_size).max().unwrap_or(MAX_SIZE),
        }
    }
}

/// How long to wait after a request that succeeded: the poll interval, or
/// longer if the server said the answer stays fresh longer (`max-age`),
/// never more than [`CAP_MS`]. `None` when the widget does not poll.
pub fn after_success(poll_ms: u32, max_age_ms: Option<u32>) -> Option<u32> {
    (poll_ms > 0).then(|| poll_ms.max(max_age_ms.unwrap_or(0).min(CAP_MS)))
}

/// How long to wait after the `failures`-th failure in a row (from 1):
/// a random time (`random` in `[0, 1)`) up to `poll_ms × 2^failures`, capped
/// at [`CAP_MS`] ("full jitter"), at least [`MIN_RETRY_MS`], and at least
/// what the server asked for with `Retry-After` (capped too). `None` when
/// the widget does not poll.
pub fn after_failure(
    poll_ms: u32,
    failures: u32,
    retry_after_ms: Option<u32>,
    random: f64,
) -> Option<u32> {
    if poll_ms == 0 {
        return None;
    }
    let ceiling = u64::from(poll_ms).saturating_mul(1 << failures.min(20)).min(CAP_MS.into());
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a fraction of a u32 in [0, 1) is a u32"
    )]
    let jittered = (ceiling as f64 * random.clamp(0.0, 1.0)) as u32;
    let asked = retry_after_ms.unwrap_or(0).min(CAP_MS);
    Some(jittered.max(MIN_RETRY_MS).max(asked).min(CAP_MS))
}

/// The `max-age` of a `Cache-Control` header, in milliseconds; `None` when
/// there is none, or the answer must not be reused as is (`no-cache`,
/// `no-store`).
pub fn max_age(cache_control: &str) -> Option<u32> {
    let mut age = None;
    for directive in cache_control.split(',') {
        let (name, value) = match directive.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim().trim_matches('"'))),
            None => (directive.trim(), None),
        };
        if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store") {
            return None;
        }
        if name.eq_ignore_ascii_case("max-age") {
            age = value.and_then(seconds);
        }
    }
    age
}

/// A `Retry-After` given in seconds, in milliseconds. (The other form, an
/// HTTP date, is the browser's to parse.)
pub fn retry_after(value: &str) -> Option<u32> {
    seconds(value.trim())
}

/// Whole seconds as milliseconds, saturating.
fn seconds(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // More digits than fit: a very long time.
    let n: u32 = s.parse().unwrap_or(u32::MAX);
    Some(n.saturating_mul(1000))
}

/// The `poll` attribute in milliseconds: whole seconds from 1 up to a day
/// ([`MAX_POLL_MS`]), `0` for never; anything else is the default.
pub fn interval(attribute: Option<&str>) -> u32 {
    let s = attribute.map_or("", str::trim);
    seconds(s).map_or(DEFAULT_POLL_S * 1000, |ms| ms.min(MAX_POLL_MS))
}

/// The `timeout` attribute in milliseconds: whole seconds from 1 up to
/// [`MAX_TIMEOUT_MS`]; anything else is the default, [`TIMEOUT_MS`].
pub fn timeout(attribute: Option<&str>) -> u32 {
    let s = attribute.map_or("", str::trim);
    seconds(s).filter(|&ms| ms > 0).map_or(TIMEOUT_MS, |ms| ms.min(MAX_TIMEOUT_MS))
}

/// The `max-size` attribute in bytes: a whole number of bytes, or of KiB or
/// MiB (`512k`, `8M`, `8 MB`: powers of 1024, case ignored), up to
/// [`MAX_MAX_SIZE`]; anything else, or 0, is the default, [`MAX_SIZE`].
pub fn max_size(attribute: Option<&str>) -> u32 {
    let s = attribute.map_or("", str::trim).to_ascii_lowercase();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let unit = unit.trim_start();
    let unit = unit.strip_suffix("ib").or_else(|| unit.strip_suffix('b')).unwrap_or(unit);
    let scale: u32 = match unit {
        "" => 1,
        "k" => 1024,
        "m" => 1024 * 1024,
        _ => return MAX_SIZE,
    };
    match number.parse::<u32>() {
        Ok(n) if n > 0 => n.saturating_mul(scale).min(MAX_MAX_SIZE),
        Ok(_) => MAX_SIZE,
        Err(_) if digits > 0 => MAX_MAX_SIZE,
        Err(_) => MAX_SIZE,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn max_size_reads_bytes_kib_and_mib() {
        assert_eq!(max_size(None), MAX_SIZE);
        assert_eq!(max_size(Some("65536")), 65_536);
        assert_eq!(max_size(Some(" 512k ")), 512 * 1024);
        assert_eq!(max_size(Some("8M")), 8 * 1024 * 1024);
        assert_eq!(max_size(Some("8 MB")), 8 * 1024 * 1024);
        assert_eq!(max_size(Some("2MiB")), 2 * 1024 * 1024);
        assert_eq!(max_size(Some("1KB")), 1024);
        assert_eq!(max_size(Some("999999M")), MAX_MAX_SIZE);
        assert_eq!(max_size(Some("99999999999999")), MAX_MAX_SIZE);
        for bad in ["", "0", "-1", "1.5M", "8G", "M", "8 M B", "lots", "1kbbb", "2mibib"] {
            assert_eq!(max_size(Some(bad)), MAX_SIZE, "{bad:?}");
        }
    }

    #[test]
    fn success_waits_for_the_interval_or_freshness() {
        assert_eq!(after_success(60_000, None), Some(60_000));
        assert_eq!(after_success(1_000, Some(3_000)), Some(3_000));
        assert_eq!(after_success(60_000, Some(3_000)), Some(60_000));
        assert_eq!(after_success(1_000, Some(u32::MAX)), Some(CAP_MS));
        assert_eq!(after_success(0, Some(3_000)), None);
    }

    #[test]
    fn failures_back_off_with_full_jitter_up_to_the_cap() {
        // The ceiling doubles with each failure...
        assert_eq!(after_failure(10_000, 1, None, 0.999_999), Some(19_999));
        assert_eq!(after_failure(10_000, 2, None, 0.999_999), Some(39_999));
        assert_eq!(after_failure(10_000, 3, None, 0.5), Some(40_000));
        // ...up to the cap, however many failures.
        assert_eq!(after_failure(10_000, 10, None, 0.999_999), Some(CAP_MS - 1));
        assert_eq!(after_failure(u32::MAX, 40, None, 1.0), Some(CAP_MS));
        // Never sooner than a second, never sooner than the server asked.
        assert_eq!(after_failure(1_000, 1, None, 0.0), Some(MIN_RETRY_MS));
        assert_eq!(after_failure(1_000, 1, Some(5_000), 0.3), Some(5_000));
        assert_eq!(after_failure(1_000, 1, Some(u32::MAX), 0.3), Some(CAP_MS));
        assert_eq!(after_failure(0, 1, Some(5_000), 0.3), None);
    }

    #[test]
    fn reads_cache_control() {
        assert_eq!(max_age("max-age=30"), Some(30_000));
        assert_eq!(max_age("public, MAX-AGE = \"5\", must-revalidate"), Some(5_000));
        assert_eq!(max_age("no-cache, max-age=30"), None);
        assert_eq!(max_age("max-age=30, no-store"), None);
        assert_eq!(max_age("max-age=-1"), None);
        assert_eq!(max_age("max-age=99999999999"), Some(u32::MAX));
        assert_eq!(max_age("s-maxage=30"), None);
        assert_eq!(max_age(""), None);
    }

    #[test]
    fn reads_retry_after_and_poll() {
        assert_eq!(retry_after(" 120 "), Some(120_000));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(interval(Some("1")), 1_000);
        assert_eq!(interval(Some("0")), 0);
        assert_eq!(interval(Some(" 30 ")), 30_000);
        assert_eq!(interval(Some("1.5")), 60_000);
        assert_eq!(interval(Some("-5")), 60_000);
        assert_eq!(interval(None), 60_000);
        assert_eq!(interval(Some("3600")), 3_600_000);
        assert_eq!(interval(Some("99999999")), MAX_POLL_MS);
        assert_eq!(timeout(Some("2")), 2_000);
        assert_eq!(timeout(Some("0")), TIMEOUT_MS);
        assert_eq!(timeout(Some("9999")), MAX_TIMEOUT_MS);
        assert_eq!(timeout(None), TIMEOUT_MS);
    }

    #[test]
    fn widgets_of_one_feed_ask_together() {
        let s = |poll_ms, timeout_ms, max_size| Settings { poll_ms, timeout_ms, max_size };
        assert_eq!(Settings::joint([]), Settings::default());
        assert_eq!(Settings::joint([s(0, 5, 10)]), s(0, 5, 10));
        assert_eq!(
            Settings::joint([s(60_000, 5_000, 10), s(0, 9_000, 30), s(30_000, 7_000, 20)]),
            s(30_000, 5_000, 30)
        );
    }
}
