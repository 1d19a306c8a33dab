//! incident.io's status page widget API (`{status page}/api/v1/summary`,
//! switched on by the page's owner): what is going on now, for embedding.
//!
//! | | incident.io | the model |
//! |---|---|---|
//! | marked by | `ongoing_incidents`, `in_progress_maintenances`, `scheduled_maintenances` or `page_title`, and no `page` | |
//! | page | `page_title`, `page_url`, when given | `page` |
//! | incidents | `ongoing_incidents` | `incidents` |
//! | maintenance | `in_progress_maintenances`, then `scheduled_maintenances` | `maintenance` |
//! | title, link | `name`, `url` | `title`, `url` |
//! | status | `investigating`, `identified`, `monitoring`; `maintenance_in_progress`, `maintenance_scheduled` | the phase of the same name; `in_progress`, `scheduled` |
//! | impact | `current_worst_impact`: `degraded_performance`, `partial_outage`, `full_outage` | `minor`, `major`, `critical` |
//! | start | maintenance: `started_at` (under way), `starts_at` (to come); an incident has none: `last_update_at` | `started_at` |
//! | end | `last_update_at` of one `resolved` | `resolved_at` |
//! | window | `started_at`..`scheduled_end_at`, `starts_at`..`ends_at` | `window` |
//! | latest update | `last_update_message` at `last_update_at` | one update |
//! | components | every `affected_components` entry (`id`, `name`, `group_name`, `current_status`) | `components`, and the incident's |
//!
//! The API names no overall status: the components tell it.

use super::fields::{
    body, id, line, link, list, not_a_feed, numbered, text, time, Context, List, Read, Start,
};
use super::json::Json;
use super::{
    Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident, Page, Phase, Skipped,
    Update, Window,
};
use crate::error::Error;

const INCIDENTS: &str = "ongoing_incidents";
const UNDER_WAY: &str = "in_progress_maintenances";
const TO_COME: &str = "scheduled_maintenances";

pub(super) fn start<J: Json>(root: &J) -> Result<Start<J>, Error> {
    let incidents = list(root, INCIDENTS)?;
    let under_way = list(root, UNDER_WAY)?;
    let to_come = list(root, TO_COME)?;
    if incidents.is_none() && under_way.is_none() && to_come.is_none() {
        return Err(not_a_feed(
            "an incident.io widget feed has `ongoing_incidents`, `in_progress_maintenances` \
             or `scheduled_maintenances`",
        ));
    }
    // The page's components are those the feed names, as it last saw them.
    let mut components: Vec<Component> = Vec::new();
    let lists = [(&incidents, false), (&under_way, true), (&to_come, false)];
    for (item, under_maintenance) in
        lists.into_iter().flat_map(|(l, m)| l.iter().flatten().map(move |i| (i, m)))
    {
        let affected = item.get("affected_components").and_then(|c| c.elements());
        for c in affected.unwrap_or_default() {
            let (Some(id), Some(name)) = (c.get("id").and_then(|i| id(&i)), line(&c, "name"))
            else {
                continue;
            };
            let status = text(&c, "current_status").map(|s| status(&s));
            match components.iter_mut().find(|known| known.id == id) {
                // The worst any entry says.
                Some(known) => {
                    if let Some(status) = status.filter(|s| s.rank() > known.status.rank()) {
                        known.status = status;
                    }
                }
                None => components.push(Component {
                    id,
                    name,
                    status: status.unwrap_or(match under_maintenance {
                        true => ComponentStatus::UnderMaintenance,
                        false => ComponentStatus::Operational,
                    }),
                    group: line(&c, "group_name"),
                }),
            }
        }
    }
    let page =
        Page { name: line(root, "page_title").unwrap_or_default(), url: link(root, "page_url") };
    let feed = Feed::new(Format::IncidentIo, page, None, components, Skipped::default());
    // Maintenance under way, then to come.
    let mut maintenance = numbered(UNDER_WAY, under_way);
    maintenance.extend(numbered(TO_COME, to_come));
    Ok(Start {
        feed,
        incidents: List::new(INCIDENTS, incidents),
        maintenance: List::of(maintenance),
    })
}

/// A component's status, in incident.io's words (`Unknown` for others).
pub fn status(value: &str) -> ComponentStatus {
    match value {
        "full_outage" => ComponentStatus::MajorOutage,
        other => ComponentStatus::parse(other),
    }
}

/// An incident's or a maintenance's status, in incident.io's words
/// (`Unknown` for others).
pub fn phase(value: &str) -> Phase {
    match value {
        "maintenance_in_progress" => Phase::InProgress,
        "maintenance_scheduled" => Phase::Scheduled,
        "maintenance_complete" => Phase::Completed,
        other => Phase::parse(other),
    }
}

/// An incident's `current_worst_impact` (`Unknown` for others).
pub fn impact(value: &str) -> Impact {
    match value {
        "degraded_performance" => Impact::Minor,
        "partial_outage" => Impact::Major,
        "full_outage" => Impact::Critical,
        _ => Impact::Unknown,
    }
}

pub(super) fn incident<J: Json>(context: &Context<'_>, item: &J, maintenance: bool) -> Read {
    let title = line(item, "name").ok_or("name")?;
    let id = item.get("id").and_then(|i| id(&i)).ok_or("id")?;
    let phase = match text(item, "status") {
        Some(said) => phase(&said),
        None if maintenance => Phase::Scheduled,
        None => Phase::Investigating,
    };
    let last = time(item, "last_update_at").ok_or("last_update_at")?;
    // Maintenance under way has `started_at` and `scheduled_end_at`, to come
    // `starts_at` and `ends_at`; it cannot do without its start. An incident
    // says only when it was last updated.
    let (start_key, end_key) = match item.get("started_at") {
        Some(_) => ("started_at", "scheduled_end_at"),
        None => ("starts_at", "ends_at"),
    };
    let (from, until) = match maintenance {
        true => (
            time(item, start_key).ok_or(start_key)?.ok_or(start_key)?.into(),
            time(item, end_key).flatten(),
        ),
        false => (None, None),
    };
    let window = from.zip(until).map(|(from, until)| Window { from, until });
    let started_at = from.or(last).ok_or("last_update_at")?;
    let impact = match maintenance {
        true => Impact::Maintenance,
        false => text(item, "current_worst_impact").map_or(Impact::Unknown, |s| impact(&s)),
    };
    let updates = match last {
        Some(at) => vec![Update {
            status: phase,
            at,
            body: body(item, "last_update_message").unwrap_or_default(),
            changes: Vec::new(),
        }],
        None => Vec::new(),
    };
    let affected = item.get("affected_components").and_then(|c| c.elements()).unwrap_or_default();
    let components = affected
        .iter()
        .filter_map(|c| Some(context.named(super::fields::id(&c.get("id")?)?, line(c, "name"))))
        .collect::<Vec<ComponentRef>>();
    let incident = Incident {
        id,
        title,
        impact,
        status: phase,
        started_at,
        resolved_at: last.filter(|_| phase.is_closed()),
        window,
        url: link(item, "url"),
        components,
        updates,
        postmortem: None,
        page: None,
    };
    Ok((incident, Vec::new()))
}
