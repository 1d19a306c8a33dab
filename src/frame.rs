//! What a widget draws of what it shows ([`Gathered`]), at an instant: its
//! feeds filtered once, the view in its mode, the summary its
//! `status-change` event carries; what its live region may say of that; and
//! where the reader's dismissal of the banner goes.

use std::borrow::Cow;

use crate::dismiss::{Item, Kind};
use crate::feed::Feed;
use crate::state::{owner, Gathered};
use crate::summary::Summary;
use crate::time::Timestamp;
use crate::view::{self, Context, Node, Notice, Options};

/// One frame of a widget.
#[derive(Debug)]
pub struct Frame<'a> {
    /// What the filter kept of the feeds.
    pub kept: Cow<'a, Feed>,
    /// The view; `None` when the mode shows nothing (all is well).
    pub view: Option<Node>,
    /// What `status-change` says of it.
    pub summary: Summary,
    /// The widget asks for components none of the feeds has: a misspelt
    /// name would show all well whatever the page says.
    pub unmatched: bool,
}

impl<'a> Frame<'a> {
    /// The frame of `gathered` in `options`, at `now`.
    pub fn of(gathered: &'a Gathered<'_>, options: &Options, now: Timestamp) -> Frame<'a> {
        let kept = options.filter.apply(&gathered.feed, now);
        let context = Context {
            dismissed: Some(&gathered.dismissed),
            stale_since: gathered.stale_since,
            failing: &gathered.failing,
        };
        let view = view::render_kept(&kept, options, now, &context);
        let unmatched = !options.filter.components.is_empty()
            && !gathered.feed.components.is_empty()
            && kept.components.is_empty();
        let summary = Summary::of(&kept, now);
        Frame { kept, view, summary, unmatched }
    }

    /// Whether it shows something else than the frame that showed `view`
    /// with `summary` (`None`: nothing shown yet).
    pub fn differs(&self, before: Option<(&Option<Node>, &Summary)>) -> bool {
        before.is_none_or(|(view, summary)| *view != self.view || *summary != self.summary)
    }

    /// What the live region may say of it, at `now`: the notices that are
    /// news (as `news` says, by their key and the place of their feed among
    /// `feeds`), then how many more there are; `None` when there is none.
    /// The second value says whether any is urgent.
    pub fn news(
        &self,
        now: Timestamp,
        feeds: usize,
        mut news: impl FnMut(usize, &str) -> bool,
    ) -> Option<(Vec<Node>, bool)> {
        let notices = view::notices_kept(&self.kept, now);
        let fresh: Vec<&Notice> = notices
            .iter()
            .filter(|notice| {
                let id = notice.key.split('\n').next().unwrap_or_default();
                owner(feeds, id).is_some_and(|(index, _)| news(index, &notice.key))
            })
            .collect();
        if fresh.is_empty() {
            return None;
        }
        let urgent = fresh.iter().any(|n| n.urgent);
        let mut said: Vec<Node> = view::said(&fresh).into_iter().cloned().collect();
        said.extend(view::not_said(&fresh));
        Some((said, urgent))
    }
}

/// Where the reader's dismissal of what the banner of `gathered` shows
/// goes: the item as its feed names it, and the place of that feed among
/// `feeds` (`None`: every feed's, as the overall status is).
pub fn dismissal(
    gathered: &Gathered<'_>,
    options: &Options,
    now: Timestamp,
    feeds: usize,
) -> Option<(Option<usize>, Item)> {
    let item = view::shown_item(&gathered.feed, options, now, Some(&gathered.dismissed))?;
    if item.kind == Kind::Overall {
        return Some((None, item));
    }
    let (index, id) = owner(feeds, &item.id)?;
    let id = id.to_owned();
    Some((Some(index), Item { id, ..item }))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dismiss::Dismissals;
    use crate::feed::from_json_str;
    use crate::state::{gather, Standing};
    use crate::view::Mode;

    #[allow(clippy::unwrap_used, reason = "a test's own time")]
    fn at(time: &str) -> Timestamp {
        Timestamp::parse(time).unwrap()
    }

    #[allow(clippy::unwrap_used, reason = "a test's own feed")]
    fn page(name: &str) -> Feed {
        let text = format!(
            r#"{{"version": 1, "page": {{"name": "{name}"}},
            "components": [{{"id": "api", "name": "API", "status": "degraded_performance"}}],
            "incidents": [{{"id": "k-1", "title": "Slow API", "impact": "minor",
                "started_at": "2026-11-21T09:00:00Z", "components": ["api"],
                "updates": [{{"status": "identified", "at": "2026-11-21T09:10:00Z", "body": "A fix is on its way."}}]}}]}}"#
        );
        from_json_str(&text).unwrap()
    }

    fn standing<'a>(feed: &'a Feed, dismissed: &'a Dismissals) -> Standing<'a> {
        Standing {
            url: "https://a/",
            feed: Some(feed),
            at: at("2026-11-21T09:30:00Z"),
            failure: None,
            confirmed: true,
            dismissed,
        }
    }

    #[test]
    fn a_frame_is_the_view_and_summary_of_what_the_filter_kept() {
        let (feed, none) = (page("Kestrel"), Dismissals::default());
        let gathered = gather(&[standing(&feed, &none)]).unwrap();
        let now = at("2026-11-21T10:00:00Z");
        let frame = Frame::of(&gathered, &Options::default(), now);
        assert!(frame.view.is_some() && !frame.unmatched);
        assert_eq!((frame.summary.status, frame.summary.incidents.len()), ("minor", 1));
        assert!(frame.differs(None));
        assert!(!frame.differs(Some((&frame.view, &frame.summary))));
        assert!(frame.differs(Some((&None, &frame.summary))));
        // Components that none of the feeds has: all is well, and it says so.
        let mut options = Options { mode: Mode::Badge, ..Options::default() };
        options.filter.components = vec!["Payments".to_owned()];
        let frame = Frame::of(&gathered, &options, now);
        assert!(frame.unmatched);
        assert_eq!(frame.summary.status, "none");
    }

    #[test]
    fn the_live_region_says_what_is_news_once() {
        let (feed, none) = (page("Kestrel"), Dismissals::default());
        let gathered = gather(&[standing(&feed, &none)]).unwrap();
        let frame = Frame::of(&gathered, &Options::default(), at("2026-11-21T10:00:00Z"));
        let mut said = Vec::new();
        let mut news = |index: usize, key: &str| {
            let fresh = !said.contains(&key.to_owned());
            said.push(key.to_owned());
            assert_eq!(index, 0);
            fresh
        };
        let (notices, urgent) = frame.news(at("2026-11-21T10:00:00Z"), 1, &mut news).unwrap();
        assert_eq!((notices.len(), urgent), (1, false));
        assert!(frame.news(at("2026-11-21T10:00:00Z"), 1, &mut news).is_none(), "said once");
    }

    #[test]
    fn a_dismissal_goes_back_to_the_feed_it_came_from() {
        let (a, b, none) = (page("A"), page("B"), Dismissals::default());
        let now = at("2026-11-21T10:00:00Z");
        let one = gather(&[standing(&a, &none)]).unwrap();
        let (place, item) = dismissal(&one, &Options::default(), now, 1).unwrap();
        assert_eq!((place, item.id.as_str(), item.kind), (Some(0), "k-1", Kind::Incident));
        let two = gather(&[standing(&a, &none), standing(&b, &none)]).unwrap();
        let (place, item) = dismissal(&two, &Options::default(), now, 2).unwrap();
        assert_eq!(item.id, "k-1", "its own feed's identifier");
        assert!(place.is_some());
        // Nothing shown: nothing to dismiss.
        let fine = Frame::of(&one, &Options::default(), now);
        assert!(fine.view.is_some());
        let mut dismissed = Dismissals::default();
        dismissed.dismiss(item, now);
        let gone = gather(&[standing(&a, &dismissed)]).unwrap();
        assert!(dismissal(&gone, &Options::default(), now, 1).is_none());
    }
}
