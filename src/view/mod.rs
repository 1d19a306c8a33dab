//! What to show, as a tree: pure, so it is tested natively.
//!
//! [`render`] turns a [`Feed`] into a [`Node`] tree for one mode, after the
//! widget's [`Filter`]. The tree says *what* is shown, never *how* the
//! browser makes it: elements are [`Tag`]s named by a [`Part`] (the
//! element's class and its `::part()` name), attributes are typed
//! ([`Attr`]), text is either feed text or one of our own [`Label`]s (in
//! no language yet: [`Node::Phrase`] and [`Text::Count`] are filled in by
//! the backend, with the widget's [`Strings`](crate::strings::Strings)),
//! and times are [`Node::Time`]s that the browser formats in the viewer's
//! locale and zone. `web::dom` builds the DOM from it; `markup` writes it
//! as a string for tests.
//!
//! Two trees compare equal exactly when they show the same thing, which is
//! how the widget knows when to repaint and when to fire `status-change`.

mod badge;
mod banner;
mod components;
pub mod flat;
#[cfg(not(target_arch = "wasm32"))]
pub mod markup;
mod timeline;

use crate::dismiss::{self, Dismissals};
use crate::feed::{ComponentStatus, Feed, Impact, Incident, Phase};
use crate::filter::Filter;
use crate::link::SafeUrl;
use crate::strings::{label_with, Label};
use crate::time::Timestamp;

pub use banner::{candidates, Pick};

/// What the widget renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// What is happening now, in one box; nothing when all is well.
    #[default]
    Banner,
    /// Incidents, newest first, with all their updates.
    Timeline,
    /// The overall status in a few words, for a footer or a menu.
    Badge,
    /// Every component and its status, by group.
    Components,
}

impl Mode {
    /// Reads a `mode` attribute.
    pub fn parse(value: &str) -> Option<Mode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "banner" | "" => Some(Mode::Banner),
            "timeline" => Some(Mode::Timeline),
            "badge" => Some(Mode::Badge),
            "components" => Some(Mode::Components),
            _ => None,
        }
    }
}

/// The most updates of one incident a timeline shows, newest first.
pub const UPDATES_SHOWN: usize = 25;
/// The most components named on one line, and the most component changes
/// listed under one update.
pub const NAMES_SHOWN: usize = 25;
/// The most components a component list shows.
pub const COMPONENTS_SHOWN: usize = 500;

/// The timeline's default length.
pub const LIMIT: usize = 50;
/// The longest timeline.
pub const MAX_LIMIT: usize = 1000;
/// How far ahead the banner announces maintenance by default: 24 hours.
pub const LOOKAHEAD_HOURS: u32 = 24;
/// The furthest it can look: 30 days.
pub const MAX_LOOKAHEAD_HOURS: u32 = 720;
const MS_PER_HOUR: i64 = 60 * 60 * 1000;

/// How to render, beyond the feed itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// What to render.
    pub mode: Mode,
    /// What of the feed to show.
    pub filter: Filter,
    /// The most incidents a timeline shows.
    pub limit: usize,
    /// Whether the banner can be dismissed.
    pub dismissible: bool,
    /// Whether a banner or badge shows nothing when all is operational;
    /// `None` for the mode's way (a banner hides, a badge says so).
    pub hide_when_operational: Option<bool>,
    /// How many hours ahead the banner announces maintenance.
    pub lookahead_hours: u32,
    /// The accessible name of the widget's region, when the host gives
    /// one (a page with two timelines of one feed tells them apart).
    pub label: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Banner,
            filter: Filter::default(),
            limit: LIMIT,
            dismissible: true,
            hide_when_operational: None,
            lookahead_hours: LOOKAHEAD_HOURS,
            label: None,
        }
    }
}

impl Options {
    /// Reads a `limit` attribute: 1 to [`MAX_LIMIT`], else the default.
    pub fn limit(value: Option<&str>) -> usize {
        let limit = value.and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(LIMIT);
        if limit == 0 {
            LIMIT
        } else {
            limit.min(MAX_LIMIT)
        }
    }

    /// Reads a `lookahead` attribute: hours, 0 to [`MAX_LOOKAHEAD_HOURS`].
    pub fn lookahead(value: Option<&str>) -> u32 {
        value
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map_or(LOOKAHEAD_HOURS, |h| h.min(MAX_LOOKAHEAD_HOURS))
    }

    /// Reads a yes-or-no attribute: present is yes, unless it says
    /// `false`; absent is `None`.
    pub fn flag(value: Option<&str>) -> Option<bool> {
        value.map(|v| !v.trim().eq_ignore_ascii_case("false"))
    }

    /// Whether nothing is shown when all is operational.
    fn hides_operational(&self) -> bool {
        self.hide_when_operational.unwrap_or(self.mode != Mode::Badge)
    }

    fn lookahead_ms(&self) -> i64 {
        i64::from(self.lookahead_hours) * MS_PER_HOUR
    }
}

/// What the widget knows besides the feed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// What the reader dismissed (heeded only when the banner is
    /// dismissible).
    pub dismissed: Option<&'a Dismissals>,
    /// When the feed shown was fetched, if fetching it again has failed
    /// since: the view then says how old it is.
    pub stale_since: Option<Timestamp>,
    /// When the widget shows several pages: those whose last load failed,
    /// each with when its feed shown was fetched (`None`: never).
    pub failing: &'a [(String, Option<Timestamp>)],
}

/// A node of the view tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An element with its children.
    Element(Element),
    /// A piece of text.
    Text(Text),
    /// A `<time>`: an instant, shown in the viewer's zone, with the full
    /// date and time on hover.
    Time(Timestamp, TimeStyle),
    /// Our words with others put in: the label's `{0}`, `{1}`, … are the
    /// nodes given, in that order.
    Phrase(Label, Vec<Node>),
}

/// An element of the view tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Which HTML element.
    pub tag: Tag,
    /// Its role in the widget: its class and its `part` name.
    pub part: Part,
    /// Its attributes besides `class` and `part`.
    pub attrs: Vec<Attr>,
    /// Its children.
    pub children: Vec<Node>,
}

/// The HTML elements a view uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `<a>`, only ever with an [`Attr::Href`].
    A,
    /// `<aside>`.
    Aside,
    /// `<button type="button">`, only ever with an [`Attr::Action`].
    Button,
    /// `<details>`.
    Details,
    /// `<div>`.
    Div,
    /// `<h3>`.
    H3,
    /// `<li>`.
    Li,
    /// `<ol>`.
    Ol,
    /// `<p>`.
    P,
    /// `<section>`.
    Section,
    /// `<slot>`: the element's own content (its fallback).
    Slot,
    /// `<span>`.
    Span,
    /// `<strong>`.
    Strong,
    /// `<summary>`.
    Summary,
    /// `<ul>`.
    Ul,
}

impl Tag {
    /// The element's tag name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Tag::A => "a",
            Tag::Aside => "aside",
            Tag::Button => "button",
            Tag::Details => "details",
            Tag::Div => "div",
            Tag::H3 => "h3",
            Tag::Li => "li",
            Tag::Ol => "ol",
            Tag::P => "p",
            Tag::Section => "section",
            Tag::Slot => "slot",
            Tag::Span => "span",
            Tag::Strong => "strong",
            Tag::Summary => "summary",
            Tag::Ul => "ul",
        }
    }
}

macro_rules! parts {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The role of an element in the widget: its `class` inside the
        /// shadow root and its `part` name for `::part()` outside.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Part {
            $($(#[$doc])* $variant,)*
        }

        impl Part {
            /// Every part, for checks that the stylesheet covers them.
            pub const ALL: &'static [Part] = &[$(Part::$variant,)*];

            /// The class and `part` name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Part::$variant => $name,)*
                }
            }
        }
    };
}

parts! {
    /// The banner box.
    Banner = "banner",
    /// The banner's text column.
    Content = "content",
    /// The badge.
    Badge = "badge",
    /// An impact badge.
    Impact = "impact",
    /// An incident's title.
    Title = "title",
    /// The banner's latest update: status and text.
    Message = "message",
    /// An update's status label.
    Status = "status",
    /// An update's text.
    Body = "body",
    /// A line of secondary facts (times, components, links).
    Meta = "meta",
    /// A time.
    Time = "time",
    /// A link to read more.
    Link = "link",
    /// The affected components.
    Components = "components",
    /// How long an incident lasted.
    Duration = "duration",
    /// The timeline.
    Timeline = "timeline",
    /// The timeline's list of incidents.
    Incidents = "incidents",
    /// One incident in the timeline.
    Incident = "incident",
    /// An incident's list of updates.
    Updates = "updates",
    /// One update.
    Update = "update",
    /// A postmortem.
    Postmortem = "postmortem",
    /// The postmortem's heading.
    PostmortemTitle = "postmortem-title",
    /// Said when there is nothing to list.
    Empty = "empty",
    /// The component status changes of an update.
    Changes = "changes",
    /// One of them.
    Change = "change",
    /// When maintenance still to come starts.
    Starts = "starts",
    /// How many more notices there are than the banner shows.
    More = "more",
    /// How many more a list cut at its limit holds.
    NotShown = "not-shown",
    /// The component list.
    ComponentList = "component-list",
    /// A list of components (the whole list, or a group's).
    ComponentItems = "component-items",
    /// One component.
    Component = "component",
    /// A group of components.
    ComponentGroup = "component-group",
    /// The line that names a group and opens it.
    ComponentSummary = "component-summary",
    /// A component's or group's name.
    ComponentName = "component-name",
    /// A component's or group's status, in words.
    ComponentStatus = "component-status",
    /// The banner's dismiss button.
    Dismiss = "dismiss",
    /// The timeline's line that brings dismissed notices back.
    Dismissed = "dismissed",
    /// Its button.
    Restore = "restore",
    /// Says how old the data is when it could not be refreshed.
    Stale = "stale",
    /// Says the status could not be loaded.
    Unavailable = "unavailable",
    /// The page an incident comes from, when the widget shows several.
    Source = "source",
    /// Where the element's own content shows.
    Fallback = "fallback",
}

/// An attribute of a view element.
#[derive(Clone, Debug, PartialEq)]
pub enum Attr {
    /// A link, opened in a new tab without referrer or opener.
    Href(SafeUrl),
    /// `data-impact`, for styling by severity.
    Impact(Impact),
    /// `data-status`, for styling by status.
    Status(Phase),
    /// `data-status` of a component, for styling by status.
    Condition(ComponentStatus),
    /// `open`, on a `<details>`.
    Open,
    /// An accessible name, our own words with the page's name after them.
    Label(Label, String),
    /// An accessible name the host gave.
    Name(String),
    /// What a button does.
    Action(Action),
}

/// What a button of the widget does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Dismisses what the banner shows.
    Dismiss,
    /// Brings back everything dismissed.
    Restore,
}

impl Action {
    /// Its name, as the element's `data-action`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Dismiss => "dismiss",
            Action::Restore => "restore",
        }
    }

    /// Reads a `data-action`.
    pub fn parse(name: &str) -> Option<Action> {
        [Action::Dismiss, Action::Restore].into_iter().find(|a| a.as_str() == name)
    }
}

/// How an instant is said.
///
/// The view only chooses the style; the count ("3 hours ago") depends on the
/// moment it is read, so it is the backend's to compute, and a view does not
/// change as time passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStyle {
    /// Relative to now ("3 hours ago") where that reads better, else
    /// absolute.
    Relative,
    /// A date and time.
    Absolute,
}

/// A piece of text in the view tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    /// Text from the feed, shown verbatim (as text, never as markup).
    Feed(String),
    /// Our own words.
    Label(Label),
    /// A span of time in milliseconds ("2 h 5 min").
    Duration(i64),
    /// A counted label in the plural form the count asks for, with the
    /// count for its `{0}`.
    Count(Label, u64),
    /// Feed texts, one after the other with our list separator.
    List(Vec<String>),
}

impl Element {
    /// Every attribute of the element, as each backend writes it: `type` on
    /// a button (never a form's submit button, should the host wrap us in a
    /// form), `class` and `part` (both the part's name), then its
    /// [`Attr`]s, a link opening in a new tab without referrer or opener.
    /// `words` gives our words for a label.
    pub fn attributes<'s>(
        &self,
        words: impl Fn(Label) -> &'s str,
        mut write: impl FnMut(&str, &str),
    ) {
        if self.tag == Tag::Button {
            write("type", "button");
        }
        write("class", self.part.as_str());
        write("part", self.part.as_str());
        for attr in &self.attrs {
            match attr {
                Attr::Href(url) => {
                    write("href", url.as_str());
                    write("target", "_blank");
                    write("rel", "noopener noreferrer");
                }
                Attr::Impact(impact) => write("data-impact", impact.as_str()),
                Attr::Status(phase) => write("data-status", phase.as_str()),
                Attr::Condition(status) => write("data-status", status.as_str()),
                Attr::Label(label, name) => write("aria-label", &label_with(words(*label), name)),
                Attr::Action(action) => write("data-action", action.as_str()),
                Attr::Open => write("open", ""),
                Attr::Name(name) => write("aria-label", name),
            }
        }
    }

    fn new(tag: Tag, part: Part) -> Self {
        Element { tag, part, attrs: Vec::new(), children: Vec::new() }
    }

    fn attr(mut self, attr: Attr) -> Self {
        self.attrs.push(attr);
        self
    }

    fn child(self, node: impl Into<Node>) -> Self {
        self.push(node.into())
    }

    /// The one place children are added: kept out of line, so that the
    /// builders above do not each carry a copy.
    #[inline(never)]
    fn push(mut self, node: Node) -> Self {
        self.children.push(node);
        self
    }

    fn children(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(nodes);
        self
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Node {
        Node::Element(element)
    }
}

impl From<Text> for Node {
    fn from(text: Text) -> Node {
        Node::Text(text)
    }
}

impl From<Label> for Node {
    fn from(label: Label) -> Node {
        Node::Text(Text::Label(label))
    }
}

fn feed_text(s: &str) -> Node {
    Node::Text(Text::Feed(s.to_owned()))
}

fn space() -> Node {
    feed_text(" ")
}

/// A `<time>` for `at`.
fn time(at: Timestamp, style: TimeStyle) -> Node {
    Node::Time(at, style)
}

/// The first `limit` of `items`, and the rest.
fn cut<T>(items: &[T], limit: usize) -> (&[T], &[T]) {
    items.split_at(limit.min(items.len()))
}

/// "{n} more not shown", after a list cut at one of its limits; nothing when
/// the list was whole.
fn not_shown(tag: Tag, count: usize) -> Option<Element> {
    (count > 0).then(|| {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        Element::new(tag, Part::NotShown).child(Text::Count(Label::NotShown, count))
    })
}

/// Our words with `args` put in.
fn phrase(label: Label, args: impl IntoIterator<Item = Node>) -> Node {
    Node::Phrase(label, args.into_iter().collect())
}

/// "Affected: API, Dashboard", or nothing when no component is named.
fn affected(mut names: Vec<String>) -> Option<Element> {
    let hidden = names.len().saturating_sub(NAMES_SHOWN);
    names.truncate(NAMES_SHOWN);
    (!names.is_empty()).then(|| {
        Element::new(Tag::P, Part::Components)
            .child(phrase(Label::Affected, [Node::Text(Text::List(names))]))
            .children(
                not_shown(Tag::Span, hidden).map(|n| [space(), n.into()]).into_iter().flatten(),
            )
    })
}

/// An impact badge: the level in words (never colour alone).
fn impact_badge(impact: Impact) -> Element {
    Element::new(Tag::Span, Part::Impact).attr(Attr::Impact(impact)).child(Label::Impact(impact))
}

/// The accessible name of a widget's region: the host's, else ours with the
/// page's name ("Incident history: Kestrel Cloud").
fn region_name(options: &Options, ours: Label, feed: &Feed) -> Attr {
    match &options.label {
        Some(name) => Attr::Name(name.clone()),
        None => Attr::Label(ours, feed.page.name.clone()),
    }
}

/// A button of ours: `label` is its accessible name, `text` what it shows.
fn button(part: Part, action: Action, label: Label, text: Label) -> Element {
    Element::new(Tag::Button, part)
        .attr(Attr::Action(action))
        .attr(Attr::Label(label, String::new()))
        .child(text)
}

/// "Last updated 5 minutes ago", when the data shown is stale; with several
/// pages, "Acme: last updated 5 minutes ago" or "Acme: status unavailable"
/// for each that failed.
fn stale_line(context: &Context<'_>) -> Vec<Node> {
    let one = context.stale_since.map(|since| {
        Element::new(Tag::P, Part::Stale)
            .child(phrase(Label::LastUpdated, [time(since, TimeStyle::Relative)]))
    });
    let each = context.failing.iter().map(|(page, since)| {
        let page = feed_text(page);
        match since {
            Some(since) => Element::new(Tag::P, Part::Stale)
                .child(phrase(Label::PageLastUpdated, [page, time(*since, TimeStyle::Relative)])),
            None => Element::new(Tag::P, Part::Unavailable)
                .child(phrase(Label::PageUnavailable, [page])),
        }
    });
    one.into_iter().chain(each).map(Node::from).collect()
}

/// The page an incident comes from, when the widget shows several.
fn source(incident: &Incident) -> Option<Node> {
    let page = incident.page.as_deref()?;
    Some(Element::new(Tag::Span, Part::Source).child(feed_text(page)).into())
}

/// Renders `feed` as `options` say, at the instant `now`, in `context`.
///
/// `None` means nothing is shown (a banner when all is operational, or
/// when what it would show was dismissed; a badge asked to hide when all
/// is operational).
pub fn render(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    context: &Context<'_>,
) -> Option<Node> {
    render_kept(&options.filter.apply(feed, now), options, now, context)
}

/// [`render`] for a feed that `options.filter` has already been applied to
/// (a widget filters once per paint, for the view, the summary and the
/// live region).
pub fn render_kept(
    kept: &Feed,
    options: &Options,
    now: Timestamp,
    context: &Context<'_>,
) -> Option<Node> {
    let dismissed = context.dismissed.filter(|_| options.dismissible);
    match options.mode {
        Mode::Banner => banner::render(kept, options, now, dismissed, context),
        Mode::Timeline => Some(timeline::render(kept, options, now, dismissed, context)),
        Mode::Badge => badge::render(kept, options, now, context),
        Mode::Components => Some(components::render(kept, options, context)),
    }
}

/// What dismissing the banner dismisses at `now`: what it shows.
pub fn shown_item(
    feed: &Feed,
    options: &Options,
    now: Timestamp,
    dismissed: Option<&Dismissals>,
) -> Option<dismiss::Item> {
    let feed = options.filter.apply(feed, now);
    banner::pick(&feed, options, now, dismissed).map(|p| p.item())
}

/// Something for the live region to say: an incident or maintenance going
/// on, in words that do not change as time passes.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Tells one notice from another: the item, its status and when it last
    /// changed. A notice is said once.
    pub key: String,
    /// Whether it is said at once (`alert`): major and critical incidents.
    pub urgent: bool,
    /// What is said: impact, title, status.
    pub node: Node,
}

/// What the live region may say at `now`, most severe first: every incident
/// going on and maintenance under way that the filter keeps.
pub fn notices(feed: &Feed, options: &Options, now: Timestamp) -> Vec<Notice> {
    notices_kept(&options.filter.apply(feed, now), now)
}

/// [`notices`] of a feed already filtered.
pub fn notices_kept(kept: &Feed, now: Timestamp) -> Vec<Notice> {
    let incidents = kept.active_by_severity().into_iter();
    let maintenance = kept.maintenance_under_way(now);
    incidents.chain(maintenance).map(|i| notice(i, now)).collect()
}

/// The most notices the live region says at once; past them it says how
/// many more there are (a feed with a hundred incidents going on is not
/// read out a hundred times).
pub const NOTICES_SAID: usize = 5;

/// What the live region says of `news`: the first [`NOTICES_SAID`]
/// notices, then "{n} more notices" for the rest, if any.
pub fn said<'a>(news: &[&'a Notice]) -> Vec<&'a Node> {
    cut(news, NOTICES_SAID).0.iter().map(|n| &n.node).collect()
}

/// "{n} more notices" after what the live region [`said`], if it said
/// less than `news`.
pub fn not_said(news: &[&Notice]) -> Option<Node> {
    let count = u64::try_from(cut(news, NOTICES_SAID).1.len()).unwrap_or(u64::MAX);
    (count > 0)
        .then(|| Element::new(Tag::P, Part::More).child(Text::Count(Label::More, count)).into())
}

fn notice(incident: &Incident, now: Timestamp) -> Notice {
    let status = match incident.latest().map_or(incident.status, |u| u.status) {
        // Maintenance whose window opened is under way, as the banner says.
        Phase::Verifying if incident.impact == Impact::Maintenance => Phase::Verifying,
        _ if incident.is_under_way(now) => Phase::InProgress,
        status => status,
    };
    // What is said, so that the same words are not said twice.
    let key = [incident.id.as_str(), incident.impact.as_str(), status.as_str()].join("\n");
    let from = incident.page.as_deref().map(|page| [feed_text(page), Label::ListSeparator.into()]);
    let node = Element::new(Tag::P, Part::Message)
        .children(from.into_iter().flatten())
        .child(Label::Impact(incident.impact))
        .child(Label::ListSeparator)
        .child(feed_text(&incident.title))
        .child(Label::ListSeparator)
        .child(Label::Phase(status));
    Notice {
        key,
        urgent: matches!(incident.impact, Impact::Major | Impact::Critical),
        node: node.into(),
    }
}

/// The element's own content (its fallback, such as a link to the status
/// page), through a `<slot>`.
fn fallback() -> Element {
    Element::new(Tag::Slot, Part::Fallback)
}

/// What is shown while nothing is known yet: nothing for a banner or a
/// badge, so that they never take space they then give back; the element's
/// own content for a timeline and a component list.
pub fn waiting(options: &Options) -> Option<Node> {
    match options.mode {
        Mode::Banner | Mode::Badge => None,
        Mode::Timeline | Mode::Components => Some(fallback().into()),
    }
}

/// What is shown when the status cannot be loaded and nothing good was
/// ever seen: nothing for a banner or a badge; for a timeline and a
/// component list, a short line and the element's own content.
pub fn unavailable(options: &Options) -> Option<Node> {
    match options.mode {
        Mode::Banner | Mode::Badge => None,
        Mode::Timeline | Mode::Components => Some(
            Element::new(Tag::Section, Part::Timeline)
                .child(Element::new(Tag::P, Part::Unavailable).child(Label::Unavailable))
                .child(fallback())
                .into(),
        ),
    }
}
