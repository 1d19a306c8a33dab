// Kestrel Console: a small single-page app with hash routes, as a product team would build one.
// Each view mounts its widgets into the panel (#view) with mount() and destroys them when it is
// left (before the next view mounts its own), as a React or Vue component does on unmount; the
// aside counts the <status-widget> elements in the page and logs their events, so the clean-up
// can be watched. A route change replaces only the view's own content, never the widgets: only
// destroy() removes them, so a widget that outlived its view would still be counted.
// No framework, no build step; DOM is built with textContent only.
//
// The query string is for tests: `?poll=N` (seconds, default 5) and `?src=/path` (a feed on
// this origin, default /feeds/live.json; anything that is not a same-origin path is ignored).

import { mount } from "/dist/status-widget.mjs";

const DEFAULT_FEED = "/feeds/live.json";
const DEFAULT_POLL = 5;
const LOG_LIMIT = 12;
const EVENTS = ["loadstart", "load", "error", "loadend", "status-change"];

const params = new URLSearchParams(location.search);
const FEED = feedFrom(params.get("src"));
const POLL = pollFrom(params.get("poll"));

/** A feed on this origin, as a path: the demo must not fetch arbitrary URLs for anyone. */
function feedFrom(value) {
  if (value == null) return DEFAULT_FEED;
  // "//host/x" and "/\host/x" are other origins to a URL parser; tabs and newlines are dropped
  // by it, so the check is on the parsed URL, and the prefix test only rules out the obvious.
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) {
    try {
      const url = new URL(value, location.origin);
      if (url.origin === location.origin) return url.pathname + url.search;
    } catch {
      // Not a URL: ignored below.
    }
  }
  console.warn(`dashboard: ignoring ?src= (${JSON.stringify(value)}): only paths on this origin are accepted`);
  return DEFAULT_FEED;
}

/** Seconds between refreshes: a whole number, 0 for never. */
function pollFrom(value) {
  if (value == null) return DEFAULT_POLL;
  if (/^\d{1,5}$/.test(value)) return Number(value);
  console.warn(`dashboard: ignoring ?poll= (${JSON.stringify(value)}): expected a whole number of seconds`);
  return DEFAULT_POLL;
}

// ---- DOM helpers -------------------------------------------------------------------------

/** `h("p", { className: "x" }, "text", child)`: properties are set, children appended. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("aria-") || name === "role" || name === "for") el.setAttribute(name, value);
    else el[name] = value;
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

const code = (text) => h("code", {}, text);

// ---- The aside: how many widgets are mounted, and what they said ------------------------

const view = document.getElementById("view");
const count = document.getElementById("mounted-count");
const events = document.getElementById("events");
document.getElementById("feed-src").textContent = FEED;
document.getElementById("feed-poll").textContent =
  POLL === 0 ? "never (poll: 0)" : `every ${POLL} s (poll: ${POLL})`;

const clock = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

function updateCount() {
  count.textContent = String(document.querySelectorAll("status-widget").length);
}

function addEntry(who, what, detail = "") {
  const at = new Date();
  const time = h("time", { dateTime: at.toISOString() }, clock.format(at));
  const item = h(
    "li",
    { dataset: { event: EVENTS.includes(what) ? what : "page" } },
    time,
    h("span", { className: "who" }, who),
    h("span", { className: "what" }, what),
    detail ? h("span", { className: "detail" }, detail) : null,
  );
  events.prepend(item);
  while (events.childElementCount > LOG_LIMIT) events.lastElementChild.remove();
}

/** Which widget an event came from: "overview · banner". */
const labels = new WeakMap();

function describe(event) {
  const target = event.target;
  switch (event.type) {
    case "status-change": {
      const detail = event.detail || {};
      const open = [...(detail.incidents || []), ...(detail.maintenance || [])];
      const what = open.length ? open.map((i) => `${i.title} (${i.status})`).join("; ") : "nothing open";
      return `status ${detail.status}: ${what}`;
    }
    case "error":
      return (event.detail && event.detail.message) || "";
    case "loadstart":
      return "";
    default:
      return `state="${target.getAttribute("state")}"`;
  }
}

// In the capture phase: loadstart, load, error and loadend do not bubble (like <img>'s).
for (const name of EVENTS) {
  view.addEventListener(
    name,
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLElement) || target.localName !== "status-widget") return;
      addEntry(labels.get(target) ?? target.getAttribute("mode") ?? "widget", name, describe(event));
      if (name === "status-change" || name === "loadend") updateCount();
    },
    { capture: true },
  );
}

// ---- Views -------------------------------------------------------------------------------
// A view renders its content into a fresh container and mounts its widgets into the panel
// through `widgets.mount`, which keeps their handles; leaving the view destroys them. A banner
// is a fixed card wherever its element is; a timeline renders where it is, after the content.

/** The view's heading, which takes focus when the route changes. */
function heading(text, eyebrow) {
  return [
    h("p", { className: "eyebrow" }, eyebrow),
    h("h1", { id: "view-title", tabIndex: -1 }, text),
  ];
}

function overview(root, widgets) {
  const stats = [
    ["Deploys today", "14", "3 in the last hour"],
    ["Requests (24 h)", "18.4 M", "+6 % on yesterday"],
    ["Error rate", "0.21 %", "budget 0.50 %"],
    ["p95 latency", "182 ms", "eu-west, us-east"],
  ];
  root.append(
    ...heading("Overview", "acme-storefront · production"),
    h(
      "ul",
      { className: "grid stat-grid", "aria-label": "Today at a glance" },
      ...stats.map(([label, value, note]) =>
        h(
          "li",
          { className: "card stat" },
          h("p", { className: "stat__label" }, label),
          h("p", { className: "stat__value" }, value),
          h("p", { className: "stat__note" }, note),
        ),
      ),
    ),
    h(
      "p",
      { className: "note" },
      "This view mounts a status banner for Kestrel Cloud with ",
      code(`mount(view, { src: "${FEED}", poll: ${POLL} })`),
      ". It is a fixed card at the bottom-left of the window, shown only while an incident is open: the live feed opens one for about 90 seconds every 3 minutes.",
    ),
    h("h2", {}, "Recent activity"),
    h(
      "ul",
      { className: "activity card" },
      h("li", {}, h("strong", {}, "storefront-web"), " deployed to production by Mira Okafor ", h("span", { className: "muted" }, "(12 min ago)")),
      h("li", {}, h("strong", {}, "checkout-api"), " scaled to 6 instances in eu-west ", h("span", { className: "muted" }, "(40 min ago)")),
      h("li", {}, h("strong", {}, "search-worker"), " build failed on ", code("main"), " ", h("span", { className: "muted" }, "(1 h ago)")),
    ),
  );
  widgets.mount({ src: FEED, poll: POLL }, "overview · banner");
}

function deploys(root, widgets) {
  const rows = [
    ["d-8841", "storefront-web", "a1c9e07", "eu-west", "Live", "live", "Mira Okafor", "12 min ago", "1 m 48 s"],
    ["d-8840", "checkout-api", "5f20b3d", "us-east", "Live", "live", "Sam Reyes", "46 min ago", "2 m 05 s"],
    ["d-8839", "search-worker", "0be7412", "eu-west", "Failed", "failed", "Ana Lima", "1 h ago", "0 m 37 s"],
    ["d-8838", "storefront-web", "9d3e1aa", "eu-west", "Rolled back", "rolled-back", "Mira Okafor", "3 h ago", "1 m 52 s"],
    ["d-8837", "images-cdn", "77c0f19", "global", "Live", "live", "Jun Park", "5 h ago", "4 m 10 s"],
    ["d-8836", "checkout-api", "e41b6c2", "us-east", "Live", "live", "Sam Reyes", "yesterday", "2 m 11 s"],
  ];
  const head = ["Deploy", "Service", "Commit", "Region", "Status", "By", "Started", "Took"];
  root.append(
    ...heading("Deploys", "acme-storefront · production"),
    h("p", { className: "muted" }, "The last deployments of every service. This view mounts the same status banner as the overview."),
    h(
      "div",
      { className: "table-scroll", tabIndex: 0, role: "region", "aria-labelledby": "deploys-caption" },
      h(
        "table",
        { className: "console-table" },
        h("caption", { id: "deploys-caption", className: "visually-hidden" }, "Recent deployments"),
        h("thead", {}, h("tr", {}, ...head.map((label) => h("th", { scope: "col" }, label)))),
        h(
          "tbody",
          {},
          ...rows.map(([id, service, commit, region, status, key, by, when, took]) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, code(id)),
              h("td", {}, service),
              h("td", {}, code(commit)),
              h("td", {}, region),
              h("td", {}, h("span", { className: "deploy-status", dataset: { status: key } }, status)),
              h("td", {}, by),
              h("td", {}, when),
              h("td", {}, took),
            ),
          ),
        ),
      ),
    ),
  );
  widgets.mount({ src: FEED, poll: POLL }, "deploys · banner");
}

function incidents(root, widgets) {
  root.append(
    ...heading("Incidents", "Kestrel Cloud status"),
    h(
      "p",
      { className: "muted" },
      "Kestrel Cloud's incident history, rendered inline by a timeline widget: ",
      code(`mount(view, { src: "${FEED}", mode: "timeline", poll: ${POLL} })`),
      ".",
    ),
  );
  widgets.mount({ src: FEED, mode: "timeline", poll: POLL }, "incidents · timeline");
}

function settings(root) {
  const status = h("p", { className: "form-status", role: "status" });
  const field = (id, label, control, hint) =>
    h(
      "div",
      { className: "field" },
      h("label", { htmlFor: id }, label),
      control,
      hint ? h("p", { className: "field__hint", id: `${id}-hint` }, hint) : null,
    );
  const check = (id, label, checked) =>
    h("div", { className: "check" }, h("input", { type: "checkbox", id, name: id, checked }), h("label", { htmlFor: id }, label));
  const form = h(
    "form",
    { className: "card console-form", "aria-labelledby": "view-title" },
    field("project-name", "Project name", h("input", { id: "project-name", name: "project-name", value: "acme-storefront", autocomplete: "off", required: true })),
    field(
      "region",
      "Default region",
      h(
        "select",
        { id: "region", name: "region" },
        ...["eu-west", "us-east", "ap-south"].map((r) => h("option", { value: r, selected: r === "eu-west" }, r)),
      ),
    ),
    field(
      "alert-email",
      "Alert email",
      h("input", { id: "alert-email", name: "alert-email", type: "email", value: "ops@acme.example", autocomplete: "email", "aria-describedby": "alert-email-hint" }),
      "Where failed deploys and incidents are reported.",
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "Notifications"),
      check("notify-deploys", "Email me when a deploy fails", true),
      check("notify-weekly", "Send a weekly usage report", false),
    ),
    h("div", { className: "toolbar" }, h("button", { className: "button", type: "submit" }, "Save settings")),
    status,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    status.textContent = "Saved. (Nothing is stored: this console is a demo.)";
  });
  root.append(
    ...heading("Settings", "acme-storefront"),
    h("p", { className: "muted" }, "This view mounts no widget: the count in the aside must drop to 0, and no feed request may follow."),
    form,
  );
}

const ROUTES = {
  overview: { title: "Overview", render: overview },
  deploys: { title: "Deploys", render: deploys },
  incidents: { title: "Incidents", render: incidents },
  settings: { title: "Settings", render: settings },
};

// ---- The router --------------------------------------------------------------------------

/** The view on screen: its route, the handles it mounted, and whether it has been left. */
let current = null;

function routeFromHash() {
  const match = /^#\/([a-z]+)$/.exec(location.hash);
  return match && Object.hasOwn(ROUTES, match[1]) ? match[1] : null;
}

/** What a view gets to mount widgets with: every handle is kept, to be destroyed on leave. */
function widgetsFor(instance) {
  return {
    mount(options, label) {
      mount(view, options).then(
        (handle) => {
          labels.set(handle.element, label);
          if (instance.left) {
            // The route changed again while mount() was pending: this view is gone, and its
            // widget has just been added to the next view's panel. Destroy it at once.
            handle.destroy();
            addEntry(label, "destroy()", "mount() resolved after the view was left");
          } else {
            instance.handles.push(handle);
            addEntry(label, "mounted", "");
          }
          updateCount();
        },
        (error) => {
          console.error("dashboard: could not mount the widget", error);
          addEntry(label, "mount failed", String((error && error.message) || error));
        },
      );
    },
  };
}

function leave(instance) {
  instance.left = true;
  const handles = instance.handles.splice(0);
  for (const handle of handles) {
    handle.destroy();
    addEntry(labels.get(handle.element) ?? instance.route, "destroy()", "");
  }
}

function show(route, { focus = false } = {}) {
  if (current && current.route === route) {
    if (focus) document.getElementById("view-title")?.focus();
    return;
  }
  // The view being left destroys its widgets before the next one mounts its own.
  if (current) leave(current);
  const instance = { route, handles: [], left: false };
  current = instance;

  const { title, render } = ROUTES[route];
  const root = h("div", { className: "console-view__content", dataset: { view: route } });
  render(root, widgetsFor(instance));
  // Only the content is replaced: the widgets of the view just left are gone by destroy() alone.
  view.querySelector(":scope > [data-view]")?.remove();
  view.prepend(root);
  view.dataset.route = route;

  for (const link of document.querySelectorAll(".console-nav a[data-route]")) {
    if (link.dataset.route === route) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${title} · Kestrel Console (status-widget demo)`;
  updateCount();
  if (focus) document.getElementById("view-title")?.focus();
}

/** Renders the route of the URL; an unknown or missing route is the overview. */
function fromLocation(options) {
  let route = routeFromHash();
  if (!route) {
    route = "overview";
    history.replaceState(history.state, "", "#/overview");
  }
  show(route, options);
}

document.querySelector(".console-nav").addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-route]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  // A new tab or window for modified clicks, as with any link.
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const route = link.dataset.route;
  if (route !== current?.route) history.pushState(null, "", `#/${route}`);
  show(route, { focus: true });
});

// Back and forward (and a hash typed in the address bar, which also fires hashchange).
window.addEventListener("popstate", () => fromLocation({ focus: true }));
window.addEventListener("hashchange", () => fromLocation({ focus: true }));

fromLocation();
