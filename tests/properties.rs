//! Properties of any feed, with proptest: any feed our format can express
//! survives writing and reading back unchanged (and the document written is
//! valid against the published schema). An unknown value is expressed by
//! leaving it out, except for an incident's own status and the page's
//! overall status: left out, the reader derives them (from the newest
//! update, from the components), so neither is generated unknown. The view of any feed shows every
//! incident's title as text, with safe links only (`check::holds`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use status_widget::feed::{
    self, Change, Component, ComponentRef, ComponentStatus, Feed, Format, Impact, Incident,
    Overall, Page, Phase, Postmortem, Skipped, Update, Window,
};
use status_widget::link::SafeUrl;
use status_widget::time::Timestamp;

const PHASES: [Phase; 11] = [
    Phase::Investigating,
    Phase::Identified,
    Phase::Update,
    Phase::Monitoring,
    Phase::Resolved,
    Phase::Postmortem,
    Phase::Scheduled,
    Phase::InProgress,
    Phase::Verifying,
    Phase::Completed,
    Phase::Unknown,
];
const CONDITIONS: [ComponentStatus; 6] = [
    ComponentStatus::Operational,
    ComponentStatus::DegradedPerformance,
    ComponentStatus::PartialOutage,
    ComponentStatus::MajorOutage,
    ComponentStatus::UnderMaintenance,
    ComponentStatus::Unknown,
];
const IMPACTS: [Impact; 5] =
    [Impact::None, Impact::Minor, Impact::Major, Impact::Critical, Impact::Unknown];

/// The values of each kind: any the model holds, or (`strict`) only those
/// the schema can say (what it lists, and unknown, said by absence).
fn of<T: Copy + std::fmt::Debug + 'static>(
    all: &[T],
    strict: bool,
    keep: fn(&T) -> bool,
) -> impl Strategy<Value = T> {
    select(all.iter().copied().filter(|v| !strict || keep(v)).collect::<Vec<_>>())
}
/// An incident's own status: never unknown (see the module's documentation).
fn incident_phase(strict: bool) -> impl Strategy<Value = Phase> {
    let known: Vec<Phase> = PHASES.into_iter().filter(|p| *p != Phase::Unknown).collect();
    of(&known, strict, |p| {
        matches!(
            p,
            Phase::Investigating
                | Phase::Identified
                | Phase::Monitoring
                | Phase::Resolved
                | Phase::Postmortem
        )
    })
}
fn update_phase(strict: bool, maintenance: bool) -> impl Strategy<Value = Phase> {
    match maintenance {
        true => of(&PHASES, strict, |p| {
            matches!(
                p,
                Phase::Scheduled
                    | Phase::InProgress
                    | Phase::Verifying
                    | Phase::Completed
                    | Phase::Unknown
            )
        }),
        false => of(&PHASES, strict, |p| {
            matches!(
                p,
                Phase::Investigating
                    | Phase::Identified
                    | Phase::Update
                    | Phase::Monitoring
                    | Phase::Resolved
                    | Phase::Postmortem
                    | Phase::Unknown
            )
        }),
    }
}
fn condition() -> impl Strategy<Value = ComponentStatus> {
    select(CONDITIONS.to_vec())
}
fn impact() -> impl Strategy<Value = Impact> {
    select(IMPACTS.to_vec())
}

/// Text the reader keeps as it is: not blank, within the one-line limit,
/// any characters (markup, quotes, right-to-left, emoji).
fn text() -> impl Strategy<Value = String> {
    let pieces = select(vec!["<script>", "\"", "é", "🦀", "a", " ", "\u{202e}", "&amp;", "\\"]);
    (
        any::<char>(),
        vec(
            prop_oneof![any::<char>().prop_map(String::from), pieces.prop_map(String::from)],
            0..12,
        ),
    )
        .prop_map(|(first, rest)| {
            let first = if first.is_whitespace() || first == '\u{feff}' { 'x' } else { first };
            std::iter::once(first.to_string()).chain(rest).collect::<String>()
        })
}

/// Instants a feed writes: milliseconds between 1970 and 2100.
fn at() -> impl Strategy<Value = Timestamp> {
    (0i64..4_102_444_800_000).prop_map(Timestamp::from_millis)
}

fn url() -> impl Strategy<Value = Option<SafeUrl>> {
    proptest::option::of(
        "[a-z]{1,8}".prop_map(|p| SafeUrl::parse(&format!("https://{p}.example/{p}")).unwrap()),
    )
}

fn components() -> impl Strategy<Value = Vec<Component>> {
    vec((text(), condition(), proptest::option::of(text())), 0..5).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(n, (name, status, group))| Component {
                id: format!("c{n}"),
                name,
                status,
                group,
            })
            .collect()
    })
}

/// A component of the list, named as the list names it.
fn named(components: &[Component], pick: usize) -> Option<ComponentRef> {
    let c = components.get(pick % components.len().max(1))?;
    Some(ComponentRef { id: c.id.clone(), name: c.name.clone() })
}

fn incident(
    components: Vec<Component>,
    maintenance: bool,
    strict: bool,
) -> impl Strategy<Value = Incident> {
    let update = (
        update_phase(strict, maintenance),
        at(),
        proptest::option::of(text()),
        vec((any::<usize>(), condition(), condition()), 0..3),
    );
    let postmortem = proptest::option::of((text(), proptest::option::of(at())));
    (
        (
            text(),
            text(),
            impact(),
            match maintenance {
                true => update_phase(strict, true)
                    .prop_filter("known", |p| *p != Phase::Unknown)
                    .boxed(),
                false => incident_phase(strict).boxed(),
            },
            at(),
            at(),
        ),
        (
            proptest::option::of((at(), at())),
            url(),
            vec(any::<usize>(), 0..4),
            vec(update, 0..5),
            postmortem,
        ),
    )
        .prop_map(
            move |(
                (id, title, impact, status, started_at, end),
                (window, url, picks, updates, postmortem),
            )| {
                let mut updates: Vec<Update> = updates
                    .into_iter()
                    .map(|(status, at, body, changes)| Update {
                        status,
                        at,
                        body: body.unwrap_or_default(),
                        changes: changes
                            .into_iter()
                            .filter(|(_, from, to)| from != to)
                            .filter_map(|(pick, from, to)| {
                                Some(Change { component: named(&components, pick)?, from, to })
                            })
                            .collect(),
                    })
                    .collect();
                updates.sort_by_key(|u| std::cmp::Reverse(u.at));
                // Maintenance may have a window, or be open-ended (its end
                // not known); v1 gives an incident none.
                let window =
                    window.filter(|_| maintenance).map(|(from, until)| Window { from, until });
                Incident {
                    id,
                    title,
                    impact: if maintenance { Impact::Maintenance } else { impact },
                    status,
                    // Maintenance begins when its window does.
                    started_at: window.filter(|_| maintenance).map_or(started_at, |w| w.from),
                    // Over means over at some time: a feed that says when.
                    resolved_at: status.is_closed().then_some(end),
                    window,
                    url,
                    components: picks.iter().filter_map(|&p| named(&components, p)).collect(),
                    updates,
                    // v1 gives maintenance no postmortem.
                    postmortem: postmortem
                        .filter(|_| !maintenance)
                        .map(|(body, published_at)| Postmortem { body, published_at }),
                    page: None,
                }
            },
        )
}

/// Any feed the model holds in our format; `strict`: with only the values
/// the schema lists.
fn feeds(strict: bool) -> impl Strategy<Value = Feed> {
    // The overall status: never unknown (see the module's documentation).
    let known = [Impact::None, Impact::Minor, Impact::Major, Impact::Critical, Impact::Maintenance];
    let indicator = select(known.to_vec());
    let status = proptest::option::of((indicator, proptest::option::of(text())));
    // A page may have no name.
    let name = prop_oneof![Just(String::new()), text()];
    ((name, url(), status), components()).prop_flat_map(
        move |((name, page_url, status), components)| {
            let incidents = vec(incident(components.clone(), false, strict), 0..6);
            let maintenance = vec(incident(components.clone(), true, strict), 0..3);
            (incidents, maintenance).prop_map(move |(incidents, maintenance)| Feed {
                format: Format::V1,
                page: Page { name: name.clone(), url: page_url.clone() },
                status: status
                    .clone()
                    .map(|(indicator, description)| Overall { indicator, description }),
                components: components.clone(),
                incidents,
                maintenance,
                skipped: Skipped::default(),
            })
        },
    )
}

fn schema() -> (boon::Schemas, boon::SchemaIndex) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/status-feed.v1.schema.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = "https://status-widget.example/schema/status-feed.v1.schema.json";
    compiler.add_resource(url, value).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap();
    (schemas, index)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_feed_survives_writing_and_reading_back(feed in feeds(false)) {
        let text = feed::to_v1(&feed).to_string();
        prop_assert_eq!(&feed::from_json_str(&text).unwrap(), &feed, "{}", text);
    }

    #[test]
    fn a_feed_in_the_schema_s_words_is_written_valid(feed in feeds(true)) {
        let written = feed::to_v1(&feed);
        let text = written.to_string();
        prop_assert_eq!(&feed::from_json_str(&text).unwrap(), &feed, "{}", text);
        let (schemas, index) = schema();
        if let Err(error) = schemas.validate(&written, index) {
            panic!("{text}\nis not valid: {error:#}");
        }
    }

    #[test]
    fn the_view_of_any_feed_shows_every_title_as_text(feed in feeds(false), seed in vec(any::<u8>(), 8)) {
        if let Err(broken) = status_widget::check::holds(&feed, &seed) {
            panic!("{broken}");
        }
    }
}
