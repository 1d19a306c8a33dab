//! `validate`: parsing a document and gathering every problem it has.
//!
//! Problems come from four places, each a [`Origin`]:
//!
//! - the document itself: not UTF-8, not JSON, nested too deep, not a feed;
//! - the JSON Schema of status-feed v1, for our own format ([`crate::schema`]);
//! - the entries the widget's reader skipped ([`crate::skips`]);
//! - values the widget does not know or cuts ([`crate::values`]).
//!
//! One place in the document gets one problem: where several say something
//! about the same path, the reader's skip wins (it says what the widget
//! does), then the schema, then the value check; the most severe of them
//! sets the severity.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::Value;
use status_widget::feed::{self, Feed, Format, MAX_DEPTH};

use crate::path::{Path, Step};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The widget copes, but shows less than the feed means.
    Warning,
    /// The document is wrong: the widget refuses it or leaves part of it out.
    Error,
}

/// Where a problem was found, in the order one wins over another at the
/// same path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The document as a whole (never merged with others).
    Document,
    /// An entry the reader skipped.
    Skip,
    /// The JSON Schema of status-feed v1.
    Schema,
    /// A value the widget does not know, or a text it cuts.
    Value,
}

/// One problem, at one place in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// Where it is.
    pub path: Path,
    /// What is wrong there, starting with a verb ("is missing").
    pub message: String,
    /// Which check found it.
    pub origin: Origin,
}

impl Problem {
    /// An error.
    pub fn error(origin: Origin, path: Path, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, path, message: message.into(), origin }
    }

    /// A warning.
    pub fn warning(origin: Origin, path: Path, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, path, message: message.into(), origin }
    }
}

/// `error: $.incidents[1].title: is missing; the incident is left out`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.path, self.message)
    }
}

/// A parsed JSON document.
#[derive(Debug)]
pub struct Document {
    /// The document.
    pub value: Value,
}

impl Document {
    /// Parses `bytes` as the widget would (a leading byte order mark is
    /// dropped, as browsers do), refusing what the widget refuses: text
    /// that is not JSON, and nesting deeper than [`MAX_DEPTH`].
    ///
    /// # Errors
    ///
    /// The problem, at `$`, when the bytes are no JSON document the widget
    /// would read.
    pub fn parse(bytes: &[u8]) -> Result<Document, Problem> {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let not_json = |message: String| {
            Problem::error(Origin::Document, Path::root(), ["not JSON: ", &message].concat())
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column(bytes, e.valid_up_to());
            not_json(format!("not UTF-8 text at line {line} column {column}"))
        })?;
        let trimmed = text.trim_start();
        if trimmed.is_empty() {
            return Err(not_json("the document is empty".to_owned()));
        }
        if trimmed.starts_with('<') {
            return Err(not_json("the document looks like an HTML page".to_owned()));
        }
        if let Some(offset) = feed::too_deep_at(text, MAX_DEPTH) {
            let (line, column) = line_column(text.as_bytes(), offset);
            let at = format!(" (at line {line} column {column})");
            let message = format!(
                "arrays and objects are nested more than {MAX_DEPTH} deep{at}: the widget \
                 refuses the feed"
            );
            return Err(Problem::error(Origin::Document, Path::root(), message));
        }
        let value = serde_json::from_str(text).map_err(|e| not_json(e.to_string()))?;
        Ok(Document { value })
    }
}

/// The line and column (from 1, columns in characters) of byte `offset`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(before.get(start..).unwrap_or_default()).chars().count();
    (line, column + 1)
}

/// How much of the feed was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    incidents: usize,
    maintenance: usize,
    components: usize,
}

/// What `validate` found: the format, the problems, what was read.
#[derive(Debug)]
pub struct Report {
    /// The format the document was read as: detected, or given.
    pub format: Option<Format>,
    /// Whether the format was given (`--format`) rather than detected.
    pub forced: bool,
    /// Every problem, in document order.
    pub problems: Vec<Problem>,
    /// How much was read, when the document is a feed.
    pub read: Option<Counts>,
}

impl Report {
    /// How many errors there are.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }

    /// How many warnings there are.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Warning).count()
    }
}

/// ```text
/// format: statuspage
/// error: $.incidents[1].name: is missing; the incident is left out
/// summary: 1 error, 0 warnings; read 3 incidents, 1 maintenance, 4 components
/// ```
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.format, self.forced) {
            (Some(format), true) => writeln!(f, "format: {} (as given)", format.name())?,
            (Some(format), false) => writeln!(f, "format: {}", format.name())?,
            (None, _) => writeln!(f, "format: unknown")?,
        }
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        let (errors, warnings) = (self.errors(), self.warnings());
        match errors + warnings {
            0 => write!(f, "summary: no problems")?,
            _ => write!(
                f,
                "summary: {}, {}",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            )?,
        }
        if let Some(read) = self.read {
            write!(
                f,
                "; read {}, {}, {}",
                plural(read.incidents, "incident", "incidents"),
                plural(read.maintenance, "maintenance", "maintenance"),
                plural(read.components, "component", "components"),
            )?;
        }
        writeln!(f)
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Validates the document `bytes`, read in `format` when it is given, else
/// in the format detected.
pub fn validate(bytes: &[u8], format: Option<Format>) -> Report {
    let document = match Document::parse(bytes) {
        Ok(document) => document,
        Err(problem) => {
            return Report { format, forced: format.is_some(), problems: vec![problem], read: None }
        }
    };
    let value = &document.value;
    let read = feed::read_as(value, format);
    // The format the document looks like, by the marks at its root, to say
    // so when another is given, or when it is not a readable feed.
    let detected = feed::detect(&value).ok();
    let checked_as = format.or(detected);
    let mut problems = Vec::new();
    if let (Some(given), Some(detected)) = (format, detected) {
        if given != detected {
            let message = format!(
                "the document looks like the {} format, not {}",
                detected.name(),
                given.name()
            );
            problems.push(Problem::warning(Origin::Document, Path::root(), message));
        }
    }
    if checked_as == Some(Format::V1) {
        problems.extend(crate::schema::check(value));
    }
    let counts = match &read {
        Ok(feed) => {
            problems.extend(feed_problems(value, feed));
            Some(Counts {
                incidents: feed.incidents.len(),
                maintenance: feed.maintenance.len(),
                components: feed.components.len(),
            })
        }
        Err(e) => {
            let message = ["not a feed: ", e.detail()].concat();
            problems.push(Problem::error(Origin::Document, Path::root(), message));
            None
        }
    };
    let skipped = match &read {
        Ok(feed) => skipped_paths(feed),
        Err(_) => Vec::new(),
    };
    Report {
        format: checked_as,
        forced: format.is_some(),
        problems: merge(problems, &skipped),
        read: counts,
    }
}

/// What reading `feed` left out or changed: the entries skipped, values
/// the widget does not know, texts cut. For `convert`, which writes
/// what was read.
pub fn conversion_warnings(value: &Value, feed: &Feed) -> Vec<Problem> {
    merge(feed_problems(value, feed), &skipped_paths(feed))
}

/// The problems of a feed read from `value`, but the schema's.
fn feed_problems(value: &Value, feed: &Feed) -> Vec<Problem> {
    let mut problems: Vec<Problem> = feed
        .skipped
        .entries
        .iter()
        .map(|skip| crate::skips::explain(value, feed.format, skip))
        .collect();
    problems.extend(crate::values::check(value, feed.format));
    problems
}

/// Where the entries the reader skipped are.
fn skipped_paths(feed: &Feed) -> Vec<Path> {
    let entries = feed.skipped.entries.iter();
    entries.map(crate::skips::entry_path).collect()
}

/// One problem per path (see the module's documentation), value warnings
/// inside skipped entries dropped, in document order.
fn merge(problems: Vec<Problem>, skipped: &[Path]) -> Vec<Problem> {
    let skipped: HashSet<&[Step]> = skipped.iter().map(|p| p.0.as_slice()).collect();
    let in_skipped = |path: &Path| {
        (1..=path.0.len()).any(|n| path.0.get(..n).is_some_and(|p| skipped.contains(p)))
    };
    let mut out: Vec<Problem> = Vec::with_capacity(problems.len());
    // Where in `out` the problem of each path is (document problems aside).
    let mut places: HashMap<Path, usize> = HashMap::new();
    for problem in problems {
        if problem.origin == Origin::Value && in_skipped(&problem.path) {
            continue;
        }
        if problem.origin == Origin::Document {
            out.push(problem);
            continue;
        }
        match places.get(&problem.path).and_then(|at| out.get_mut(*at)) {
            Some(kept) => {
                let severity = kept.severity.max(problem.severity);
                if problem.origin < kept.origin {
                    *kept = problem;
                }
                kept.severity = severity;
            }
            None => {
                places.insert(problem.path.clone(), out.len());
                out.push(problem);
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> String {
        match Document::parse(text.as_bytes()) {
            Ok(_) => String::new(),
            Err(problem) => problem.to_string(),
        }
    }

    #[test]
    fn says_why_a_document_is_not_json() {
        assert_eq!(
            parse_error("{\n  \"a\": 1,\n  "),
            "error: $: not JSON: EOF while parsing a value at line 3 column 2"
        );
        assert_eq!(parse_error(" \n "), "error: $: not JSON: the document is empty");
        assert_eq!(
            parse_error("<!doctype html>"),
            "error: $: not JSON: the document looks like an HTML page"
        );
        let deep = format!("{{\"a\":\n{}{}", "[".repeat(70), "]".repeat(70));
        assert!(parse_error(&deep).contains("nested more than 64 deep (at line 2 column 64)"));
        assert!(Document::parse(b"\xef\xbb\xbf{}").is_ok());
        match Document::parse(b"{\"a\": \"\xff\"}") {
            Err(p) => assert_eq!(p.message, "not JSON: not UTF-8 text at line 1 column 8"),
            Ok(_) => unreachable!(),
        }
    }

    #[test]
    fn keeps_one_problem_per_path() {
        let path = || Path::root().key("incidents").index(0).key("impact");
        let problems = vec![
            Problem::warning(Origin::Value, path(), "value"),
            Problem::error(Origin::Schema, path(), "schema"),
            Problem::error(Origin::Document, Path::root(), "document"),
            Problem::warning(Origin::Document, Path::root(), "another"),
            Problem::warning(
                Origin::Value,
                Path::root().key("components").index(1).key("name"),
                "x",
            ),
        ];
        let merged = merge(problems, &[Path::root().key("components").index(1)]);
        let lines: Vec<String> = merged.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            ["error: $: document", "warning: $: another", "error: $.incidents[0].impact: schema"]
        );
    }
}
