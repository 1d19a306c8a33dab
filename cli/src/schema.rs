//! The JSON Schema of status-feed v1 (`schema/status-feed.v1.schema.json`,
//! embedded), and its violations as problems, validated with `boon`
//! (draft 2020-12, formats asserted, as the main crate's tests do).
//!
//! boon reports a tree of errors; the report wants one line per thing to
//! fix, at the place to fix it. So containers (`$ref`, `allOf`, groups)
//! are looked through to their leaves; a missing or unknown property is
//! reported at the property's own path (`$.incidents[1].title: is
//! missing`), where the reader's skip of the same field is reported too and
//! wins; and of the branches of a `oneOf` (a time, or null) only the ones
//! of the value's type are kept.

use boon::{Compiler, ErrorKind, InstanceToken, Schemas, ValidationError};
use serde_json::Value;

use crate::path::{self, Path, Step};
use crate::validate::{Origin, Problem};

/// The schema's text, as published.
pub const TEXT: &str = include_str!("../../schema/status-feed.v1.schema.json");

/// The schema's `$id`, under which it is compiled.
const URL: &str = "https://status-widget.example/schema/status-feed.v1.schema.json";

/// Every violation of the schema in `document`.
pub fn check(document: &Value) -> Vec<Problem> {
    let mut schemas = Schemas::new();
    let compiled =
        serde_json::from_str::<Value>(TEXT).map_err(|e| e.to_string()).and_then(|schema| {
            let mut compiler = Compiler::new();
            compiler.enable_format_assertions();
            compiler.add_resource(URL, schema).map_err(|e| e.to_string())?;
            compiler.compile(URL, &mut schemas).map_err(|e| e.to_string())
        });
    let index = match compiled {
        Ok(index) => index,
        // Only a broken build could get here; say so rather than pass.
        Err(e) => {
            let message = format!("the embedded JSON Schema does not compile: {e}");
            return vec![Problem::error(Origin::Schema, Path::root(), message)];
        }
    };
    match schemas.validate(document, index) {
        Ok(()) => Vec::new(),
        Err(error) => {
            let mut problems = Vec::new();
            for leaf in leaves(&error) {
                problems.extend(problems_of(document, leaf));
            }
            problems
        }
    }
}

/// The errors to report of `error`'s tree.
fn leaves<'a, 's, 'v>(error: &'a ValidationError<'s, 'v>) -> Vec<&'a ValidationError<'s, 'v>> {
    match &error.kind {
        ErrorKind::Group
        | ErrorKind::Schema { .. }
        | ErrorKind::Reference { .. }
        | ErrorKind::AllOf
            if !error.causes.is_empty() =>
        {
            error.causes.iter().flat_map(leaves).collect()
        }
        ErrorKind::OneOf(None) | ErrorKind::AnyOf if !error.causes.is_empty() => {
            // A branch that only says the value is of another type is not
            // the one meant: `"soon"` is meant as a time, not as null.
            let branches: Vec<Vec<_>> = error.causes.iter().map(leaves).collect();
            let meant: Vec<_> = branches
                .iter()
                .filter(|leaves| !leaves.iter().all(|l| matches!(l.kind, ErrorKind::Type { .. })))
                .collect();
            match meant.as_slice() {
                [one] => one.to_vec(),
                _ => vec![error],
            }
        }
        _ => vec![error],
    }
}

/// The path of a boon instance location.
fn path_of(error: &ValidationError<'_, '_>) -> Path {
    let steps = error.instance_location.tokens.iter().map(|token| match token {
        InstanceToken::Prop(key) => Step::Key(key.to_string()),
        InstanceToken::Item(index) => Step::Index(*index),
    });
    Path(steps.collect())
}

/// The problems one error stands for (a missing or unknown property each
/// its own), each with a message for a person.
fn problems_of(document: &Value, error: &ValidationError<'_, '_>) -> Vec<Problem> {
    let at = path_of(error);
    let value = at.find(document);
    let shown = value.map(path::show).unwrap_or_default();
    let message = match &error.kind {
        ErrorKind::Required { want } => {
            let missing = want.iter().map(|key| (at.key(key), "is missing".to_owned()));
            return missing.map(|(p, m)| Problem::error(Origin::Schema, p, m)).collect();
        }
        ErrorKind::AdditionalProperties { got } => {
            let message = "is not a field of status-feed v1 (a typo?)";
            let unknown = got.iter().map(|key| at.key(key));
            return unknown.map(|p| Problem::error(Origin::Schema, p, message)).collect();
        }
        ErrorKind::Type { want, .. } => {
            let want: Vec<&str> = want.iter().map(|t| type_word(&t.to_string())).collect();
            let got = value.map(path::kind).unwrap_or("nothing");
            format!("is {got}, expected {}", want.join(" or "))
        }
        ErrorKind::OneOf(None) | ErrorKind::AnyOf => {
            let got = value.map(path::kind).unwrap_or("nothing");
            // When every branch only wants another type, name the types.
            let mut want = Vec::new();
            let mut typed = true;
            for leaf in error.causes.iter().flat_map(leaves) {
                match &leaf.kind {
                    ErrorKind::Type { want: types, .. } => {
                        want.extend(types.iter().map(|t| type_word(&t.to_string())));
                    }
                    _ => typed = false,
                }
            }
            match typed {
                true => format!("is {got}, expected {}", want.join(" or ")),
                false => format!("is {got}, which is none of the kinds allowed here"),
            }
        }
        ErrorKind::Enum { want } => {
            let want: Vec<String> = want.iter().map(Value::to_string).collect();
            format!("is {shown}, not one of {}", want.join(", "))
        }
        ErrorKind::Const { want } => format!("is {shown}, expected {want}"),
        ErrorKind::Format { want: "date-time", .. } => {
            format!("is not an RFC 3339 time ({shown})")
        }
        ErrorKind::Format { want: "uri", .. } => format!("is not a URL ({shown})"),
        ErrorKind::Format { want, err, .. } => format!("is not a valid {want} ({shown}): {err}"),
        // boon shows the pattern as it rewrote it; the definition it is
        // part of says what is meant.
        ErrorKind::Pattern { want, .. } => match definition(error.schema_url) {
            "text" => "is blank".to_owned(),
            "url" => {
                format!("is not an http: or https: URL ({shown}); the widget does not link to it")
            }
            "time" => format!("is not an RFC 3339 time with an offset ({shown})"),
            _ => format!("does not match the pattern {}", Value::from(*want)),
        },
        ErrorKind::MinLength { want: 1, .. } => "is empty".to_owned(),
        other => other.to_string(),
    };
    vec![Problem::error(Origin::Schema, at, message)]
}

/// The name of the schema's definition (`$defs`) a keyword is in, or "".
fn definition(schema_url: &str) -> &str {
    let (_, fragment) = schema_url.split_once("#/$defs/").unwrap_or_default();
    fragment.split('/').next().unwrap_or_default()
}

/// A JSON Schema type, in the report's words.
fn type_word(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "boolean" => "true or false",
        "number" => "a number",
        "integer" => "a whole number",
        "string" => "text",
        "array" => "a list",
        "object" => "an object",
        _ => "another type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lines(document: Value) -> Vec<String> {
        check(&document).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_valid_document_has_no_problems() {
        assert_eq!(lines(json!({ "version": 1, "page": { "name": "x" } })), Vec::<String>::new());
    }

    #[test]
    fn says_what_is_wrong_where() {
        let got = lines(json!({
            "version": 2,
            "page": { "name": " ", "url": "javascript:alert(1)" },
            "incidnets": [],
            "incidents": [
                { "id": "a", "impact": "catastrophic", "started_at": "2026-11-21T10:00:00",
                  "resolved_at": "soon", "components": [7] }
            ]
        }));
        let want = [
            "error: $.incidents[0].title: is missing",
            "error: $.incidents[0].impact: is \"catastrophic\", not one of \"none\", \"minor\", \"major\", \"critical\"",
            "error: $.incidnets: is not a field of status-feed v1 (a typo?)",
            "error: $.version: is 2, expected 1",
            "error: $.page.name: is blank",
            "error: $.page.url: is not an http: or https: URL (\"javascript:alert(1)\"); the widget does not link to it",
            "error: $.incidents[0].components[0]: is a number, expected text or an object",
        ];
        for line in want {
            assert!(got.iter().any(|l| l == line), "missing {line:?} in {got:#?}");
        }
        assert!(got
            .iter()
            .any(|l| l.starts_with("error: $.incidents[0].started_at: is not an RFC 3339 time")));
        let resolved: Vec<_> = got.iter().filter(|l| l.contains("resolved_at")).collect();
        assert!(
            !resolved.is_empty() && resolved.iter().all(|l| l.contains("RFC 3339")),
            "{resolved:?}"
        );
    }
}
