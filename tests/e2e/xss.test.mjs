// The OWASP XSS filter-evasion vectors (tests/fixtures/hostile/owasp.txt) in every text field of
// both feed formats, in every mode: all of it must show as text. No element or attribute may
// come of it, no script run, no dialog open, no request leave for another origin and the page
// not navigate, neither when the widget draws it nor when a reader hovers and clicks what it
// drew. hostile.test.mjs does the same with two fixed feeds; this one builds its feeds from the
// vector list, so that a vector added to the list is tried everywhere at once.
//
// Where the vectors go (N vectors; entry i of a list carries, in its field k, the vector i + k):
//
// - every field that each entry of a list has (component ids, names and groups; incident and
//   maintenance ids, titles, links, affected components, update bodies, the components of an
//   update's status changes, postmortems) carries every vector once per format, since each list
//   has N entries. A link carries the vector itself in half the entries (which the widget must
//   refuse) and in the other half behind `https://xss.example/` (which it may keep: the vector
//   is then an inert attribute value);
// - the fields of the page (its name, its link and the description of its overall status)
//   carry every vector once per format too, in N small feeds shown by N widgets on one page;
// - enumerations (impact, statuses, component statuses, the overall status) carry a vector in
//   every tenth entry (an unknown value, read as such);
// - time fields carry every vector once per format, each in one of the time fields in turn, in
//   N further entries: an entry with a time that is none is skipped, so those are kept apart
//   from the entries that must be shown.
import { readFileSync } from "node:fs";
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, open, screenshot, script, settled } from "./helpers.mjs";

// The vectors, with the control characters that a line cannot hold spelled out in the file.
const CONTROL = { NUL: "\0", TAB: "\t", LF: "\n", CR: "\r", FF: "\f" };
const VECTORS = readFileSync(new URL("../fixtures/hostile/owasp.txt", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.replace(/\r$/, ""))
  .filter((line) => line.trim() !== "" && !line.startsWith("#"))
  .map((line) => line.replace(/\{(NUL|TAB|LF|CR|FF)\}/g, (_, name) => CONTROL[name]));
const N = VECTORS.length;
const v = (i) => VECTORS[((i % N) + N) % N];

/** A vector behind an http origin: a link the widget may keep (no whitespace, control or `\`). */
const behind = (vector) => "https://xss.example/" + vector.replace(/[\s\0-\x1f\x7f\\]/g, "");
/** Entry i's link: the vector itself (to be refused) or behind an origin (kept, inert). */
const link = (i, k) => (i % 2 ? v(i + k) : behind(v(i + k)));

const MODES = ["banner", "timeline", "badge", "components"];
const NOW = Date.now();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms) => new Date(ms).toISOString();

// The elements a view is made of: `enum Tag` of src/view/mod.rs, with the `<time>` that
// web/dom.rs makes for times and the `<div>` of the live region.
const OURS = new Set([
  "a", "aside", "button", "details", "div", "h3", "li", "ol", "p", "section", "slot", "span", "strong", "summary",
  "time", "ul",
]);
// The attributes web/dom.rs sets, and nothing else.
const ATTRIBUTES = new Set([
  "class", "part", "type", "href", "target", "rel", "data-impact", "data-status", "data-action", "aria-label",
  "aria-live", "open", "lang", "dir", "datetime", "title", "data-relative",
]);

// --- The feeds --------------------------------------------------------------------------------

const STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];
const PHASES = ["investigating", "identified", "monitoring"];
const enumeration = (i, k, values) => (i % 10 === 9 - k ? v(i + 50 + k) : values[i % values.length]);

/** An incident's times: incident 0 began latest; all began within the last N + 5 minutes. */
const began = (i) => NOW - (i + 5) * MINUTE;

/** Maintenance m: under way, to come within the banner's look-ahead, or over, in turn. */
function maintenanceWindow(m) {
  switch (m % 3) {
    case 0:
      return { status: "in_progress", from: NOW - HOUR, until: NOW + 2 * HOUR };
    case 1:
      return { status: "scheduled", from: NOW + 2 * HOUR + m * MINUTE, until: NOW + 4 * HOUR };
    default:
      return { status: "completed", from: NOW - 3 * 24 * HOUR, until: NOW - 3 * 24 * HOUR + HOUR, end: NOW - 3 * 24 * HOUR + 40 * MINUTE };
  }
}

/** Entries with a vector in one time field each, otherwise whole (an incident over days ago). */
function timed(format) {
  // The time fields of each format; those with a vector in started_at, created_at (Statuspage's
  // start when started_at is missing), resolved_at, completed_at or a maintenance window are
  // skipped, the others shown without that time (an update without a time is skipped alone).
  const kinds =
    format === "v1"
      ? ["started_at", "resolved_at", "update.at", "postmortem.published_at", "scheduled_for"]
      : ["started_at", "created_at", "resolved_at", "update.display_at", "update.created_at", "postmortem_published_at"];
  const end = format === "v1" ? "completed_at" : "resolved_at";
  kinds.push("maintenance.scheduled_for", "maintenance.scheduled_until", `maintenance.${end}`);
  const incidents = [];
  const maintenance = [];
  for (let t = 0; t < N; t++) {
    const kind = kinds[t % kinds.length];
    const from = NOW - (2 * 24 + t) * HOUR;
    const vector = v(t);
    const isMaintenance = kind.startsWith("maintenance.");
    const update =
      format === "v1"
        ? { status: "resolved", at: kind === "update.at" ? vector : iso(from + HOUR), body: "Resolved." }
        : {
            status: "resolved",
            body: "Resolved.",
            created_at: kind === "update.created_at" ? vector : iso(from + HOUR),
            ...(kind === "update.created_at" ? {} : { display_at: kind === "update.display_at" ? vector : iso(from + HOUR) }),
          };
    const entry = {
      id: `time-${t}`,
      [format === "v1" ? "title" : "name"]: `A vector in ${kind} (${t})`,
      status: isMaintenance ? "completed" : "resolved",
      impact: isMaintenance ? "maintenance" : "minor",
      [format === "v1" ? "updates" : "incident_updates"]: [update],
    };
    const over = iso(from + HOUR);
    if (isMaintenance) {
      entry.scheduled_for = kind === "maintenance.scheduled_for" ? vector : iso(from);
      entry.scheduled_until = kind === "maintenance.scheduled_until" ? vector : iso(from + HOUR);
      entry[end] = kind === `maintenance.${end}` ? vector : over;
      if (format === "statuspage") entry.created_at = iso(from - 24 * HOUR);
      maintenance.push(entry);
      continue;
    }
    if (format === "v1") {
      entry.started_at = kind === "started_at" ? vector : iso(from);
      entry.postmortem = { body: "Written up.", published_at: kind === "postmortem.published_at" ? vector : over };
    } else {
      if (kind !== "created_at") entry.started_at = kind === "started_at" ? vector : iso(from);
      entry.created_at = kind === "created_at" ? vector : iso(from);
      entry.postmortem_body = "Written up.";
      entry.postmortem_published_at = kind === "postmortem_published_at" ? vector : over;
    }
    entry.resolved_at = kind === "resolved_at" ? vector : over;
    // On an incident, a window is a curiosity: one that cannot be read is left out.
    if (kind === "scheduled_for") Object.assign(entry, { scheduled_for: vector, scheduled_until: over });
    incidents.push(entry);
  }
  return { incidents, maintenance };
}

/** Our format, every per-entry field carrying every vector (see the top of this file). */
function v1Feed() {
  const components = [];
  for (let j = 0; j < N; j++) {
    components.push({ id: v(j + 10), name: v(j + 11), status: enumeration(j, 0, STATUSES), group: v(j + 13) });
    components.push({ id: v(j + 12), name: v(j + 15), status: STATUSES[(j + 1) % STATUSES.length] });
  }
  const incidents = [];
  for (let i = 0; i < N; i++) {
    const start = began(i);
    incidents.push({
      id: v(i + 20),
      title: v(i),
      // Incident 0 alone is critical: the banner shows it.
      impact: i === 0 ? "critical" : enumeration(i, 0, ["minor", "major"]),
      status: enumeration(i, 1, PHASES),
      started_at: iso(start),
      url: link(i, 23),
      components: [v(i + 10), v(i + 24)],
      updates: [
        {
          status: enumeration(i, 2, ["identified", "monitoring"]),
          at: iso(start + MINUTE),
          body: v(i + 26),
          affected_components: [{ id: v(i + 27), old_status: "operational", new_status: enumeration(i, 3, ["major_outage"]) }],
        },
        { status: "investigating", at: iso(start), body: v(i + 29) },
      ],
      postmortem: { body: v(i + 30), published_at: iso(NOW - MINUTE) },
    });
  }
  const maintenance = [];
  for (let m = 0; m < N; m++) {
    const w = maintenanceWindow(m);
    maintenance.push({
      id: v(m + 40),
      title: v(m + 41),
      status: w.status,
      scheduled_for: iso(w.from),
      scheduled_until: iso(w.until),
      ...(w.end ? { completed_at: iso(w.end) } : {}),
      url: link(m, 42),
      components: [v(m + 43)],
      updates: [{ status: w.status, at: iso(Math.min(w.from, NOW - HOUR)), body: v(m + 44) }],
    });
  }
  const time = timed("v1");
  return {
    version: 1,
    page: { name: v(0), url: behind(v(1)) },
    status: { indicator: "major", description: v(2) },
    components,
    incidents: [...incidents, ...time.incidents],
    maintenance: [...maintenance, ...time.maintenance],
  };
}

/** Statuspage's format, the same way. */
function statuspageFeed() {
  const components = [];
  for (let j = 0; j < N; j++) {
    // A group is a component with `group: true` that its members name by `group_id`.
    components.push({ id: v(j + 16), name: v(j + 13), status: "operational", group: true, group_id: null });
    components.push({ id: v(j + 10), name: v(j + 11), status: enumeration(j, 0, STATUSES), group: false, group_id: v(j + 16) });
    components.push({ id: v(j + 12), name: v(j + 15), status: STATUSES[(j + 1) % STATUSES.length], group: false, group_id: null });
  }
  const incidents = [];
  for (let i = 0; i < N; i++) {
    const start = began(i);
    const update = (k, status, at, changes) => ({
      id: `u${i}-${k}`,
      status,
      body: v(i + k),
      created_at: iso(at),
      display_at: iso(at),
      affected_components: changes,
    });
    incidents.push({
      id: v(i + 20),
      name: v(i),
      status: enumeration(i, 1, PHASES),
      impact: i === 0 ? "critical" : enumeration(i, 0, ["minor", "major"]),
      created_at: iso(start),
      // Now and then without `started_at`: the start is then `created_at`.
      ...(i % 4 === 3 ? {} : { started_at: iso(start) }),
      resolved_at: null,
      shortlink: link(i, 23),
      components: [{ id: v(i + 10), name: v(i + 24) }, { id: v(i + 31) }],
      incident_updates: [
        update(26, enumeration(i, 2, ["identified", "monitoring"]), start + MINUTE, [
          { code: v(i + 27), name: v(i + 32), old_status: "operational", new_status: enumeration(i, 3, ["major_outage"]) },
        ]),
        update(29, "investigating", start, null),
      ],
      postmortem_body: v(i + 30),
      postmortem_published_at: iso(NOW - MINUTE),
    });
  }
  const maintenance = [];
  for (let m = 0; m < N; m++) {
    const w = maintenanceWindow(m);
    maintenance.push({
      id: v(m + 40),
      name: v(m + 41),
      status: w.status,
      impact: "maintenance",
      created_at: iso(NOW - 24 * HOUR),
      started_at: iso(NOW - 24 * HOUR),
      scheduled_for: iso(w.from),
      scheduled_until: iso(w.until),
      resolved_at: w.end ? iso(w.end) : null,
      shortlink: link(m, 42),
      components: [{ id: v(m + 43), name: v(m + 45) }],
      incident_updates: [
        {
          id: `m${m}`,
          status: w.status,
          body: v(m + 44),
          created_at: iso(Math.min(w.from, NOW - HOUR)),
          display_at: iso(Math.min(w.from, NOW - HOUR)),
          affected_components: [{ code: v(m + 46), name: v(m + 47), old_status: "operational", new_status: "under_maintenance" }],
        },
      ],
    });
  }
  const time = timed("statuspage");
  return {
    // The page's link is kept (it has no `?` or `#`), so incident links are `{url}/incidents/{id}`
    // where the id makes a path segment, else the shortlink.
    page: { id: "xss", name: v(0), url: behind(v(1)), updated_at: iso(NOW) },
    status: { indicator: "major", description: v(2) },
    components,
    incidents: [...incidents, ...time.incidents],
    scheduled_maintenances: [...maintenance, ...time.maintenance],
  };
}

/** The N small feeds of the page's own fields: feed i names the page after vector i. */
function pageFeed(format, i) {
  const feed = {
    page: { name: v(i), url: link(i, 1) },
    status: { indicator: enumeration(i, 0, ["major"]), description: v(i + 2) },
    components: [{ id: "plain", name: "A plain component", status: "major_outage" }],
  };
  return format === "v1" ? { version: 1, ...feed } : feed;
}

// The three formats read by their own modules: every vector as every text field, one incident
// per vector (incident 0 the most severe and the latest), and the component names.
function incidentioFeed() {
  const component = (i, k) => ({ id: `c${i}-${k}`, name: v(i + k), group_name: v(i + k + 1), current_status: enumeration(i, k, ["full_outage", "partial_outage"]) });
  const incident = (i) => ({
    id: `i${i}`,
    name: v(i),
    status: enumeration(i, 1, PHASES),
    url: link(i, 2),
    last_update_at: iso(began(i)),
    last_update_message: v(i + 3),
    current_worst_impact: i === 0 ? "full_outage" : enumeration(i, 2, ["degraded_performance", "partial_outage"]),
    affected_components: [component(i, 0)],
  });
  const maintenance = (i, under_way) => ({
    id: `m${i}`,
    name: v(i + 5),
    status: under_way ? "maintenance_in_progress" : "maintenance_scheduled",
    url: link(i, 6),
    last_update_at: iso(began(i)),
    last_update_message: v(i + 7),
    affected_components: [component(i, 8)],
    ...(under_way
      ? { started_at: iso(began(i)), scheduled_end_at: iso(NOW + HOUR) }
      : { starts_at: iso(NOW + 2 * HOUR), ends_at: iso(NOW + 3 * HOUR) }),
  });
  return {
    page_title: v(0),
    page_url: behind(v(1)),
    ongoing_incidents: VECTORS.map((_, i) => incident(i)),
    in_progress_maintenances: [0, 1, 2].map((i) => maintenance(i, true)),
    scheduled_maintenances: [3, 4].map((i) => maintenance(i, false)),
  };
}

function instatusFeed() {
  const incident = (i) => ({
    id: `i${i}`,
    name: v(i),
    started: iso(began(i)),
    status: enumeration(i, 1, ["INVESTIGATING", "IDENTIFIED", "MONITORING"]),
    impact: i === 0 ? "MAJOROUTAGE" : enumeration(i, 2, ["DEGRADEDPERFORMANCE", "PARTIALOUTAGE"]),
    url: link(i, 2),
    updatedAt: iso(began(i)),
  });
  const maintenance = (i) => ({
    id: `m${i}`,
    name: v(i + 5),
    start: iso(began(i)),
    status: enumeration(i, 1, ["INPROGRESS", "NOTSTARTEDYET"]),
    duration: String(60 + i),
    url: link(i, 6),
    updatedAt: iso(began(i)),
  });
  return {
    page: { name: v(0), url: behind(v(1)), status: "HASISSUES" },
    activeIncidents: VECTORS.map((_, i) => incident(i)),
    activeMaintenances: [0, 1, 2].map(maintenance),
  };
}

function cachetFeed() {
  // One `data` list of components and incidents (Cachet serves them apart; the reader takes both).
  const cachetTime = (ms) => iso(ms).replace("T", " ").slice(0, 19);
  const components = VECTORS.map((_, i) => ({ id: 1000 + i, name: v(i), status: 1 + (i % 4), enabled: true, group_id: 0 }));
  const incident = (i) => ({
    id: i + 1,
    component_id: 1000 + i,
    name: v(i),
    status: 1 + (i % 3),
    visible: 1,
    message: v(i + 3),
    occurred_at: cachetTime(began(i)),
    created_at: cachetTime(began(i)),
    updated_at: cachetTime(began(i)),
    permalink: link(i, 2),
    updates: [{ id: i, status: 2, message: v(i + 4), created_at: cachetTime(began(i) + MINUTE) }],
  });
  return { meta: { pagination: { total: 2 * N } }, data: [...components, ...VECTORS.map((_, i) => incident(i))] };
}

const FEEDS = {
  v1: v1Feed(),
  statuspage: statuspageFeed(),
  "incident.io": incidentioFeed(),
  instatus: instatusFeed(),
  cachet: cachetFeed(),
};
/** The page's address in each format's feed (the badge links to it). */
const PAGE_URL = {
  v1: FEEDS.v1.page.url,
  statuspage: FEEDS.statuspage.page.url,
  "incident.io": FEEDS["incident.io"].page_url,
  instatus: FEEDS.instatus.page.url,
  cachet: null,
};

// --- The page and what it records ------------------------------------------------------------

// Runs in every frame before the page's own scripts: dialogs and printing are recorded (and
// still happen, so that the helpers' dialog log sees them too), and so is any write to
// window.__xss, which some vectors make, and every CSP violation the page reports.
function traps() {
  window.__calls = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const original = window[name];
    window[name] = function (...args) {
      window.__calls.push(`${name}(${args.map(String).join(", ")})`);
      return original.apply(this, args);
    };
  }
  let flag;
  Object.defineProperty(window, "__xss", {
    get: () => flag,
    set: (value) => {
      flag = value;
      window.__calls.push(`window.__xss = ${value}`);
    },
  });
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
}

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());
afterEach(async () => {
  for (const context of browser.contexts()) await context.close();
});

/**
 * Opens `body` as the page `name` with `feeds` (path → document) served at `/xss/…`: the routes
 * and the traps are in place before the page loads (open()'s `prepare`), since the classic
 * script asks for the feeds early (a `fetch` the widget takes over). Requests to any other origin are
 * blocked and listed.
 */
async function load(name, body, feeds, headers = {}) {
  const external = [];
  const origin = new URL(BASE).origin;
  const prepare = async (context) => {
    await context.route("**/xss/*.json", (route) => {
      const document = feeds.get(new URL(route.request().url()).pathname);
      return document === undefined
        ? route.fulfill({ status: 404, body: "" })
        : route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(document) });
    });
    await context.route(
      (u) => u.origin !== origin,
      (route) => {
        external.push(route.request().url());
        return route.abort("blockedbyclient");
      },
    );
    await context.addInitScript(traps);
  };
  const { page, log, context } = await open(browser, body, {
    name,
    headers,
    viewport: { width: 1000, height: 900 },
    prepare,
  });
  const navigations = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  return { page, log, context, external, navigations, url: page.url() };
}

const html = (widgets) =>
  `<!doctype html><html lang="en"><head><title>xss</title></head><body>${widgets}${script()}</body></html>`;

/**
 * Everything wrong with the page as the widgets left it: elements, attributes and links the
 * feed made inside any widget, and anything in the light DOM beyond what the page put there
 * (its widgets, the script, the preloads the script adds). Also the text each widget shows
 * (its live region apart) and its links.
 */
function inspect(page, widgets) {
  return page.evaluate(
    ({ ours, attributes, widgets }) => {
      const problems = [];
      const describe = (el) => el.outerHTML.slice(0, 160);
      const shown = [];
      const hrefs = [];
      const labels = [];
      for (const [n, host] of [...document.querySelectorAll("status-widget")].entries()) {
        const root = host.shadowRoot;
        if (!root) {
          problems.push(`widget ${n}: no shadow root`);
          continue;
        }
        for (const el of root.querySelectorAll("*")) {
          if (!ours.includes(el.localName)) problems.push(`widget ${n}: an element from the feed: ${describe(el)}`);
          if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") problems.push(`widget ${n}: a foreign element: ${describe(el)}`);
          if (el.shadowRoot) problems.push(`widget ${n}: a shadow root inside: ${describe(el)}`);
          for (const name of el.getAttributeNames()) {
            // Named separately for the report, though the allow list refuses them too.
            if (name.startsWith("on")) problems.push(`widget ${n}: an event handler: ${describe(el)}`);
            else if (["src", "srcdoc", "action", "formaction", "xlink:href", "style"].includes(name))
              problems.push(`widget ${n}: a ${name} attribute: ${describe(el)}`);
            else if (!attributes.includes(name)) problems.push(`widget ${n}: attribute ${name}: ${describe(el)}`);
          }
          if (el.hasAttribute("href")) {
            const href = el.getAttribute("href");
            let protocol = null;
            try {
              protocol = new URL(href).protocol;
            } catch {}
            if (!/^https?:\/\//i.test(href) || !["http:", "https:"].includes(protocol))
              problems.push(`widget ${n}: a link that is not http(s): ${describe(el)}`);
            if (el.getAttribute("rel") !== "noopener noreferrer" || el.getAttribute("target") !== "_blank")
              problems.push(`widget ${n}: a link without rel=noopener noreferrer and target=_blank: ${describe(el)}`);
            hrefs.push(el.href);
          }
          if (el.hasAttribute("aria-label")) labels.push(el.getAttribute("aria-label"));
        }
        if (root.querySelectorAll("style").length) problems.push(`widget ${n}: a <style>`);
        // The live region says five notices at most, and how many more.
        const said = root.querySelector("[part=announcer]")?.children.length ?? 0;
        if (said > 6) problems.push(`widget ${n}: the live region says ${said} things at once`);
        shown.push(
          [...root.childNodes]
            .filter((node) => !(node.getAttribute && node.getAttribute("part") === "announcer"))
            .map((node) => node.textContent)
            .join(""),
        );
        const own = ["id", "mode", "src", "limit", "state"];
        for (const name of host.getAttributeNames())
          if (!own.includes(name)) problems.push(`widget ${n}: the host has a new attribute ${name}`);
      }
      // The light DOM: the page's own elements, and the script's preloads of our own files only.
      const page = ["html", "head", "title", "body", "status-widget", "script"];
      for (const el of document.querySelectorAll("*")) {
        const preload =
          el.localName === "link" &&
          ["preload", "modulepreload"].includes(el.rel) &&
          new URL(el.href).origin === location.origin &&
          /^\/dist\//.test(new URL(el.href).pathname);
        if (!page.includes(el.localName) && !preload) problems.push(`the page has a new element: ${describe(el)}`);
        for (const name of el.getAttributeNames())
          if (name.startsWith("on")) problems.push(`the page has an event handler: ${describe(el)}`);
      }
      const count = (selector) => document.querySelectorAll(selector).length;
      if (count("status-widget") !== widgets) problems.push(`${count("status-widget")} widgets, not ${widgets}`);
      if (count("script") !== 1) problems.push(`${count("script")} scripts`);
      if (document.baseURI !== location.href) problems.push(`the base URL is now ${document.baseURI}`);
      if (document.cookie !== "") problems.push(`a cookie: ${document.cookie}`);
      if (document.title !== "xss") problems.push(`the title is now ${document.title}`);
      return {
        problems,
        shown,
        hrefs,
        labels,
        calls: window.__calls,
        flag: window.__xss,
        violations: window.__violations,
        states: [...document.querySelectorAll("status-widget")].map((e) => e.getAttribute("state")),
      };
    },
    { ours: [...OURS], attributes: [...ATTRIBUTES], widgets },
  );
}

/**
 * Hovers and clicks what the widgets drew, a few of each kind: 30 actions at most, each given up
 * after half a second (banners drawn over one another may hide what is under them). A link opens
 * a new tab (its target), whose request to the link's origin the route above blocks and lists;
 * every new tab costs a page, so only some links are clicked, the others hovered.
 */
async function interact(page) {
  const kinds = [
    ["a", 8],
    ["summary", 8],
    ["button", 4],
  ];
  let done = 0;
  for (const [selector, max] of kinds) {
    const targets = (await page.$$(`status-widget >> css=${selector}`)).slice(0, max);
    for (const [n, target] of targets.entries()) {
      await target.hover({ timeout: 500, force: true }).catch(() => {});
      if (selector !== "a" || n % 3 === 0) {
        await target.click({ timeout: 500, force: true }).catch(() => {});
        // The new tab takes the front, and a page behind it draws no frames to act on.
        if (selector === "a") await page.bringToFront();
      }
      done++;
    }
  }
  await page.waitForTimeout(300);
  return done;
}

/** What must hold on every page, after the widgets were drawn and used. */
async function nothingHappened({ page, log, context, external, navigations, url }, report, hrefs) {
  assert.deepEqual(report.problems, [], "nothing made of the feed");
  assert.deepEqual(report.calls, [], "no alert(), confirm(), prompt(), print() and no window.__xss");
  assert.equal(report.flag, undefined);
  assert.deepEqual(log.dialogs, [], "no dialog");
  assert.deepEqual(log.errors, [], "no error in the page");
  assert.equal(page.url(), url, "no navigation");
  assert.deepEqual(navigations, [], "no navigation");
  assert.equal(page.frames().length, 1, "no frame");
  // The page asked nothing of another origin; new tabs went only where the widget's links say.
  assert.deepEqual(
    log.requests.filter((u) => new URL(u).origin !== new URL(BASE).origin),
    [],
    "no request to another origin",
  );
  const followed = new Set(hrefs.map((h) => h.replace(/#.*/, "")));
  for (const u of external) {
    assert.match(u, /^https?:\/\//, `a request to ${u}`);
    assert.ok(followed.has(u.replace(/#.*/, "")), `a request to ${u}, which no link of the widget names`);
  }
  for (const other of context.pages()) if (other !== page) await other.close();
}

// --- The tests ---------------------------------------------------------------------------------

for (const format of ["v1", "statuspage", "incident.io", "instatus", "cachet"]) {
  describe(`the OWASP vectors in a ${format} feed`, () => {
    for (const mode of MODES) {
      it(`as a ${mode}: text only, nothing runs`, { timeout: 30000 }, async () => {
        const name = `xss-${format}-${mode}`;
        const path = `/xss/${format.replace(".", "")}.json`;
        const limit = mode === "timeline" ? ` limit="1000"` : "";
        const loaded = await load(
          name,
          html(`<status-widget mode="${mode}"${limit} src="${path}"></status-widget>`),
          new Map([[path, FEEDS[format]]]),
        );
        const { page } = loaded;
        assert.equal(await settled(page), "ready");
        const before = await inspect(page, 1);
        // As drawn (the banner's dismiss button, clicked below, takes the banner away).
        assert.deepEqual(before.problems, [], "nothing made of the feed");
        const [text] = before.shown;
        if (mode === "badge") {
          // The badge says the status in our words, and links to the page: the vector behind an
          // origin, as an attribute's value.
          assert.deepEqual(before.hrefs, PAGE_URL[format] ? [new URL(PAGE_URL[format]).href] : []);
        } else if (format === "instatus" && mode === "components") {
          // Instatus' summary names no component: nothing to show.
          assert.match(text, /No components to show/);
        } else {
          assert.match(text, /alert\(/, "the vectors are shown as text");
          assert.match(text, /</, "markup is shown as text");
          // Every vector verbatim: the timeline shows every incident's title, the component list
          // every component's name; the banner the title of the one critical incident.
          const wanted = mode === "banner" ? [v(0)] : VECTORS;
          const missing = wanted.filter((vector) => !text.includes(vector));
          assert.deepEqual(missing, [], "vectors not shown as written");
          // The region's name has the page's name in it, as written (Cachet names no page).
          if (format !== "cachet") assert.ok(before.labels.some((label) => label.includes(v(0))), JSON.stringify(before.labels));
        }
        await screenshot(page, name);
        const clicked = await interact(page);
        // (A Cachet badge links nowhere, and neither Cachet's flat list nor Instatus' empty one
        // has anything to open.)
        const inert = ["badge", "components"].includes(mode) && ["cachet", "instatus"].includes(format);
        assert.ok(clicked > 0 || inert, "something to click");
        const afterwards = await inspect(page, 1);
        await nothingHappened(loaded, afterwards, [...before.hrefs, ...afterwards.hrefs]);
        assert.deepEqual(afterwards.violations, []);
      });
    }

    if (!FEEDS[format].version && format !== "statuspage") return;
    it("in the page's own fields, one small feed per vector, every mode", { timeout: 30000 }, async () => {
      const feeds = new Map();
      let widgets = "";
      for (let i = 0; i < N; i++) {
        const path = `/xss/${format}-page-${i}.json`;
        feeds.set(path, pageFeed(format, i));
        widgets += `<status-widget id="w${i}" mode="${MODES[i % MODES.length]}" src="${path}"></status-widget>\n`;
      }
      const loaded = await load(`xss-${format}-page`, html(widgets), feeds);
      const { page } = loaded;
      await page.waitForFunction(
        () => [...document.querySelectorAll("status-widget")].every((e) => ["ready", "error", "stale"].includes(e.getAttribute("state"))),
        null,
        { timeout: 20000 },
      );
      const before = await inspect(page, N);
      assert.deepEqual(before.problems, [], "nothing made of the feed");
      assert.deepEqual(before.states, Array(N).fill("ready"));
      const all = before.shown.join("\n");
      assert.match(all, /alert\(/);
      assert.match(all, /</);
      for (let i = 0; i < N; i++) {
        // A banner whose page reports trouble with no incident to explain it: the page's
        // description is its title.
        if (MODES[i % MODES.length] === "banner" && i % 10 !== 9)
          assert.ok(before.shown[i].includes(v(i + 2)), `widget ${i} does not show ${JSON.stringify(v(i + 2))}`);
      }
      await interact(page);
      const afterwards = await inspect(page, N);
      await nothingHappened(loaded, afterwards, [...before.hrefs, ...afterwards.hrefs]);
    });
  });
}

describe("the OWASP vectors under a strict CSP with Trusted Types", () => {
  it("a timeline of them violates nothing", { timeout: 30000 }, async () => {
    const path = "/xss/csp.json";
    const loaded = await load(
      "xss-csp",
      html(`<status-widget mode="timeline" limit="1000" src="${path}"></status-widget>`),
      new Map([[path, FEEDS.statuspage]]),
      {
        "Content-Security-Policy":
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'",
      },
    );
    const { page, log } = loaded;
    assert.equal(await settled(page), "ready");
    const before = await inspect(page, 1);
    assert.deepEqual(before.problems, [], "nothing made of the feed");
    await interact(page);
    const report = await inspect(page, 1);
    assert.match(before.shown[0], /alert\(/);
    const violations = log.console.filter((m) => /Content Security Policy|Trusted Type/i.test(m.text));
    assert.deepEqual(violations, []);
    assert.deepEqual(report.violations, []);
    await nothingHappened(loaded, report, [...before.hrefs, ...report.hrefs]);
  });
});
