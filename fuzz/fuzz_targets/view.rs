//! Model to view: any feed the model can hold, built straight from the
//! fuzzer's bytes (not through a reader, so instants, lengths and
//! combinations no reader would produce are tried too), rendered in every
//! mode.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use status_widget::feed::{
    Change, Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident, Overall,
    Page, Phase, Postmortem, Skipped, Update, Window,
};
use status_widget::link::SafeUrl;
use status_widget::time::Timestamp;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(feed) = feed(&mut u) else { return };
    if let Err(broken) = status_widget::check::holds(&feed, data) {
        panic!("{broken}");
    }
});

const IMPACTS: [Impact; 6] = [
    Impact::None,
    Impact::Minor,
    Impact::Major,
    Impact::Critical,
    Impact::Maintenance,
    Impact::Unknown,
];
const PHASES: [&str; 11] = [
    "investigating",
    "identified",
    "update",
    "monitoring",
    "resolved",
    "postmortem",
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
    "unknown",
];
const CONDITIONS: [&str; 6] = [
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
    "unknown",
];

/// Short text, from a few names so that ids and names meet, or any.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => "api".to_owned(),
        1 => "Web".to_owned(),
        _ => u.arbitrary::<String>()?.chars().take(500).collect(),
    })
}

/// An instant, near today or anywhere a `Timestamp` can be.
fn at(u: &mut Unstructured<'_>) -> Result<Timestamp> {
    Ok(Timestamp::from_millis(match u.arbitrary::<bool>()? {
        true => 1_795_000_000_000 + i64::from(u.arbitrary::<i32>()?) * 1000,
        false => u.arbitrary()?,
    }))
}

fn phase(u: &mut Unstructured<'_>) -> Result<Phase> {
    Ok(Phase::parse(u.choose(&PHASES)?))
}

fn condition(u: &mut Unstructured<'_>) -> Result<ComponentStatus> {
    Ok(ComponentStatus::parse(u.choose(&CONDITIONS)?))
}

fn url(u: &mut Unstructured<'_>) -> Result<Option<SafeUrl>> {
    Ok(match u.arbitrary::<bool>()? {
        true => SafeUrl::parse(&format!("https://status.example/{}", u.arbitrary::<u16>()?)),
        false => None,
    })
}

fn component_ref(u: &mut Unstructured<'_>) -> Result<ComponentRef> {
    Ok(ComponentRef { id: text(u)?, name: text(u)? })
}

fn incident(u: &mut Unstructured<'_>, impact: Option<Impact>) -> Result<Incident> {
    let started_at = at(u)?;
    let mut updates = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        let mut changes = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            changes.push(Change {
                component: component_ref(u)?,
                from: condition(u)?,
                to: condition(u)?,
            });
        }
        updates.push(Update { status: phase(u)?, at: at(u)?, body: text(u)?, changes });
    }
    updates.sort_by_key(|u| std::cmp::Reverse(u.at));
    let window = match u.arbitrary::<bool>()? {
        true => Some(Window { from: at(u)?, until: at(u)? }),
        false => None,
    };
    Ok(Incident {
        id: text(u)?,
        title: text(u)?,
        impact: match impact {
            Some(impact) => impact,
            None => *u.choose(&IMPACTS)?,
        },
        status: phase(u)?,
        started_at,
        resolved_at: if u.arbitrary()? { Some(at(u)?) } else { None },
        window,
        url: url(u)?,
        components: (0..u.int_in_range(0..=4)?).map(|_| component_ref(u)).collect::<Result<_>>()?,
        updates,
        postmortem: match u.arbitrary::<bool>()? {
            true => Some(Postmortem {
                body: text(u)?,
                published_at: if u.arbitrary()? { Some(at(u)?) } else { None },
            }),
            false => None,
        },
    })
}

fn feed(u: &mut Unstructured<'_>) -> Result<Feed> {
    let components = (0..u.int_in_range(0..=6)?)
        .map(|_| {
            Ok(Component {
                id: text(u)?,
                name: text(u)?,
                status: condition(u)?,
                group: if u.arbitrary()? { Some(text(u)?) } else { None },
            })
        })
        .collect::<Result<_>>()?;
    let status = match u.arbitrary::<bool>()? {
        true => Some(Overall {
            indicator: *u.choose(&IMPACTS)?,
            description: if u.arbitrary()? { Some(text(u)?) } else { None },
        }),
        false => None,
    };
    Ok(Feed {
        format: if u.arbitrary()? { Format::V1 } else { Format::Statuspage },
        page: Page { name: text(u)?, url: url(u)? },
        status,
        components,
        incidents: (0..u.int_in_range(0..=12)?)
            .map(|_| incident(u, None))
            .collect::<Result<_>>()?,
        maintenance: (0..u.int_in_range(0..=4)?)
            .map(|_| incident(u, Some(Impact::Maintenance)))
            .collect::<Result<_>>()?,
        skipped: Skipped::default(),
    })
}
