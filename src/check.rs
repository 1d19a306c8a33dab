//! What must hold whatever a feed holds, checked on any input: the fuzz
//! targets (`fuzz/`), the property tests and the regression fixtures of
//! crashes found (`tests/fixtures/fuzz/`) all run these, natively.
//!
//! Each check returns what it found wrong instead of panicking, so that the
//! library keeps its rule of never panicking; a fuzz target panics on an
//! `Err`, a test asserts `Ok`.

use arbitrary::Unstructured;

use crate::dismiss::Dismissals;
use crate::feed::{
    self, Change, Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident,
    Overall, Page, Phase, Postmortem, Reading, Skipped, Update, Window, MAX_BODY_CHARS,
    MAX_LINE_CHARS,
};
use crate::filter::Filter;
use crate::link::{self, SafeUrl};
use crate::summary::Summary;
use crate::time::Timestamp;
use crate::view::{self, markup, Attr, Context, Mode, Node, Options, Text};

/// What a check found wrong.
pub type Broken = String;

/// Any feed the model can hold, built from `data` (not through a reader, so
/// that instants, lengths and combinations no reader would produce are tried
/// too), holds [`holds`]: the `view` fuzz target, and the crashes it found
/// (`tests/fixtures/fuzz/view/`).
pub fn model(data: &[u8]) -> Result<(), Broken> {
    match feed(&mut Unstructured::new(data)) {
        Ok(feed) => holds(&feed, data),
        Err(_) => Ok(()),
    }
}

/// Any bytes as the body of a feed: an error that says why, or a feed that
/// holds everything below.
pub fn body(data: &[u8]) -> Result<(), Broken> {
    let text = String::from_utf8_lossy(data);
    match feed::from_json_str(&text) {
        Err(error) if error.detail().is_empty() => Err(format!("{error:?} says nothing")),
        Err(_) => Ok(()),
        Ok(feed) => {
            // The same document read a slice at a time is the same feed.
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("read but not JSON: {e}"))?;
            sliced(&value, &feed)?;
            holds(&feed, data)
        }
    }
}

/// Any bytes read as one format (as the `format` attribute forces it), so
/// that its reader, not the detection, sees everything.
pub fn as_format(data: &[u8], format: Format) -> Result<(), Broken> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return Ok(());
    };
    match feed::read_as(&value, Some(format)) {
        Err(error) if error.detail().is_empty() => Err(format!("{error:?} says nothing")),
        Err(_) => Ok(()),
        Ok(feed) if feed.format != format => Err(format!("read as {:?}", feed.format)),
        Ok(feed) => {
            sliced(&value, &feed)?;
            holds(&feed, data)
        }
    }
}

/// Reading `value` a few incidents at a time gives `feed`.
fn sliced(value: &serde_json::Value, feed: &Feed) -> Result<(), Broken> {
    let mut reading = Reading::start_as(&value, Some(feed.format))
        .map_err(|e| format!("read whole, not sliced: {e}"))?;
    while reading.step(1) {}
    if reading.finish() != *feed {
        return Err("reading in slices gave another feed".into());
    }
    Ok(())
}

/// What a feed read from anything holds: texts within their limits, links
/// that are safe, and views of every mode that hold [`view_holds`].
pub fn holds(feed: &Feed, seed: &[u8]) -> Result<(), Broken> {
    let within = |what: &str, s: &str, max: usize| match s.chars().count() <= max {
        true => Ok(()),
        false => Err(format!("{what} longer than {max} characters")),
    };
    within("the page's name", &feed.page.name, MAX_LINE_CHARS)?;
    if let Some(description) = feed.status.as_ref().and_then(|s| s.description.as_deref()) {
        within("the status's description", description, MAX_LINE_CHARS)?;
    }
    for c in &feed.components {
        within("a component's identifier", &c.id, MAX_LINE_CHARS)?;
        within("a component's name", &c.name, MAX_LINE_CHARS)?;
        within("a group's name", c.group.as_deref().unwrap_or_default(), MAX_LINE_CHARS)?;
    }
    for i in feed.incidents.iter().chain(&feed.maintenance) {
        within("a title", &i.title, MAX_LINE_CHARS)?;
        within("an identifier", &i.id, MAX_LINE_CHARS)?;
        let changed = i.updates.iter().flat_map(|u| u.changes.iter().map(|c| &c.component));
        for c in i.components.iter().chain(changed) {
            within("a component's identifier", &c.id, MAX_LINE_CHARS)?;
            within("a component's name", &c.name, MAX_LINE_CHARS)?;
        }
        if let Some(postmortem) = &i.postmortem {
            within("a postmortem", &postmortem.body, MAX_BODY_CHARS)?;
        }
        for u in &i.updates {
            within("an update", &u.body, MAX_BODY_CHARS)?;
        }
        if !i.updates.windows(2).all(|w| matches!(w, [a, b] if a.at >= b.at)) {
            return Err("updates not newest first".into());
        }
    }
    views(feed, seed)
}

/// Every mode, with options and an instant chosen by `seed`, renders a view
/// that holds [`view_holds`], and the summary and the live region's
/// notices are made without fault.
pub fn views(feed: &Feed, seed: &[u8]) -> Result<(), Broken> {
    let byte = |i: usize| seed.get(i).copied().unwrap_or(0);
    let first = feed.incidents.iter().chain(&feed.maintenance).next();
    let nows = [
        Timestamp::from_millis(1_795_000_000_000),
        first.map_or(Timestamp::from_millis(0), |i| i.started_at),
        Timestamp::from_millis(
            i64::from(i32::from_le_bytes([byte(0), byte(1), byte(2), byte(3)])) * 1000,
        ),
    ];
    let component = feed.components.first().map(|c| c.id.clone());
    let filters = [
        Filter::default(),
        Filter { days: Filter::days(Some(&byte(4).to_string())), ..Filter::default() },
        Filter { components: component.into_iter().collect(), ..Filter::default() },
    ];
    // What the banner shows first, dismissed.
    let mut dismissals = Dismissals::default();
    if let Some(item) = view::shown_item(feed, &Options::default(), nows[0], None) {
        dismissals.dismiss(item, nows[0]);
    }
    for now in nows {
        Summary::of(feed, now);
        view::notices(feed, &Options::default(), now);
        for mode in [Mode::Banner, Mode::Timeline, Mode::Badge, Mode::Components] {
            for filter in &filters {
                let options = Options {
                    mode,
                    filter: filter.clone(),
                    limit: Options::limit(Some(&(1 + usize::from(byte(5))).to_string())),
                    hide_when_operational: Options::flag((byte(6) & 1 == 1).then_some("")),
                    lookahead_hours: Options::lookahead(Some(&byte(7).to_string())),
                    ..Options::default()
                };
                let contexts = [
                    Context::default(),
                    Context { dismissed: Some(&dismissals), stale_since: Some(now), failing: &[] },
                ];
                for context in contexts {
                    if let Some(node) = view::render(feed, &options, now, &context) {
                        view_holds(&node)?;
                        markup::to_markup(&node, now);
                    }
                }
            }
        }
        // Without a limit to cut it, a timeline shows every title.
        let options =
            Options { mode: Mode::Timeline, limit: view::MAX_LIMIT, ..Options::default() };
        if feed.incidents.len() + feed.maintenance.len() <= view::MAX_LIMIT {
            if let Some(node) = view::render(feed, &options, now, &Context::default()) {
                let shown = feed_texts(&node);
                for i in feed.incidents.iter().chain(&feed.maintenance) {
                    if !shown.contains(&i.title.as_str()) {
                        return Err(format!("the timeline leaves out the title {:?}", i.title));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A view tree whose only links are safe ones.
pub fn view_holds(node: &Node) -> Result<(), Broken> {
    if let Node::Element(element) = node {
        for attr in &element.attrs {
            if let Attr::Href(url) = attr {
                let url = url.as_str();
                let scheme = url.split(':').next().unwrap_or_default().to_ascii_lowercase();
                if !matches!(scheme.as_str(), "http" | "https") || url.len() > link::MAX_LEN {
                    return Err(format!("an unsafe link: {url:?}"));
                }
            }
        }
    }
    children(node).try_for_each(view_holds)
}

/// Every text of the feed in a view tree, in order.
pub fn feed_texts(node: &Node) -> Vec<&str> {
    let mut out = Vec::new();
    collect(node, &mut out);
    out
}

fn collect<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match node {
        Node::Text(Text::Feed(text)) => out.push(text),
        Node::Text(Text::List(texts)) => out.extend(texts.iter().map(String::as_str)),
        _ => children(node).for_each(|child| collect(child, out)),
    }
}

fn children(node: &Node) -> impl Iterator<Item = &Node> {
    let children: &[Node] = match node {
        Node::Element(element) => &element.children,
        Node::Phrase(_, args) => args,
        Node::Text(_) | Node::Time(..) => &[],
    };
    children.iter()
}

// The model, from the fuzzer's bytes.

const IMPACTS: [Impact; 6] = [
    Impact::None,
    Impact::Minor,
    Impact::Major,
    Impact::Critical,
    Impact::Maintenance,
    Impact::Unknown,
];
const PHASES: [&str; 11] = [
    "investigating",
    "identified",
    "update",
    "monitoring",
    "resolved",
    "postmortem",
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
    "unknown",
];
const CONDITIONS: [&str; 6] = [
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
    "unknown",
];

/// Short text, from a few names so that ids and names meet, or any.
fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => "api".to_owned(),
        1 => "Web".to_owned(),
        _ => u.arbitrary::<String>()?.chars().take(500).collect(),
    })
}

/// An instant, near today or anywhere a `Timestamp` can be.
fn at(u: &mut Unstructured<'_>) -> arbitrary::Result<Timestamp> {
    Ok(Timestamp::from_millis(match u.arbitrary::<bool>()? {
        true => 1_795_000_000_000 + i64::from(u.arbitrary::<i32>()?) * 1000,
        false => u.arbitrary()?,
    }))
}

fn phase(u: &mut Unstructured<'_>) -> arbitrary::Result<Phase> {
    Ok(Phase::parse(u.choose(&PHASES)?))
}

fn condition(u: &mut Unstructured<'_>) -> arbitrary::Result<ComponentStatus> {
    Ok(ComponentStatus::parse(u.choose(&CONDITIONS)?))
}

fn url(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<SafeUrl>> {
    Ok(match u.arbitrary::<bool>()? {
        true => SafeUrl::parse(&format!("https://status.example/{}", u.arbitrary::<u16>()?)),
        false => None,
    })
}

fn component_ref(u: &mut Unstructured<'_>) -> arbitrary::Result<ComponentRef> {
    Ok(ComponentRef { id: text(u)?, name: text(u)? })
}

fn incident(u: &mut Unstructured<'_>, impact: Option<Impact>) -> arbitrary::Result<Incident> {
    let started_at = at(u)?;
    let mut updates = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        let mut changes = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            changes.push(Change {
                component: component_ref(u)?,
                from: condition(u)?,
                to: condition(u)?,
            });
        }
        updates.push(Update { status: phase(u)?, at: at(u)?, body: text(u)?, changes });
    }
    updates.sort_by_key(|u| std::cmp::Reverse(u.at));
    let window = match u.arbitrary::<bool>()? {
        true => Some(Window { from: at(u)?, until: at(u)? }),
        false => None,
    };
    Ok(Incident {
        id: text(u)?,
        title: text(u)?,
        impact: match impact {
            Some(impact) => impact,
            None => *u.choose(&IMPACTS)?,
        },
        status: phase(u)?,
        started_at,
        resolved_at: if u.arbitrary()? { Some(at(u)?) } else { None },
        window,
        url: url(u)?,
        components: (0..u.int_in_range(0..=4)?)
            .map(|_| component_ref(u))
            .collect::<arbitrary::Result<_>>()?,
        updates,
        postmortem: match u.arbitrary::<bool>()? {
            true => Some(Postmortem {
                body: text(u)?,
                published_at: if u.arbitrary()? { Some(at(u)?) } else { None },
            }),
            false => None,
        },
        page: if u.arbitrary()? { Some(text(u)?) } else { None },
    })
}

fn feed(u: &mut Unstructured<'_>) -> arbitrary::Result<Feed> {
    let components = (0..u.int_in_range(0..=6)?)
        .map(|_| {
            Ok(Component {
                id: text(u)?,
                name: text(u)?,
                status: condition(u)?,
                group: if u.arbitrary()? { Some(text(u)?) } else { None },
            })
        })
        .collect::<arbitrary::Result<_>>()?;
    let status = match u.arbitrary::<bool>()? {
        true => Some(Overall {
            indicator: *u.choose(&IMPACTS)?,
            description: if u.arbitrary()? { Some(text(u)?) } else { None },
        }),
        false => None,
    };
    Ok(Feed {
        format: if u.arbitrary()? { Format::V1 } else { Format::Statuspage },
        page: Page { name: text(u)?, url: url(u)? },
        status,
        components,
        incidents: (0..u.int_in_range(0..=12)?)
            .map(|_| incident(u, None))
            .collect::<arbitrary::Result<_>>()?,
        maintenance: (0..u.int_in_range(0..=4)?)
            .map(|_| incident(u, Some(Impact::Maintenance)))
            .collect::<arbitrary::Result<_>>()?,
        skipped: Skipped::default(),
    })
}
