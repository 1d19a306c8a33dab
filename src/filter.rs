//! What a widget is asked to show of a feed: some components only, some
//! kinds of notice, so many days of history.
//!
//! A [`Filter`] turns a feed into the smaller feed the views then render,
//! so that every mode (and the `status-change` summary) agrees on what is
//! in it. A filter that keeps everything costs nothing: the feed is
//! borrowed as it is.

use std::borrow::Cow;

use crate::feed::{Component, ComponentRef, Feed, Impact, Incident};
use crate::time::Timestamp;

const MS_PER_DAY: i64 = 24 * 60 * 60 * 1000;

/// The most days of history a filter can ask for (about 100 years).
pub const MAX_DAYS: u32 = 36_500;

/// What to keep of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Component names, ids or group names; empty for all. They match
    /// whatever the case of ASCII letters (a full Unicode case fold would
    /// cost the wasm build its tables).
    pub components: Vec<String>,
    /// Whether incidents are kept.
    pub incidents: bool,
    /// Whether maintenance is kept.
    pub maintenance: bool,
    /// How many days of history are kept; `None` for all.
    pub days: Option<u32>,
}

impl Default for Filter {
    fn default() -> Self {
        Filter { components: Vec::new(), incidents: true, maintenance: true, days: None }
    }
}

/// A comma-separated list, trimmed, without empty items.
fn list(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
}

impl Filter {
    /// Reads the `components` attribute: names, ids or group names.
    pub fn components(value: Option<&str>) -> Vec<String> {
        value.map(list).unwrap_or_default()
    }

    /// Reads the `kinds` attribute (`incidents`, `maintenance`, or both);
    /// the second value lists what was not understood.
    pub fn kinds(value: Option<&str>) -> ((bool, bool), Vec<String>) {
        let Some(value) = value else { return ((true, true), Vec::new()) };
        let items = list(value);
        let known =
            |k: &String| ["incidents", "maintenance"].iter().any(|n| k.eq_ignore_ascii_case(n));
        let unknown: Vec<String> = items.iter().filter(|k| !known(k)).cloned().collect();
        let has = |kind: &str| items.iter().any(|k| k.eq_ignore_ascii_case(kind));
        match (has("incidents"), has("maintenance")) {
            // Nothing understood: everything, rather than a widget that is
            // always empty.
            (false, false) => ((true, true), unknown),
            kinds => (kinds, unknown),
        }
    }

    /// Reads the `days` attribute: a whole number of days, at least 1.
    pub fn days(value: Option<&str>) -> Option<u32> {
        let days: u32 = value?.trim().parse().ok()?;
        (days > 0).then_some(days.min(MAX_DAYS))
    }

    /// Whether the filter keeps every feed as it is.
    pub fn keeps_all(&self) -> bool {
        self.components.is_empty() && self.incidents && self.maintenance && self.days.is_none()
    }

    /// Whether `name` is one of those asked for.
    fn names(&self, name: &str) -> bool {
        self.components.iter().any(|c| c.eq_ignore_ascii_case(name))
    }

    fn wants(&self, component: &Component) -> bool {
        let named = |name: &str| self.names(name);
        named(&component.id)
            || named(&component.name)
            || component.group.as_deref().is_some_and(named)
    }

    /// Whether an incident touches one of the components asked for: by id
    /// or name, or through a component of the feed's list that is wanted.
    fn touches(&self, refs: &[ComponentRef], wanted: &[Component]) -> bool {
        refs.iter().any(|r| {
            self.names(&r.id) || self.names(&r.name) || wanted.iter().any(|c| c.id == r.id)
        })
    }

    /// What is left of `feed` at `now`.
    ///
    /// With components asked for, only those (and the incidents and
    /// maintenance that name them) are kept, and the page's own overall
    /// status no longer speaks for what is shown: it is worked out from the
    /// components kept. Incidents still going on and maintenance still to
    /// come are kept whatever `days` says.
    pub fn apply<'a>(&self, feed: &'a Feed, now: Timestamp) -> Cow<'a, Feed> {
        if self.keeps_all() {
            return Cow::Borrowed(feed);
        }
        let mut out = Feed {
            format: feed.format,
            page: feed.page.clone(),
            status: feed.status.clone(),
            components: feed.components.clone(),
            incidents: Vec::new(),
            maintenance: Vec::new(),
            skipped: feed.skipped.clone(),
        };
        if !self.components.is_empty() {
            out.components.retain(|c| self.wants(c));
            out.status = None;
        }
        let since = self.days.map(|d| now.as_millis().saturating_sub(i64::from(d) * MS_PER_DAY));
        let keep = |i: &&Incident| {
            let kind = match i.impact {
                Impact::Maintenance => self.maintenance,
                _ => self.incidents,
            };
            let recent = match since {
                None => true,
                Some(since) => {
                    i.is_active() || i.resolved_at.unwrap_or(i.started_at).as_millis() >= since
                }
            };
            let touches =
                self.components.is_empty() || self.touches(&i.components, &out.components);
            kind && recent && touches
        };
        out.incidents = feed.incidents.iter().filter(keep).cloned().collect();
        out.maintenance = feed.maintenance.iter().filter(keep).cloned().collect();
        Cow::Owned(out)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::feed::{from_json_str, ComponentStatus};

    const NOW: &str = "2026-11-21T12:00:00Z";

    fn feed() -> Feed {
        from_json_str(
            r#"{
            "version": 1,
            "page": { "name": "P" },
            "status": { "indicator": "critical" },
            "components": [
                { "id": "api", "name": "API", "status": "degraded_performance" },
                { "id": "eu", "name": "Europe", "group": "Edge", "status": "major_outage" },
                { "id": "us", "name": "Americas", "group": "Edge", "status": "operational" }
            ],
            "incidents": [
                { "id": "a", "title": "API slow", "impact": "minor", "components": ["api"],
                  "started_at": "2026-11-21T10:00:00Z" },
                { "id": "e", "title": "EU down", "impact": "critical", "components": ["eu"],
                  "started_at": "2026-11-21T11:00:00Z" },
                { "id": "old", "title": "Old", "impact": "major", "components": ["api"],
                  "started_at": "2026-10-01T10:00:00Z", "resolved_at": "2026-10-01T11:00:00Z" },
                { "id": "none", "title": "Nothing named", "impact": "minor",
                  "started_at": "2026-11-20T10:00:00Z", "resolved_at": "2026-11-20T11:00:00Z" }
            ],
            "maintenance": [
                { "id": "m", "title": "Upgrade", "components": ["api"],
                  "scheduled_for": "2026-11-28T06:00:00Z", "scheduled_until": "2026-11-28T08:00:00Z" }
            ]
        }"#,
        )
        .unwrap_or_else(|e| unreachable!("{}", e.message()))
    }

    fn ids(incidents: &[Incident]) -> Vec<&str> {
        incidents.iter().map(|i| i.id.as_str()).collect()
    }

    fn now() -> Timestamp {
        Timestamp::parse(NOW).unwrap_or(Timestamp::from_millis(0))
    }

    #[test]
    fn keeping_everything_borrows() {
        let feed = feed();
        assert!(matches!(Filter::default().apply(&feed, now()), Cow::Borrowed(_)));
    }

    #[test]
    fn keeps_what_touches_the_components_asked_for() {
        let feed = feed();
        let filter = Filter { components: Filter::components(Some(" API ")), ..Filter::default() };
        let kept = filter.apply(&feed, now());
        assert_eq!(kept.components.len(), 1);
        assert_eq!(ids(&kept.incidents), ["a", "old"]);
        assert_eq!(ids(&kept.maintenance), ["m"]);
        // The page's critical status is about Europe, not the API.
        assert_eq!(kept.status, None);
        assert_eq!(kept.indicator(), Impact::Minor);

        // A group name asks for its members; an id for one.
        for asked in ["edge", "eu", "Europe"] {
            let filter =
                Filter { components: Filter::components(Some(asked)), ..Filter::default() };
            let kept = filter.apply(&feed, now());
            assert_eq!(ids(&kept.incidents), ["e"], "{asked}");
            assert!(kept.components.iter().all(|c| c.group.as_deref() == Some("Edge")));
            assert_eq!(kept.indicator(), Impact::Critical);
        }
        let filter = Filter { components: Filter::components(Some("us")), ..Filter::default() };
        let kept = filter.apply(&feed, now());
        assert!(kept.incidents.is_empty());
        assert_eq!(kept.components.first().map(|c| c.status), Some(ComponentStatus::Operational));
        assert_eq!(kept.indicator(), Impact::None);
    }

    #[test]
    fn keeps_the_kinds_asked_for() {
        let feed = feed();
        let ((incidents, maintenance), unknown) = Filter::kinds(Some("maintenance, bogus"));
        assert_eq!(unknown, ["bogus"]);
        let filter = Filter { incidents, maintenance, ..Filter::default() };
        let kept = filter.apply(&feed, now());
        assert!(kept.incidents.is_empty());
        assert_eq!(ids(&kept.maintenance), ["m"]);
        assert_eq!(Filter::kinds(Some("nothing")).0, (true, true));
        assert_eq!(Filter::kinds(Some("Incidents")).0, (true, false));
    }

    #[test]
    fn keeps_the_days_asked_for_and_what_is_still_going_on() {
        let feed = feed();
        let filter = Filter { days: Filter::days(Some("7")), ..Filter::default() };
        let kept = filter.apply(&feed, now());
        assert_eq!(ids(&kept.incidents), ["a", "e", "none"]);
        assert_eq!(ids(&kept.maintenance), ["m"]);
        assert_eq!(Filter::days(Some("0")), None);
        assert_eq!(Filter::days(Some("-3")), None);
        assert_eq!(Filter::days(Some("x")), None);
        assert_eq!(Filter::days(Some("99999999")), Some(MAX_DAYS));
    }
}
