//! The banner: what is happening now, in one box.
//!
//! [`pick`] decides what deserves the banner: the most severe active
//! incident, else maintenance under way, else the page's own overall status
//! when it reports trouble that no incident explains, else maintenance
//! starting within the look-ahead; else nothing, and the banner takes no
//! space at all (unless asked to say that all is operational). What the
//! reader dismissed is passed over.

use super::{
    button, feed_text, impact_badge, phrase, source, space, stale_line, time, Action, Attr,
    Context, Element, Node, Options, Part, Tag, Text, TimeStyle,
};
use crate::dismiss::{self, Dismissals, Kind};
use crate::feed::{sort_desc, ComponentStatus, Feed, Impact, Incident, Phase};
use crate::link::SafeUrl;
use crate::strings::Label;
use crate::time::Timestamp;

/// How many characters of an update the banner shows.
const MESSAGE_CHARS: usize = 180;

/// What the banner shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pick<'a> {
    /// An active incident.
    Incident(&'a Incident),
    /// Maintenance under way.
    Maintenance(&'a Incident),
    /// The page reports trouble, but no incident says what; or, when
    /// asked, that all is operational.
    Overall(Impact, Option<&'a str>),
    /// Maintenance starting within the look-ahead.
    Upcoming(&'a Incident),
}

impl Pick<'_> {
    /// What dismissing it dismisses. Maintenance dismissed before it
    /// began comes back when it begins.
    pub fn item(&self) -> dismiss::Item {
        match *self {
            Pick::Incident(incident) => dismiss::Item::of(Kind::Incident, incident),
            // Under way, it changed when it began (or was updated since).
            Pick::Maintenance(m) => dismiss::Item::of(Kind::Maintenance, m),
            // To come, it changed when it was last updated: its start is
            // still ahead, and is news again when it comes.
            Pick::Upcoming(m) => {
                let mut item = dismiss::Item::of(Kind::Maintenance, m);
                item.changed = m.latest().map_or(Timestamp::from_millis(0), |u| u.at);
                item
            }
            Pick::Overall(impact, _) => dismiss::Item::overall(impact),
        }
    }
}

/// Everything that could take the banner at `now`, best first: incidents
/// before maintenance; among incidents the most severe, and among equals
/// the one that changed last; then maintenance under way, latest begun
/// first; then the page's overall status, when it reports trouble; then
/// maintenance to come within the look-ahead, soonest first. When all that
/// is empty and `options` ask for it: that all is operational.
pub fn candidates<'a>(feed: &'a Feed, options: &Options, now: Timestamp) -> Vec<Pick<'a>> {
    let incidents = feed.active_by_severity();
    let mut maintenance: Vec<&Incident> = feed.maintenance_under_way(now).collect();
    sort_desc(&mut maintenance, |m| m.started_at.as_millis());
    let horizon = now.as_millis().saturating_add(options.lookahead_ms());
    let mut upcoming: Vec<&Incident> = feed
        .maintenance
        .iter()
        .chain(&feed.incidents)
        .filter(|m| {
            m.impact == Impact::Maintenance
                && m.is_active()
                && !m.is_under_way(now)
                && m.started_at > now
                && m.started_at.as_millis() <= horizon
        })
        .collect();
    sort_desc(&mut upcoming, |m| -m.started_at.as_millis());
    let indicator = feed.indicator();
    let description = feed.status.as_ref().and_then(|s| s.description.as_deref());
    // The page's trouble is news when no incident as severe explains it, and
    // when incidents are asked for at all (it is their kind of news).
    let explained = incidents.iter().any(|i| i.impact.severity() >= indicator.severity());
    let overall = (matches!(indicator, Impact::Minor | Impact::Major | Impact::Critical)
        && !explained
        && options.filter.incidents)
        .then_some(Pick::Overall(indicator, description));
    let mut all: Vec<Pick<'_>> = incidents.into_iter().map(Pick::Incident).collect();
    // Unexplained trouble now before maintenance, which is planned.
    all.extend(overall);
    all.extend(maintenance.into_iter().map(Pick::Maintenance));
    all.extend(upcoming.into_iter().map(Pick::Upcoming));
    if all.is_empty() && !options.hides_operational() {
        all.push(Pick::Overall(Impact::None, None));
    }
    all
}

/// Chooses what the banner shows at `now`, if anything: the best of the
/// [`candidates`] that was not dismissed.
pub(super) fn pick<'a>(
    feed: &'a Feed,
    options: &Options,
    now: Timestamp,
    dismissed: Option<&Dismissals>,
) -> Option<Pick<'a>> {
    let dismissed = |p: &Pick<'_>| dismissed.is_some_and(|d| d.covers(&p.item()));
    candidates(feed, options, now).into_iter().find(|p| !dismissed(p))
}

pub(super) fn render(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    dismissed: Option<&Dismissals>,
    context: &Context<'_>,
) -> Option<Node> {
    let covered = |p: &Pick<'_>| dismissed.is_some_and(|d| d.covers(&p.item()));
    let mut shown = candidates(feed, options, now).into_iter().filter(|p| !covered(p));
    let picked = shown.next()?;
    let more = shown.count();
    let (impact, content) = match picked {
        Pick::Incident(incident) => (incident.impact, incident_content(incident)),
        Pick::Maintenance(m) => (Impact::Maintenance, maintenance_content(m)),
        Pick::Upcoming(m) => (Impact::Maintenance, upcoming_content(m)),
        Pick::Overall(impact, description) => (impact, overall_content(feed, impact, description)),
    };
    let mut content = content.children(stale_line(context));
    if more > 0 {
        let count = Text::Count(Label::More, u64::try_from(more).unwrap_or(u64::MAX));
        content = content.child(Element::new(Tag::P, Part::More).child(count));
    }
    // All well, when asked to say so: the title says it, not a level.
    let all_well = picked == Pick::Overall(Impact::None, None);
    let level = (!all_well).then(|| impact_badge(impact).into());
    let banner = Element::new(Tag::Section, Part::Banner)
        .attr(Attr::Impact(impact))
        .attr(super::region_name(options, Label::StatusOf, feed))
        .children(level)
        .child(content);
    // All well is no notice to dismiss: asked for, it stays.
    let banner = match options.dismissible && !all_well {
        true => banner.child(button(Part::Dismiss, Action::Dismiss, Label::Dismiss, Label::Close)),
        false => banner,
    };
    Some(banner.into())
}

fn title(text: &str) -> Element {
    Element::new(Tag::Strong, Part::Title).child(feed_text(text))
}

/// A status, in words.
fn status(phase: Phase) -> Element {
    Element::new(Tag::Span, Part::Status).attr(Attr::Status(phase)).child(Label::Phase(phase))
}

/// The start of the latest update's text, on one line.
fn excerpt(incident: &Incident) -> Option<Element> {
    let body = shorten(&incident.latest()?.body, MESSAGE_CHARS);
    (!body.is_empty()).then(|| Element::new(Tag::Span, Part::Body).child(feed_text(&body)))
}

fn incident_content(incident: &Incident) -> Element {
    // The latest update: its status and the start of its text.
    let message = incident.latest().map(|update| {
        let message = Element::new(Tag::P, Part::Message).child(status(update.status));
        match excerpt(incident) {
            Some(excerpt) => message.child(space()).child(excerpt),
            None => message,
        }
    });
    let meta =
        Element::new(Tag::P, Part::Meta).child(time(incident.last_change(), TimeStyle::Relative));
    Element::new(Tag::Div, Part::Content)
        .children(source(incident))
        .child(title(&incident.title))
        .children(message.map(Node::from))
        .child(with_link(meta, incident))
}

fn maintenance_content(m: &Incident) -> Element {
    // Scheduled maintenance whose window has begun is in progress too.
    let phase = if m.status == Phase::Verifying { Phase::Verifying } else { Phase::InProgress };
    let mut meta = Element::new(Tag::P, Part::Meta).child(status(phase));
    if let Some(window) = m.window {
        meta = meta
            .child(space())
            .child(phrase(Label::Until, [time(window.until, TimeStyle::Absolute)]));
    }
    let message =
        excerpt(m).map(|excerpt| Element::new(Tag::P, Part::Message).child(excerpt).into());
    Element::new(Tag::Div, Part::Content)
        .children(source(m))
        .child(title(&m.title))
        .children(message)
        .child(with_link(meta, m))
}

/// Maintenance to come: when it starts, counting down, and its window.
fn upcoming_content(m: &Incident) -> Element {
    let starts =
        Element::new(Tag::P, Part::Message).child(status(Phase::Scheduled)).child(space()).child(
            Element::new(Tag::Span, Part::Starts)
                .child(phrase(Label::Starts, [time(m.started_at, TimeStyle::Relative)])),
        );
    let mut meta = Element::new(Tag::P, Part::Meta);
    if let Some(window) = m.window {
        meta = meta.child(phrase(
            Label::Window,
            [time(window.from, TimeStyle::Absolute), time(window.until, TimeStyle::Absolute)],
        ));
    }
    Element::new(Tag::Div, Part::Content)
        .children(source(m))
        .child(title(&m.title))
        .child(starts)
        .child(with_link(meta, m))
}

/// Ends a line of facts with the link to the incident, where it has one.
fn with_link(meta: Element, incident: &Incident) -> Element {
    match incident.url.clone() {
        Some(url) if meta.children.is_empty() => meta.child(link(url)),
        Some(url) => meta.child(Label::Separator).child(link(url)),
        None => meta,
    }
}

fn link(url: SafeUrl) -> Element {
    Element::new(Tag::A, Part::Link).attr(Attr::Href(url)).child(Label::ViewDetails)
}

fn overall_content(feed: &Feed, impact: Impact, description: Option<&str>) -> Element {
    let title = match description {
        Some(text) => title(text),
        None => Element::new(Tag::Strong, Part::Title).child(Label::Overall(impact)),
    };
    let troubled: Vec<String> = feed
        .components
        .iter()
        .filter(|c| !matches!(c.status, ComponentStatus::Operational | ComponentStatus::Unknown))
        .map(|c| c.name.clone())
        .collect();
    let mut content = Element::new(Tag::Div, Part::Content)
        .child(title)
        .children(super::affected(troubled).map(Node::from));
    if let Some(url) = feed.page.url.clone() {
        content = content.child(Element::new(Tag::P, Part::Meta).child(link(url)));
    }
    content
}

/// The first `max` characters of `text` on one line, cut at a word where one
/// is near, with an ellipsis when anything was cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().fold(0, |n, _| n + 1);
        let sep = usize::from(chars > 0);
        if chars + sep + len > max {
            if chars < max / 2 {
                // One very long word: cut inside it.
                if sep == 1 {
                    out.push(' ');
                    chars += 1;
                }
                out.extend(word.chars().take(max.saturating_sub(chars)));
            }
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += sep + len;
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::shorten;

    #[test]
    fn shortens_at_words_on_one_line() {
        assert_eq!(shorten("  We are\n\ninvestigating.  ", 80), "We are investigating.");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("abcdefghijklmnopqrstuvwxyz", 10), "abcdefghij…");
        assert_eq!(shorten("ab cdefghijklmnopqrstuvwxyz", 10), "ab cdefghi…");
        assert_eq!(shorten("ééééé ééééé", 8), "ééééé…");
        assert_eq!(shorten("", 10), "");
    }
}
