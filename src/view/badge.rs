//! The badge: the page's status as a whole, in a few words, for a footer
//! or a menu; a link to the status page when the feed names one.

use super::{stale_line, Attr, Context, Element, Node, Options, Part, Tag};
use crate::feed::{Feed, Impact};
use crate::strings::Label;
use crate::time::Timestamp;

pub(super) fn render(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    context: &Context<'_>,
) -> Option<Node> {
    let impact = feed.status_at(now);
    if impact == Impact::None && options.hides_operational() {
        return None;
    }
    let badge = match feed.page.url.clone() {
        Some(url) => Element::new(Tag::A, Part::Badge).attr(Attr::Href(url)),
        None => Element::new(Tag::Span, Part::Badge),
    };
    let badge = badge.attr(Attr::Impact(impact)).child(Label::Overall(impact));
    // A stale badge says so, in its hover text's place: a line after it.
    let stale = stale_line(context);
    Some(match stale.is_empty() {
        true => badge.into(),
        false => Element::new(Tag::Span, Part::Content).child(badge).children(stale).into(),
    })
}
