//! The demo's sample feeds: Kestrel Cloud, a fictional hosting platform.
//!
//! One description of the page (components, incidents, maintenance), with
//! times relative to now, written out in both formats the widget reads:
//! status-feed v1 and Statuspage v2 (`summary.json`, `incidents.json`).
//! Times are written in the page's own zone (US Pacific, UTC−8 in winter),
//! as status pages do. Plus a live scenario in which an incident opens,
//! gets updates and resolves every three minutes.

use serde_json::{json, Value};
use status_widget::time::Timestamp;

const PAGE: &str = "Kestrel Cloud";
const PAGE_URL: &str = "https://status.kestrel.example";
/// The page's zone: UTC−08:00.
const OFFSET: i32 = -8 * 60;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// `(id, name, group, status)`.
const COMPONENTS: &[(&str, &str, Option<&str>, &str)] = &[
    ("api", "API", None, "operational"),
    ("dashboard", "Dashboard", None, "operational"),
    ("deploys", "Git deployments", None, "degraded_performance"),
    ("builds", "Build pipelines", None, "operational"),
    ("edge-eu", "Europe", Some("Edge network"), "partial_outage"),
    ("edge-na", "North America", Some("Edge network"), "operational"),
    ("edge-apac", "Asia Pacific", Some("Edge network"), "operational"),
    ("postgres", "Managed Postgres", None, "operational"),
    ("webhooks", "Webhooks", None, "operational"),
    ("billing", "Billing", None, "operational"),
];

struct Sample {
    id: &'static str,
    title: &'static str,
    impact: &'static str,
    components: &'static [&'static str],
    /// `(status, minutes before now, body)`, oldest first.
    updates: Vec<(&'static str, i64, &'static str)>,
    postmortem: Option<&'static str>,
}

fn at(now: i64, minutes_ago: i64) -> String {
    Timestamp::from_millis(now - minutes_ago * MINUTE).to_rfc3339(OFFSET)
}

fn history() -> Vec<Sample> {
    vec![
        Sample {
            id: "kc-2291",
            title: "Delayed deployments in eu-west",
            impact: "major",
            components: &["deploys", "edge-eu"],
            updates: vec![
                ("investigating", 47, "Deployments to the eu-west region are taking longer than usual to go live. We are investigating."),
                ("identified", 18, "A storage node in eu-west is serving build artifacts slowly. Traffic is being moved to healthy nodes; deployments already queued will complete.\nNew deployments may take up to 10 minutes to go live."),
            ],
            postmortem: None,
        },
        Sample {
            id: "kc-2284",
            title: "Webhook deliveries delayed",
            impact: "minor",
            components: &["webhooks"],
            updates: vec![
                ("investigating", 2 * 24 * 60 + 190, "Some webhook deliveries are arriving up to 5 minutes late."),
                ("identified", 2 * 24 * 60 + 170, "A queue consumer stopped after a configuration change. It is being restarted."),
                ("monitoring", 2 * 24 * 60 + 150, "Deliveries have caught up. We are monitoring the queue."),
                ("resolved", 2 * 24 * 60 + 120, "This incident has been resolved."),
            ],
            postmortem: None,
        },
        Sample {
            id: "kc-2270",
            title: "Dashboard sign-in failures",
            impact: "critical",
            components: &["dashboard", "api"],
            updates: vec![
                ("investigating", 6 * 24 * 60 + 300, "Customers cannot sign in to the dashboard. API tokens are not affected."),
                ("identified", 6 * 24 * 60 + 285, "An expired certificate on the identity service is rejecting sign-ins. A new certificate is being deployed."),
                ("monitoring", 6 * 24 * 60 + 262, "Sign-ins are working again. We are watching error rates."),
                ("resolved", 6 * 24 * 60 + 240, "Sign-ins have been working normally for 20 minutes. This incident is resolved."),
            ],
            postmortem: Some("On Tuesday the identity service's TLS certificate expired at 09:00 PST, and every dashboard sign-in failed for 38 minutes.\n\nWhat went wrong: the certificate had been issued by hand two years ago, outside our automated renewal.\n\nWhat we are changing: every certificate is now in automated renewal, and an alert fires 30 days before any certificate expires."),
        },
        Sample {
            id: "kc-2262",
            title: "Slow builds for Node.js projects",
            impact: "minor",
            components: &["builds"],
            updates: vec![
                ("investigating", 11 * 24 * 60 + 80, "Builds of Node.js projects take up to three times longer than usual."),
                ("resolved", 11 * 24 * 60 + 20, "The package mirror has been scaled up and build times are back to normal."),
            ],
            postmortem: None,
        },
        Sample {
            id: "kc-2251",
            title: "Elevated API error rates",
            impact: "major",
            components: &["api"],
            updates: vec![
                ("investigating", 18 * 24 * 60 + 95, "About 4% of API requests are failing with 502 errors."),
                ("identified", 18 * 24 * 60 + 80, "A bad load balancer configuration was rolled out. It is being rolled back."),
                ("resolved", 18 * 24 * 60 + 55, "The rollback is complete and error rates are normal."),
            ],
            postmortem: None,
        },
        Sample {
            id: "kc-2240",
            title: "Billing page shows outdated invoices",
            impact: "none",
            components: &["billing"],
            updates: vec![
                ("identified", 26 * 24 * 60 + 600, "The billing page shows invoices as of yesterday. Payments are not affected."),
                ("resolved", 26 * 24 * 60 + 420, "Invoices are up to date again."),
            ],
            postmortem: None,
        },
    ]
}

/// `(id, title, status, starts in minutes (negative: began), lasts minutes, body)`.
const MAINTENANCE: &[(&str, &str, &str, i64, i64, &str)] = &[(
    "kc-m-88",
    "Managed Postgres minor version upgrade",
    "scheduled",
    2 * 24 * 60 + 7 * 60,
    120,
    "Databases will be upgraded to the latest minor version. Each database restarts once, for under 30 seconds.",
)];

/// The component changes an update made, as `affected_components`: the
/// first update takes the components down as far as the impact says, the
/// one that resolves brings them back. `key` names the component's field
/// (`id` in our format, `code` in Statuspage's).
fn changes(s: &Sample, update: usize, key: &str) -> Value {
    let down = match s.impact {
        "critical" => "major_outage",
        "major" => "partial_outage",
        _ => "degraded_performance",
    };
    let resolves = s.updates.get(update).is_some_and(|u| u.0 == "resolved");
    let (from, to) = match (update, resolves) {
        (0, _) => ("operational", down),
        (_, true) => (down, "operational"),
        _ => return Value::Null,
    };
    let changed: Vec<Value> = s
        .components
        .iter()
        .filter_map(|id| COMPONENTS.iter().find(|c| c.0 == *id))
        .map(|(id, name, _, _)| json!({ key: id, "name": name, "old_status": from, "new_status": to }))
        .collect();
    Value::Array(changed)
}

fn v1_incident(s: &Sample, now: i64) -> Value {
    let first = s.updates.first().map_or(0, |u| u.1);
    let last = s.updates.last();
    let resolved = last.filter(|u| u.0 == "resolved").map(|u| at(now, u.1));
    let mut incident = json!({
        "id": s.id,
        "title": s.title,
        "impact": s.impact,
        "status": if s.postmortem.is_some() { "postmortem" } else { last.map_or("investigating", |u| u.0) },
        "started_at": at(now, first),
        "resolved_at": resolved,
        "url": format!("{PAGE_URL}/incidents/{}", s.id),
        "components": s.components,
        "updates": s.updates.iter().enumerate().rev().map(|(i, u)| {
            let mut update = json!({ "status": u.0, "at": at(now, u.1), "body": u.2 });
            if let changed @ Value::Array(_) = changes(s, i, "id") {
                update["affected_components"] = changed;
            }
            update
        }).collect::<Vec<_>>(),
    });
    if let Some(body) = s.postmortem {
        incident["postmortem"] =
            json!({ "body": body, "published_at": at(now, first - 3 * 24 * 60) });
    }
    incident
}

fn components_v1() -> Vec<Value> {
    COMPONENTS
        .iter()
        .map(|(id, name, group, status)| {
            let mut c = json!({ "id": id, "name": name, "status": status });
            if let Some(group) = group {
                c["group"] = json!(group);
            }
            c
        })
        .collect()
}

/// The page in our own format, with its one active incident.
pub fn kestrel(now: i64) -> Value {
    json!({
        "version": 1,
        "page": { "name": PAGE, "url": PAGE_URL },
        "status": { "indicator": "major", "description": "Partial system outage" },
        "components": components_v1(),
        "incidents": history().iter().map(|s| v1_incident(s, now)).collect::<Vec<_>>(),
        "maintenance": maintenance_v1(now),
    })
}

fn maintenance_v1(now: i64) -> Vec<Value> {
    MAINTENANCE
        .iter()
        .map(|(id, title, status, starts_in, lasts, body)| {
            json!({
                "id": id,
                "title": title,
                "status": status,
                "scheduled_for": at(now, -starts_in),
                "scheduled_until": at(now, -starts_in - lasts),
                "components": ["postgres"],
                "updates": [{ "status": "scheduled", "at": at(now, 3 * 24 * 60), "body": body }],
            })
        })
        .collect()
}

/// All systems operational: the banner shows nothing.
pub fn operational(now: i64) -> Value {
    let components: Vec<Value> = components_v1()
        .into_iter()
        .map(|mut c| {
            c["status"] = json!("operational");
            c
        })
        .collect();
    let resolved: Vec<Value> = history().iter().skip(1).map(|s| v1_incident(s, now)).collect();
    json!({
        "version": 1,
        "page": { "name": PAGE, "url": PAGE_URL },
        "status": { "indicator": "none", "description": "All Systems Operational" },
        "components": components,
        "incidents": resolved,
    })
}

/// Maintenance under way and no incident: the maintenance banner.
pub fn maintenance(now: i64) -> Value {
    json!({
        "version": 1,
        "page": { "name": PAGE, "url": PAGE_URL },
        "status": { "indicator": "maintenance", "description": "Service under maintenance" },
        "components": components_v1(),
        "maintenance": [{
            "id": "kc-m-87",
            "title": "Edge network configuration rollout",
            "status": "in_progress",
            "scheduled_for": at(now, 25),
            "scheduled_until": at(now, -95),
            "url": format!("{PAGE_URL}/incidents/kc-m-87"),
            "components": ["edge-eu", "edge-na", "edge-apac"],
            "updates": [
                { "status": "in_progress", "at": at(now, 25), "body": "The rollout has begun. Brief connection resets are possible in each region as it is updated." },
                { "status": "scheduled", "at": at(now, 4 * 24 * 60), "body": "We will roll out a new edge configuration, one region at a time." },
            ],
        }],
    })
}

fn statuspage_page(now: i64) -> Value {
    json!({
        "id": "kc8r2m4x1f0d",
        "name": PAGE,
        "url": PAGE_URL,
        "time_zone": "America/Los_Angeles",
        "updated_at": at(now, 18),
    })
}

fn statuspage_incident(s: &Sample, now: i64) -> Value {
    let first = s.updates.first().map_or(0, |u| u.1);
    let last = s.updates.last();
    let resolved = last.filter(|u| u.0 == "resolved").map(|u| at(now, u.1));
    let components: Vec<Value> = s
        .components
        .iter()
        .filter_map(|id| COMPONENTS.iter().find(|c| c.0 == *id))
        .map(|(id, name, _, status)| json!({ "id": id, "name": name, "status": status, "page_id": "kc8r2m4x1f0d" }))
        .collect();
    let updates: Vec<Value> = s
        .updates
        .iter()
        .enumerate()
        .rev()
        .map(|(i, u)| {
            json!({
                "id": format!("{}u{i}", s.id),
                "status": u.0,
                "body": u.2,
                "incident_id": s.id,
                "created_at": at(now, u.1),
                "updated_at": at(now, u.1),
                "display_at": at(now, u.1),
                "affected_components": changes(s, i, "code"),
                "deliver_notifications": true,
            })
        })
        .collect();
    json!({
        "id": s.id,
        "name": s.title,
        "status": if s.postmortem.is_some() { "postmortem" } else { last.map_or("investigating", |u| u.0) },
        "impact": s.impact,
        "created_at": at(now, first),
        "updated_at": at(now, last.map_or(first, |u| u.1)),
        "monitoring_at": null,
        "resolved_at": resolved,
        "started_at": at(now, first),
        "shortlink": format!("https://stspg.example/{}", s.id),
        "page_id": "kc8r2m4x1f0d",
        "incident_updates": updates,
        "components": components,
        "postmortem_body": s.postmortem,
    })
}

fn statuspage_components(now: i64) -> Vec<Value> {
    let mut out = vec![json!({
        "id": "grp-edge", "name": "Edge network", "status": "partial_outage", "group": true,
        "group_id": null, "components": ["edge-eu", "edge-na", "edge-apac"],
        "created_at": at(now, 400 * DAY / MINUTE), "position": 5, "showcase": false,
    })];
    out.extend(COMPONENTS.iter().map(|(id, name, group, status)| {
        json!({
            "id": id, "name": name, "status": status, "group": false,
            "group_id": group.map(|_| "grp-edge"), "page_id": "kc8r2m4x1f0d",
            "description": null, "only_show_if_degraded": false,
        })
    }));
    out
}

/// Statuspage's `summary.json` for the page.
pub fn statuspage_summary(now: i64) -> Value {
    let unresolved: Vec<Value> =
        history().iter().take(1).map(|s| statuspage_incident(s, now)).collect();
    let maintenance: Vec<Value> = MAINTENANCE
        .iter()
        .map(|(id, title, status, starts_in, lasts, body)| {
            json!({
                "id": id, "name": title, "status": status, "impact": "maintenance",
                "created_at": at(now, 3 * 24 * 60), "updated_at": at(now, 3 * 24 * 60),
                "scheduled_for": at(now, -starts_in), "scheduled_until": at(now, -starts_in - lasts),
                "shortlink": format!("https://stspg.example/{id}"), "page_id": "kc8r2m4x1f0d",
                "incident_updates": [{ "id": format!("{id}u0"), "status": "scheduled", "body": body,
                    "created_at": at(now, 3 * 24 * 60), "display_at": at(now, 3 * 24 * 60) }],
                "components": [{ "id": "postgres", "name": "Managed Postgres", "status": "operational" }],
            })
        })
        .collect();
    json!({
        "page": statuspage_page(now),
        "status": { "indicator": "major", "description": "Partial System Outage" },
        "components": statuspage_components(now),
        "incidents": unresolved,
        "scheduled_maintenances": maintenance,
    })
}

/// Statuspage's `incidents.json` for the page.
pub fn statuspage_incidents(now: i64) -> Value {
    json!({
        "page": statuspage_page(now),
        "incidents": history().iter().map(|s| statuspage_incident(s, now)).collect::<Vec<_>>(),
    })
}

/// A long incident history for the benchmark: Statuspage's `incidents.json`
/// with `count` incidents, one every 9 hours back from now (the newest
/// still going on), each with six updates of a few sentences and the
/// components it touched: about 3.5 KB an incident.
pub fn statuspage_many(now: i64, count: usize) -> Value {
    const STEPS: [&str; 6] =
        ["investigating", "identified", "update", "monitoring", "update", "resolved"];
    const IMPACTS: [&str; 4] = ["minor", "major", "minor", "critical"];
    let text = "Requests to the affected service were slower than usual and some failed with \
                errors. Engineers traced the cause to a configuration change and are rolling it \
                back region by region; we will post again as each region recovers.";
    let incidents: Vec<Value> = (0..count)
        .map(|n| {
            let start = now - i64::try_from(n).unwrap_or(0) * 9 * HOUR - 30 * MINUTE;
            let open = n == 0;
            let steps = if open { &STEPS[..3] } else { &STEPS[..] };
            let (id, component) = (format!("bench-{n}"), COMPONENTS[n % COMPONENTS.len()]);
            let updates: Vec<Value> = steps
                .iter()
                .enumerate()
                .rev()
                .map(|(u, status)| {
                    let at =
                        Timestamp::from_millis(start + i64::try_from(u).unwrap_or(0) * 20 * MINUTE)
                            .to_rfc3339(OFFSET);
                    json!({
                        "id": format!("{id}u{u}"), "status": status, "incident_id": id,
                        "body": format!("Update {u} on incident {n}. {text}"),
                        "created_at": at, "updated_at": at, "display_at": at,
                        "affected_components": null, "deliver_notifications": true,
                    })
                })
                .collect();
            let end = Timestamp::from_millis(start + 100 * MINUTE).to_rfc3339(OFFSET);
            json!({
                "id": id, "name": format!("Incident {n}: elevated error rates for {}", component.1),
                "status": steps.last().copied().unwrap_or("investigating"),
                "impact": IMPACTS[n % IMPACTS.len()],
                "created_at": Timestamp::from_millis(start).to_rfc3339(OFFSET),
                "updated_at": end, "monitoring_at": null,
                "resolved_at": if open { Value::Null } else { json!(end) },
                "started_at": Timestamp::from_millis(start).to_rfc3339(OFFSET),
                "shortlink": format!("https://stspg.example/{id}"), "page_id": "kc8r2m4x1f0d",
                "incident_updates": updates,
                "components": [{ "id": component.0, "name": component.1, "status": "operational" }],
                "postmortem_body": null,
            })
        })
        .collect();
    json!({ "page": statuspage_page(now), "incidents": incidents })
}

/// How long one round of the live scenario takes.
pub const LIVE_CYCLE_MS: i64 = 3 * MINUTE;

/// The live scenario at `now`, for a server started at `started`: every
/// three minutes an incident opens (after 20 s), is identified (50 s),
/// monitored (80 s) and resolved (110 s); then all is well until the next.
pub fn live(now: i64, started: i64) -> Value {
    let elapsed = (now - started).max(0);
    let round = elapsed / LIVE_CYCLE_MS;
    let into = elapsed % LIVE_CYCLE_MS;
    let cycle_start = now - into;
    let steps: [(i64, &str, &str); 4] = [
        (20, "investigating", "Some API requests are timing out. We are investigating."),
        (50, "identified", "A database failover in us-east left one connection pool misconfigured. A fix is being deployed."),
        (80, "monitoring", "The fix is deployed and timeouts have stopped. We are monitoring."),
        (110, "resolved", "API requests have been succeeding normally for 30 seconds. This incident is resolved."),
    ];
    let stamp = |secs: i64| Timestamp::from_millis(cycle_start + secs * 1000).to_rfc3339(OFFSET);
    let posted: Vec<&(i64, &str, &str)> = steps.iter().filter(|s| into >= s.0 * 1000).collect();
    let mut incidents = Vec::new();
    if let Some(latest) = posted.last() {
        let resolved = latest.1 == "resolved";
        incidents.push(json!({
            "id": format!("live-{round}"),
            "title": "API requests timing out",
            "impact": if posted.len() >= 2 { "major" } else { "minor" },
            "status": latest.1,
            "started_at": stamp(20),
            "resolved_at": if resolved { Some(stamp(110)) } else { None },
            "url": format!("{PAGE_URL}/incidents/live-{round}"),
            "components": ["api"],
            "updates": posted.iter().rev().map(|s| json!({ "status": s.1, "at": stamp(s.0), "body": s.2 })).collect::<Vec<_>>(),
        }));
    }
    // The API's status follows the incident: degraded while it is minor,
    // partly down once it is major, operational again once it is resolved.
    let open = incidents.first().filter(|i| i["resolved_at"].is_null());
    let api = match open.map(|i| i["impact"] == "major") {
        Some(true) => "partial_outage",
        Some(false) => "degraded_performance",
        None => "operational",
    };
    let mut components = components_v1();
    for c in &mut components {
        c["status"] = json!(if c["id"] == "api" { api } else { "operational" });
    }
    json!({
        "version": 1,
        "page": { "name": PAGE, "url": PAGE_URL },
        "components": components,
        "incidents": incidents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use status_widget::feed::{self, Format};

    const NOW: i64 = 1_795_000_000_000;

    #[test]
    fn the_benchmark_history_is_as_long_and_as_heavy_as_it_says() {
        let doc = statuspage_many(NOW, 1000);
        let feed = feed::read(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feed.incidents.len(), 1000);
        assert!(feed.incidents.iter().skip(1).all(|i| i.updates.len() == 6 && !i.is_active()));
        let bytes = doc.to_string().len();
        assert!((3_000_000..3_800_000).contains(&bytes), "{bytes} bytes");
    }

    #[test]
    fn every_sample_reads_without_skipping_anything() {
        for (name, doc, format) in [
            ("kestrel", kestrel(NOW), Format::V1),
            ("operational", operational(NOW), Format::V1),
            ("maintenance", maintenance(NOW), Format::V1),
            ("summary", statuspage_summary(NOW), Format::Statuspage),
            ("incidents", statuspage_incidents(NOW), Format::Statuspage),
            ("live", live(NOW, NOW - 60_000), Format::V1),
            ("many", statuspage_many(NOW, 40), Format::Statuspage),
        ] {
            let feed = feed::read(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(feed.format, format, "{name}");
            assert!(!feed.skipped.any(), "{name}: {:?}", feed.skipped);
        }
    }

    /// The demo's own feeds are valid status-feed v1, by the published schema.
    #[test]
    fn our_format_samples_validate_against_the_schema() {
        let path = crate::root().join("schema/status-feed.v1.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        compiler.add_resource("https://status-widget.example/schema.json", schema).unwrap();
        let mut schemas = boon::Schemas::new();
        let index =
            compiler.compile("https://status-widget.example/schema.json", &mut schemas).unwrap();
        let started = NOW - 200_000;
        let mut docs = vec![kestrel(NOW), operational(NOW), maintenance(NOW)];
        docs.extend((0..18).map(|step| live(started + step * 10_000, started)));
        for doc in docs {
            if let Err(e) = schemas.validate(&doc, index) {
                panic!("{e:#}\n{doc:#}");
            }
        }
    }

    #[test]
    fn the_live_incident_opens_and_resolves() {
        let started = NOW;
        let active = |secs: i64| {
            let doc = live(started + secs * 1000, started);
            let feed = feed::read(&doc).expect("reads");
            feed.active_incidents().count()
        };
        assert_eq!(active(5), 0);
        assert_eq!(active(30), 1);
        assert_eq!(active(100), 1);
        assert_eq!(active(120), 0);
        assert_eq!(active(180 + 30), 1);
    }
}
