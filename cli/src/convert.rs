//! Writing a converted feed: pretty-printed JSON with each object's fields
//! in the order the format documents them (`version` and `page` first, an
//! incident's `id` and `title` before its updates) rather than sorted by
//! name, so that the output reads like a hand-written feed.

use std::fmt::Write;

use serde_json::Value;

/// The fields of status-feed v1, in the order they are written; fields not
/// listed come after, by name. One list serves every object: each object's
/// own fields are in the documented order within it.
const ORDER: &[&str] = &[
    "$schema",
    "version",
    "page",
    "id",
    "name",
    "title",
    "indicator",
    "description",
    "impact",
    "status",
    "group",
    "started_at",
    "resolved_at",
    "scheduled_for",
    "scheduled_until",
    "completed_at",
    "at",
    "body",
    "published_at",
    "old_status",
    "new_status",
    "url",
    "components",
    "incidents",
    "maintenance",
    "updates",
    "affected_components",
    "postmortem",
];

/// `value` as pretty-printed JSON (two spaces, as `serde_json` indents),
/// with a final line break.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(value: &Value, indent: usize, out: &mut String) {
    let inner = indent + 2;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let mut fields: Vec<(&String, &Value)> = map.iter().collect();
            fields.sort_by_key(|(key, _)| {
                (ORDER.iter().position(|k| k == key).unwrap_or(ORDER.len()), key.as_str())
            });
            out.push('{');
            for (n, (key, value)) in fields.into_iter().enumerate() {
                out.push_str(if n == 0 { "\n" } else { ",\n" });
                let _ = write!(out, "{:inner$}{}: ", "", Value::from(key.as_str()));
                write_value(value, inner, out);
            }
            let _ = write!(out, "\n{:indent$}}}", "");
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                out.push_str(if n == 0 { "\n" } else { ",\n" });
                let _ = write!(out, "{:inner$}", "");
                write_value(item, inner, out);
            }
            let _ = write!(out, "\n{:indent$}]", "");
        }
        // Scalars, `{}` and `[]`.
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_fields_in_the_documented_order() {
        let feed = json!({
            "version": 1,
            "page": { "url": "https://x.example", "name": "X" },
            "incidents": [{ "updates": [], "title": "T", "id": "a", "x-other": null }],
            "components": [],
            "status": { "indicator": "none" }
        });
        let text = pretty(&feed);
        assert_eq!(
            text,
            r#"{
  "version": 1,
  "page": {
    "name": "X",
    "url": "https://x.example"
  },
  "status": {
    "indicator": "none"
  },
  "components": [],
  "incidents": [
    {
      "id": "a",
      "title": "T",
      "updates": [],
      "x-other": null
    }
  ]
}
"#
        );
        assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(feed));
    }

    #[test]
    fn formats_as_serde_json_does_but_for_the_order() {
        let value = json!([1, "two\n\"", { "a": [true, null, 2.5] }, {}, []]);
        let expected = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
        assert_eq!(pretty(&value), expected);
    }
}
