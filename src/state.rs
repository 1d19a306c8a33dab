//! A widget's state from the states of its feeds: what it shows (its one
//! feed, or several merged, with what the reader dismissed from each), what
//! its element's `state` says, and the events that tell a page how a load
//! went (`loadstart`, then `load` or `error` or `abort`, then `loadend`,
//! like `<img>`).

use std::borrow::Cow;

use crate::dismiss::Dismissals;
use crate::error::Error;
use crate::feed::{self, Feed};
use crate::time::Timestamp;

/// What the element's `state` attribute says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Nothing confirmed yet by the network.
    Loading,
    /// Every feed answered.
    Ready,
    /// Some feed failed; what the others (or an earlier answer) said is shown.
    Stale,
    /// Every feed failed, and nothing good was ever seen.
    Error,
}

impl State {
    /// As the attribute writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            State::Loading => "loading",
            State::Ready => "ready",
            State::Stale => "stale",
            State::Error => "error",
        }
    }
}

/// Where one of a widget's feeds stands.
#[derive(Clone, Copy, Debug)]
pub struct Standing<'a> {
    /// Its URL.
    pub url: &'a str,
    /// The last good answer, if any.
    pub feed: Option<&'a Feed>,
    /// When it was fetched (last confirmed unchanged).
    pub at: Timestamp,
    /// Why the last load failed, if it did.
    pub failure: Option<&'a Error>,
    /// Whether the network has answered in this page view (the good answer
    /// may be one saved by an earlier one).
    pub confirmed: bool,
    /// What the reader dismissed from it.
    pub dismissed: &'a Dismissals,
}

impl Standing<'_> {
    /// What its entries are labelled with among several: its page's name,
    /// else its host.
    pub fn name(&self) -> String {
        let named = self.feed.map(|f| f.page.name.as_str()).filter(|n| !n.is_empty());
        named.map_or_else(|| host(self.url).to_owned(), str::to_owned)
    }
}

/// The host of an absolute URL (with its port), else the URL itself.
fn host(url: &str) -> &str {
    let Some((_, rest)) = url.split_once("://") else { return url };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if host.is_empty() {
        url
    } else {
        host
    }
}

/// The state once every feed's load has ended.
pub fn state(feeds: &[Standing<'_>]) -> State {
    let good = feeds.iter().filter(|f| f.feed.is_some()).count();
    let failed = feeds.iter().any(|f| f.failure.is_some());
    match (failed, good) {
        (false, _) if good == feeds.len() && feeds.iter().all(|f| f.confirmed) => State::Ready,
        (false, _) => State::Loading,
        (true, 0) => State::Error,
        (true, _) => State::Stale,
    }
}

/// Why the load failed, in one message: the one feed's error, or each
/// failing feed's URL and error; `None` when none failed.
pub fn failure(feeds: &[Standing<'_>]) -> Option<String> {
    let failed: Vec<(&str, &Error)> =
        feeds.iter().filter_map(|f| Some((f.url, f.failure?))).collect();
    match (failed.as_slice(), feeds.len()) {
        ([], _) => None,
        ([(_, error)], 1) => Some(error.message()),
        (several, _) => {
            let each: Vec<String> =
                several.iter().map(|(url, error)| [url, ": ", &error.message()].concat()).collect();
            Some(each.join("; "))
        }
    }
}

/// What a widget shows of its feeds.
#[derive(Debug)]
pub struct Gathered<'a> {
    /// Its one feed as it came, or several merged ([`feed::merge`]).
    pub feed: Cow<'a, Feed>,
    /// What the reader dismissed, as the feed shown names it.
    pub dismissed: Cow<'a, Dismissals>,
    /// With one feed: when it was fetched, if it could not be since.
    pub stale_since: Option<Timestamp>,
    /// With several: those that failed, by name, with when each was fetched.
    pub failing: Vec<(String, Option<Timestamp>)>,
    /// Whether the network has answered for every feed shown: only then is
    /// what it says news (a saved answer may be days old).
    pub confirmed: bool,
}

/// What there is to show; `None` before any feed was read.
pub fn gather<'a>(feeds: &[Standing<'a>]) -> Option<Gathered<'a>> {
    let confirmed = feeds.iter().all(|f| f.confirmed || f.feed.is_none());
    if let [one] = feeds {
        return Some(Gathered {
            feed: Cow::Borrowed(one.feed?),
            dismissed: Cow::Borrowed(one.dismissed),
            stale_since: one.failure.is_some().then_some(one.at),
            failing: Vec::new(),
            confirmed,
        });
    }
    let names: Vec<String> = feeds.iter().map(Standing::name).collect();
    let shown: Vec<(usize, &Feed, &str)> = feeds
        .iter()
        .zip(&names)
        .enumerate()
        .filter_map(|(i, (f, name))| Some((i, f.feed?, name.as_str())))
        .collect();
    if shown.is_empty() {
        return None;
    }
    let failing = feeds
        .iter()
        .zip(&names)
        .filter(|(f, _)| f.failure.is_some())
        .map(|(f, name)| (name.clone(), f.feed.map(|_| f.at)))
        .collect();
    Some(Gathered {
        feed: Cow::Owned(feed::merge(&shown)),
        dismissed: Cow::Owned(Dismissals::merged(feeds.iter().map(|f| f.dismissed))),
        stale_since: None,
        failing,
        confirmed,
    })
}

/// Which of `count` feeds an item of the view (by its identifier) came
/// from, and its identifier there: with one feed, that feed's.
pub fn owner(count: usize, id: &str) -> Option<(usize, &str)> {
    match count {
        1 => Some((0, id)),
        _ => feed::split(id).filter(|(index, _)| *index < count),
    }
}

/// An event that tells the page how a load went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// `loadstart`.
    LoadStart,
    /// `load`: every feed answered.
    Load,
    /// `error`, with the message in its `detail`.
    Error(String),
    /// `abort`: the load was overtaken (the widget's feeds changed).
    Abort,
    /// `loadend`, after each of the others.
    LoadEnd,
}

impl Event {
    /// Its name, as dispatched.
    pub const fn name(&self) -> &'static str {
        match self {
            Event::LoadStart => "loadstart",
            Event::Load => "load",
            Event::Error(_) => "error",
            Event::Abort => "abort",
            Event::LoadEnd => "loadend",
        }
    }
}

impl Event {
    /// How a load that ends with `failure` (or none) says so.
    pub fn ending(failure: Option<String>) -> Event {
        failure.map_or(Event::Load, Event::Error)
    }
}

/// Whether a widget's load is open: every `loadstart` is followed by
/// exactly one end (`load`, `error` or `abort`) and one `loadend`. The
/// shell dispatches the events this gives, and nothing else of the kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Load {
    open: bool,
}

impl Load {
    /// A load begins: `loadstart`, unless one is open already (the loads
    /// of several feeds, or of several tabs, are one load to the page).
    pub fn begin(&mut self) -> Option<Event> {
        (!std::mem::replace(&mut self.open, true)).then_some(Event::LoadStart)
    }

    /// Whether a `loadstart` awaits its `loadend`.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The open load closes, once its end (`load` or `error`) is told:
    /// `loadend`; nothing when none is open.
    pub fn close(&mut self) -> Option<Event> {
        std::mem::replace(&mut self.open, false).then_some(Event::LoadEnd)
    }

    /// The open load is overtaken: `abort`, then `loadend`; nothing when
    /// none is open.
    pub fn abort(&mut self) -> Vec<Event> {
        match self.close() {
            Some(end) => vec![Event::Abort, end],
            None => Vec::new(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dismiss::{Item, Kind};
    use crate::error::ErrorKind;
    use crate::feed::from_json_str;

    const NONE: &Dismissals = &Dismissals::EMPTY;

    #[allow(clippy::unwrap_used, reason = "a test's own feed")]
    fn page(name: &str, incident: &str) -> Feed {
        let text = format!(
            r#"{{"version": 1, "page": {{"name": "{name}"}}, "incidents": [{{"id": "{incident}",
            "title": "Slow", "impact": "minor", "started_at": "2026-11-21T09:00:00Z"}}]}}"#
        );
        from_json_str(&text).unwrap()
    }

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    /// A feed at `url`: with an answer or not, failing or not, confirmed or not.
    fn standing<'a>(
        url: &'a str,
        feed: Option<&'a Feed>,
        failure: Option<&'a Error>,
        confirmed: bool,
    ) -> Standing<'a> {
        Standing { url, feed, at: at(7), failure, confirmed, dismissed: NONE }
    }

    #[test]
    fn the_state_says_how_the_feeds_stand() {
        let feed = page("A", "1");
        let down = Error::new(ErrorKind::Http, "HTTP 503");
        let check = |feeds: &[Standing<'_>], expected: State| {
            assert_eq!(state(feeds), expected, "{feeds:?}");
        };
        let good = standing("https://a/", Some(&feed), None, true);
        let saved = standing("https://a/", Some(&feed), None, false);
        let stale = standing("https://a/", Some(&feed), Some(&down), true);
        let broken = standing("https://b/", None, Some(&down), false);
        let waiting = standing("https://b/", None, None, false);
        check(&[good], State::Ready);
        check(&[saved], State::Loading);
        check(&[waiting], State::Loading);
        check(&[stale], State::Stale);
        check(&[broken], State::Error);
        check(&[good, good], State::Ready);
        check(&[good, waiting], State::Loading);
        check(&[good, broken], State::Stale);
        check(&[broken, broken], State::Error);
    }

    #[test]
    fn failures_are_said_in_one_message() {
        let feed = page("A", "1");
        let down = Error::new(ErrorKind::Http, "HTTP 503");
        let slow = Error::new(ErrorKind::Timeout, "no answer within 15 s");
        let good = standing("https://a/", Some(&feed), None, true);
        assert_eq!(failure(&[good]), None);
        let one = standing("https://a/", None, Some(&down), true);
        assert_eq!(failure(&[one]).unwrap(), "the feed's server answered with an error: HTTP 503");
        let two = standing("https://b/", None, Some(&slow), true);
        assert_eq!(
            failure(&[good, one, two]).unwrap(),
            "https://a/: the feed's server answered with an error: HTTP 503; \
             https://b/: the feed took too long to answer: no answer within 15 s"
        );
        // One of several failing names its URL too.
        assert_eq!(
            failure(&[good, two]).unwrap(),
            "https://b/: the feed took too long to answer: no answer within 15 s"
        );
    }

    #[test]
    fn one_feed_is_shown_as_it_came() {
        let feed = page("A", "1");
        let down = Error::new(ErrorKind::Network, "");
        let gathered = gather(&[standing("https://a/", Some(&feed), None, true)]).unwrap();
        assert!(matches!(gathered.feed, Cow::Borrowed(_)));
        assert_eq!((gathered.stale_since, gathered.confirmed), (None, true));
        let stale = gather(&[standing("https://a/", Some(&feed), Some(&down), true)]).unwrap();
        assert_eq!(stale.stale_since, Some(at(7)));
        assert!(gather(&[standing("https://a/", None, Some(&down), true)]).is_none());
        assert!(gather(&[]).is_none());
    }

    #[test]
    fn several_feeds_are_merged_and_name_those_that_fail() {
        let (a, b) = (page("Alpha", "1"), page("", "2"));
        let down = Error::new(ErrorKind::Network, "");
        let feeds = [
            standing("https://a.example/feed.json", Some(&a), None, true),
            standing("https://user@b.example:8443/x?y#z", Some(&b), Some(&down), true),
            standing("not a url", None, Some(&down), false),
        ];
        let gathered = gather(&feeds).unwrap();
        let ids: Vec<&str> = gathered.feed.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["0:1", "1:2"]);
        assert_eq!(gathered.feed.page.name, "Alpha, b.example:8443");
        assert_eq!(
            gathered.failing,
            [("b.example:8443".to_owned(), Some(at(7))), ("not a url".to_owned(), None)]
        );
        assert!(gathered.confirmed, "what has no answer has nothing to confirm");
        // A saved answer not yet confirmed is not news.
        let saved = [feeds[0], standing("https://b/", Some(&b), None, false)];
        assert!(!gather(&saved).unwrap().confirmed);
        assert!(gather(&[
            standing("https://a/", None, None, false),
            standing("https://b/", None, None, false)
        ])
        .is_none());
    }

    #[test]
    fn dismissals_are_named_as_the_merged_feed_names_them() {
        let (a, b) = (page("A", "1"), page("B", "1"));
        let item = |id: &str, kind| Item { kind, id: id.to_owned(), severity: 1, changed: at(0) };
        let mut first = Dismissals::default();
        first.dismiss(item("1", Kind::Incident), at(1));
        let mut second = Dismissals::default();
        second.dismiss(item("1", Kind::Incident), at(2));
        second.dismiss(item("", Kind::Overall), at(2));
        let feeds = [
            Standing { dismissed: &first, ..standing("https://a/", Some(&a), None, true) },
            Standing { dismissed: &second, ..standing("https://b/", Some(&b), None, true) },
        ];
        let gathered = gather(&feeds).unwrap();
        assert!(gathered.dismissed.covers(&item("0:1", Kind::Incident)));
        assert!(gathered.dismissed.covers(&item("1:1", Kind::Incident)));
        assert!(!gathered.dismissed.covers(&item("1", Kind::Incident)));
        // The overall status is every feed's: it keeps its name.
        assert!(gathered.dismissed.covers(&item("", Kind::Overall)));
    }

    #[test]
    fn an_item_goes_back_to_the_feed_it_came_from() {
        assert_eq!(owner(1, "k-1"), Some((0, "k-1")));
        assert_eq!(owner(1, "2:k-1"), Some((0, "2:k-1")));
        assert_eq!(owner(3, "2:k-1"), Some((2, "k-1")));
        assert_eq!(owner(3, "3:k-1"), None);
        assert_eq!(owner(3, "k-1"), None);
        assert_eq!(owner(0, "k-1"), None);
    }

    /// What the shell dispatches for a load that begins (perhaps again)
    /// `begins` times, then ends with `failure`.
    fn load(load: &mut Load, begins: usize, failure: Option<&str>) -> Vec<Event> {
        let mut events: Vec<Event> = (0..begins).filter_map(|_| load.begin()).collect();
        events.extend(load.begin());
        events.push(Event::ending(failure.map(str::to_owned)));
        events.extend(load.close());
        events
    }

    #[test]
    fn every_loadstart_has_one_end_and_one_loadend() {
        use Event::{Abort, Error, Load as Loaded, LoadEnd, LoadStart};
        let mut state = Load::default();
        assert_eq!(load(&mut state, 1, None), [LoadStart, Loaded, LoadEnd]);
        // The loads of several feeds are one load to the page.
        assert_eq!(load(&mut state, 3, None), [LoadStart, Loaded, LoadEnd]);
        // A load that began elsewhere (another tab) begins as it ends.
        assert_eq!(
            load(&mut state, 0, Some("HTTP 503")),
            [LoadStart, Error("HTTP 503".into()), LoadEnd]
        );
        assert!(!state.is_open());
        assert_eq!(state.abort(), []);
        assert_eq!(state.begin(), Some(LoadStart));
        assert!(state.is_open());
        assert_eq!(state.abort(), [Abort, LoadEnd]);
        assert_eq!((state.abort(), state.close()), (vec![], None));
        let names: Vec<&str> = load(&mut state, 1, None).iter().map(Event::name).collect();
        assert_eq!(names, ["loadstart", "load", "loadend"]);
    }
}
