//! Several feeds shown as one: a widget whose `src` lists several pages
//! (a team's own and its vendors') shows one banner, one timeline, one
//! component list, each entry labelled with the page it comes from.
//!
//! The identifiers of incidents are made unique by the place of their feed
//! in the list (`1:k-101`), so that what the reader dismisses, and what the
//! live region says, goes back to the feed it came from ([`split`]).
//! Components keep theirs: a filter by `api` keeps every page's API.

use super::{Feed, Format, Overall, Page};

/// The feeds of a widget's sources shown as one: each with the place of
/// its source in the widget's `src` and the name to label its entries
/// with. The page is named after them all, its status is the worst they
/// state, its components are grouped by page, and its incidents and
/// maintenance say their page and carry their source's place in their
/// identifier.
pub fn merge(feeds: &[(usize, &Feed, &str)]) -> Feed {
    let format = feeds.first().map_or(Format::V1, |(_, feed, _)| feed.format);
    let names: Vec<&str> = feeds.iter().map(|(_, _, label)| *label).collect();
    let page = Page { name: names.join(", "), url: None };
    let mut out = Feed::new(format, page, None, Vec::new(), Default::default());
    // The worst status any page states, or none if no page states one (the
    // components then tell it).
    let worst =
        feeds.iter().map(|(_, feed, _)| feed.indicator()).max_by_key(|impact| impact.severity());
    let stated = feeds.iter().any(|(_, feed, _)| feed.status.is_some());
    for &(index, feed, label) in feeds {
        out.components.extend(feed.components.iter().map(|c| {
            let mut c = c.clone();
            c.group = Some(match c.group.take() {
                Some(group) => [label, " / ", &group].concat(),
                None => label.to_owned(),
            });
            c
        }));
        let lists =
            [(&feed.incidents, &mut out.incidents), (&feed.maintenance, &mut out.maintenance)];
        for (from, to) in lists {
            to.extend(from.iter().map(|i| {
                let mut i = i.clone();
                i.id = prefixed(index, &i.id);
                i.page = Some(label.to_owned());
                i
            }));
        }
        out.skipped.incidents += feed.skipped.incidents;
        out.skipped.updates += feed.skipped.updates;
        out.skipped.components += feed.skipped.components;
    }
    out.status = match (stated, worst) {
        (true, Some(indicator)) => Some(Overall { indicator, description: None }),
        _ => None,
    };
    out
}

/// The identifier of an entry of the `index`th feed, in the merged feed.
pub fn prefixed(index: usize, id: &str) -> String {
    let index = crate::number::decimal(i64::try_from(index).unwrap_or(i64::MAX));
    [index.as_str(), ":", id].concat()
}

/// Which feed an identifier of the merged feed came from, and its own
/// identifier there; `None` for one that names no feed (the overall status).
pub fn split(id: &str) -> Option<(usize, &str)> {
    let (index, rest) = id.split_once(':')?;
    Some((index.parse().ok()?, rest))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::feed::{from_json_str, Impact};

    fn feed(json: &str) -> Feed {
        from_json_str(json).unwrap_or_else(|e| {
            Feed::new(
                Format::V1,
                Page { name: e.to_string(), url: None },
                None,
                Vec::new(),
                Default::default(),
            )
        })
    }

    #[test]
    fn several_are_labelled_and_kept_apart() {
        let a = feed(
            r#"{"version":1,"page":{"name":"A"},"status":{"indicator":"minor"},
                "components":[{"id":"api","name":"API","status":"degraded_performance"}],
                "incidents":[{"id":"1","title":"Slow","impact":"minor","components":["api"],
                              "started_at":"2026-11-21T10:00:00Z"}]}"#,
        );
        let b = feed(
            r#"{"version":1,"page":{"name":"B"},"status":{"indicator":"major"},
                "components":[{"id":"api","name":"API","status":"partial_outage","group":"Core"}],
                "incidents":[{"id":"1","title":"Down","impact":"major",
                              "started_at":"2026-11-21T11:00:00Z"}]}"#,
        );
        let merged = merge(&[(0, &a, "A"), (1, &b, "Vendor B")]);
        assert_eq!(merged.page.name, "A, Vendor B");
        assert_eq!(merged.indicator(), Impact::Major);
        let ids: Vec<&str> = merged.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["api", "api"]);
        let groups: Vec<_> = merged.components.iter().map(|c| c.group.as_deref()).collect();
        assert_eq!(groups, [Some("A"), Some("Vendor B / Core")]);
        let incidents: Vec<_> =
            merged.incidents.iter().map(|i| (i.id.as_str(), i.page.as_deref())).collect();
        assert_eq!(incidents, [("0:1", Some("A")), ("1:1", Some("Vendor B"))]);
        assert_eq!(split("1:1"), Some((1, "1")));
        assert_eq!(split("0:a:b"), Some((0, "a:b")));
        assert_eq!(split(""), None);
    }

    #[test]
    fn pages_that_state_no_status_are_told_by_their_components() {
        let a =
            feed(r#"{"version":1,"components":[{"id":"x","name":"X","status":"major_outage"}]}"#);
        let b =
            feed(r#"{"version":1,"components":[{"id":"y","name":"Y","status":"operational"}]}"#);
        let merged = merge(&[(0, &a, "A"), (2, &b, "B")]);
        assert_eq!(merged.status, None);
        assert_eq!(merged.indicator(), Impact::Critical);
    }
}
