//! Why the reader skipped an entry: the reader says which entry and which
//! field it could not do without ([`Skip`]); looking at the document there
//! tells why (missing, null, blank, of the wrong type, not a time, an
//! identifier too long) and the report says so, with what the widget does
//! about it.

use serde_json::Value;
use status_widget::feed::{Format, Skip, MAX_LINE_CHARS};

use crate::path::{self, Path};
use crate::validate::{Origin, Problem};

/// Where the skipped entry (or update) is: `$.incidents[2].updates[0]`.
pub fn entry_path(skip: &Skip) -> Path {
    let (list, index) = skip.entry;
    let path = Path::root().key(list).index(index);
    match skip.inner {
        Some((list, index)) => path.key(list).index(index),
        None => path,
    }
}

/// The error for `skip` in `root`, a feed read as `format`: at the field
/// (`$.incidents[2].title: is blank; the incident is left out`), or at the
/// entry when it is no object at all.
pub fn explain(root: &Value, format: Format, skip: &Skip) -> Problem {
    let entry = entry_path(skip);
    let left_out = format!("the {} is left out", what(skip));
    let Some(object) = entry.find(root).and_then(Value::as_object) else {
        let kind = entry.find(root).map_or("nothing", path::kind);
        let message = format!("is {kind}, expected an object; {left_out}");
        return Problem::error(Origin::Skip, entry, message);
    };
    let why = match object.get(skip.field) {
        None | Some(Value::Null) => {
            let missing = if object.contains_key(skip.field) { "is null" } else { "is missing" };
            [missing, missing_hint(format, skip)].concat()
        }
        Some(value) => match field_kind(skip.field) {
            Field::Id => id_problem(value),
            Field::Text => text_problem(value),
            Field::Time => time_problem(value, format),
        },
    };
    Problem::error(Origin::Skip, entry.key(skip.field), format!("{why}; {left_out}"))
}

/// What the entry is, for "the … is left out".
fn what(skip: &Skip) -> &'static str {
    match (skip.inner, skip.entry.0) {
        (Some(("enabled_components", _)), _) => "component",
        (Some(_), _) => "update",
        (None, "components") => "component",
        (None, "data") => "entry",
        (None, list) if list.to_ascii_lowercase().contains("maintenance") => "maintenance",
        (None, _) => "incident",
    }
}

/// The kinds of field a reader cannot do without.
enum Field {
    /// An identifier: text, or a whole number.
    Id,
    /// A title or a name: text that is not blank.
    Text,
    /// A time (every other field the readers require).
    Time,
}

fn field_kind(field: &str) -> Field {
    match field {
        "id" => Field::Id,
        "title" | "name" => Field::Text,
        _ => Field::Time,
    }
}

/// For a field that is missing: the others the reader would have taken
/// instead, which are missing too.
fn missing_hint(format: Format, skip: &Skip) -> &'static str {
    match (format, skip.field, skip.inner.is_some()) {
        (Format::V1, "started_at", false) => ", and there is no update to take the start from",
        (Format::Statuspage, "started_at", false) => ", and so is `created_at`",
        (Format::Statuspage, "created_at", true) => ", and `display_at` is no time either",
        (Format::Instatus, "started", false) => ", and so is `updatedAt`",
        (Format::IncidentIo, "last_update_at", false) => {
            ", and there is no window (`started_at`, `starts_at`) to take the start from"
        }
        (Format::Cachet, "occurred_at" | "scheduled_at", false) => {
            ", and there is no other time (`occurred_at`, `scheduled_at`, `created_at`) to \
             take the start from"
        }
        _ => "",
    }
}

fn id_problem(value: &Value) -> String {
    match value {
        Value::String(s) if s.is_empty() => "is empty".to_owned(),
        Value::String(s) if s.chars().nth(MAX_LINE_CHARS).is_some() => format!(
            "is an identifier longer than {MAX_LINE_CHARS} characters ({})",
            s.chars().count()
        ),
        Value::Number(_) => format!("is {}, not a whole number", path::show(value)),
        other => format!("is {}, expected text or a whole number", path::kind(other)),
    }
}

fn text_problem(value: &Value) -> String {
    match value {
        Value::String(_) => "is blank".to_owned(),
        other => format!("is {}, expected text", path::kind(other)),
    }
}

fn time_problem(value: &Value, format: Format) -> String {
    let Value::String(_) = value else {
        return format!("is {}, expected text", path::kind(value));
    };
    let shown = path::show(value);
    match format {
        Format::Cachet => format!("is not a time such as 2026-11-21 09:42:17 ({shown})"),
        Format::Instatus => format!(
            "is not a time such as 2026-11-21T09:42:17Z or Sat Nov 21 2026 09:42:17 GMT+0000 \
             ({shown})"
        ),
        Format::V1 | Format::Statuspage | Format::IncidentIo => {
            format!("is not an RFC 3339 time ({shown})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn explained(document: Value, format: Format, skip: Skip) -> String {
        explain(&document, format, &skip).to_string()
    }

    #[test]
    fn says_why_an_entry_was_skipped() {
        let skip = |index, field| Skip { entry: ("incidents", index), inner: None, field };
        let doc = json!({ "incidents": [
            { "id": "a" },
            { "id": "a", "title": null },
            { "id": "a", "title": "  " },
            { "id": "a", "title": 7 },
            { "id": "x".repeat(501), "title": "T" },
            { "id": "a", "title": "T", "started_at": "yesterday" },
            null,
            { "id": 1.5 }
        ]});
        let got = |index, field| explained(doc.clone(), Format::V1, skip(index, field));
        assert_eq!(
            got(0, "title"),
            "error: $.incidents[0].title: is missing; the incident is left out"
        );
        assert_eq!(
            got(1, "title"),
            "error: $.incidents[1].title: is null; the incident is left out"
        );
        assert_eq!(
            got(2, "title"),
            "error: $.incidents[2].title: is blank; the incident is left out"
        );
        assert_eq!(
            got(3, "title"),
            "error: $.incidents[3].title: is a number, expected text; the incident is left out"
        );
        assert_eq!(
            got(4, "id"),
            "error: $.incidents[4].id: is an identifier longer than 500 characters (501); the incident is left out"
        );
        assert!(got(5, "started_at").starts_with(
            "error: $.incidents[5].started_at: is not an RFC 3339 time (\"yesterday\")"
        ));
        assert_eq!(
            got(6, "title"),
            "error: $.incidents[6]: is null, expected an object; the incident is left out"
        );
        assert_eq!(
            got(7, "id"),
            "error: $.incidents[7].id: is 1.5, not a whole number; the incident is left out"
        );
        assert_eq!(
            got(0, "started_at"),
            "error: $.incidents[0].started_at: is missing, and there is no update to take the start from; the incident is left out"
        );
    }

    #[test]
    fn places_entries_as_the_library_does() {
        for skip in [
            Skip { entry: ("incidents", 12), inner: None, field: "id" },
            Skip {
                entry: ("scheduled_maintenances", 0),
                inner: Some(("incident_updates", 3)),
                field: "created_at",
            },
        ] {
            assert_eq!(entry_path(&skip).to_string(), skip.path());
        }
    }

    #[test]
    fn says_which_times_each_format_reads() {
        let doc = json!({ "data": [{ "id": 1, "name": "x", "updates": [{ "created_at": "yesterday" }] }] });
        let skip = Skip { entry: ("data", 0), inner: Some(("updates", 0)), field: "created_at" };
        assert_eq!(
            explained(doc, Format::Cachet, skip),
            "error: $.data[0].updates[0].created_at: is not a time such as 2026-11-21 09:42:17 (\"yesterday\"); the update is left out"
        );
    }
}
