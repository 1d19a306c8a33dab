//! The field helpers every reader shares: text that is not blank and not
//! too long, identifiers, links, times and numbers read tolerantly (a value
//! of the wrong type is a missing one), the lists of the root, and what
//! reading an incident needs of the rest of the feed.

use super::json::Json;
use super::{Component, ComponentRef, Feed, Format, Incident, MAX_BODY_CHARS, MAX_LINE_CHARS};
use crate::error::{Error, ErrorKind};
use crate::link::SafeUrl;
use crate::time::Timestamp;

/// The entries of a list not read yet, with the list's name and the place
/// of the next (for [`Skip`](super::Skip)).
pub(super) struct List<J> {
    pub(super) items: std::vec::IntoIter<(&'static str, usize, J)>,
}

impl<J> List<J> {
    /// The whole list `name` of the root.
    pub(super) fn new(name: &'static str, items: Option<Vec<J>>) -> List<J> {
        List::of(numbered(name, items))
    }

    /// Entries of lists of the root, each with its list's name and its
    /// place there.
    pub(super) fn of(items: Vec<(&'static str, usize, J)>) -> List<J> {
        List { items: items.into_iter() }
    }
}

/// The entries of the list `name`, each with the list's name and its place.
pub(super) fn numbered<J>(
    name: &'static str,
    items: Option<Vec<J>>,
) -> Vec<(&'static str, usize, J)> {
    let items = items.unwrap_or_default().into_iter().enumerate();
    items.map(|(index, item)| (name, index, item)).collect()
}

/// What a format's reader finds at the root: the feed without its
/// incidents and maintenance, and the lists of those.
pub(super) struct Start<J> {
    pub(super) feed: Feed,
    pub(super) incidents: List<J>,
    pub(super) maintenance: List<J>,
}

pub(super) fn not_a_feed(detail: &str) -> Error {
    Error::new(ErrorKind::NotAFeed, detail)
}

/// The elements of the list `key`: `None` when absent, an error when it is
/// there but not a list.
pub(super) fn list<J: Json>(object: &J, key: &'static str) -> Result<Option<Vec<J>>, Error> {
    match object.get(key) {
        None => Ok(None),
        Some(value) => match value.elements() {
            Some(items) => Ok(Some(items)),
            None => Err(not_a_feed(&["`", key, "` is not a list"].concat())),
        },
    }
}

/// Non-blank text: blank is what JavaScript's `\s` matches, as in the
/// schema: Unicode's white space but U+0085, and the byte order mark.
pub(super) fn text<J: Json>(object: &J, key: &'static str) -> Option<String> {
    let blank = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
    object.get(key)?.string().filter(|s| !s.chars().all(blank))
}

/// Non-blank text to show on one line (a title, a name), at most
/// [`MAX_LINE_CHARS`] long.
pub(super) fn line<J: Json>(object: &J, key: &'static str) -> Option<String> {
    text(object, key).map(|s| clip(s, MAX_LINE_CHARS))
}

/// Non-blank text to show as a paragraph (an update, a postmortem), at most
/// [`MAX_BODY_CHARS`] long.
pub(super) fn body<J: Json>(object: &J, key: &'static str) -> Option<String> {
    text(object, key).map(|s| clip(s, MAX_BODY_CHARS))
}

/// `s` cut to at most `max` characters, the last of them "…" when it was
/// longer: a reader sees that there was more.
fn clip(mut s: String, max: usize) -> String {
    let mut starts = s.char_indices().map(|(at, _)| at);
    // Where the last character kept would go, if there is one past it.
    if let Some(cut) = starts.nth(max.saturating_sub(1)).filter(|_| starts.next().is_some()) {
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// An identifier: a string, or a whole number written as one (identifiers
/// are strings in both formats, but hand-written feeds often use numbers).
/// One longer than [`MAX_LINE_CHARS`] is none: cut, two could become one,
/// and a link made of it would lead elsewhere.
pub(super) fn id<J: Json>(value: &J) -> Option<String> {
    if let Some(s) = value.string() {
        return Some(s).filter(|s| !s.is_empty() && s.chars().nth(MAX_LINE_CHARS).is_none());
    }
    let n = value.number()?;
    // Whole numbers that a double holds exactly.
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0)
        .then(|| crate::number::decimal(n as i64))
}

/// A link that is safe to follow, or none.
pub(super) fn link<J: Json>(object: &J, key: &'static str) -> Option<SafeUrl> {
    SafeUrl::parse(&text(object, key)?)
}

/// An optional time: `Some(None)` when absent, `None` when present but not a
/// time, so that `?` skips the entry (an incident whose end cannot be read
/// must not pass for one still going on).
pub(super) fn time<J: Json>(object: &J, key: &'static str) -> Option<Option<Timestamp>> {
    time_or(object, key, |_| None)
}

/// [`time`], reading a text that is no RFC 3339 time with `other`.
pub(super) fn time_or<J: Json>(
    object: &J,
    key: &'static str,
    other: fn(&str) -> Option<Timestamp>,
) -> Option<Option<Timestamp>> {
    match object.get(key) {
        None => Some(None),
        Some(value) => {
            let value = value.string()?;
            Timestamp::parse(&value).or_else(|| other(&value)).map(Some)
        }
    }
}

/// A number, or a whole number written as text (parsing text as a float
/// would bring float parsing into the `.wasm`: about 20 KB).
pub(super) fn number<J: Json>(value: &J) -> Option<f64> {
    value.number().or_else(|| Some(f64::from(value.string()?.trim().parse::<u32>().ok()?)))
}

/// The field a component left out could not do without.
pub(super) fn component_fault<J: Json>(component: &J) -> &'static str {
    match component.get("id").and_then(|i| id(&i)) {
        None => "id",
        Some(_) => "name",
    }
}

/// What reading an incident needs of the rest of the feed.
pub(super) struct Context<'a> {
    pub(super) format: Format,
    pub(super) page_url: Option<&'a SafeUrl>,
    pub(super) components: &'a [Component],
}

/// An incident read, with the updates left out of it (their list, place and
/// the field that could not be read); or the field it could not do without.
pub(super) type Read = Result<(Incident, Bad), &'static str>;

/// Updates left out: their list, their place in it, and the field that
/// could not be read.
pub(super) type Bad = Vec<(&'static str, usize, &'static str)>;

impl Context<'_> {
    /// A component by its id, named as given, else as the feed's component
    /// list does, else by its id.
    pub(super) fn named(&self, id: String, name: Option<String>) -> ComponentRef {
        let listed = || self.components.iter().find(|c| c.id == id).map(|c| c.name.clone());
        let name = name.or_else(listed).unwrap_or_else(|| id.clone());
        ComponentRef { id, name }
    }
}
