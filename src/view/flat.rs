//! A view tree written flat, in a language, for the browser to build in one
//! call (`src/js/shell.js`) rather than one call per element, attribute and
//! text.
//!
//! [`Flat::ops`] is a list of opcodes, each followed by the length (in
//! UTF-16 units, a JavaScript string's) of every string it takes: `OPEN` a
//! tag, `ATTR` a name and a value, `TEXT` a text, `CLOSE` none. The strings
//! are in [`Flat::text`], one after another in the order taken. Our words,
//! counts and times are put in by a [`Voice`]: the widget's, in its
//! language and zone.

use super::{Element, Node, Part, Text, TimeStyle};
use crate::strings::{pieces, Label, Piece};
use crate::time::Timestamp;

/// Opcodes of [`Flat::ops`].
pub const OPEN: u32 = 0;
/// Sets an attribute: a name and a value follow.
pub const ATTR: u32 = 1;
/// Appends a text node.
pub const TEXT: u32 = 2;
/// Closes the element opened last.
pub const CLOSE: u32 = 3;

/// Marks the `<time>`s that say "how long ago", which the shell brings up
/// to date as time goes by.
pub const RELATIVE: &str = "data-relative";

/// How a widget speaks: its words, and its numbers and times in its locale
/// and zone.
pub trait Voice {
    /// Our words for `label`.
    fn word(&self, label: Label) -> &str;
    /// `n` things of `label`, in the locale's digits and plural form.
    fn count(&self, label: Label, n: u64) -> String;
    /// "3 hours ago", "in 2 days".
    fn relative(&self, at: Timestamp, now: Timestamp) -> String;
    /// A date and time.
    fn absolute(&self, at: Timestamp, now: Timestamp) -> String;
    /// The instant in full, for hovering.
    fn full(&self, at: Timestamp) -> String;
    /// A span of time.
    fn duration(&self, ms: i64) -> String;
}

/// A view written flat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flat {
    /// The opcodes, each followed by the lengths of its strings.
    pub ops: Vec<u32>,
    /// Every string, one after another.
    pub text: String,
}

impl Flat {
    /// `nodes`, one after another, in `voice`, as of `now`.
    pub fn of<'n>(
        nodes: impl IntoIterator<Item = &'n Node>,
        voice: &dyn Voice,
        now: Timestamp,
    ) -> Flat {
        let mut writer = Writer { flat: Flat::default(), voice, now };
        for node in nodes {
            writer.node(node);
        }
        writer.flat
    }
}

struct Writer<'a> {
    flat: Flat,
    voice: &'a dyn Voice,
    now: Timestamp,
}

impl Writer<'_> {
    fn string(&mut self, s: &str) {
        // A feed is at most 64 MiB, so no length reaches `u32::MAX`.
        self.flat.ops.push(u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX));
        self.flat.text.push_str(s);
    }

    fn open(&mut self, tag: &str) {
        self.flat.ops.push(OPEN);
        self.string(tag);
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.flat.ops.push(ATTR);
        self.string(name);
        self.string(value);
    }

    fn write(&mut self, text: &str) {
        self.flat.ops.push(TEXT);
        self.string(text);
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Element(element) => self.element(element),
            Node::Text(text) => self.text(text),
            Node::Time(at, style) => self.time(*at, *style),
            Node::Phrase(label, args) => {
                let voice = self.voice;
                for piece in pieces(voice.word(*label)) {
                    match piece {
                        Piece::Text(text) => self.write(text),
                        Piece::Arg(i) => {
                            if let Some(arg) = args.get(i) {
                                self.node(arg);
                            }
                        }
                    }
                }
            }
        }
    }

    /// `<time datetime title>`, relative ones marked [`RELATIVE`].
    fn time(&mut self, at: Timestamp, style: TimeStyle) {
        self.open("time");
        self.attr("class", Part::Time.as_str());
        self.attr("part", Part::Time.as_str());
        self.attr("datetime", &at.to_iso());
        let full = self.voice.full(at);
        self.attr("title", &full);
        let text = match style {
            TimeStyle::Relative => {
                self.attr(RELATIVE, "");
                self.voice.relative(at, self.now)
            }
            TimeStyle::Absolute => self.voice.absolute(at, self.now),
        };
        self.write(&text);
        self.flat.ops.push(CLOSE);
    }

    fn element(&mut self, view: &Element) {
        self.open(view.tag.as_str());
        let voice = self.voice;
        view.attributes(|label| voice.word(label), |name, value| self.attr(name, value));
        for child in &view.children {
            self.node(child);
        }
        self.flat.ops.push(CLOSE);
    }

    fn text(&mut self, text: &Text) {
        let voice = self.voice;
        match text {
            Text::Feed(s) => self.write(s),
            Text::Label(label) => self.write(voice.word(*label)),
            Text::Duration(ms) => self.write(&voice.duration(*ms)),
            Text::Count(label, n) => self.write(&voice.count(*label, *n)),
            Text::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.write(voice.word(Label::ListSeparator));
                    }
                    self.write(item);
                }
            }
        }
    }
}
