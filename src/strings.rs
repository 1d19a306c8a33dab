//! The words the widget itself says (everything that is not feed text).
//!
//! Views refer to them as [`Label`]s, never as literals, so that a language
//! is one table here and the view code stays the same.

use crate::feed::{ComponentStatus, Impact, Phase};

/// A string of the widget's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The name of an impact level.
    Impact(Impact),
    /// The name of an incident or maintenance status.
    Phase(Phase),
    /// The name of a component status.
    Component(ComponentStatus),
    /// The overall status of a page at an impact level.
    Overall(Impact),
    /// Introduces the list of affected components.
    Affected,
    /// Introduces how long an incident lasted.
    Lasted,
    /// Says an incident is still going on.
    Ongoing,
    /// Introduces the end of a maintenance window.
    Until,
    /// Introduces the start of a maintenance window.
    Scheduled,
    /// The link to an incident's page.
    ViewIncident,
    /// The heading of a postmortem.
    Postmortem,
    /// Shown in a timeline without incidents.
    NoIncidents,
    /// The accessible name of the banner.
    StatusOf,
    /// The accessible name of the timeline.
    HistoryOf,
    /// Separates the items of a list.
    ListSeparator,
    /// Separates the facts on one line.
    Separator,
    /// The accessible name of the banner's dismiss button.
    Dismiss,
    /// What the dismiss button shows.
    Close,
    /// Says that notices were dismissed from the banner.
    SomeDismissed,
    /// The button that brings dismissed notices back.
    Restore,
    /// Introduces when the data shown was fetched, when it is stale.
    LastUpdated,
    /// Said when the status cannot be loaded.
    Unavailable,
}

impl Label {
    /// The label in English.
    pub const fn en(self) -> &'static str {
        match self {
            Label::Impact(impact) => match impact {
                Impact::Critical => "Critical",
                Impact::Major => "Major",
                Impact::Minor => "Minor",
                Impact::None => "Informational",
                Impact::Maintenance => "Maintenance",
                Impact::Unknown => "Incident",
            },
            Label::Phase(phase) => match phase {
                Phase::Investigating => "Investigating",
                Phase::Identified => "Identified",
                Phase::Update | Phase::Unknown => "Update",
                Phase::Monitoring => "Monitoring",
                Phase::Resolved => "Resolved",
                Phase::Postmortem => "Postmortem",
                Phase::Scheduled => "Scheduled",
                Phase::InProgress => "In progress",
                Phase::Verifying => "Verifying",
                Phase::Completed => "Completed",
            },
            Label::Component(status) => match status {
                ComponentStatus::Operational => "Operational",
                ComponentStatus::DegradedPerformance => "Degraded performance",
                ComponentStatus::PartialOutage => "Partial outage",
                ComponentStatus::MajorOutage => "Major outage",
                ComponentStatus::UnderMaintenance => "Under maintenance",
                ComponentStatus::Unknown => "Status unknown",
            },
            Label::Overall(impact) => match impact {
                Impact::None => "All systems operational",
                Impact::Minor => "Minor service disruption",
                Impact::Major => "Partial system outage",
                Impact::Critical => "Major system outage",
                Impact::Maintenance => "Service under maintenance",
                Impact::Unknown => "Service disruption",
            },
            Label::Affected => "Affected:",
            Label::Lasted => "Lasted",
            Label::Ongoing => "Ongoing",
            Label::Until => "until",
            Label::Scheduled => "Scheduled for",
            Label::ViewIncident => "View details",
            Label::Postmortem => "Postmortem",
            Label::NoIncidents => "No incidents reported.",
            Label::StatusOf => "Service status",
            Label::HistoryOf => "Incident history",
            Label::ListSeparator => ", ",
            Label::Separator => " · ",
            Label::Dismiss => "Dismiss",
            Label::Close => "×",
            Label::SomeDismissed => "Some notices are dismissed from the banner.",
            Label::Restore => "Show them again",
            Label::LastUpdated => "Last updated",
            Label::Unavailable => "Status unavailable.",
        }
    }
}

/// `n` in decimal digits, without `core::fmt` (which the wasm build avoids
/// pulling in for this alone).
pub fn decimal(n: i64) -> String {
    let mut digits = Vec::with_capacity(20);
    let mut rest = n.unsigned_abs();
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Our words followed by the page's name: "Service status: Kestrel Cloud".
pub fn label_with(label: &str, name: &str) -> String {
    if name.trim().is_empty() {
        label.to_owned()
    } else {
        [label, ": ", name].concat()
    }
}
