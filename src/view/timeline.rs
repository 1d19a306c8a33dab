//! The timeline: incidents and maintenance newest first (what is still to
//! come at the top), each with every update.

use super::banner::candidates;
use super::{
    affected, button, cut, feed_text, impact_badge, not_shown, phrase, source, space, stale_line,
    time, Action, Attr, Context, Element, Node, Options, Part, Tag, Text, TimeStyle, NAMES_SHOWN,
    UPDATES_SHOWN,
};
use crate::dismiss::Dismissals;
use crate::feed::{sort_desc, Change, Feed, Incident, Update};
use crate::strings::Label;
use crate::time::{span, Timestamp};

pub(super) fn render(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    dismissed: Option<&Dismissals>,
    context: &Context<'_>,
) -> Node {
    let mut incidents: Vec<&Incident> = feed.incidents.iter().chain(&feed.maintenance).collect();
    sort_desc(&mut incidents, |i| i.started_at.as_millis());
    let hidden = incidents.len().saturating_sub(options.limit);
    incidents.truncate(options.limit);
    let section = Element::new(Tag::Section, Part::Timeline)
        .attr(super::region_name(options, Label::HistoryOf, feed))
        .children(stale_line(context))
        .children(restore(feed, options, now, dismissed).map(Node::from));
    if incidents.is_empty() {
        let empty = match options.filter.days {
            Some(days) => Text::Count(Label::NoIncidentsIn, u64::from(days)).into(),
            None => Node::from(Label::NoIncidents),
        };
        return section.child(Element::new(Tag::P, Part::Empty).child(empty)).into();
    }
    let list = Element::new(Tag::Ol, Part::Incidents)
        .children(incidents.into_iter().map(|i| incident(i, now).into()));
    section.child(list).children(not_shown(Tag::P, hidden).map(Node::from)).into()
}

/// The way back for what was dismissed from the banner, when something
/// that would be shown there is dismissed.
fn restore(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    dismissed: Option<&Dismissals>,
) -> Option<Element> {
    let dismissed = dismissed?;
    candidates(feed, options, now).iter().any(|p| dismissed.covers(&p.item())).then(|| {
        Element::new(Tag::P, Part::Dismissed)
            .child(Label::SomeDismissed)
            .child(space())
            .child(button(Part::Restore, Action::Restore, Label::Restore, Label::Restore))
    })
}

fn incident(incident: &Incident, now: Timestamp) -> Element {
    let title = Element::new(Tag::H3, Part::Title);
    let title = match incident.url.clone() {
        Some(url) => title.child(
            Element::new(Tag::A, Part::Link)
                .attr(Attr::Href(url))
                .child(feed_text(&incident.title)),
        ),
        None => title.child(feed_text(&incident.title)),
    };
    let from = source(incident).map(|page| [page, Label::Separator.into()]);
    let mut meta = Element::new(Tag::P, Part::Meta)
        .children(from.into_iter().flatten())
        .child(impact_badge(incident.impact))
        .child(Label::Separator);
    meta = match incident.window {
        Some(window) => meta.child(phrase(
            Label::Window,
            [time(window.from, TimeStyle::Absolute), time(window.until, TimeStyle::Absolute)],
        )),
        None => meta.child(time(incident.started_at, TimeStyle::Relative)),
    };
    let duration = match incident.resolved_at {
        Some(end) => Element::new(Tag::Span, Part::Duration)
            .child(phrase(Label::Lasted, [Text::Duration(span(incident.started_at, end)).into()])),
        // Still to come: when it starts, counting down.
        None if incident.started_at > now => Element::new(Tag::Span, Part::Starts)
            .child(phrase(Label::Starts, [time(incident.started_at, TimeStyle::Relative)])),
        None => Element::new(Tag::Span, Part::Duration).child(Label::Ongoing),
    };
    meta = meta.child(Label::Separator).child(duration);
    let mut item = Element::new(Tag::Li, Part::Incident)
        .attr(Attr::Impact(incident.impact))
        .child(title)
        .child(meta);
    let names = incident.components.iter().map(|c| c.name.clone()).collect();
    item = item.children(affected(names).map(Node::from));
    if !incident.updates.is_empty() {
        let (shown, hidden) = cut(&incident.updates, UPDATES_SHOWN);
        let updates = shown.iter().map(|u| update(u).into());
        item = item
            .child(Element::new(Tag::Ol, Part::Updates).children(updates))
            .children(not_shown(Tag::P, hidden.len()).map(Node::from));
    }
    if let Some(postmortem) = &incident.postmortem {
        let mut details = Element::new(Tag::Details, Part::Postmortem)
            .child(Element::new(Tag::Summary, Part::PostmortemTitle).child(Label::Postmortem));
        if let Some(at) = postmortem.published_at {
            details = details
                .child(Element::new(Tag::P, Part::Meta).child(time(at, TimeStyle::Absolute)));
        }
        item = item.child(
            details.child(Element::new(Tag::P, Part::Body).child(feed_text(&postmortem.body))),
        );
    }
    item
}

fn update(update: &Update) -> Element {
    let status = Element::new(Tag::Strong, Part::Status)
        .attr(Attr::Status(update.status))
        .child(Label::Phase(update.status));
    let mut item = Element::new(Tag::Li, Part::Update)
        .child(status)
        .child(space())
        .child(time(update.at, TimeStyle::Absolute));
    if !update.body.trim().is_empty() {
        item = item.child(Element::new(Tag::P, Part::Body).child(feed_text(update.body.trim())));
    }
    if !update.changes.is_empty() {
        let (shown, hidden) = cut(&update.changes, NAMES_SHOWN);
        let changes = shown.iter().map(|c| change(c).into());
        item = item
            .child(Element::new(Tag::Ul, Part::Changes).children(changes))
            .children(not_shown(Tag::P, hidden.len()).map(Node::from));
    }
    item
}

/// "API: Operational → Major outage", each status also as `data-status`.
fn change(change: &Change) -> Element {
    let status = |s| {
        Node::from(
            Element::new(Tag::Span, Part::ComponentStatus)
                .attr(Attr::Condition(s))
                .child(Label::Component(s)),
        )
    };
    Element::new(Tag::Li, Part::Change).child(phrase(
        Label::Change,
        [feed_text(&change.component.name), status(change.from), status(change.to)],
    ))
}
