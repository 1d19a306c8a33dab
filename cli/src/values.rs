//! Values the widget reads but cannot show as meant: enum values it does
//! not know (it shows them as "unknown"), and texts longer than it keeps
//! (it cuts them and ends them with "…"). These are warnings: the feed is
//! read, with less in it than its author meant.
//!
//! Each format has a table of the fields to look at, as patterns
//! (`incidents[].updates[].status`: every `status` of every update of every
//! incident), with what to check there. Our format and Statuspage's are
//! checked against the library's own parsers (`Impact::parse`,
//! `Phase::parse`, `ComponentStatus::parse`); the other formats against
//! their readers' own (`feed::incidentio`, `feed::instatus`, `feed::cachet`).

use serde_json::Value;
use status_widget::feed::cachet::{self, Kind};
use status_widget::feed::{incidentio, instatus};
use status_widget::feed::{ComponentStatus, Format, Impact, Phase, MAX_BODY_CHARS, MAX_LINE_CHARS};

use crate::path::{self, Path};
use crate::validate::{Origin, Problem};

/// What to check of a field.
#[derive(Clone, Copy)]
enum Check {
    /// A one-line text: cut past [`MAX_LINE_CHARS`].
    Line,
    /// A paragraph: cut past [`MAX_BODY_CHARS`].
    Body,
    /// A word from a list the widget knows.
    Word(&'static Words),
    /// A Cachet status number, whose meaning depends on the entry's kind.
    CachetStatus,
    /// A Cachet status number of an incident's update (0 to 4).
    CachetUpdate,
}

/// The words a field may take.
struct Words {
    /// Whether the widget knows `word`.
    known: fn(&str) -> bool,
    /// The words it knows, for the message.
    expected: &'static str,
}

const IMPACT: Words = Words {
    known: |w| Impact::parse(w) != Impact::Unknown,
    expected: "none, minor, major, critical, maintenance",
};
const PHASE: Words = Words {
    known: |w| Phase::parse(w) != Phase::Unknown,
    expected: "investigating, identified, update, monitoring, resolved, postmortem, scheduled, \
               in_progress, verifying, completed",
};
const COMPONENT: Words = Words {
    known: |w| ComponentStatus::parse(w) != ComponentStatus::Unknown,
    expected: "operational, degraded_performance, partial_outage, major_outage, under_maintenance",
};
const INCIDENTIO_STATUS: Words = Words {
    known: |w| incidentio::phase(w) != Phase::Unknown,
    expected: "investigating, identified, monitoring, resolved, maintenance_scheduled, \
               maintenance_in_progress, maintenance_complete",
};
const INCIDENTIO_IMPACT: Words = Words {
    known: |w| incidentio::impact(w) != Impact::Unknown,
    expected: "degraded_performance, partial_outage, full_outage",
};
const INCIDENTIO_COMPONENT: Words = Words {
    known: |w| incidentio::status(w) != ComponentStatus::Unknown,
    expected: "operational, degraded_performance, partial_outage, full_outage, under_maintenance",
};
const INSTATUS_PAGE: Words = Words {
    known: |w| instatus::page_status(w, || Impact::Minor) != Impact::Unknown,
    expected: "UP, HASISSUES, UNDERMAINTENANCE",
};
const INSTATUS_PHASE: Words = Words {
    known: |w| instatus::phase(w) != Phase::Unknown,
    expected: "INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, NOTSTARTEDYET, INPROGRESS, \
               COMPLETED",
};
const INSTATUS_IMPACT: Words = Words {
    known: |w| instatus::impact(w) != Impact::Unknown,
    expected: "OPERATIONAL, DEGRADEDPERFORMANCE, PARTIALOUTAGE, MINOROUTAGE, MAJOROUTAGE, \
               UNDERMAINTENANCE",
};

/// The fields to check in a feed of `format`.
fn table(format: Format) -> Vec<(String, Check)> {
    let mut table = Vec::new();
    let mut add = |pattern: String, check| table.push((pattern, check));
    match format {
        Format::V1 | Format::Statuspage => {
            let v1 = format == Format::V1;
            add("page.name".into(), Check::Line);
            add("status.indicator".into(), Check::Word(&IMPACT));
            add("status.description".into(), Check::Line);
            add("components[].name".into(), Check::Line);
            add("components[].group".into(), Check::Line);
            add("components[].status".into(), Check::Word(&COMPONENT));
            let (maintenance, title, updates) = match v1 {
                true => ("maintenance", "title", "updates"),
                false => ("scheduled_maintenances", "name", "incident_updates"),
            };
            for list in ["incidents", maintenance] {
                add(format!("{list}[].{title}"), Check::Line);
                add(format!("{list}[].status"), Check::Word(&PHASE));
                add(format!("{list}[].components[].name"), Check::Line);
                add(format!("{list}[].{updates}[].status"), Check::Word(&PHASE));
                add(format!("{list}[].{updates}[].body"), Check::Body);
                let changes = format!("{list}[].{updates}[].affected_components[]");
                add(format!("{changes}.name"), Check::Line);
                add(format!("{changes}.old_status"), Check::Word(&COMPONENT));
                add(format!("{changes}.new_status"), Check::Word(&COMPONENT));
            }
            // Maintenance has its impact set, whatever the feed says.
            add("incidents[].impact".into(), Check::Word(&IMPACT));
            match v1 {
                true => add("incidents[].postmortem.body".into(), Check::Body),
                false => add("incidents[].postmortem_body".into(), Check::Body),
            }
        }
        Format::IncidentIo => {
            add("page_title".into(), Check::Line);
            for list in ["ongoing_incidents", "in_progress_maintenances", "scheduled_maintenances"]
            {
                add(format!("{list}[].name"), Check::Line);
                add(format!("{list}[].status"), Check::Word(&INCIDENTIO_STATUS));
                add(format!("{list}[].last_update_message"), Check::Body);
                add(format!("{list}[].affected_components[].name"), Check::Line);
                add(format!("{list}[].affected_components[].group_name"), Check::Line);
                let status = format!("{list}[].affected_components[].current_status");
                add(status, Check::Word(&INCIDENTIO_COMPONENT));
            }
            add("ongoing_incidents[].current_worst_impact".into(), Check::Word(&INCIDENTIO_IMPACT));
        }
        Format::Instatus => {
            add("page.name".into(), Check::Line);
            add("page.status".into(), Check::Word(&INSTATUS_PAGE));
            for list in ["activeIncidents", "activeMaintenances"] {
                add(format!("{list}[].name"), Check::Line);
                add(format!("{list}[].status"), Check::Word(&INSTATUS_PHASE));
            }
            add("activeIncidents[].impact".into(), Check::Word(&INSTATUS_IMPACT));
        }
        Format::Cachet => {
            add("data[].name".into(), Check::Line);
            add("data[].message".into(), Check::Body);
            add("data[].status".into(), Check::CachetStatus);
            add("data[].enabled_components[].name".into(), Check::Line);
            add("data[].enabled_components[].status".into(), Check::CachetStatus);
            add("data[].updates[].message".into(), Check::Body);
            add("data[].updates[].status".into(), Check::CachetUpdate);
        }
    }
    table
}

/// The warnings for the values of `document`, read as `format`.
pub fn check(document: &Value, format: Format) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (pattern, check) in table(format) {
        let steps: Vec<&str> = pattern.split('.').collect();
        let mut found = Vec::new();
        walk(document, None, &steps, Path::root(), &mut found);
        for (path, value, parent) in found {
            if let Some(message) = problem(check, value, parent) {
                problems.push(Problem::warning(Origin::Value, path, message));
            }
        }
    }
    problems
}

/// A value found by a pattern: where, what, and the object it is a field of.
type Found<'v> = (Path, &'v Value, Option<&'v Value>);

/// Every value a pattern's `steps` lead to from `value` (at `path`), with
/// the object it is a field of. A step `name[]` is every element of the
/// list `name`; nulls and fields that are not there are left out.
fn walk<'v>(
    value: &'v Value,
    parent: Option<&'v Value>,
    steps: &[&str],
    path: Path,
    out: &mut Vec<Found<'v>>,
) {
    let Some((step, rest)) = steps.split_first() else {
        if !value.is_null() {
            out.push((path, value, parent));
        }
        return;
    };
    let (key, each) = match step.strip_suffix("[]") {
        Some(key) => (key, true),
        None => (*step, false),
    };
    let Some(object) = value.as_object() else { return };
    let Some(field) = object.get(key) else { return };
    let path = path.key(key);
    match (each, field.as_array()) {
        (true, Some(items)) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, Some(value), rest, path.index(index), out);
            }
        }
        (true, None) => {}
        (false, _) => walk(field, Some(value), rest, path, out),
    }
}

/// What is wrong with `value`, checked as `check`; `parent` is the object
/// it is a field of.
fn problem(check: Check, value: &Value, parent: Option<&Value>) -> Option<String> {
    match check {
        Check::Line => cut(value, MAX_LINE_CHARS),
        Check::Body => cut(value, MAX_BODY_CHARS),
        Check::Word(words) => match value {
            Value::String(word) if word.trim().is_empty() => None,
            Value::String(word) if (words.known)(word) => None,
            Value::String(_) => Some(format!(
                "is {}, which the widget does not know: it shows \"unknown\" (it knows {})",
                path::show(value),
                words.expected
            )),
            other => {
                Some(format!("is {}, expected text: the widget ignores it", path::kind(other)))
            }
        },
        Check::CachetStatus => {
            // The entry's kind, as the reader tells it; a group has no
            // status of its own.
            match cachet::kind(&parent.unwrap_or(&Value::Null)) {
                Kind::Group => None,
                Kind::Component => cachet_status(
                    value,
                    |n| cachet::component_status(n) != ComponentStatus::Unknown,
                    "1 to 4, operational to major outage",
                ),
                Kind::Incident => cachet_status(value, incident, INCIDENT),
                Kind::Schedule => cachet_status(
                    value,
                    |n| cachet::phase(n, true) != Phase::Unknown,
                    "0 upcoming, 1 in progress, 2 complete",
                ),
            }
        }
        Check::CachetUpdate => cachet_status(value, incident, INCIDENT),
    }
}

/// A text longer than `max` characters, which the widget cuts.
fn cut(value: &Value, max: usize) -> Option<String> {
    let count = value.as_str()?.chars().count();
    (count > max).then(|| {
        format!("is {count} characters long: the widget cuts it to {max}, ending with \"…\"")
    })
}

/// The statuses Cachet's incidents and their updates take.
const INCIDENT: &str = "0 to 4, scheduled to fixed";

fn incident(status: Option<i64>) -> bool {
    cachet::phase(status, false) != Phase::Unknown
}

/// A Cachet status: a number (or a number written as text) the reader
/// knows.
fn cachet_status(
    value: &Value,
    known: impl Fn(Option<i64>) -> bool,
    expected: &str,
) -> Option<String> {
    match cachet::number(&value) {
        Some(n) if known(Some(n)) => None,
        _ => Some(format!(
            "is {}, a status the widget does not know: it shows \"unknown\" (it knows {expected})",
            path::show(value)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lines(document: Value, format: Format) -> Vec<String> {
        check(&document, format).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_words_listed_are_known() {
        for words in [
            &IMPACT,
            &PHASE,
            &COMPONENT,
            &INCIDENTIO_STATUS,
            &INCIDENTIO_IMPACT,
            &INCIDENTIO_COMPONENT,
            &INSTATUS_PAGE,
            &INSTATUS_PHASE,
            &INSTATUS_IMPACT,
        ] {
            for word in words.expected.split(", ") {
                assert!((words.known)(word), "{word} is listed but not known");
            }
        }
    }

    #[test]
    fn warns_of_unknown_values_and_cut_texts() {
        let doc = json!({
            "page": { "id": "p", "name": "x".repeat(501) },
            "status": { "indicator": "apocalyptic" },
            "components": [{ "id": "a", "name": "A", "status": "flaky" }],
            "incidents": [{ "name": "I", "impact": 3, "incident_updates": [
                { "status": "escalated", "body": "y".repeat(20_001) }
            ]}]
        });
        let got = lines(doc, Format::Statuspage);
        let want = [
            "warning: $.page.name: is 501 characters long: the widget cuts it to 500, ending with \"…\"",
            "warning: $.status.indicator: is \"apocalyptic\", which the widget does not know: it shows \"unknown\" (it knows none, minor, major, critical, maintenance)",
            "warning: $.components[0].status: is \"flaky\", which the widget does not know: it shows \"unknown\" (it knows operational, degraded_performance, partial_outage, major_outage, under_maintenance)",
            "warning: $.incidents[0].incident_updates[0].status: is \"escalated\", which the widget does not know: it shows \"unknown\" (it knows investigating, identified, update, monitoring, resolved, postmortem, scheduled, in_progress, verifying, completed)",
            "warning: $.incidents[0].incident_updates[0].body: is 20001 characters long: the widget cuts it to 20000, ending with \"…\"",
            "warning: $.incidents[0].impact: is a number, expected text: the widget ignores it",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn tells_cachet_entries_apart() {
        let doc = json!({ "data": [
            { "id": 1, "name": "Component", "status": 5 },
            { "id": 2, "name": "Incident", "message": "m", "visible": 1, "status": 9,
              "updates": [{ "status": "3" }, { "status": 7 }] },
            { "id": 3, "name": "Schedule", "message": "m", "scheduled_at": "2026-11-21 10:00:00", "status": 3 },
            { "id": 4, "name": "Fine", "status": "1" },
            // Whole, as the reader takes it.
            { "id": 5, "name": "Also fine", "status": 2.0 }
        ]});
        let got = lines(doc, Format::Cachet);
        let paths: Vec<&str> = got.iter().filter_map(|l| l.split(": ").nth(1)).collect();
        assert_eq!(
            paths,
            [
                "$.data[0].status",
                "$.data[1].status",
                "$.data[2].status",
                "$.data[1].updates[1].status"
            ]
        );
    }
}
