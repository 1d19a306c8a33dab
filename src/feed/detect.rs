//! Which format a document is in, from the fields at its root.

use super::fields::not_a_feed;
use super::json::Json;
use super::Format;
use crate::error::Error;

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
/// A [`NotAFeed`](crate::ErrorKind::NotAFeed) error naming the marks, when the
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
