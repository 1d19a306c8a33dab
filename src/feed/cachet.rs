//! Cachet's API v1 (`/api/v1/components`, `/api/v1/components/groups`,
//! `/api/v1/incidents`, `/api/v1/schedules`): each a `data` list, statuses
//! as numbers. A widget shows one of them per `src`; list several to show
//! a page's components and incidents together.
//!
//! | | Cachet | the model |
//! |---|---|---|
//! | marked by | `data`, a list, and no `page` | |
//! | component (`status`, no `message`) | `id`, `name`, `status` 1 operational, 2 performance issues, 3 partial outage, 4 major outage, `enabled` | a component, unless disabled |
//! | group (`enabled_components`) | `name`, and its components | components with the group's name |
//! | incident (`visible`) | `id`, `name`, `message`, `status` 0 scheduled, 1 investigating, 2 identified, 3 watching, 4 fixed, `occurred_at`, `permalink`, `updates` | an incident (status 0: maintenance) |
//! | schedule (`scheduled_at`, no `visible`) | `id`, `name`, `message`, `status` 0 upcoming, 1 in progress, 2 complete, `scheduled_at`, `completed_at` (only when complete: Cachet writes the time of the request in a missing one) | maintenance |
//! | update | `status`, `message`, `created_at` | an update |
//! | times | `2026-11-21 09:42:17`, in the installation's zone | taken as UTC, unless they carry an offset |
//!
//! Cachet 3's API (`/api`, entries with `type` and `attributes`) is another
//! format, refused as such. The message an incident was opened with is its
//! first update. The API
//! gives no impact: an incident's is unknown ("Incident"). Components an
//! incident names by number are shown only when the document names them.

use super::fields::{
    self, body, component_fault, id, line, link, list, not_a_feed, Bad, Context, List, Read, Start,
};
use super::json::Json;
use super::{
    Component, ComponentStatus, Feed, Format, Impact, Incident, Page, Phase, Skip, Skipped, Update,
    Window,
};
use crate::error::Error;
use crate::time::Timestamp;

const DATA: &str = "data";

/// What an entry of `data` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A group (`enabled_components`), with its components.
    Group,
    /// A component (no `message`, `visible` or `scheduled_at`).
    Component,
    /// An incident (`visible`, or no `scheduled_at`).
    Incident,
    /// A schedule: maintenance (`scheduled_at`, no `visible`).
    Schedule,
}

/// What an entry of `data` is, from its fields.
pub fn kind<J: Json>(item: &J) -> Kind {
    let has = |key| item.get(key).is_some();
    if has("enabled_components") {
        Kind::Group
    } else if !has("message") && !has("visible") && !has("scheduled_at") {
        Kind::Component
    } else if has("visible") || !has("scheduled_at") {
        Kind::Incident
    } else {
        Kind::Schedule
    }
}

pub(super) fn start<J: Json>(root: &J) -> Result<Start<J>, Error> {
    let Some(data) = list(root, DATA)? else {
        return Err(not_a_feed("a Cachet answer has a `data` list"));
    };
    if data.first().is_some_and(|d| d.get("attributes").is_some() && d.get("type").is_some()) {
        return Err(not_a_feed(
            "this is Cachet 3's API; the widget reads Cachet's API v1 (`/api/v1`)",
        ));
    }
    let mut skipped = Skipped::default();
    let mut components = Vec::new();
    let (mut incidents, mut maintenance) = (Vec::new(), Vec::new());
    for (index, item) in data.into_iter().enumerate() {
        match kind(&item) {
            Kind::Group => {
                let group = line(&item, "name");
                let members = item.get("enabled_components").and_then(|c| c.elements());
                for (place, member) in members.unwrap_or_default().into_iter().enumerate() {
                    match component(&member, group.clone()) {
                        Some(c) => components.push(c),
                        None => skipped.add_component(Skip {
                            entry: (DATA, index),
                            inner: Some(("enabled_components", place)),
                            field: component_fault(&member),
                        }),
                    }
                }
            }
            // A disabled component is not on the page.
            Kind::Component if item.get("enabled").and_then(|e| e.boolean()) == Some(false) => {}
            Kind::Component => match component(&item, None) {
                Some(c) => components.push(c),
                None => {
                    let field = component_fault(&item);
                    skipped.add_component(Skip { entry: (DATA, index), inner: None, field });
                }
            },
            Kind::Incident => incidents.push((DATA, index, item)),
            Kind::Schedule => maintenance.push((DATA, index, item)),
        }
    }
    let feed = Feed::new(Format::Cachet, Page::default(), None, components, skipped);
    Ok(Start { feed, incidents: List::of(incidents), maintenance: List::of(maintenance) })
}

/// A component's status number (`Unknown` for others).
pub fn component_status(status: Option<i64>) -> ComponentStatus {
    match status {
        Some(1) => ComponentStatus::Operational,
        Some(2) => ComponentStatus::DegradedPerformance,
        Some(3) => ComponentStatus::PartialOutage,
        Some(4) => ComponentStatus::MajorOutage,
        _ => ComponentStatus::Unknown,
    }
}

fn component<J: Json>(item: &J, group: Option<String>) -> Option<Component> {
    let status = component_status(item.get("status").and_then(|s| number(&s)));
    Some(Component { id: id(&item.get("id")?)?, name: line(item, "name")?, status, group })
}

/// A status: a whole number, or one written as text.
pub fn number<J: Json>(value: &J) -> Option<i64> {
    let n = fields::number(value)?;
    #[allow(clippy::cast_possible_truncation, reason = "a small whole number, checked")]
    (n.fract() == 0.0 && (0.0..16.0).contains(&n)).then_some(n as i64)
}

/// An optional time, as [`super::fields::time`]; one without an offset is UTC.
fn time<J: Json>(object: &J, key: &'static str) -> Option<Option<Timestamp>> {
    fields::time_or(object, key, |value| Timestamp::parse(&[value, "Z"].concat()))
}

/// The status number of an incident (or of its update), or of a
/// `schedule` (`Unknown` for others).
pub fn phase(status: Option<i64>, schedule: bool) -> Phase {
    match (schedule, status) {
        (true, Some(0)) | (false, Some(0)) => Phase::Scheduled,
        (true, Some(1)) => Phase::InProgress,
        (true, Some(2)) => Phase::Completed,
        (false, Some(1)) => Phase::Investigating,
        (false, Some(2)) => Phase::Identified,
        (false, Some(3)) => Phase::Monitoring,
        (false, Some(4)) => Phase::Resolved,
        _ => Phase::Unknown,
    }
}

pub(super) fn incident<J: Json>(context: &Context<'_>, item: &J, schedule: bool) -> Read {
    let title = line(item, "name").ok_or("name")?;
    let id = item.get("id").and_then(|i| id(&i)).ok_or("id")?;
    let status = phase(item.get("status").and_then(|s| number(&s)), schedule);
    let maintenance = schedule || status == Phase::Scheduled;
    let created = time(item, "created_at").ok_or("created_at")?;
    let scheduled = time(item, "scheduled_at").ok_or("scheduled_at")?;
    let occurred = time(item, "occurred_at").ok_or("occurred_at")?;
    let completed = time(item, "completed_at").ok_or("completed_at")?;
    let started_at = match maintenance {
        true => scheduled.or(occurred).or(created).ok_or("scheduled_at")?,
        false => occurred.or(scheduled).or(created).ok_or("occurred_at")?,
    };
    // A schedule's end, once it is complete (and after its start).
    let until = completed.filter(|end| status == Phase::Completed && *end > started_at);
    let window = until.map(|until| Window { from: started_at, until });
    let (mut updates, bad) = updates(item);
    // The message the incident was opened with is its first update.
    if let (Some(text), Some(at)) = (body(item, "message"), created.or(Some(started_at))) {
        let status = if updates.is_empty() { status } else { Phase::Unknown };
        updates.push(Update { status, at, body: text, changes: Vec::new() });
    }
    super::newest_first(&mut updates);
    let resolved_at = match status {
        Phase::Completed => until.or_else(|| updates.first().map(|u| u.at)),
        Phase::Resolved => updates.first().map(|u| u.at),
        _ => None,
    };
    // Components it names by number, when the document names them too.
    let named = |c: String| {
        context
            .components
            .iter()
            .find(|k| k.id == c)
            .map(|k| context.named(c, Some(k.name.clone())))
    };
    let mut components: Vec<_> = item
        .get("component_id")
        .and_then(|c| super::fields::id(&c))
        .filter(|c| c != "0")
        .and_then(named)
        .into_iter()
        .collect();
    let listed = item.get("components").and_then(|c| c.elements()).unwrap_or_default();
    components
        .extend(listed.iter().filter_map(|c| named(super::fields::id(&c.get("component_id")?)?)));
    let incident = Incident {
        id,
        title,
        impact: if maintenance { Impact::Maintenance } else { Impact::Unknown },
        status,
        started_at,
        resolved_at,
        window,
        url: link(item, "permalink"),
        components,
        updates,
        postmortem: None,
        page: None,
    };
    Ok((incident, bad))
}

/// An incident's `updates` (Cachet 2.4 and later), with those without a
/// readable time.
fn updates<J: Json>(item: &J) -> (Vec<Update>, Bad) {
    let items = item.get("updates").and_then(|u| u.elements()).unwrap_or_default();
    let mut bad = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (index, u) in items.iter().enumerate() {
        match time(u, "created_at").flatten() {
            Some(at) => out.push(Update {
                status: phase(u.get("status").and_then(|s| number(&s)), false),
                at,
                body: body(u, "message").unwrap_or_default(),
                changes: Vec::new(),
            }),
            None => bad.push(("updates", index, "created_at")),
        }
    }
    (out, bad)
}
