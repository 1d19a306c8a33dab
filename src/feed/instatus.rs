//! Instatus' public `summary.json` (`https://{page}.instatus.com/summary.json`,
//! or the page's own domain): the page, and what is going on now.
//!
//! | | Instatus | the model |
//! |---|---|---|
//! | marked by | `activeIncidents` or `activeMaintenances` | |
//! | page | `page`: `name`, `url` | `page` |
//! | overall status | `page.status`: `UP`, `HASISSUES`, `UNDERMAINTENANCE` (and the management API's `ALL…`, `SOME…`, `ONE…` an impact) | `none`; the worst impact of the incidents not resolved (`minor` if none says); `maintenance`; that impact |
//! | incidents | `activeIncidents`: `id`, `name`, `started`, `status`, `impact`, `url`, `updatedAt` | `incidents` |
//! | maintenance | `activeMaintenances`: `id`, `name`, `start`, `duration` (minutes), `status`, `url`, `updatedAt` | `maintenance` |
//! | incident status | `INVESTIGATING`, `IDENTIFIED`, `MONITORING`, `RESOLVED` | the phase of the same name |
//! | maintenance status | `NOTSTARTEDYET`, `INPROGRESS`, `COMPLETED` | `scheduled`, `in_progress`, `completed` |
//! | impact | `OPERATIONAL`, `DEGRADEDPERFORMANCE`, `PARTIALOUTAGE`, `MINOROUTAGE`, `MAJOROUTAGE`, `UNDERMAINTENANCE` | `none`, `minor`, `minor`, `major`, `critical`, `maintenance` (Instatus ranks a minor outage above a partial one) |
//! | times | ISO 8601, or JavaScript's `Date` text (`Sat Nov 21 2026 09:51:19 GMT+0000 (…)`) | |
//! | last change | `updatedAt` | one update, without text |
//!
//! Values are matched without regard to case. The summary lists no
//! components.

use super::fields::{
    self, id, line, link, list, not_a_feed, numbered, text, Context, List, Read, Start,
};
use super::json::Json;
use super::{Feed, Format, Impact, Incident, Overall, Page, Phase, Skipped, Update, Window};
use crate::error::Error;
use crate::time::Timestamp;

const INCIDENTS: &str = "activeIncidents";
const MAINTENANCE: &str = "activeMaintenances";

pub(super) fn start<J: Json>(root: &J) -> Result<Start<J>, Error> {
    let page = root.get("page");
    if page.as_ref().is_some_and(|p| !p.is_object()) {
        return Err(not_a_feed("`page` is not an object"));
    }
    let incidents = list(root, INCIDENTS)?;
    let maintenance = list(root, MAINTENANCE)?;
    let said = page.as_ref().and_then(|p| p.get("status")).and_then(|s| s.string());
    if incidents.is_none() && maintenance.is_none() && said.is_none() {
        return Err(not_a_feed(
            "an Instatus summary has `activeIncidents`, `activeMaintenances` or a `page` with \
             its `status`",
        ));
    }
    let status = page.as_ref().and_then(|p| text(p, "status")).map(|status| {
        // Issues: as bad as the worst incident going on says.
        let issues = || {
            incidents
                .iter()
                .flatten()
                .filter(|i| text(*i, "status").is_none_or(|s| !s.eq_ignore_ascii_case("RESOLVED")))
                .filter_map(|i| text(i, "impact").map(|s| impact(&s)))
                .filter(|i| !matches!(i, Impact::None | Impact::Maintenance | Impact::Unknown))
                .max_by_key(|i| i.severity())
                .unwrap_or(Impact::Minor)
        };
        let indicator = page_status(&status, issues);
        Overall { indicator, description: None }
    });
    let page = Page {
        name: page.as_ref().and_then(|p| line(p, "name")).unwrap_or_default(),
        url: page.as_ref().and_then(|p| link(p, "url")),
    };
    let feed = Feed::new(Format::Instatus, page, status, Vec::new(), Skipped::default());
    Ok(Start {
        feed,
        incidents: List::new(INCIDENTS, incidents),
        maintenance: List::of(numbered(MAINTENANCE, maintenance)),
    })
}

/// The page's `status` (`Unknown` for a word it is not): `UP`, `HASISSUES`
/// (as bad as `issues` says), `UNDERMAINTENANCE`, and the management API's
/// `ALLMAJOROUTAGE`, `SOMEPARTIALOUTAGE`, … (the impact after the prefix).
pub fn page_status(value: &str, issues: impl FnOnce() -> Impact) -> Impact {
    let value = value.to_ascii_uppercase();
    match value.as_str() {
        "UP" => Impact::None,
        "HASISSUES" => issues(),
        other => ["ALL", "SOME", "ONE"]
            .iter()
            .find_map(|prefix| other.strip_prefix(prefix))
            .map_or_else(|| impact(other), impact),
    }
}

/// An incident's `impact` (`Unknown` for others; case ignored).
pub fn impact(value: &str) -> Impact {
    match value.to_ascii_uppercase().as_str() {
        "OPERATIONAL" => Impact::None,
        "DEGRADEDPERFORMANCE" => Impact::Minor,
        "PARTIALOUTAGE" => Impact::Minor,
        "MINOROUTAGE" => Impact::Major,
        "MAJOROUTAGE" => Impact::Critical,
        "UNDERMAINTENANCE" => Impact::Maintenance,
        _ => Impact::Unknown,
    }
}

/// An incident's or a maintenance's `status` (`Unknown` for others; case
/// ignored).
pub fn phase(value: &str) -> Phase {
    let value = value.to_ascii_lowercase();
    match value.as_str() {
        "notstartedyet" => Phase::Scheduled,
        "inprogress" => Phase::InProgress,
        "completed" => Phase::Completed,
        other => Phase::parse(other),
    }
}

/// An optional time, as [`super::fields::time`], in either of Instatus' ways.
fn time<J: Json>(object: &J, key: &'static str) -> Option<Option<Timestamp>> {
    fields::time_or(object, key, js_date)
}

/// JavaScript's `Date.prototype.toString()`: `Sat Nov 21 2026 09:51:19
/// GMT+0000 (Coordinated Universal Time)`.
fn js_date(value: &str) -> Option<Timestamp> {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut words = value.split_ascii_whitespace();
    let (_weekday, month, day, year, clock, zone) =
        (words.next()?, words.next()?, words.next()?, words.next()?, words.next()?, words.next()?);
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let offset = zone.strip_prefix("GMT")?;
    let (sign, digits) = offset.split_at_checked(1)?;
    let (hours, minutes) = digits.split_at_checked(2)?;
    let month = [char::from(b'0' + (month / 10) as u8), char::from(b'0' + (month % 10) as u8)];
    let day = if day.len() == 1 { ["0", day].concat() } else { day.to_owned() };
    let text =
        [year, "-", &String::from_iter(month), "-", &day, "T", clock, sign, hours, ":", minutes];
    Timestamp::parse(&text.concat())
}

pub(super) fn incident<J: Json>(_: &Context<'_>, item: &J, maintenance: bool) -> Read {
    let title = line(item, "name").ok_or("name")?;
    let id = item.get("id").and_then(|i| id(&i)).ok_or("id")?;
    let status = text(item, "status").map(|s| phase(&s));
    let updated = time(item, "updatedAt").ok_or("updatedAt")?;
    let (impact, window, started_at) = match maintenance {
        true => {
            let from = time(item, "start").ok_or("start")?.ok_or("start")?;
            let minutes = item.get("duration").and_then(|d| fields::number(&d));
            // A maintenance without a length lasts as long as it says it does.
            let window = minutes.filter(|m| m.is_finite() && *m >= 0.0).map(|m| {
                #[allow(clippy::cast_possible_truncation, reason = "clamped to a century")]
                let ms = (m.min(52_560_000.0) * 60_000.0) as i64;
                Window { from, until: Timestamp::from_millis(from.as_millis().saturating_add(ms)) }
            });
            (Impact::Maintenance, window, from)
        }
        false => {
            let impact = text(item, "impact").map_or(Impact::Unknown, |s| impact(&s));
            let started = time(item, "started").ok_or("started")?.or(updated).ok_or("started")?;
            (impact, None, started)
        }
    };
    let status =
        status.unwrap_or(if maintenance { Phase::Scheduled } else { Phase::Investigating });
    let resolved_at = status.is_closed().then_some(updated).flatten();
    let updates = updated
        .map(|at| Update { status, at, body: String::new(), changes: Vec::new() })
        .into_iter()
        .collect();
    let incident = Incident {
        id,
        title,
        impact,
        status,
        started_at,
        resolved_at,
        window,
        url: link(item, "url"),
        components: Vec::new(),
        updates,
        postmortem: None,
        page: None,
    };
    Ok((incident, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_dates() {
        let at = js_date("Sat Nov 21 2026 09:51:19 GMT+0000 (Coordinated Universal Time)");
        assert_eq!(at, Timestamp::parse("2026-11-21T09:51:19Z"));
        let at = js_date("Tue Nov 3 2026 22:00:00 GMT-0500 (Eastern Standard Time)");
        assert_eq!(at, Timestamp::parse("2026-11-04T03:00:00Z"));
        assert_eq!(js_date("Sat Nov 21 2026"), None);
        assert_eq!(js_date("Sat Foo 21 2026 09:51:19 GMT+0000"), None);
    }
}
