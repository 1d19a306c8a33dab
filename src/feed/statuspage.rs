//! The reader of Statuspage v2 and of our own format (status-feed v1).
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

use super::fields::{body, component_fault, id, line, link, list, not_a_feed, text, time};
use super::fields::{Bad, Context, List, Read, Start};
use super::json::Json;
use super::{
    Change, Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident, Overall,
    Page, Phase, Postmortem, Skip, Skipped, Update, Window,
};
use crate::error::Error;

/// Statuspage's and ours, which share one shape.
pub(super) fn start<J: Json>(root: &J, format: Format) -> Result<Start<J>, Error> {
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

/// One incident or maintenance, with the updates that were malformed;
/// the field at fault if the incident itself is: no identifier, no
/// title, no start, or a time that is not one.
pub(super) fn incident<J: Json>(
    context: &Context<'_>,
    item: &J,
    listed_as_maintenance: bool,
) -> Read {
    let v1 = context.format == Format::V1;
    let title_key = if v1 { "title" } else { "name" };
    let title = line(item, title_key).ok_or(title_key)?;
    let id = item.get("id").and_then(|i| id(&i)).ok_or("id")?;
    // Statuspage's incident history lists past maintenance among incidents.
    let impact = text(item, "impact").map_or(Impact::Unknown, |s| Impact::parse(&s));
    let maintenance = listed_as_maintenance || impact == Impact::Maintenance;
    let updates_key = if v1 { "updates" } else { "incident_updates" };
    let (updates, bad_updates) = updates(context, updates_key, item.get(updates_key));
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
        (true, None) => {
            time(item, "started_at").ok_or("started_at")?.or_else(|| updates.last().map(|u| u.at))
        }
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
        false => context
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
    let components = components.iter().filter_map(|c| component(context, c)).collect();
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
fn component<J: Json>(context: &Context<'_>, value: &J) -> Option<ComponentRef> {
    let (id, name) = match value.is_object() {
        true => (id(&value.get("id")?)?, line(value, "name")),
        false => (id(value)?, None),
    };
    Some(context.named(id, name))
}

/// The updates of an incident (its list `key`), newest first, with those
/// that were malformed (no readable time).
fn updates<J: Json>(
    context: &Context<'_>,
    key: &'static str,
    list: Option<J>,
) -> (Vec<Update>, Bad) {
    let v1 = context.format == Format::V1;
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
                changes: changes(context, u),
            }),
            None => bad.push((key, index, if v1 { "at" } else { "created_at" })),
        }
    }
    super::newest_first(&mut out);
    (out, bad)
}

/// The component statuses an update changed: entries without a
/// component or with a status unchanged are left out.
fn changes<J: Json>(context: &Context<'_>, update: &J) -> Vec<Change> {
    let items = update.get("affected_components").and_then(|c| c.elements());
    let status =
        |c: &J, key| text(c, key).map_or(ComponentStatus::Unknown, |s| ComponentStatus::parse(&s));
    let key = if context.format == Format::V1 { "id" } else { "code" };
    items
        .unwrap_or_default()
        .iter()
        .filter_map(|c| {
            let component = context.named(c.get(key).and_then(|i| id(&i))?, line(c, "name"));
            let (from, to) = (status(c, "old_status"), status(c, "new_status"));
            (from != to).then_some(Change { component, from, to })
        })
        .collect()
}
