//! The feed model: what a status page says, whichever format it came in.
//!
//! Five formats are read into the one model below ([`Format`]): our own
//! status-feed v1 (published as `schema/status-feed.v1.schema.json`), the
//! Statuspage v2 JSON that hosted status pages serve (`summary.json`,
//! `incidents.json`, …), incident.io's widget API, Instatus'
//! `summary.json` and Cachet's API v1. One reader (`read`) takes them all,
//! from any parsed document that implements [`Json`]; the format is
//! detected from the fields at the document's root, or given ([`read_as`]).
//!
//! Reading is tolerant: unknown fields are ignored, unknown enum values
//! become `Unknown`, a value of the wrong type is a missing value, and a
//! malformed incident, update or component is skipped and counted in
//! [`Feed::skipped`] while the rest is kept. A document that is no feed at
//! all is an [`Error`].

pub mod cachet;
mod detect;
mod fields;
pub mod incidentio;
pub mod instatus;
mod json;
mod merge;
mod read;
mod statuspage;
#[cfg(not(target_arch = "wasm32"))]
mod write;

pub use detect::detect;
pub use json::Json;
pub use merge::{merge, prefixed, split};
pub use read::Reading;
#[cfg(not(target_arch = "wasm32"))]
pub use write::to_v1;

use crate::error::{Error, ErrorKind};
use crate::link::SafeUrl;
use crate::time::Timestamp;

/// The longest one-line text kept from a feed (a title, a name, a
/// description, an identifier), in characters: longer ones are cut and end
/// with "…".
pub const MAX_LINE_CHARS: usize = 500;

/// The longest paragraph kept from a feed (an update, a postmortem), in
/// characters: longer ones are cut and end with "…".
pub const MAX_BODY_CHARS: usize = 20_000;

/// The deepest a feed may nest arrays and objects. Both formats need 7
/// levels (root, incidents, incident, updates, update, component changes,
/// change); anything past this many is refused before it is parsed.
pub const MAX_DEPTH: usize = 64;

/// A status page's whole feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    /// Which wire format the feed was read from.
    pub format: Format,
    /// The page that publishes the feed.
    pub page: Page,
    /// The page's overall status, when the feed states one.
    pub status: Option<Overall>,
    /// Components, in the feed's order; groups are named on their members.
    pub components: Vec<Component>,
    /// Incidents, in the feed's order.
    pub incidents: Vec<Incident>,
    /// Scheduled maintenance, in the feed's order.
    pub maintenance: Vec<Incident>,
    /// Entries that were malformed and left out.
    pub skipped: Skipped,
}

impl Feed {
    /// A feed of these, with no incidents or maintenance yet.
    pub(crate) fn new(
        format: Format,
        page: Page,
        status: Option<Overall>,
        components: Vec<Component>,
        skipped: Skipped,
    ) -> Feed {
        let (incidents, maintenance) = (Vec::new(), Vec::new());
        Feed { format, page, status, components, incidents, maintenance, skipped }
    }

    /// Incidents still going on, maintenance aside.
    pub fn active_incidents(&self) -> impl Iterator<Item = &Incident> {
        self.incidents.iter().filter(|i| i.impact != Impact::Maintenance && i.is_active())
    }

    /// Incidents still going on, most severe first, and among equals the
    /// one that changed last first.
    pub fn active_by_severity(&self) -> Vec<&Incident> {
        let mut incidents: Vec<&Incident> = self.active_incidents().collect();
        // Severity first, then the latest change: instants a feed can write
        // (years 0 to 9999) fit in 49 bits; any other is held to 51.
        const SPAN: i64 = 1 << 51;
        sort_desc(&mut incidents, |i| {
            let changed = i.last_change().as_millis().clamp(-SPAN, SPAN - 1);
            (i64::from(i.impact.severity()) << 52) + changed
        });
        incidents
    }

    /// Maintenance under way at `now`, whichever list the feed put it in.
    pub fn maintenance_under_way(&self, now: Timestamp) -> impl Iterator<Item = &Incident> {
        self.maintenance.iter().chain(&self.incidents).filter(move |m| m.is_under_way(now))
    }

    /// The page's overall status: as the page states it, else the worst of
    /// its components.
    pub fn indicator(&self) -> Impact {
        match &self.status {
            Some(status) => status.indicator,
            None => overall_from_components(&self.components),
        }
    }

    /// The status of the page as a whole at `now`, for a badge: as the page
    /// states it; else the worst of its components and of the incidents
    /// going on, and maintenance when nothing is worse and some is under way.
    pub fn status_at(&self, now: Timestamp) -> Impact {
        if let Some(status) = &self.status {
            return status.indicator;
        }
        let worst = self
            .active_incidents()
            .map(|i| i.impact)
            .chain([self.indicator()])
            .max_by_key(|impact| impact.severity())
            .unwrap_or(Impact::None);
        match worst {
            Impact::None if self.maintenance_under_way(now).next().is_some() => Impact::Maintenance,
            worst => worst,
        }
    }
}

/// The formats a feed can come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Our own format, version 1, marked by `"version": 1`. Field names and
    /// enum values follow Statuspage's where they mean the same thing:
    ///
    /// ```json
    /// {
    ///   "version": 1,
    ///   "page": { "name": "Kestrel Cloud", "url": "https://status.kestrel.example" },
    ///   "status": { "indicator": "minor", "description": "Degraded performance" },
    ///   "components": [{ "id": "api", "name": "API", "status": "degraded_performance" }],
    ///   "incidents": [{
    ///     "id": "k-101", "title": "Slow API responses", "impact": "minor",
    ///     "status": "identified", "started_at": "2026-11-21T09:12:00-08:00",
    ///     "components": ["api"],
    ///     "updates": [{ "status": "identified", "at": "2026-11-21T09:40:00-08:00",
    ///                   "body": "A faulty cache node is being replaced." }]
    ///   }],
    ///   "maintenance": [{
    ///     "id": "m-7", "title": "Database upgrade", "status": "scheduled",
    ///     "scheduled_for": "2026-11-28T06:00:00Z", "scheduled_until": "2026-11-28T08:00:00Z"
    ///   }]
    /// }
    /// ```
    V1,
    /// Statuspage's public API v2: `summary.json` (status, components,
    /// unresolved incidents, upcoming and in-progress maintenance),
    /// `status.json`, `components.json`, `incidents.json` (the 50 most
    /// recent), `incidents/unresolved.json` and `scheduled-maintenances.json`
    /// (also `/upcoming.json` and `/active.json`). They share one shape, each
    /// carrying the fields it is about. Times carry the page's own offset.
    Statuspage,
    /// incident.io's status page widget API: incidents going on,
    /// maintenance under way and to come, and the components they affect
    /// with their current status. No page and no component list.
    IncidentIo,
    /// Instatus' public `summary.json`: the page with its status, and the
    /// incidents and maintenance going on.
    Instatus,
    /// Cachet's API v1: `/api/v1/components` or `/api/v1/incidents` (and
    /// `/api/v1/schedules`), each a `data` list, statuses as numbers, times
    /// in the installation's zone, taken as UTC.
    Cachet,
}

impl Format {
    /// Every format, in the order of [`name`](Format::name)s the `format`
    /// attribute takes.
    pub const ALL: [Format; 5] =
        [Format::V1, Format::Statuspage, Format::IncidentIo, Format::Instatus, Format::Cachet];

    /// The format's name, as the `format` attribute and the CLI say it.
    pub const fn name(self) -> &'static str {
        match self {
            Format::V1 => "status-feed",
            Format::Statuspage => "statuspage",
            Format::IncidentIo => "incident.io",
            Format::Instatus => "instatus",
            Format::Cachet => "cachet",
        }
    }

    /// The format of that name (ASCII case ignored).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// The page that publishes a feed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// The page's name, usually the company's or product's.
    pub name: String,
    /// The status page's own address.
    pub url: Option<SafeUrl>,
}

/// The overall status of a page, as the page itself rolls it up.
#[derive(Clone, Debug, PartialEq)]
pub struct Overall {
    /// How bad things are.
    pub indicator: Impact,
    /// The page's own words for it ("Partial System Outage").
    pub description: Option<String>,
}

/// A component of the service (an API, a region, a dashboard).
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// The feed's identifier for the component.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// How it is doing.
    pub status: ComponentStatus,
    /// The name of the group it belongs to, if any.
    pub group: Option<String>,
}

/// A component named by an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentRef {
    /// The feed's identifier for the component.
    pub id: String,
    /// Its display name (the identifier, if the feed names it nowhere).
    pub name: String,
}

/// An incident or a scheduled maintenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// The feed's identifier.
    pub id: String,
    /// What the incident is called.
    pub title: String,
    /// How severe it is; [`Impact::Maintenance`] for maintenance.
    pub impact: Impact,
    /// Where it stands now.
    pub status: Phase,
    /// When it began (for maintenance: when it is scheduled to begin).
    pub started_at: Timestamp,
    /// When it was resolved or completed, if it was.
    pub resolved_at: Option<Timestamp>,
    /// The maintenance window, for scheduled maintenance.
    pub window: Option<Window>,
    /// Where to read more.
    pub url: Option<SafeUrl>,
    /// The components it affects.
    pub components: Vec<ComponentRef>,
    /// Its updates, newest first.
    pub updates: Vec<Update>,
    /// The postmortem, once one is published.
    pub postmortem: Option<Postmortem>,
    /// The name of the page it comes from, when a widget shows several
    /// ([`merge()`]); `None` as read.
    pub page: Option<String>,
}

impl Incident {
    /// Whether the incident is still going on (or the maintenance still to
    /// come or under way).
    pub fn is_active(&self) -> bool {
        self.resolved_at.is_none() && !self.status.is_closed()
    }

    /// Whether this is maintenance under way at `now`: it says so, or it is
    /// still only "scheduled" but its window has begun (pages that do not
    /// move their maintenance along by hand).
    pub fn is_under_way(&self, now: Timestamp) -> bool {
        if self.impact != Impact::Maintenance || !self.is_active() {
            return false;
        }
        match self.status {
            Phase::InProgress | Phase::Verifying => true,
            Phase::Scheduled | Phase::Unknown => {
                self.window.is_some_and(|w| w.from <= now && now < w.until)
            }
            _ => false,
        }
    }

    /// The newest update, if any.
    pub fn latest(&self) -> Option<&Update> {
        self.updates.first()
    }

    /// When anything last happened to it.
    pub fn last_change(&self) -> Timestamp {
        self.latest().map_or(self.started_at, |u| u.at.max(self.started_at))
    }
}

/// When a maintenance is scheduled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// When it is scheduled to begin.
    pub from: Timestamp,
    /// When it is scheduled to end.
    pub until: Timestamp,
}

/// One update posted to an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// The incident's status as of this update.
    pub status: Phase,
    /// When it was posted.
    pub at: Timestamp,
    /// What it says, as plain text with line breaks.
    pub body: String,
    /// The component statuses it changed, where the feed says so.
    pub changes: Vec<Change>,
}

/// A component's status changed by an update.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The component.
    pub component: ComponentRef,
    /// Its status before.
    pub from: ComponentStatus,
    /// Its status after.
    pub to: ComponentStatus,
}

/// A postmortem: what happened and what changes, written afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Postmortem {
    /// The text, as plain text with line breaks.
    pub body: String,
    /// When it was published.
    pub published_at: Option<Timestamp>,
}

/// A malformed entry left out while reading, and where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The list of the root it is in (`incidents`, `components`, `data`, …)
    /// and its place there, from 0.
    pub entry: (&'static str, usize),
    /// For an update, or a member of a group: its list in that entry, and
    /// its place there.
    pub inner: Option<(&'static str, usize)>,
    /// The field it could not do without, missing or unreadable.
    pub field: &'static str,
}

impl Skip {
    /// Where it is, as a JSON path: `$.incidents[2].updates[0]`.
    pub fn path(&self) -> String {
        let mut path = String::from("$");
        for (list, index) in [Some(self.entry), self.inner].into_iter().flatten() {
            let index = crate::number::decimal(i64::try_from(index).unwrap_or(i64::MAX));
            path.extend([".", list, "[", &index, "]"]);
        }
        path
    }
}

/// The malformed entries left out while reading, counted, and each with
/// where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Incidents and maintenance.
    pub incidents: usize,
    /// Updates of incidents that were kept.
    pub updates: usize,
    /// Components.
    pub components: usize,
    /// Every one of them, in the order they were read.
    pub entries: Vec<Skip>,
}

impl Skipped {
    /// Counts `skip`: an update when it is in an entry, else an incident.
    pub(crate) fn add(&mut self, skip: Skip) {
        match skip.inner {
            Some(_) => self.updates += 1,
            None => self.incidents += 1,
        }
        self.entries.push(skip);
    }

    /// Counts `skip`, a component.
    pub(crate) fn add_component(&mut self, skip: Skip) {
        self.components += 1;
        self.entries.push(skip);
    }

    /// Whether anything was left out.
    pub fn any(&self) -> bool {
        self.incidents + self.updates + self.components > 0
    }

    /// What was left out, for the console: "skipped 2 incidents, 1 update
    /// that could not be read".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (count, one, many) in [
            (self.incidents, "incident", "incidents"),
            (self.updates, "update", "updates"),
            (self.components, "component", "components"),
        ] {
            if count > 0 {
                let count = crate::number::decimal(i64::try_from(count).unwrap_or(i64::MAX));
                parts.push([count.as_str(), " ", if count == "1" { one } else { many }].concat());
            }
        }
        ["skipped ", &parts.join(", "), " that could not be read"].concat()
    }
}

/// The severity of an incident, or of the page as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Impact {
    /// No impact (informational), or for a page: all systems operational.
    None,
    /// Minor.
    Minor,
    /// Major.
    Major,
    /// Critical.
    Critical,
    /// Scheduled maintenance.
    Maintenance,
    /// A value this version does not know.
    Unknown,
}

impl Impact {
    /// Reads a feed's value; anything unknown is [`Impact::Unknown`].
    pub fn parse(value: &str) -> Impact {
        match value {
            "none" => Impact::None,
            "minor" => Impact::Minor,
            "major" => Impact::Major,
            "critical" => Impact::Critical,
            "maintenance" => Impact::Maintenance,
            _ => Impact::Unknown,
        }
    }

    /// A rank for "most severe first". Maintenance ranks below every
    /// incident; an unknown impact ranks with minor, so that an incident of a
    /// kind we cannot name is still shown rather than hidden.
    pub const fn severity(self) -> u8 {
        match self {
            Impact::Maintenance => 0,
            Impact::None => 1,
            Impact::Minor | Impact::Unknown => 2,
            Impact::Major => 3,
            Impact::Critical => 4,
        }
    }

    /// The name used in feeds, styles and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
            Impact::Maintenance => "maintenance",
            Impact::Unknown => "unknown",
        }
    }
}

/// Where an incident or maintenance stands; also the status of each update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Incident: the cause is being looked for.
    Investigating,
    /// Incident: the cause is known.
    Identified,
    /// Incident: a new update, with the status unchanged.
    Update,
    /// Incident: a fix is in place and being watched.
    Monitoring,
    /// Incident: over.
    Resolved,
    /// Incident: over, and a postmortem is published.
    Postmortem,
    /// Maintenance: planned, not begun.
    Scheduled,
    /// Maintenance: under way.
    InProgress,
    /// Maintenance: done, being checked.
    Verifying,
    /// Maintenance: done.
    Completed,
    /// A value this version does not know.
    Unknown,
}

impl Phase {
    /// Reads a feed's value; anything unknown is [`Phase::Unknown`].
    pub fn parse(value: &str) -> Phase {
        match value {
            "investigating" => Phase::Investigating,
            "identified" => Phase::Identified,
            "update" => Phase::Update,
            "monitoring" => Phase::Monitoring,
            "resolved" => Phase::Resolved,
            "postmortem" => Phase::Postmortem,
            "scheduled" => Phase::Scheduled,
            "in_progress" => Phase::InProgress,
            "verifying" => Phase::Verifying,
            "completed" => Phase::Completed,
            _ => Phase::Unknown,
        }
    }

    /// Whether this status means the incident or maintenance is over.
    pub const fn is_closed(self) -> bool {
        matches!(self, Phase::Resolved | Phase::Postmortem | Phase::Completed)
    }

    /// The name used in feeds, styles and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Phase::Investigating => "investigating",
            Phase::Identified => "identified",
            Phase::Update => "update",
            Phase::Monitoring => "monitoring",
            Phase::Resolved => "resolved",
            Phase::Postmortem => "postmortem",
            Phase::Scheduled => "scheduled",
            Phase::InProgress => "in_progress",
            Phase::Verifying => "verifying",
            Phase::Completed => "completed",
            Phase::Unknown => "unknown",
        }
    }
}

/// How a component is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComponentStatus {
    /// Working normally.
    Operational,
    /// Working, slowly.
    DegradedPerformance,
    /// Partly down.
    PartialOutage,
    /// Down.
    MajorOutage,
    /// Down for planned maintenance.
    UnderMaintenance,
    /// A value this version does not know.
    Unknown,
}

impl ComponentStatus {
    /// Reads a feed's value; anything unknown is [`ComponentStatus::Unknown`].
    pub fn parse(value: &str) -> ComponentStatus {
        match value {
            "operational" => ComponentStatus::Operational,
            "degraded_performance" => ComponentStatus::DegradedPerformance,
            "partial_outage" => ComponentStatus::PartialOutage,
            "major_outage" => ComponentStatus::MajorOutage,
            "under_maintenance" => ComponentStatus::UnderMaintenance,
            _ => ComponentStatus::Unknown,
        }
    }

    /// The name used in feeds, styles and events.
    pub const fn as_str(self) -> &'static str {
        match self {
            ComponentStatus::Operational => "operational",
            ComponentStatus::DegradedPerformance => "degraded_performance",
            ComponentStatus::PartialOutage => "partial_outage",
            ComponentStatus::MajorOutage => "major_outage",
            ComponentStatus::UnderMaintenance => "under_maintenance",
            ComponentStatus::Unknown => "unknown",
        }
    }

    /// How bad it is, to keep the worst of several: 0 for operational (and
    /// unknown), then maintenance, degraded, partial and major outage.
    pub const fn rank(self) -> u8 {
        match self {
            ComponentStatus::Operational | ComponentStatus::Unknown => 0,
            ComponentStatus::UnderMaintenance => 1,
            ComponentStatus::DegradedPerformance => 2,
            ComponentStatus::PartialOutage => 3,
            ComponentStatus::MajorOutage => 4,
        }
    }
}

/// Reads a feed from a parsed JSON document, detecting its format.
pub fn read<J: Json>(root: J) -> Result<Feed, Error> {
    read::feed(&root, None)
}

/// Reads a feed in `format` when it is given, else in the format detected.
pub fn read_as<J: Json>(root: J, format: Option<Format>) -> Result<Feed, Error> {
    read::feed(&root, format)
}

/// Reads a feed from JSON text, on native targets (the browser parses with
/// its own `JSON.parse`).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json_str(text: &str) -> Result<Feed, Error> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Error::new(ErrorKind::NotJson, "the response is empty"));
    }
    if trimmed.starts_with('<') {
        return Err(Error::new(ErrorKind::NotJson, "the response looks like an HTML page"));
    }
    if !nested_within(text, MAX_DEPTH) {
        return Err(too_deep());
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::new(ErrorKind::NotJson, e.to_string()))?;
    read(&value)
}

/// Whether JSON `text` nests arrays and objects at most `max` deep (text
/// that is no JSON may pass: the parser then says what is wrong with it).
/// The browser makes the same check before `JSON.parse` (`web::fetch`).
#[cfg(not(target_arch = "wasm32"))]
pub fn nested_within(text: &str, max: usize) -> bool {
    too_deep_at(text, max).is_none()
}

/// Where in JSON `text` the first bracket nested past `max` is, as a byte
/// offset; `None` when it nests at most `max` deep ([`nested_within`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn too_deep_at(text: &str, max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, byte) in text.bytes().enumerate() {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (_, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > max {
                    return Some(at);
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The error for a feed nested deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep() -> Error {
    let max = crate::number::decimal(MAX_DEPTH as i64);
    Error::new(
        ErrorKind::Limit,
        ["arrays and objects are nested more than ", &max, " deep"].concat(),
    )
}

/// Sorts updates newest first; among updates posted at the same instant, the
/// feed's order is kept.
pub(crate) fn newest_first(updates: &mut Vec<Update>) {
    sort_desc(updates, |u| u.at.as_millis());
}

/// Sorts `items` by `key`, greatest first, keeping the order of items with
/// equal keys.
///
/// Every sort in the crate goes through here: the comparison sort is
/// instantiated once, on `(key, index)` pairs, instead of once per item
/// type, which matters for the size of the wasm build.
pub(crate) fn sort_desc<T>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    let mut order: Vec<(std::cmp::Reverse<i64>, usize)> =
        items.iter().enumerate().map(|(i, item)| (std::cmp::Reverse(key(item)), i)).collect();
    if order.is_sorted() {
        return;
    }
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)));
}

/// Reads the overall status from the components when the feed states none:
/// the worst component status, as an impact.
pub fn overall_from_components(components: &[Component]) -> Impact {
    components
        .iter()
        .map(|c| match c.status {
            ComponentStatus::Operational | ComponentStatus::Unknown => Impact::None,
            ComponentStatus::UnderMaintenance => Impact::Maintenance,
            ComponentStatus::DegradedPerformance => Impact::Minor,
            ComponentStatus::PartialOutage => Impact::Major,
            ComponentStatus::MajorOutage => Impact::Critical,
        })
        .max_by_key(|impact| impact.severity())
        .unwrap_or(Impact::None)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn detect_str(json: &str) -> Result<Format, ErrorKind> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|_| ErrorKind::NotJson)?;
        read(&value).map(|feed| feed.format).map_err(|e| e.kind())
    }

    #[test]
    fn detects_formats_by_shape() {
        assert_eq!(detect_str(r#"{"version":1,"page":{"name":"x"}}"#), Ok(Format::V1));
        assert_eq!(detect_str(r#"{"page":{"id":"a"},"incidents":[]}"#), Ok(Format::Statuspage));
        assert_eq!(detect_str(r#"{"page":{"id":"a"},"status":{}}"#), Ok(Format::Statuspage));
        assert_eq!(detect_str(r#"{"page":{"id":"a"}}"#), Err(ErrorKind::NotAFeed));
        assert_eq!(detect_str(r#"{"incidents":[]}"#), Err(ErrorKind::NotAFeed));
        assert_eq!(detect_str("[]"), Err(ErrorKind::NotAFeed));
        assert_eq!(detect_str("[1,2,3,4,5,6]"), Err(ErrorKind::NotAFeed));
        assert_eq!(detect_str("\"feed\""), Err(ErrorKind::NotAFeed));
        assert_eq!(detect_str("null"), Err(ErrorKind::NotAFeed));
    }

    #[test]
    fn says_what_was_skipped() {
        let skipped = Skipped { incidents: 2, updates: 1, components: 0, entries: Vec::new() };
        assert_eq!(skipped.describe(), "skipped 2 incidents, 1 update that could not be read");
        let skipped = Skipped { incidents: 0, updates: 0, components: 12, entries: Vec::new() };
        assert_eq!(skipped.describe(), "skipped 12 components that could not be read");
    }

    #[test]
    fn ranks_impacts() {
        let mut all = [
            Impact::Critical,
            Impact::Unknown,
            Impact::None,
            Impact::Maintenance,
            Impact::Major,
            Impact::Minor,
        ];
        all.sort_by_key(|i| std::cmp::Reverse(i.severity()));
        assert_eq!(all.first(), Some(&Impact::Critical));
        assert_eq!(all.last(), Some(&Impact::Maintenance));
    }
}
