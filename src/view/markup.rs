//! The view tree written as indented HTML, with every text escaped: the
//! string backend for native tests and previews. Labels are in English,
//! times in UTC, so the output is the same on every machine.

use super::{Element, Node, Text, TimeStyle};
use crate::strings::{english_plural, pieces, Label, Piece, Strings};
use crate::time::{relative, split_duration, Timestamp};

/// Writes `node` as indented HTML, with relative times as of `now`.
pub fn to_markup(node: &Node, now: Timestamp) -> String {
    let mut out = String::new();
    write_node(&mut out, node, 0, now);
    out
}

/// The English table, read once.
static ENGLISH: std::sync::LazyLock<Strings> = std::sync::LazyLock::new(Strings::default);

fn english(label: Label) -> String {
    ENGLISH.get(label).to_owned()
}

fn write_node(out: &mut String, node: &Node, depth: usize, now: Timestamp) {
    match node {
        Node::Text(text) => escape_into(out, &text_of(text)),
        Node::Element(element) => write_element(out, element, depth, now),
        Node::Phrase(label, args) => {
            for piece in pieces(&english(*label)) {
                match piece {
                    Piece::Text(text) => escape_into(out, text),
                    Piece::Arg(i) => {
                        if let Some(arg) = args.get(i) {
                            write_node(out, arg, depth, now);
                        }
                    }
                }
            }
        }
        Node::Time(at, style) => {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", depth));
            out.push_str("<time part=\"time\" datetime=\"");
            out.push_str(&at.to_iso());
            out.push('"');
            if *style == TimeStyle::Relative {
                out.push_str(" data-relative");
            }
            out.push('>');
            let text = match (style, relative(*at, now)) {
                (TimeStyle::Relative, Some((0, _))) => "now".to_owned(),
                (TimeStyle::Relative, Some((n, unit))) if n < 0 => {
                    format!("{} {}s ago", -n, unit.as_str())
                }
                (TimeStyle::Relative, Some((n, unit))) => format!("in {n} {}s", unit.as_str()),
                _ => at.to_iso(),
            };
            escape_into(out, &text);
            out.push_str("</time>");
        }
    }
}

fn write_element(out: &mut String, el: &Element, depth: usize, now: Timestamp) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.extend(std::iter::repeat_n("  ", depth));
    out.push('<');
    out.push_str(el.tag.as_str());
    el.attributes(
        |label| ENGLISH.get(label),
        |name, value| {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_into(out, value);
            out.push('"');
        },
    );
    out.push('>');
    for child in &el.children {
        write_node(out, child, depth + 1, now);
    }
    if !el.children.iter().all(is_inline) {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    }
    out.push_str("</");
    out.push_str(el.tag.as_str());
    out.push('>');
}

/// Whether a node is written on its parent's line: text, and our words
/// around text.
fn is_inline(node: &Node) -> bool {
    match node {
        Node::Text(_) => true,
        Node::Phrase(_, args) => args.iter().all(is_inline),
        Node::Element(_) | Node::Time(..) => false,
    }
}

fn text_of(text: &Text) -> String {
    match text {
        Text::Feed(s) => s.clone(),
        Text::Label(label) => english(*label),
        Text::Count(label, n) => {
            let template = ENGLISH.counted(*label, english_plural(*n)).to_owned();
            template.replace("{0}", &n.to_string())
        }
        Text::List(items) => items.join(&english(Label::ListSeparator)),
        Text::Duration(ms) => {
            let (d, h, m) = split_duration(*ms);
            format!("{d}d {h}h {m}m")
        }
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
