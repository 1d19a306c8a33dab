//! The component list: every component with its status in words, groups
//! folded into one line that opens (open already when one of its members
//! is in trouble).

use super::{
    not_shown, stale_line, Attr, Context, Element, Node, Options, Part, Tag, COMPONENTS_SHOWN,
};
use crate::feed::{Component, ComponentStatus, Feed};
use crate::strings::Label;

pub(super) fn render(feed: &Feed, options: &Options, context: &Context<'_>) -> Node {
    let section = Element::new(Tag::Section, Part::ComponentList)
        .attr(super::region_name(options, Label::ComponentsOf, feed))
        .children(stale_line(context));
    if feed.components.is_empty() {
        return section.child(Element::new(Tag::P, Part::Empty).child(Label::NoComponents)).into();
    }
    // Groups in the place of their first member, members in feed order.
    let mut groups: Vec<(Option<&str>, Vec<&Component>)> = Vec::new();
    let (shown, hidden) = super::cut(&feed.components, COMPONENTS_SHOWN);
    for component in shown {
        let group = component.group.as_deref();
        match groups.iter_mut().find(|(g, _)| group.is_some() && *g == group) {
            Some((_, members)) => members.push(component),
            None => groups.push((group, vec![component])),
        }
    }
    let items = groups.into_iter().flat_map(|(group, members)| match group {
        None => members.into_iter().map(|c| row(c).into()).collect::<Vec<Node>>(),
        Some(name) => vec![group_row(name, &members).into()],
    });
    section
        .child(Element::new(Tag::Ul, Part::ComponentItems).children(items))
        .children(not_shown(Tag::P, hidden.len()).map(Node::from))
        .into()
}

fn name(text: &str) -> Element {
    Element::new(Tag::Span, Part::ComponentName).child(super::feed_text(text))
}

fn status(status: ComponentStatus) -> Element {
    Element::new(Tag::Span, Part::ComponentStatus)
        .attr(Attr::Condition(status))
        .child(Label::Component(status))
}

fn row(component: &Component) -> Element {
    Element::new(Tag::Li, Part::Component)
        .attr(Attr::Condition(component.status))
        .child(name(&component.name))
        .child(status(component.status))
}

fn group_row(group: &str, members: &[&Component]) -> Element {
    let worst = members
        .iter()
        .map(|c| c.status)
        // Among equals the last wins: operational over unknown.
        .max_by_key(|s| (s.rank(), *s == ComponentStatus::Operational))
        .unwrap_or(ComponentStatus::Unknown);
    let summary =
        Element::new(Tag::Summary, Part::ComponentSummary).child(name(group)).child(status(worst));
    let mut details = Element::new(Tag::Details, Part::ComponentGroup);
    if worst.rank() > 0 {
        details = details.attr(Attr::Open);
    }
    let list =
        Element::new(Tag::Ul, Part::ComponentItems).children(members.iter().map(|c| row(c).into()));
    Element::new(Tag::Li, Part::Component)
        .attr(Attr::Condition(worst))
        .child(details.child(summary).child(list))
}
