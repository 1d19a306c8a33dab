//! The plain-JSON summary of what is shown, for hosts: the `detail` of the
//! `status-change` event.

use crate::feed::{Feed, Incident};
use crate::json::Json;
use crate::time::Timestamp;

/// What the widget shows now, in plain JSON.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Summary {
    /// The page's name.
    pub page: String,
    /// The overall status: `none`, `minor`, `major`, `critical`,
    /// `maintenance` or `unknown` (Statuspage's indicator values).
    pub status: &'static str,
    /// The page's own words for its status, if it gives them.
    pub description: Option<String>,
    /// Active incidents, most severe first.
    pub incidents: Vec<Item>,
    /// Maintenance under way.
    pub maintenance: Vec<Item>,
}

/// One incident or maintenance in a [`Summary`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Item {
    /// The feed's identifier.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `none`, `minor`, `major`, `critical`, `maintenance` or `unknown`.
    pub impact: &'static str,
    /// Its status, such as `investigating` or `in_progress`.
    pub status: &'static str,
    /// When it last changed, ISO 8601 in UTC.
    pub updated_at: String,
    /// Where to read more.
    pub url: Option<String>,
    /// The name of the page it comes from, when the widget shows several
    /// (absent otherwise).
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub page: Option<String>,
}

impl Summary {
    /// Summarises `feed` at the instant `now`.
    pub fn of(feed: &Feed, now: Timestamp) -> Summary {
        let incidents = feed.active_by_severity();
        Summary {
            page: feed.page.name.clone(),
            status: feed.status_at(now).as_str(),
            description: feed.status.as_ref().and_then(|s| s.description.clone()),
            incidents: incidents.into_iter().map(Item::of).collect(),
            maintenance: feed.maintenance_under_way(now).map(Item::of).collect(),
        }
    }

    /// As JSON text: the event's `detail` once the browser has parsed it
    /// (natively, what `serde_json` writes of it).
    pub fn to_json(&self) -> String {
        let mut json = Json::default();
        json.open('{').key("page").string(&self.page).key("status").string(self.status);
        json.key("description").text(self.description.as_deref());
        for (key, items) in [("incidents", &self.incidents), ("maintenance", &self.maintenance)] {
            json.key(key).open('[');
            for item in items {
                item.write(&mut json);
            }
            json.close(']');
        }
        json.close('}');
        json.finish()
    }
}

impl Item {
    fn write(&self, json: &mut Json) {
        json.open('{').key("id").string(&self.id).key("title").string(&self.title);
        json.key("impact").string(self.impact).key("status").string(self.status);
        json.key("updated_at").string(&self.updated_at).key("url").text(self.url.as_deref());
        if let Some(page) = &self.page {
            json.key("page").string(page);
        }
        json.close('}');
    }

    fn of(incident: &Incident) -> Item {
        // The feed's own identifier, not the one that keeps several feeds apart.
        let id = match incident.page {
            Some(_) => crate::feed::split(&incident.id).map_or(&*incident.id, |(_, id)| id),
            None => &incident.id,
        };
        Item {
            id: id.to_owned(),
            title: incident.title.clone(),
            impact: incident.impact.as_str(),
            status: incident.status.as_str(),
            updated_at: incident.last_change().to_iso(),
            url: incident.url.as_ref().map(|u| u.as_str().to_owned()),
            page: incident.page.clone(),
        }
    }
}
