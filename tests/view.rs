//! Feeds in, views out: what the banner and the timeline show for each
//! fixture at a given instant, written as HTML by the string backend and
//! compared with `tests/fixtures/views/*.html` (`UPDATE_EXPECT=1` rewrites
//! them). Then the properties every view must have, whatever the feed.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

mod common;

use std::path::Path;

use common::{expect_file, fixtures};

use status_widget::dismiss::Dismissals;
use status_widget::feed::{self, Feed};
use status_widget::filter::Filter;
use status_widget::summary::Summary;
use status_widget::time::Timestamp;
use status_widget::view::{self, markup, Attr, Context, Mode, Node, Options, Pick, Text};

fn read(fixture: &str) -> Feed {
    let text = std::fs::read_to_string(fixtures().join(fixture)).unwrap();
    feed::from_json_str(&text).unwrap()
}

fn at(time: &str) -> Timestamp {
    Timestamp::parse(time).unwrap()
}

fn render(feed: &Feed, mode: Mode, now: Timestamp) -> Option<Node> {
    view::render(feed, &Options { mode, ..Options::default() }, now, &Context::default())
}

/// Renders `fixture` in `mode` at `now` and compares with `views/{name}.html`.
fn check(name: &str, fixture: &str, mode: Mode, now: &str) {
    check_with(name, fixture, &Options { mode, ..Options::default() }, now);
}

/// The same, with `options`.
fn check_with(name: &str, fixture: &str, options: &Options, now: &str) {
    let now = at(now);
    let actual = match view::render(&read(fixture), options, now, &Context::default()) {
        Some(node) => markup::to_markup(&node, now) + "\n",
        None => "(nothing)\n".to_owned(),
    };
    expect_file(&fixtures().join("views").join(format!("{name}.html")), &actual);
}

#[test]
fn banners() {
    use Mode::Banner;
    // The most severe active incident, its latest update, when, and a link.
    check("banner-incident", "statuspage/summary.json", Banner, "2024-03-05T14:30:00-08:00");
    check("banner-incident-v1", "v1/full.json", Banner, "2026-11-21T09:00:00-08:00");
    // No incident: maintenance under way (by its status).
    check(
        "banner-maintenance",
        "statuspage/scheduled-maintenances.json",
        Banner,
        "2024-11-03T01:30:00-05:00",
    );
    // No incident and no maintenance, but the page reports trouble.
    check(
        "banner-overall-components",
        "statuspage/components.json",
        Banner,
        "2024-03-05T15:00:00Z",
    );
    check("banner-overall-status", "statuspage/status.json", Banner, "2024-03-05T15:00:00Z");
    // All is well: nothing at all.
    check("banner-operational", "v1/operational.json", Banner, "2026-11-21T09:00:00Z");
    check("banner-resolved-only", "statuspage/incidents.json", Banner, "2024-07-20T00:00:00Z");
    // Unknown values are shown sensibly.
    check("banner-unknown-values", "tolerant/unknown-values.json", Banner, "2026-11-21T10:30:00Z");
}

#[test]
fn timelines() {
    use Mode::Timeline;
    check("timeline-statuspage", "statuspage/incidents.json", Timeline, "2024-07-20T00:00:00Z");
    check("timeline-v1", "v1/full.json", Timeline, "2026-11-21T09:00:00-08:00");
    check("timeline-empty", "v1/minimal.json", Timeline, "2026-11-21T09:00:00Z");
    check(
        "timeline-malformed",
        "tolerant/malformed-entries.json",
        Timeline,
        "2026-11-21T09:00:00Z",
    );
}

#[test]
fn badges() {
    let badge = |extra: fn(&mut Options)| {
        let mut options = Options { mode: Mode::Badge, ..Options::default() };
        extra(&mut options);
        options
    };
    // The page's status, in words, linking to the page.
    check_with(
        "badge-outage",
        "statuspage/summary.json",
        &badge(|_| {}),
        "2024-03-05T14:30:00-08:00",
    );
    // Only the components asked for: their status, not the page's.
    let api = badge(|o| o.filter.components = Filter::components(Some("dashboard, nothing")));
    check_with("badge-filtered", "statuspage/summary.json", &api, "2024-03-05T14:30:00-08:00");
    // All operational: said, or nothing when asked to hide.
    check_with("badge-operational", "v1/operational.json", &badge(|_| {}), "2026-11-21T09:00:00Z");
    let hidden = badge(|o| o.hide_when_operational = Some(true));
    check_with("badge-hidden", "v1/operational.json", &hidden, "2026-11-21T09:00:00Z");
}

#[test]
fn component_lists() {
    let list = Options { mode: Mode::Components, ..Options::default() };
    // Groups fold their members, open when one is in trouble.
    check_with(
        "components-statuspage",
        "statuspage/summary.json",
        &list,
        "2024-03-05T14:30:00-08:00",
    );
    check_with("components-v1", "v1/full.json", &list, "2026-11-21T09:00:00Z");
    let none = Options {
        filter: Filter { components: vec!["nothing".into()], ..Filter::default() },
        ..list.clone()
    };
    check_with("components-none", "v1/full.json", &none, "2026-11-21T09:00:00Z");
    // Named by the host, for a page with two lists of one feed.
    let named = Options { label: Some("Our platform".into()), ..Options::default() };
    let now = at("2026-11-21T09:00:00Z");
    let html = markup::to_markup(
        &view::render(&read("v1/full.json"), &named, now, &Context::default()).unwrap(),
        now,
    );
    assert!(html.contains(r#"aria-label="Our platform""#), "{html}");
}

#[test]
fn a_banner_asked_to_can_say_all_is_well() {
    let options = Options { hide_when_operational: Some(false), ..Options::default() };
    check_with("banner-all-well", "v1/operational.json", &options, "2026-11-21T09:00:00Z");
    assert!(
        render(&read("v1/operational.json"), Mode::Banner, at("2026-11-21T09:00:00Z")).is_none()
    );
}

#[test]
fn a_timeline_keeps_the_days_asked_for() {
    let options = Options {
        mode: Mode::Timeline,
        filter: Filter { days: Some(2), ..Filter::default() },
        ..Options::default()
    };
    check_with("timeline-no-recent", "statuspage/incidents.json", &options, "2026-11-21T09:00:00Z");
    let feed = read("statuspage/incidents.json");
    let now = at("2024-03-06T09:00:00Z");
    let html =
        markup::to_markup(&view::render(&feed, &options, now, &Context::default()).unwrap(), now);
    assert!(html.contains("part=\"incident\""), "{html}");
}

#[test]
fn the_live_region_hears_of_what_is_going_on_once() {
    let feed = read("v1/full.json");
    let now = at("2026-11-21T18:00:00Z");
    let notices = view::notices(&feed, &Options::default(), now);
    let said: Vec<String> = notices.iter().map(|n| markup::to_markup(&n.node, now)).collect();
    assert_eq!(notices.len(), 2, "{said:?}");
    assert!(said[0].contains("Delayed deployments") && said[0].contains("Major, "), "{said:?}");
    assert!(notices[0].urgent && !notices[1].urgent, "alerts for major and critical only");
    // Said the same an hour later: nothing in it moves with time.
    let later = at("2026-11-21T19:00:00Z");
    assert_eq!(view::notices(&feed, &Options::default(), later), notices);
    // Filtered like the view.
    let maintenance =
        Options { filter: Filter { incidents: false, ..Filter::default() }, ..Options::default() };
    assert_eq!(view::notices(&feed, &maintenance, now).len(), 1);
}

#[test]
fn maintenance_dismissed_before_it_begins_comes_back_when_it_begins() {
    let mut feed = read("v1/full.json");
    feed.incidents.clear();
    feed.status = None;
    feed.components.clear();
    let m = feed.maintenance.first_mut().unwrap();
    m.status = status_widget::feed::Phase::Scheduled;
    let window = m.window.unwrap();
    let soon = Timestamp::from_millis(window.from.as_millis() - 3_600_000);
    let inside = Timestamp::from_millis(window.from.as_millis() + 60_000);
    // As it stood an hour before: announced, not begun.
    m.updates.retain(|u| u.at < soon);
    let options = Options::default();
    let mut dismissed = Dismissals::default();
    dismissed.dismiss(view::shown_item(&feed, &options, soon, None).unwrap(), soon);
    assert_eq!(view::shown_item(&feed, &options, soon, Some(&dismissed)), None, "dismissed");
    assert!(view::shown_item(&feed, &options, inside, Some(&dismissed)).is_some(), "back");
    // Dismissed while under way, it stays dismissed.
    dismissed.dismiss(view::shown_item(&feed, &options, inside, None).unwrap(), inside);
    let later = Timestamp::from_millis(inside.as_millis() + 60_000);
    assert_eq!(view::shown_item(&feed, &options, later, Some(&dismissed)), None);
}

#[test]
fn a_maintenance_only_banner_says_nothing_of_outages() {
    // The page reports a major outage and an incident explains it.
    let feed = read("v1/full.json");
    let now = at("2026-11-21T18:00:00Z");
    let options =
        Options { filter: Filter { incidents: false, ..Filter::default() }, ..Options::default() };
    let kept = options.filter.apply(&feed, now);
    let picks = view::candidates(&kept, &options, now);
    assert!(matches!(picks.as_slice(), [Pick::Maintenance(_)]), "{picks:?}");
}

#[test]
fn scheduled_maintenance_is_under_way_once_its_window_opens() {
    let feed = read("v1/full.json");
    let m = feed.maintenance.first().unwrap();
    let window = m.window.unwrap();
    let before = Timestamp::from_millis(window.from.as_millis() - 1);
    let inside = Timestamp::from_millis(window.from.as_millis() + 1);
    let mut scheduled = feed.clone();
    scheduled.incidents.clear();
    scheduled.status = None;
    scheduled.components.clear();
    if let Some(m) = scheduled.maintenance.first_mut() {
        m.status = status_widget::feed::Phase::Scheduled;
    }
    // Before it opens: announced within the look-ahead, counting down.
    let ahead = |hours| Options { lookahead_hours: hours, ..Options::default() };
    let none = Context::default();
    assert!(view::render(&scheduled, &ahead(0), before, &none).is_none());
    let soon = Timestamp::from_millis(window.from.as_millis() - 3 * 3_600_000);
    assert!(view::render(&scheduled, &ahead(2), soon, &none).is_none());
    let html = markup::to_markup(&view::render(&scheduled, &ahead(3), soon, &none).unwrap(), soon);
    assert!(html.contains("Starts") && html.contains("in 3 hours"), "{html}");
    assert!(html.contains("Scheduled for"), "{html}");
    // Once it opens: under way, with its end.
    let html = markup::to_markup(&render(&scheduled, Mode::Banner, inside).unwrap(), inside);
    assert!(html.contains("In progress") && html.contains("until"), "{html}");
    assert!(render(&scheduled, Mode::Banner, window.until).is_none());
}

#[test]
fn a_timeline_shows_the_newest_incidents_up_to_its_limit() {
    let mut feed = read("v1/full.json");
    let template = feed.incidents.first().unwrap().clone();
    feed.incidents = (0..80)
        .map(|n| {
            let mut i = template.clone();
            i.id = format!("i{n}");
            i.title = format!("Incident number {n}");
            i.started_at = Timestamp::from_millis(1_700_000_000_000 + n * 3_600_000);
            i
        })
        .collect();
    let now = at("2026-11-21T09:00:00Z");
    let html = markup::to_markup(&render(&feed, Mode::Timeline, now).unwrap(), now);
    assert_eq!(html.matches("part=\"incident\"").count(), 50, "the default limit is 50");
    let newest = html.find("Incident number 79").unwrap();
    let older = html.find("Incident number 78").unwrap();
    assert!(newest < older, "newest first");
    assert!(!html.contains("Incident number 29<"), "the oldest are left out");
}

#[test]
fn a_dismissed_banner_gives_way_to_the_next_item_and_the_timeline_offers_it_back() {
    // An incident, maintenance in progress and a page reporting trouble.
    let feed = read("v1/full.json");
    let now = at("2026-11-21T18:00:00Z");
    let options = Options::default();
    let picks = view::candidates(&feed, &options, now);
    assert!(matches!(picks.as_slice(), [Pick::Incident(_), Pick::Maintenance(_)]), "{picks:?}");
    let first = picks[0].item();
    let mut dismissed = Dismissals::default();
    dismissed.dismiss(first.clone(), now);
    let context = Context { dismissed: Some(&dismissed), ..Context::default() };
    let next = view::shown_item(&feed, &options, now, Some(&dismissed)).unwrap();
    assert_eq!(next, picks[1].item(), "maintenance is dismissed on its own");
    let banner = markup::to_markup(&view::render(&feed, &options, now, &context).unwrap(), now);
    assert!(banner.contains(r#"data-action="dismiss""#));
    // Turned off: dismissals are not heeded, and there is no button.
    let fixed = Options { dismissible: false, ..options.clone() };
    let shown = markup::to_markup(&view::render(&feed, &fixed, now, &context).unwrap(), now);
    assert!(shown.contains("Delayed deployments") && !shown.contains("button"), "{shown}");
    // The timeline offers the way back only while something is dismissed.
    let timeline = Options { mode: Mode::Timeline, ..options };
    let html = markup::to_markup(&view::render(&feed, &timeline, now, &context).unwrap(), now);
    assert!(html.contains(r#"data-action="restore""#), "{html}");
    let none = Context::default();
    let html = markup::to_markup(&view::render(&feed, &timeline, now, &none).unwrap(), now);
    assert!(!html.contains("restore"));
}

#[test]
fn stale_data_says_when_it_was_fetched_and_nothing_says_unavailable() {
    let feed = read("v1/full.json");
    let now = at("2026-11-21T18:00:00Z");
    let fetched = at("2026-11-21T17:35:00Z");
    let context = Context { stale_since: Some(fetched), ..Context::default() };
    for mode in [Mode::Banner, Mode::Timeline] {
        let options = Options { mode, ..Options::default() };
        let html = markup::to_markup(&view::render(&feed, &options, now, &context).unwrap(), now);
        assert!(html.contains("Last updated"), "{mode:?}: {html}");
        assert!(html.contains("25 minutes ago"), "{html}");
    }
    assert_eq!(view::unavailable(&Options::default()), None, "a banner stays hidden");
    let timeline = Options { mode: Mode::Timeline, ..Options::default() };
    let html = markup::to_markup(&view::unavailable(&timeline).unwrap(), now);
    assert!(html.contains("Status unavailable.") && html.contains("<slot"), "{html}");
}

#[test]
fn several_feeds_show_as_one_each_labelled_and_each_failure_said() {
    let ours = read("v1/full.json");
    let vendor = read("incidentio/widget.json");
    let merged = feed::merge(&[(0, &ours, "Kestrel Cloud"), (2, &vendor, "Vendor")]);
    let now = at("2026-11-21T10:30:00Z");
    // The banner shows the most severe item of them all, with its page.
    let banner = markup::to_markup(&render(&merged, Mode::Banner, now).unwrap(), now);
    assert!(banner.contains(r#"<span class="source" part="source">Vendor</span>"#), "{banner}");
    assert!(banner.contains("Elevated error rates"), "{banner}");
    let timeline = markup::to_markup(&render(&merged, Mode::Timeline, now).unwrap(), now);
    assert!(timeline.contains(">Kestrel Cloud</span>") && timeline.contains(">Vendor</span>"));
    // Components are grouped by page.
    let components = markup::to_markup(&render(&merged, Mode::Components, now).unwrap(), now);
    assert!(components.contains("Vendor / EU West"), "{components}");
    // Those that failed say so, each by name; the summary gives each its page.
    let failing =
        [("Acme".to_owned(), None), ("Vendor".to_owned(), Some(at("2026-11-21T10:00:00Z")))];
    let context = Context { failing: &failing, ..Context::default() };
    let options = Options { mode: Mode::Timeline, ..Options::default() };
    let html = markup::to_markup(&view::render(&merged, &options, now, &context).unwrap(), now);
    assert!(html.contains("Acme: status unavailable."), "{html}");
    assert!(html.contains("Vendor: last updated \n    <time"), "{html}");
    assert!(html.contains(">30 minutes ago</time>"), "{html}");
    let summary = Summary::of(&merged, now);
    let first = summary.incidents.first().unwrap();
    assert_eq!(
        (first.id.as_str(), first.page.as_deref()),
        ("01M7YMYG60EDAAKJHB57YHMDWE", Some("Vendor"))
    );
    let written: serde_json::Value = serde_json::from_str(&summary.to_json()).unwrap();
    assert_eq!(written, serde_json::to_value(&summary).unwrap());
}

/// Every piece of feed text in a view is text, and every link is http(s).
fn feed_texts_and_links(node: &Node, texts: &mut Vec<String>, links: &mut Vec<String>) {
    match node {
        Node::Text(Text::Feed(s)) => texts.push(s.clone()),
        Node::Text(Text::List(items)) => texts.extend(items.iter().cloned()),
        Node::Text(_) | Node::Time(..) => {}
        Node::Phrase(_, args) => {
            for arg in args {
                feed_texts_and_links(arg, texts, links);
            }
        }
        Node::Element(el) => {
            for attr in &el.attrs {
                if let Attr::Href(url) = attr {
                    links.push(url.as_str().to_owned());
                }
            }
            for child in &el.children {
                feed_texts_and_links(child, texts, links);
            }
        }
    }
}

#[test]
fn hostile_feeds_are_text_and_follow_no_unsafe_link() {
    let now = at("2026-11-22T00:00:00Z");
    for fixture in ["hostile/v1.json", "hostile/statuspage.json"] {
        let feed = read(fixture);
        for mode in [Mode::Banner, Mode::Timeline, Mode::Badge, Mode::Components] {
            let node = render(&feed, mode, now).unwrap();
            let (mut texts, mut links) = (Vec::new(), Vec::new());
            feed_texts_and_links(&node, &mut texts, &mut links);
            assert!(
                mode == Mode::Badge || texts.iter().any(|t| t.contains('<') && t.contains('>')),
                "{fixture} {mode:?}: markup is kept as text"
            );
            for link in &links {
                assert!(
                    link.starts_with("http://") || link.starts_with("https://"),
                    "{fixture}: {link}"
                );
            }
            let html = markup::to_markup(&node, now);
            assert!(!html.contains("<script") && !html.contains("<img"), "{fixture}: escaped");
        }
    }
}

#[test]
fn every_incident_title_is_in_the_timeline() {
    for fixture in [
        "statuspage/incidents.json",
        "v1/full.json",
        "hostile/v1.json",
        "tolerant/malformed-entries.json",
    ] {
        let feed = read(fixture);
        let now = at("2026-11-22T00:00:00Z");
        let node = render(&feed, Mode::Timeline, now).unwrap();
        let (mut texts, mut links) = (Vec::new(), Vec::new());
        feed_texts_and_links(&node, &mut texts, &mut links);
        for incident in &feed.incidents {
            assert!(texts.contains(&incident.title), "{fixture}: {}", incident.title);
        }
    }
}

#[test]
fn the_summary_names_what_is_going_on() {
    let feed = read("statuspage/summary.json");
    let summary = Summary::of(&feed, at("2024-03-05T14:30:00-08:00"));
    assert_eq!(summary.status, "major");
    assert_eq!(summary.incidents.len(), 1);
    let incident = summary.incidents.first().unwrap();
    assert_eq!((incident.impact, incident.status), ("major", "identified"));
    assert_eq!(
        incident.url.as_deref(),
        Some("https://status.lumenpay.example/incidents/p31zjtct2jer")
    );
    assert!(summary.maintenance.is_empty(), "the maintenance is days away");
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["incidents"][0]["updated_at"], "2024-03-05T22:02:07.236Z");
    // The detail the browser parses is the same JSON.
    let written: serde_json::Value = serde_json::from_str(&summary.to_json()).unwrap();
    assert_eq!(written, json);

    // A page that states no status is as bad as its worst incident.
    let feed = read("tolerant/malformed-entries.json");
    let summary = Summary::of(&feed, at("2026-11-21T09:00:00Z"));
    assert_eq!(summary.status, "minor");
}

/// Every part a view can use has a rule in the stylesheet, under the same
/// name: a part renamed on one side only would lose its style.
#[test]
fn the_stylesheet_styles_every_part() {
    let css = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/style.css"))
        .unwrap();
    for part in view::Part::ALL {
        let class = format!(".{}", part.as_str());
        let styled = css.match_indices(&class).any(|(i, _)| {
            let next = css[i + class.len()..].chars().next();
            !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        assert!(styled, "no rule for {class}");
    }
}

#[test]
fn long_lists_are_cut_at_their_limits_and_say_how_many_more() {
    let update = |i: usize| {
        let changes: Vec<_> = (0..30)
            .map(|c| serde_json::json!({ "id": format!("c{c}"), "old_status": "operational", "new_status": "major_outage" }))
            .collect();
        serde_json::json!({ "status": "update", "at": format!("2026-11-21T09:{:02}:00Z", i % 60), "body": "b", "affected_components": changes })
    };
    let incident = |i: usize| {
        serde_json::json!({
            "id": format!("i{i}"), "title": format!("Incident {i}"), "impact": "minor",
            "started_at": format!("2026-10-{:02}T09:00:00Z", 1 + i % 28),
            "components": (0..40).map(|c| format!("c{c}")).collect::<Vec<_>>(),
            "updates": (0..30).map(update).collect::<Vec<_>>(),
        })
    };
    let doc = serde_json::json!({
        "version": 1,
        "page": { "name": "Many" },
        "components": (0..600).map(|c| serde_json::json!({ "id": format!("c{c}"), "name": format!("C{c}"), "status": "operational" })).collect::<Vec<_>>(),
        "incidents": (0..60).map(incident).collect::<Vec<_>>(),
    });
    let feed = feed::from_json_str(&doc.to_string()).unwrap();
    let now = at("2026-11-22T00:00:00Z");
    let timeline = markup::to_markup(&render(&feed, Mode::Timeline, now).unwrap(), now);
    let count = |html: &str, what: &str| html.matches(what).count();
    assert_eq!(count(&timeline, "part=\"incident\""), view::LIMIT);
    assert_eq!(count(&timeline, "part=\"update\""), view::LIMIT * view::UPDATES_SHOWN);
    assert_eq!(
        count(&timeline, "part=\"change\""),
        view::LIMIT * view::UPDATES_SHOWN * view::NAMES_SHOWN
    );
    assert!(timeline.contains("10 more not shown"), "incidents past the limit");
    assert_eq!(count(&timeline, "15 more not shown"), view::LIMIT, "affected components");
    assert_eq!(
        count(&timeline, "5 more not shown") - view::LIMIT,
        view::LIMIT * (1 + view::UPDATES_SHOWN),
        "updates, and the changes of each"
    );
    let components = markup::to_markup(&render(&feed, Mode::Components, now).unwrap(), now);
    assert_eq!(count(&components, "part=\"component\""), view::COMPONENTS_SHOWN);
    assert!(components.contains("100 more not shown"));
}

/// Found by the `view` fuzz target: instants no feed can write (the model
/// holds any), at the ends of time, order and render without overflow (the
/// banner's order, and how long an incident lasted, overflowed).
#[test]
fn instants_at_the_ends_of_time_render() {
    let mut feed = read("v1/full.json");
    let ends = [i64::MIN, i64::MAX, -1, 0];
    for (n, incident) in feed.incidents.iter_mut().chain(&mut feed.maintenance).enumerate() {
        let end = Timestamp::from_millis(ends[n % ends.len()]);
        incident.started_at = end;
        // Open, or closed at the other end of time.
        incident.resolved_at = (n % 2 == 0).then(|| Timestamp::from_millis(ends[(n + 1) % 2]));
        for update in &mut incident.updates {
            update.at = end;
        }
    }
    status_widget::check::holds(&feed, &[0xff; 8]).unwrap();
}

#[test]
fn the_live_region_says_five_notices_and_how_many_more() {
    let incident = |i: usize| {
        serde_json::json!({ "id": format!("i{i}"), "title": format!("Incident {i}"), "impact": "minor",
                            "status": "investigating", "started_at": "2026-11-21T09:00:00Z" })
    };
    let doc = serde_json::json!({ "version": 1, "page": { "name": "Many" },
                                  "incidents": (0..8).map(incident).collect::<Vec<_>>() });
    let feed = feed::from_json_str(&doc.to_string()).unwrap();
    let now = at("2026-11-22T00:00:00Z");
    let notices = view::notices(&feed, &Options::default(), now);
    let news: Vec<&view::Notice> = notices.iter().collect();
    let said = view::said(&news);
    assert_eq!(said.len(), view::NOTICES_SAID);
    assert!(markup::to_markup(said[4], now).contains("Incident"));
    let more = view::not_said(&news).unwrap();
    assert!(markup::to_markup(&more, now).contains("3 more notices"));
    assert_eq!(view::said(&news[..2]).len(), 2, "a few are all said");
    assert_eq!(view::not_said(&news[..5]), None);
}
