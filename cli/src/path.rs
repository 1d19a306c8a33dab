//! JSON paths as the report writes them (`$.incidents[2].updates[0].at`):
//! building them, following them into a document, ordering them, and
//! saying what kind of value is found there.

use std::cmp::Ordering;
use std::fmt;

use serde_json::Value;

/// One step of a path: a field of an object or a place in a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// A field, by name.
    Key(String),
    /// An element of a list, from 0.
    Index(usize),
}

/// A place in a document, from its root (`$`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// The root, `$`.
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// This path, one field further.
    pub fn key(&self, key: &str) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Path(steps)
    }

    /// This path, one list element further.
    pub fn index(&self, index: usize) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Path(steps)
    }

    /// The value at this path in `root`, if there is one.
    pub fn find<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        self.0.iter().try_fold(root, |value, step| match step {
            Step::Key(key) => value.as_object()?.get(key),
            Step::Index(index) => value.as_array()?.get(*index),
        })
    }
}

/// Paths in document order as far as it can be told: fields by name
/// (serde_json keeps them sorted), elements by their place.
impl Ord for Path {
    fn cmp(&self, other: &Path) -> Ordering {
        for (a, b) in self.0.iter().zip(&other.0) {
            let order = match (a, b) {
                (Step::Key(a), Step::Key(b)) => a.cmp(b),
                (Step::Index(a), Step::Index(b)) => a.cmp(b),
                (Step::Key(_), Step::Index(_)) => Ordering::Less,
                (Step::Index(_), Step::Key(_)) => Ordering::Greater,
            };
            if order != Ordering::Equal {
                return order;
            }
        }
        self.0.len().cmp(&other.0.len())
    }
}

impl PartialOrd for Path {
    fn partial_cmp(&self, other: &Path) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.0 {
            match step {
                Step::Key(key) if is_plain(key) => write!(f, ".{key}")?,
                // Anything else in brackets, quoted as a JSON string.
                Step::Key(key) => write!(f, "[{}]", Value::from(key.as_str()))?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Whether `key` can follow a dot: a letter, `_` or `$`, then letters,
/// digits, `_`, `$` or `-`.
fn is_plain(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-'))
}

/// What kind of value this is, for a message: "null", "a number",
/// "text", "a list", "an object", "true or false".
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a value for a message: JSON, cut after 60
/// characters.
pub fn show(value: &Value) -> String {
    let text = value.to_string();
    let mut chars = text.char_indices();
    match chars.nth(60) {
        Some((cut, _)) => [text.get(..cut).unwrap_or(&text), "…"].concat(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_paths() {
        let path = Path::root().key("incidents").index(2).key("updates").index(0).key("at");
        assert_eq!(path.to_string(), "$.incidents[2].updates[0].at");
        assert_eq!(Path::root().to_string(), "$");
        assert_eq!(Path::root().key("a b").key("").to_string(), r#"$["a b"][""]"#);
    }

    #[test]
    fn follows_paths() {
        let doc = json!({ "a": [{ "b": 1 }] });
        assert_eq!(Path::root().key("a").index(0).key("b").find(&doc), Some(&json!(1)));
        assert_eq!(Path::root().key("a").index(1).find(&doc), None);
        assert_eq!(Path::root().key("a").key("b").find(&doc), None);
    }

    #[test]
    fn orders_elements_by_place() {
        let at = |i| Path::root().key("incidents").index(i);
        assert!(at(2) < at(10));
        assert!(at(2) < at(2).key("id"));
        assert!(Path::root() < at(0));
    }

    #[test]
    fn shows_values_briefly() {
        assert_eq!(show(&json!("soon")), "\"soon\"");
        assert_eq!(show(&json!("x".repeat(100))).chars().count(), 61);
    }
}
