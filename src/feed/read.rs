//! Reading a parsed document into the model, for both formats.
//!
//! Our format was designed after Statuspage's, so the two share one shape:
//! the same objects and mostly the same field names. One reader takes both;
//! where they differ, the rule for each is written side by side
//! (`match format`), so that all the differences are in this file:
//!
//! | | status-feed v1 | Statuspage v2 |
//! |---|---|---|
//! | marked by | `version: 1` | `page` with `status`, `components`, `incidents` or `scheduled_maintenances` |
//! | maintenance list | `maintenance` | `scheduled_maintenances` |
//! | incident title | `title` | `name` |
//! | incident start | `started_at`, else the first update | `started_at`, else `created_at` |
//! | maintenance start | `scheduled_for` | `scheduled_for` (its `started_at` is when it was announced) |
//! | incident link | `url` | `{page.url}/incidents/{id}`, else `shortlink` |
//! | maintenance end | `completed_at` | `resolved_at` |
//! | end, when closed without one | the update that closed it | the update that closed it |
//! | updates | `updates`, each with `at` | `incident_updates`, each with `display_at`, else `created_at` |
//! | component changes of an update | `affected_components`: `id`, `old_status`, `new_status` | `affected_components`: `code`, `name`, `old_status`, `new_status` |
//! | affected components | identifiers | objects with `id` and `name` |
//! | component group | `group`: the group's name | `group_id` of a component with `group: true` |
//! | postmortem | `postmortem: {body, published_at}` | `postmortem_body`, `postmortem_published_at` |
//!
//! Tolerance: an unknown field is never looked at; a scalar of the wrong
//! type is a missing value; an unknown enum value is `Unknown`; an entry
//! without what it cannot do without (an identifier, a title, a readable
//! time) is skipped and counted. Only a root that is no feed is an error.

use super::json::Json;
use super::{
    Change, Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident, Overall,
    Page, Phase, Postmortem, Skipped, Update, Window, MAX_BODY_CHARS, MAX_LINE_CHARS,
};
use crate::error::{Error, ErrorKind};
use crate::link::SafeUrl;
use crate::time::Timestamp;

/// Reads a whole document.
pub(super) fn feed<J: Json>(root: &J) -> Result<Feed, Error> {
    let mut reading = Reading::start(root)?;
    reading.step(usize::MAX);
    Ok(reading.finish())
}

/// A feed read a slice at a time: everything but its incidents and
/// maintenance at [`start`](Reading::start), then so many of those per
/// [`step`](Reading::step), so that a caller can let the page breathe
/// between slices of a long history.
pub struct Reading<J> {
    feed: Feed,
    incidents: std::vec::IntoIter<J>,
    maintenance: std::vec::IntoIter<J>,
}

impl<J: Json> Reading<J> {
    /// Reads what a feed is (its format, page, status and components) and
    /// finds its incidents and maintenance, without reading them yet.
    ///
    /// # Errors
    ///
    /// When the document is no feed (see [`read()`](super::read())).
    pub fn start(root: &J) -> Result<Reading<J>, Error> {
        start(root)
    }

    /// Reads up to `count` more incidents or maintenance; says whether
    /// any are left.
    pub fn step(&mut self, count: usize) -> bool {
        let Feed { format, page, components, incidents, maintenance, skipped, .. } = &mut self.feed;
        let context = Context { format: *format, page_url: page.url.as_ref(), components };
        for _ in 0..count {
            let (item, listed_as_maintenance, out) = match self.incidents.next() {
                Some(item) => (item, false, &mut *incidents),
                None => match self.maintenance.next() {
                    Some(item) => (item, true, &mut *maintenance),
                    None => return false,
                },
            };
            match context.incident(&item, listed_as_maintenance) {
                Some((incident, bad_updates)) => {
                    skipped.updates += bad_updates;
                    out.push(incident);
                }
                None => skipped.incidents += 1,
            }
        }
        self.incidents.len() + self.maintenance.len() > 0
    }

    /// The feed, with whatever is not read yet read now.
    pub fn finish(mut self) -> Feed {
        self.step(usize::MAX);
        self.feed
    }
}

fn start<J: Json>(root: &J) -> Result<Reading<J>, Error> {
    if !root.is_object() {
        return Err(not_a_feed("expected a JSON object at the root"));
    }
    let page = root.get("page");
    if page.as_ref().is_some_and(|p| !p.is_object()) {
        return Err(not_a_feed("`page` is not an object"));
    }
    let status = root.get("status");
    let components = list(root, "components")?;
    let incidents = list(root, "incidents")?;
    let format = match root.get("version") {
        Some(version) => match id(&version).as_deref() {
            Some("1") => Format::V1,
            Some(other) => {
                let message =
                    ["version ", other, " is not supported (this widget reads version 1)"];
                return Err(not_a_feed(&message.concat()));
            }
            None => return Err(not_a_feed("`version` is not a version number")),
        },
        None => {
            let any = status.as_ref().is_some_and(Json::is_object)
                || components.is_some()
                || incidents.is_some();
            if page.is_none() || !(any || root.get("scheduled_maintenances").is_some()) {
                return Err(not_a_feed(
                    "found neither a `version` (status-feed v1) nor a `page` with `status`, \
                     `components` or `incidents` (Statuspage v2)",
                ));
            }
            Format::Statuspage
        }
    };
    let maintenance =
        list(root, if format == Format::V1 { "maintenance" } else { "scheduled_maintenances" })?;
    let mut skipped = Skipped::default();
    let page = Page {
        name: page.as_ref().and_then(|p| line(p, "name")).unwrap_or_default(),
        url: page.as_ref().and_then(|p| link(p, "url")),
    };
    let components = read_components(components.unwrap_or_default(), format, &mut skipped);
    let status = status.and_then(|s| {
        Some(Overall {
            indicator: Impact::parse(&text(&s, "indicator")?),
            description: line(&s, "description"),
        })
    });
    let (incidents, maintenance) = (incidents.unwrap_or_default(), maintenance.unwrap_or_default());
    let feed = Feed {
        format,
        page,
        status,
        components,
        incidents: Vec::with_capacity(incidents.len()),
        maintenance: Vec::with_capacity(maintenance.len()),
        skipped,
    };
    Ok(Reading { feed, incidents: incidents.into_iter(), maintenance: maintenance.into_iter() })
}

fn not_a_feed(detail: &str) -> Error {
    Error::new(ErrorKind::NotAFeed, detail)
}

/// The elements of the list `key`: `None` when absent, an error when it is
/// there but not a list.
fn list<J: Json>(object: &J, key: &'static str) -> Result<Option<Vec<J>>, Error> {
    match object.get(key) {
        None => Ok(None),
        Some(value) => match value.elements() {
            Some(items) => Ok(Some(items)),
            None => Err(not_a_feed(&["`", key, "` is not a list"].concat())),
        },
    }
}

/// Non-blank text: blank is what JavaScript's `\s` matches, as in the
/// schema: Unicode's white space but U+0085, and the byte order mark.
fn text<J: Json>(object: &J, key: &'static str) -> Option<String> {
    let blank = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
    object.get(key)?.string().filter(|s| !s.chars().all(blank))
}

/// Non-blank text to show on one line (a title, a name), at most
/// [`MAX_LINE_CHARS`] long.
fn line<J: Json>(object: &J, key: &'static str) -> Option<String> {
    text(object, key).map(|s| clip(s, MAX_LINE_CHARS))
}

/// Non-blank text to show as a paragraph (an update, a postmortem), at most
/// [`MAX_BODY_CHARS`] long.
fn body<J: Json>(object: &J, key: &'static str) -> Option<String> {
    text(object, key).map(|s| clip(s, MAX_BODY_CHARS))
}

/// `s` cut to at most `max` characters, the last of them "…" when it was
/// longer: a reader sees that there was more.
fn clip(mut s: String, max: usize) -> String {
    let mut starts = s.char_indices().map(|(at, _)| at);
    // Where the last character kept would go, if there is one past it.
    if let Some(cut) = starts.nth(max.saturating_sub(1)).filter(|_| starts.next().is_some()) {
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// An identifier: a string, or a whole number written as one (identifiers
/// are strings in both formats, but hand-written feeds often use numbers).
/// One longer than [`MAX_LINE_CHARS`] is none: cut, two could become one,
/// and a link made of it would lead elsewhere.
fn id<J: Json>(value: &J) -> Option<String> {
    if let Some(s) = value.string() {
        return Some(s).filter(|s| !s.is_empty() && s.chars().nth(MAX_LINE_CHARS).is_none());
    }
    let n = value.number()?;
    // Whole numbers that a double holds exactly.
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0)
        .then(|| crate::strings::decimal(n as i64))
}

/// A link that is safe to follow, or none.
fn link<J: Json>(object: &J, key: &'static str) -> Option<SafeUrl> {
    SafeUrl::parse(&text(object, key)?)
}

/// An optional time: `Some(None)` when absent, `None` when present but not a
/// time, so that `?` skips the entry (an incident whose end cannot be read
/// must not pass for one still going on).
fn time<J: Json>(object: &J, key: &'static str) -> Option<Option<Timestamp>> {
    match object.get(key) {
        None => Some(None),
        Some(value) => Timestamp::parse(&value.string()?).map(Some),
    }
}

fn read_components<J: Json>(
    items: Vec<J>,
    format: Format,
    skipped: &mut Skipped,
) -> Vec<Component> {
    // Statuspage lists groups as components with `group: true`; they become
    // the group of their members and are not listed themselves.
    let is_group = |c: &J| {
        format == Format::Statuspage && c.get("group").and_then(|g| g.boolean()) == Some(true)
    };
    let group_name = |group_id: &str| {
        let group = items.iter().find(|g| {
            is_group(g) && g.get("id").and_then(|i| id(&i)).as_deref() == Some(group_id)
        })?;
        line(group, "name")
    };
    let mut out = Vec::with_capacity(items.len());
    for c in items.iter().filter(|c| !is_group(c)) {
        let (Some(id), Some(name)) = (c.get("id").and_then(|i| id(&i)), line(c, "name")) else {
            skipped.components += 1;
            continue;
        };
        let group = match format {
            Format::V1 => line(c, "group"),
            Format::Statuspage => {
                c.get("group_id").and_then(|g| self::id(&g)).and_then(|g| group_name(&g))
            }
        };
        let status =
            text(c, "status").map_or(ComponentStatus::Unknown, |s| ComponentStatus::parse(&s));
        out.push(Component { id, name, status, group });
    }
    out
}

struct Context<'a> {
    format: Format,
    page_url: Option<&'a SafeUrl>,
    components: &'a [Component],
}

impl Context<'_> {
    /// One incident or maintenance, with the number of its updates that were
    /// malformed; `None` if the incident itself is: no identifier, no title,
    /// no start, or a time that is not one.
    fn incident<J: Json>(
        &self,
        item: &J,
        listed_as_maintenance: bool,
    ) -> Option<(Incident, usize)> {
        let v1 = self.format == Format::V1;
        let title = line(item, if v1 { "title" } else { "name" })?;
        let id = id(&item.get("id")?)?;
        // Statuspage's incident history lists past maintenance among incidents.
        let impact = text(item, "impact").map_or(Impact::Unknown, |s| Impact::parse(&s));
        let maintenance = listed_as_maintenance || impact == Impact::Maintenance;
        let (updates, bad_updates) =
            self.updates(item.get(if v1 { "updates" } else { "incident_updates" }));
        // A maintenance's window must be readable; on an incident it is only
        // a curiosity, and a bad one is left out.
        let window = match (time(item, "scheduled_for"), time(item, "scheduled_until")) {
            (Some(Some(from)), Some(Some(until))) => Some(Window { from, until }),
            (from, until) if maintenance && (from.is_none() || until.is_none()) => return None,
            _ => None,
        };
        let resolved_at =
            time(item, if v1 && maintenance { "completed_at" } else { "resolved_at" })?;
        // Maintenance begins when its window does (Statuspage's `started_at`
        // on maintenance is when it was announced).
        let started_at = match (self.format, window.filter(|_| maintenance)) {
            (_, Some(window)) => Some(window.from),
            (Format::V1, None) => {
                time(item, "started_at")?.or_else(|| updates.last().map(|u| u.at))
            }
            (Format::Statuspage, None) => match time(item, "started_at")? {
                Some(started) => Some(started),
                None => time(item, "created_at")?,
            },
        }?;
        let status = text(item, "status")
            .map(|s| Phase::parse(&s))
            .or_else(|| updates.first().map(|u| u.status));
        let status = status.unwrap_or(match (maintenance, resolved_at.is_some()) {
            (true, true) => Phase::Completed,
            (true, false) => Phase::Scheduled,
            (false, true) => Phase::Resolved,
            (false, false) => Phase::Investigating,
        });
        // Over, but the feed does not say when: when the update that closed
        // it was posted.
        let resolved_at = match (resolved_at, status.is_closed()) {
            (None, true) => updates
                .iter()
                .find(|u| matches!(u.status, Phase::Resolved | Phase::Completed))
                .or(updates.first())
                .map(|u| u.at),
            (resolved_at, _) => resolved_at,
        };
        let url = match self.format {
            Format::V1 => link(item, "url"),
            // The canonical incident page; the shortlink redirects there too.
            Format::Statuspage => self
                .page_url
                .and_then(|page| page.join(&["incidents", &id]))
                .or_else(|| link(item, "shortlink")),
        };
        // A publication time that cannot be read is left out, not the incident.
        let postmortem = match self.format {
            Format::V1 => item.get("postmortem").and_then(|p| {
                let published_at = time(&p, "published_at").flatten();
                Some(Postmortem { body: body(&p, "body")?, published_at })
            }),
            Format::Statuspage => body(item, "postmortem_body").map(|body| {
                let published_at = time(item, "postmortem_published_at").flatten();
                Postmortem { body, published_at }
            }),
        };
        let impact = if maintenance { Impact::Maintenance } else { impact };
        let components = item.get("components").and_then(|c| c.elements()).unwrap_or_default();
        let components = components.iter().filter_map(|c| self.component(c)).collect();
        let incident = Incident {
            id,
            title,
            impact,
            status,
            started_at,
            resolved_at,
            window,
            url,
            components,
            updates,
            postmortem,
        };
        Some((incident, bad_updates))
    }

    /// A component named by an incident: an identifier (ours) or an object
    /// (Statuspage's), named as the incident names it, else as the feed's
    /// component list does, else by its identifier.
    fn component<J: Json>(&self, value: &J) -> Option<ComponentRef> {
        let (id, name) = match value.is_object() {
            true => (id(&value.get("id")?)?, line(value, "name")),
            false => (id(value)?, None),
        };
        Some(self.named(id, name))
    }

    /// A component by its id, named as given, else as the feed's component
    /// list does, else by its id.
    fn named(&self, id: String, name: Option<String>) -> ComponentRef {
        let listed = || self.components.iter().find(|c| c.id == id).map(|c| c.name.clone());
        let name = name.or_else(listed).unwrap_or_else(|| id.clone());
        ComponentRef { id, name }
    }

    /// The updates of an incident, newest first, with the number that were
    /// malformed (no readable time).
    fn updates<J: Json>(&self, list: Option<J>) -> (Vec<Update>, usize) {
        let v1 = self.format == Format::V1;
        let items = list.and_then(|l| l.elements()).unwrap_or_default();
        let mut bad = 0;
        let mut out = Vec::with_capacity(items.len());
        for u in &items {
            // Statuspage: the time the page chose to show wins over when the
            // update was written.
            let at = match v1 {
                true => time(u, "at").flatten(),
                false => time(u, "display_at").flatten().or(time(u, "created_at").flatten()),
            };
            match at {
                Some(at) => out.push(Update {
                    status: text(u, "status").map_or(Phase::Unknown, |s| Phase::parse(&s)),
                    at,
                    body: body(u, "body").unwrap_or_default(),
                    changes: self.changes(u),
                }),
                None => bad += 1,
            }
        }
        super::newest_first(&mut out);
        (out, bad)
    }

    /// The component statuses an update changed: entries without a
    /// component or with a status unchanged are left out.
    fn changes<J: Json>(&self, update: &J) -> Vec<Change> {
        let items = update.get("affected_components").and_then(|c| c.elements());
        let status = |c: &J, key| {
            text(c, key).map_or(ComponentStatus::Unknown, |s| ComponentStatus::parse(&s))
        };
        let key = if self.format == Format::V1 { "id" } else { "code" };
        items
            .unwrap_or_default()
            .iter()
            .filter_map(|c| {
                let component = self.named(c.get(key).and_then(|i| id(&i))?, line(c, "name"));
                let (from, to) = (status(c, "old_status"), status(c, "new_status"));
                (from != to).then_some(Change { component, from, to })
            })
            .collect()
    }
}
