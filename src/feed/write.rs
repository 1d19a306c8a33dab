//! Writing a feed in our own format, status-feed v1: the way back from the
//! model, for converting other formats and for testing that reading loses
//! nothing (native only).
//!
//! What the model holds as unknown (a value the source did not state, or
//! stated in words no reader knows) is left out rather than written as
//! `"unknown"`, which the schema does not list: a reader takes a missing
//! value as unknown again, so the document stays valid and reads back the
//! same. Where v1 cannot say what the model holds, the reader is left to
//! derive it: an incident's own status, unknown, becomes its newest
//! update's; the page's overall status, unknown, is derived from the
//! components. And the past maintenance that Statuspage's history lists
//! among incidents is written under `maintenance`.

use serde_json::{json, Map, Value};

use super::{ComponentRef, ComponentStatus, Feed, Impact, Incident, Phase, Update};

/// `feed` as a status-feed v1 document. Reading it back gives the same
/// feed, as far as v1 can say it: affected components are written by
/// identifier, with their name where the component list does not give it;
/// the page's overall status, when unknown, is left out (with its
/// description) for the reader to derive from the components.
pub fn to_v1(feed: &Feed) -> Value {
    let mut root = Map::new();
    root.insert("version".into(), 1.into());
    let mut page = Map::new();
    if !feed.page.name.is_empty() {
        page.insert("name".into(), feed.page.name.clone().into());
    }
    if let Some(url) = &feed.page.url {
        page.insert("url".into(), url.as_str().into());
    }
    root.insert("page".into(), page.into());
    if let Some(status) = feed.status.as_ref().filter(|s| s.indicator != Impact::Unknown) {
        let mut out = Map::new();
        out.insert("indicator".into(), status.indicator.as_str().into());
        if let Some(description) = &status.description {
            out.insert("description".into(), description.clone().into());
        }
        root.insert("status".into(), out.into());
    }
    let components = feed.components.iter().map(|c| {
        let mut out = Map::new();
        out.insert("id".into(), c.id.clone().into());
        out.insert("name".into(), c.name.clone().into());
        if c.status != ComponentStatus::Unknown {
            out.insert("status".into(), c.status.as_str().into());
        }
        if let Some(group) = &c.group {
            out.insert("group".into(), group.clone().into());
        }
        Value::from(out)
    });
    root.insert("components".into(), components.collect());
    // Statuspage's history lists past maintenance among incidents; ours
    // lists it as maintenance.
    let (maintenance, incidents): (Vec<&Incident>, Vec<&Incident>) =
        feed.incidents.iter().partition(|i| i.impact == Impact::Maintenance);
    root.insert("incidents".into(), incidents.into_iter().map(|i| incident(i, feed)).collect());
    let maintenance = feed.maintenance.iter().chain(maintenance);
    root.insert("maintenance".into(), maintenance.map(|i| incident(i, feed)).collect());
    root.into()
}

/// An incident, or a maintenance: v1 gives maintenance a window (its end
/// left out when not known) and no impact, start or postmortem, and an
/// incident no window.
fn incident(incident: &Incident, feed: &Feed) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), incident.id.clone().into());
    out.insert("title".into(), incident.title.clone().into());
    if incident.status != Phase::Unknown {
        out.insert("status".into(), incident.status.as_str().into());
    }
    let end = incident.resolved_at.map(|end| Value::from(end.to_iso()));
    let maintenance = incident.impact == Impact::Maintenance;
    match maintenance {
        true => {
            let from = incident.window.map_or(incident.started_at, |w| w.from);
            out.insert("scheduled_for".into(), from.to_iso().into());
            if let Some(window) = incident.window {
                out.insert("scheduled_until".into(), window.until.to_iso().into());
            }
            if let Some(end) = end {
                out.insert("completed_at".into(), end);
            }
        }
        false => {
            if incident.impact != Impact::Unknown {
                out.insert("impact".into(), incident.impact.as_str().into());
            }
            out.insert("started_at".into(), incident.started_at.to_iso().into());
            if let Some(end) = end {
                out.insert("resolved_at".into(), end);
            }
        }
    }
    if let Some(url) = &incident.url {
        out.insert("url".into(), url.as_str().into());
    }
    let components = incident.components.iter().map(|c| match own_name(c, feed) {
        Some(name) => json!({ "id": c.id, "name": name }),
        None => Value::from(c.id.clone()),
    });
    out.insert("components".into(), components.collect());
    let updates = incident.updates.iter().map(|u| update(u, feed));
    out.insert("updates".into(), updates.collect());
    if let Some(postmortem) = incident.postmortem.as_ref().filter(|_| !maintenance) {
        let mut p = json!({ "body": postmortem.body });
        if let (Some(at), Some(p)) = (postmortem.published_at, p.as_object_mut()) {
            p.insert("published_at".into(), at.to_iso().into());
        }
        out.insert("postmortem".into(), p);
    }
    out.into()
}

fn update(update: &Update, feed: &Feed) -> Value {
    let changes = update.changes.iter().map(|c| {
        let mut out = Map::new();
        out.insert("id".into(), c.component.id.clone().into());
        if let Some(name) = own_name(&c.component, feed) {
            out.insert("name".into(), name.into());
        }
        for (key, status) in [("old_status", c.from), ("new_status", c.to)] {
            if status != ComponentStatus::Unknown {
                out.insert(key.into(), status.as_str().into());
            }
        }
        Value::from(out)
    });
    let mut out = Map::new();
    if update.status != Phase::Unknown {
        out.insert("status".into(), update.status.as_str().into());
    }
    out.insert("at".into(), update.at.to_iso().into());
    out.insert("body".into(), update.body.clone().into());
    out.insert("affected_components".into(), changes.collect());
    out.into()
}

/// The name to write beside a component's identifier: none where a reader
/// names it the same without (from the component list, or by its
/// identifier when the list does not have it).
fn own_name<'a>(component: &'a ComponentRef, feed: &Feed) -> Option<&'a str> {
    let listed = feed.components.iter().find(|c| c.id == component.id);
    let read = listed.map_or(component.id.as_str(), |c| c.name.as_str());
    (component.name != read).then_some(component.name.as_str())
}
