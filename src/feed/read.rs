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
//! | maintenance start | `scheduled_for` (`scheduled_until` may be absent: an end not known) | `scheduled_for` (its `started_at` is when it was announced) |
//! | incident link | `url` | `{page.url}/incidents/{id}`, else `shortlink` |
//! | maintenance end | `completed_at` | `resolved_at` |
//! | end, when closed without one | the update that closed it | the update that closed it |
//! | updates | `updates`, each with `at` | `incident_updates`, each with `display_at`, else `created_at` |
//! | component changes of an update | `affected_components`: `id`, `name` where the list has none, `old_status`, `new_status` | `affected_components`: `code`, `name`, `old_status`, `new_status` |
//! | affected components | identifiers, or objects with `id` and `name` where the list has none | objects with `id` and `name` |
//! | component group | `group`: the group's name | `group_id` of a component with `group: true` |
//! | postmortem | `postmortem: {body, published_at}` | `postmortem_body`, `postmortem_published_at` |
//!
//! Tolerance: an unknown field is never looked at; a scalar of the wrong
//! type is a missing value; an unknown enum value is `Unknown`; an entry
//! without what it cannot do without (an identifier, a title, a readable
//! time) is skipped and counted. Only a root that is no feed is an error.

use super::json::Json;
use super::{
    cachet, incidentio, instatus, Change, Component, ComponentRef, ComponentStatus, Feed, Format,
    Impact, Incident, Overall, Page, Phase, Postmortem, Skip, Skipped, Update, Window,
    MAX_BODY_CHARS, MAX_LINE_CHARS,
};
use crate::error::{Error, ErrorKind};
use crate::link::SafeUrl;
use crate::time::Timestamp;

/// Reads a whole document, in `format` or the one it is detected to be.
pub(super) fn feed<J: Json>(root: &J, format: Option<Format>) -> Result<Feed, Error> {
    let mut reading = Reading::start_as(root, format)?;
    reading.step(usize::MAX);
    Ok(reading.finish())
}

/// A feed read a slice at a time: everything but its incidents and
/// maintenance at [`start`](Reading::start), then so many of those per
/// [`step`](Reading::step), so that a caller can let the page breathe
/// between slices of a long history.
pub struct Reading<J> {
    feed: Feed,
    incidents: List<J>,
    maintenance: List<J>,
}

/// The entries of a list not read yet, with the list's name and the place
/// of the next (for [`Skip`]).
pub(super) struct List<J> {
    items: std::vec::IntoIter<(&'static str, usize, J)>,
}

impl<J> List<J> {
    /// The whole list `name` of the root.
    pub(super) fn new(name: &'static str, items: Option<Vec<J>>) -> List<J> {
        List::of(numbered(name, items))
    }

    /// Entries of lists of the root, each with its list's name and its
    /// place there.
    pub(super) fn of(items: Vec<(&'static str, usize, J)>) -> List<J> {
        List { items: items.into_iter() }
    }
}

/// The entries of the list `name`, each with the list's name and its place.
pub(super) fn numbered<J>(
    name: &'static str,
    items: Option<Vec<J>>,
) -> Vec<(&'static str, usize, J)> {
    let items = items.unwrap_or_default().into_iter().enumerate();
    items.map(|(index, item)| (name, index, item)).collect()
}

/// What a format's reader finds at the root: the feed without its
/// incidents and maintenance, and the lists of those.
pub(super) struct Start<J> {
    pub(super) feed: Feed,
    pub(super) incidents: List<J>,
    pub(super) maintenance: List<J>,
}

impl<J: Json> Reading<J> {
    /// Reads what a feed is (its format, page, status and components) and
    /// finds its incidents and maintenance, without reading them yet.
    ///
    /// # Errors
    ///
    /// When the document is no feed (see [`read()`](super::read())).
    pub fn start(root: &J) -> Result<Reading<J>, Error> {
        Reading::start_as(root, None)
    }

    /// As [`start`](Reading::start), in `format` when it is given instead of
    /// the one detected.
    ///
    /// # Errors
    ///
    /// When the document is no feed, or none of that format.
    pub fn start_as(root: &J, format: Option<Format>) -> Result<Reading<J>, Error> {
        if !root.is_object() {
            return Err(not_a_feed("expected a JSON object at the root"));
        }
        let format = match format {
            Some(format) => format,
            None => detect(root)?,
        };
        let Start { feed, incidents, maintenance } = match format {
            Format::V1 | Format::Statuspage => start(root, format)?,
            Format::IncidentIo => incidentio::start(root)?,
            Format::Instatus => instatus::start(root)?,
            Format::Cachet => cachet::start(root)?,
        };
        Ok(Reading { feed, incidents, maintenance })
    }

    /// Reads up to `count` more incidents or maintenance; says whether
    /// any are left.
    pub fn step(&mut self, count: usize) -> bool {
        let Feed { format, page, components, incidents, maintenance, skipped, .. } = &mut self.feed;
        let context = Context { format: *format, page_url: page.url.as_ref(), components };
        for _ in 0..count {
            let (list, listed_as_maintenance, out) = match self.incidents.items.len() {
                0 => (&mut self.maintenance, true, &mut *maintenance),
                _ => (&mut self.incidents, false, &mut *incidents),
            };
            let Some((name, index, item)) = list.items.next() else { return false };
            let entry = (name, index);
            let read = match context.format {
                Format::V1 | Format::Statuspage => context.incident(&item, listed_as_maintenance),
                Format::IncidentIo => incidentio::incident(&context, &item, listed_as_maintenance),
                Format::Instatus => instatus::incident(&context, &item, listed_as_maintenance),
                Format::Cachet => cachet::incident(&context, &item, listed_as_maintenance),
            };
            match read {
                Ok((incident, bad_updates)) => {
                    for (list, index, field) in bad_updates {
                        skipped.add(Skip { entry, inner: Some((list, index)), field });
                    }
                    out.push(incident);
                }
                Err(field) => skipped.add(Skip { entry, inner: None, field }),
            }
        }
        self.incidents.items.len() + self.maintenance.items.len() > 0
    }

    /// The feed, with whatever is not read yet read now.
    pub fn finish(mut self) -> Feed {
        self.step(usize::MAX);
        self.feed
    }
}

/// The format of a document, from the fields at its root. Each format has
/// a mark none of the others has:
///
/// | format | marked by |
/// |---|---|
/// | status-feed v1 | `version` |
/// | Statuspage v2 | `page` and one of `status`, `components`, `incidents`, `scheduled_maintenances` |
/// | Instatus | `activeIncidents` or `activeMaintenances`, or a `page` whose `status` is text |
/// | incident.io | `ongoing_incidents`, `in_progress_maintenances`, `scheduled_maintenances` or `page_title`, no `page` |
/// | Cachet | `data`, a list of objects (or empty, beside `meta`), no `page` |
///
/// # Errors
///
/// A [`NotAFeed`](ErrorKind::NotAFeed) error naming the marks, when the
/// document has none of them.
pub fn detect<J: Json>(root: &J) -> Result<Format, Error> {
    let has = |key| root.get(key).is_some();
    let page_status = root.get("page").and_then(|p| p.get("status"));
    let data = root.get("data").and_then(|d| d.elements());
    let format = if has("version") {
        Format::V1
    } else if has("activeIncidents")
        || has("activeMaintenances")
        || page_status.is_some_and(|s| s.string().is_some())
    {
        Format::Instatus
    } else if has("page") {
        let status = root.get("status");
        match status.as_ref().is_some_and(Json::is_object)
            || has("components")
            || has("incidents")
            || has("scheduled_maintenances")
        {
            true => Format::Statuspage,
            false => return Err(unknown_format()),
        }
    } else if has("ongoing_incidents")
        || has("in_progress_maintenances")
        || has("scheduled_maintenances")
        || has("page_title")
    {
        Format::IncidentIo
    } else if data.is_some_and(|d| d.first().map_or(has("meta"), Json::is_object)) {
        Format::Cachet
    } else {
        return Err(unknown_format());
    };
    Ok(format)
}

fn unknown_format() -> Error {
    not_a_feed(
        "found the fields of no known format: neither a `version` (status-feed v1), a `page` \
         with `status`, `components` or `incidents` (Statuspage v2), `activeIncidents` \
         (Instatus), `ongoing_incidents` (incident.io) nor a `data` list (Cachet); \
         set `format` if the feed is one of them",
    )
}

/// Statuspage's and ours, which share one shape.
fn start<J: Json>(root: &J, format: Format) -> Result<Start<J>, Error> {
    let page = root.get("page");
    if page.as_ref().is_some_and(|p| !p.is_object()) {
        return Err(not_a_feed("`page` is not an object"));
    }
    let status = root.get("status");
    let components = list(root, "components")?;
    let incidents = list(root, "incidents")?;
    if format == Format::V1 {
        match root.get("version").map(|v| id(&v)) {
            Some(Some(version)) if version != "1" => {
                let message =
                    ["version ", &version, " is not supported (this widget reads version 1)"];
                return Err(not_a_feed(&message.concat()));
            }
            Some(None) => return Err(not_a_feed("`version` is not a version number")),
            _ => {}
        }
    }
    let maintenance_key =
        if format == Format::V1 { "maintenance" } else { "scheduled_maintenances" };
    let maintenance = list(root, maintenance_key)?;
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
    let feed = Feed::new(format, page, status, components, skipped);
    Ok(Start {
        feed,
        incidents: List::new("incidents", incidents),
        maintenance: List::new(maintenance_key, maintenance),
    })
}

pub(super) fn not_a_feed(detail: &str) -> Error {
    Error::new(ErrorKind::NotAFeed, detail)
}

/// The elements of the list `key`: `None` when absent, an error when it is
/// there but not a list.
pub(super) fn list<J: Json>(object: &J, key: &'static str) -> Result<Option<Vec<J>>, Error> {
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
pub(super) fn text<J: Json>(object: &J, key: &'static str) -> Option<String> {
    let blank = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
    object.get(key)?.string().filter(|s| !s.chars().all(blank))
}

/// Non-blank text to show on one line (a title, a name), at most
/// [`MAX_LINE_CHARS`] long.
pub(super) fn line<J: Json>(object: &J, key: &'static str) -> Option<String> {
    text(object, key).map(|s| clip(s, MAX_LINE_CHARS))
}

/// Non-blank text to show as a paragraph (an update, a postmortem), at most
/// [`MAX_BODY_CHARS`] long.
pub(super) fn body<J: Json>(object: &J, key: &'static str) -> Option<String> {
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
pub(super) fn id<J: Json>(value: &J) -> Option<String> {
    if let Some(s) = value.string() {
        return Some(s).filter(|s| !s.is_empty() && s.chars().nth(MAX_LINE_CHARS).is_none());
    }
    let n = value.number()?;
    // Whole numbers that a double holds exactly.
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0)
        .then(|| crate::strings::decimal(n as i64))
}

/// A link that is safe to follow, or none.
pub(super) fn link<J: Json>(object: &J, key: &'static str) -> Option<SafeUrl> {
    SafeUrl::parse(&text(object, key)?)
}

/// An optional time: `Some(None)` when absent, `None` when present but not a
/// time, so that `?` skips the entry (an incident whose end cannot be read
/// must not pass for one still going on).
pub(super) fn time<J: Json>(object: &J, key: &'static str) -> Option<Option<Timestamp>> {
    time_or(object, key, |_| None)
}

/// [`time`], reading a text that is no RFC 3339 time with `other`.
pub(super) fn time_or<J: Json>(
    object: &J,
    key: &'static str,
    other: fn(&str) -> Option<Timestamp>,
) -> Option<Option<Timestamp>> {
    match object.get(key) {
        None => Some(None),
        Some(value) => {
            let value = value.string()?;
            Timestamp::parse(&value).or_else(|| other(&value)).map(Some)
        }
    }
}

/// A number, or a whole number written as text (parsing text as a float
/// would bring float parsing into the `.wasm`: about 20 KB).
pub(super) fn number<J: Json>(value: &J) -> Option<f64> {
    value.number().or_else(|| Some(f64::from(value.string()?.trim().parse::<u32>().ok()?)))
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
    for (index, c) in items.iter().enumerate().filter(|(_, c)| !is_group(c)) {
        let (Some(id), Some(name)) = (c.get("id").and_then(|i| id(&i)), line(c, "name")) else {
            let field = component_fault(c);
            skipped.add_component(Skip { entry: ("components", index), inner: None, field });
            continue;
        };
        let group = match format {
            Format::Statuspage => {
                c.get("group_id").and_then(|g| self::id(&g)).and_then(|g| group_name(&g))
            }
            _ => line(c, "group"),
        };
        let status =
            text(c, "status").map_or(ComponentStatus::Unknown, |s| ComponentStatus::parse(&s));
        out.push(Component { id, name, status, group });
    }
    out
}

/// The field a component left out could not do without.
pub(super) fn component_fault<J: Json>(component: &J) -> &'static str {
    match component.get("id").and_then(|i| id(&i)) {
        None => "id",
        Some(_) => "name",
    }
}

/// What reading an incident needs of the rest of the feed.
pub(super) struct Context<'a> {
    pub(super) format: Format,
    pub(super) page_url: Option<&'a SafeUrl>,
    pub(super) components: &'a [Component],
}

/// An incident read, with the updates left out of it (their list, place and
/// the field that could not be read); or the field it could not do without.
pub(super) type Read = Result<(Incident, Bad), &'static str>;

/// Updates left out: their list, their place in it, and the field that
/// could not be read.
pub(super) type Bad = Vec<(&'static str, usize, &'static str)>;

impl Context<'_> {
    /// One incident or maintenance, with the updates that were malformed;
    /// the field at fault if the incident itself is: no identifier, no
    /// title, no start, or a time that is not one.
    fn incident<J: Json>(&self, item: &J, listed_as_maintenance: bool) -> Read {
        let v1 = self.format == Format::V1;
        let title_key = if v1 { "title" } else { "name" };
        let title = line(item, title_key).ok_or(title_key)?;
        let id = item.get("id").and_then(|i| id(&i)).ok_or("id")?;
        // Statuspage's incident history lists past maintenance among incidents.
        let impact = text(item, "impact").map_or(Impact::Unknown, |s| Impact::parse(&s));
        let maintenance = listed_as_maintenance || impact == Impact::Maintenance;
        let updates_key = if v1 { "updates" } else { "incident_updates" };
        let (updates, bad_updates) = self.updates(updates_key, item.get(updates_key));
        // A maintenance's window must be readable; on an incident it is only
        // a curiosity, and a bad one is left out.
        let from = time(item, "scheduled_for");
        let window = match (from, time(item, "scheduled_until")) {
            (Some(Some(from)), Some(Some(until))) => Some(Window { from, until }),
            (None, _) if maintenance => return Err("scheduled_for"),
            (_, None) if maintenance => return Err("scheduled_until"),
            _ => None,
        };
        let resolved_key = if v1 && maintenance { "completed_at" } else { "resolved_at" };
        let resolved_at = time(item, resolved_key).ok_or(resolved_key)?;
        // Maintenance begins when its window does (Statuspage's `started_at`
        // on maintenance is when it was announced).
        let started_at = match (v1, window.filter(|_| maintenance)) {
            (_, Some(window)) => Some(window.from),
            // Our maintenance may be open-ended: it began, its end is not known.
            (true, None) if maintenance && from.flatten().is_some() => from.flatten(),
            (true, None) => time(item, "started_at")
                .ok_or("started_at")?
                .or_else(|| updates.last().map(|u| u.at)),
            (false, None) => match time(item, "started_at").ok_or("started_at")? {
                Some(started) => Some(started),
                None => time(item, "created_at").ok_or("created_at")?,
            },
        }
        .ok_or("started_at")?;
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
        let url = match v1 {
            true => link(item, "url"),
            // The canonical incident page; the shortlink redirects there too.
            false => self
                .page_url
                .and_then(|page| page.join(&["incidents", &id]))
                .or_else(|| link(item, "shortlink")),
        };
        // A publication time that cannot be read is left out, not the incident.
        let postmortem = match v1 {
            true => item.get("postmortem").and_then(|p| {
                let published_at = time(&p, "published_at").flatten();
                Some(Postmortem { body: body(&p, "body")?, published_at })
            }),
            false => body(item, "postmortem_body").map(|body| {
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
            page: None,
        };
        Ok((incident, bad_updates))
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
    pub(super) fn named(&self, id: String, name: Option<String>) -> ComponentRef {
        let listed = || self.components.iter().find(|c| c.id == id).map(|c| c.name.clone());
        let name = name.or_else(listed).unwrap_or_else(|| id.clone());
        ComponentRef { id, name }
    }

    /// The updates of an incident (its list `key`), newest first, with those
    /// that were malformed (no readable time).
    fn updates<J: Json>(&self, key: &'static str, list: Option<J>) -> (Vec<Update>, Bad) {
        let v1 = self.format == Format::V1;
        let items = list.and_then(|l| l.elements()).unwrap_or_default();
        let mut bad = Vec::new();
        let mut out = Vec::with_capacity(items.len());
        for (index, u) in items.iter().enumerate() {
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
                None => bad.push((key, index, if v1 { "at" } else { "created_at" })),
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
