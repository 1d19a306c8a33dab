//! Writing a feed in our own format, status-feed v1: the way back from the
//! model, for converting other formats and for testing that reading loses
//! nothing (native only).

use serde_json::{json, Map, Value};

use super::{Feed, Impact, Incident, Update};

/// `feed` as a status-feed v1 document. Reading it back gives the same
/// feed, as far as v1 can say it: affected components are written by
/// identifier and named from the component list, as the reader names them.
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
    if let Some(status) = &feed.status {
        let mut out = Map::new();
        out.insert("indicator".into(), status.indicator.as_str().into());
        if let Some(description) = &status.description {
            out.insert("description".into(), description.clone().into());
        }
        root.insert("status".into(), out.into());
    }
    let components = feed.components.iter().map(|c| {
        let mut out = json!({ "id": c.id, "name": c.name, "status": c.status.as_str() });
        if let (Some(group), Some(out)) = (&c.group, out.as_object_mut()) {
            out.insert("group".into(), group.clone().into());
        }
        out
    });
    root.insert("components".into(), components.collect());
    root.insert("incidents".into(), feed.incidents.iter().map(incident).collect());
    root.insert("maintenance".into(), feed.maintenance.iter().map(incident).collect());
    root.into()
}

/// An incident, or a maintenance: v1 gives maintenance a window and no
/// impact, start or postmortem, and an incident no window.
fn incident(incident: &Incident) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), incident.id.clone().into());
    out.insert("title".into(), incident.title.clone().into());
    out.insert("status".into(), incident.status.as_str().into());
    let end = incident.resolved_at.map(|end| Value::from(end.to_iso()));
    let window = incident.window.filter(|_| incident.impact == Impact::Maintenance);
    match window {
        Some(window) => {
            out.insert("scheduled_for".into(), window.from.to_iso().into());
            out.insert("scheduled_until".into(), window.until.to_iso().into());
            if let Some(end) = end {
                out.insert("completed_at".into(), end);
            }
        }
        None => {
            out.insert("impact".into(), incident.impact.as_str().into());
            out.insert("started_at".into(), incident.started_at.to_iso().into());
            if let Some(end) = end {
                out.insert("resolved_at".into(), end);
            }
        }
    }
    if let Some(url) = &incident.url {
        out.insert("url".into(), url.as_str().into());
    }
    let components = incident.components.iter().map(|c| Value::from(c.id.clone()));
    out.insert("components".into(), components.collect());
    out.insert("updates".into(), incident.updates.iter().map(update).collect());
    if let Some(postmortem) = incident.postmortem.as_ref().filter(|_| window.is_none()) {
        let mut p = json!({ "body": postmortem.body });
        if let (Some(at), Some(p)) = (postmortem.published_at, p.as_object_mut()) {
            p.insert("published_at".into(), at.to_iso().into());
        }
        out.insert("postmortem".into(), p);
    }
    out.into()
}

fn update(update: &Update) -> Value {
    let changes = update.changes.iter().map(|c| {
        json!({ "id": c.component.id, "old_status": c.from.as_str(), "new_status": c.to.as_str() })
    });
    json!({
        "status": update.status.as_str(),
        "at": update.at.to_iso(),
        "body": update.body,
        "affected_components": changes.collect::<Vec<_>>(),
    })
}
