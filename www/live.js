// The live page: a banner and a timeline of /feeds/live.json mounted with the JS API, polling
// every 5 seconds (one request for both), with a log of every event they fire. DOM is built with
// textContent only.

import { mount } from "/dist/status-widget.mjs";

const FEED = "/feeds/live.json";
const POLL_S = 5;
const LOG_LIMIT = 50;
const EVENTS = ["loadstart", "load", "error", "loadend", "status-change"];

const slots = {
  banner: document.getElementById("banner-slot"),
  timeline: document.getElementById("timeline-slot"),
};
const log = document.getElementById("log");
const now = document.getElementById("now");
const mountedStatus = document.getElementById("mounted");
const buttons = {
  destroy: document.getElementById("destroy"),
  remount: document.getElementById("remount"),
  refresh: document.getElementById("refresh"),
};

/** @type {{element: HTMLElement, refresh(): Promise<void>, destroy(): void}[]} */
let handles = [];

const clock = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text != null) el.textContent = text;
  return el;
}

function addEntry(who, what, detail) {
  const at = new Date();
  const item = element("li");
  item.dataset.event = what === "mounted" || what === "destroyed" ? "page" : what;
  const time = element("time", "", clock.format(at));
  time.dateTime = at.toISOString();
  item.append(time, element("span", "who", who), element("span", "what", what));
  if (detail) item.append(element("span", "detail", detail));
  log.prepend(item);
  while (log.childElementCount > LOG_LIMIT) log.lastElementChild.remove();
}

/** One line about what a status-change says is shown. */
function describe(detail) {
  const titles = (detail.incidents || []).map((i) => `${i.title} (${i.impact}, ${i.status})`);
  const maintenance = (detail.maintenance || []).map((m) => `${m.title} (maintenance)`);
  const active = [...titles, ...maintenance];
  return `status: ${detail.status}; ` + (active.length ? active.join("; ") : "no active incident");
}

function onEvent(who, event) {
  const target = event.target;
  switch (event.type) {
    case "status-change": {
      const detail = event.detail || {};
      addEntry(who, event.type, describe(detail));
      if (who === "banner") showNow(detail);
      break;
    }
    case "error":
      addEntry(who, event.type, (event.detail && event.detail.message) || "");
      break;
    case "loadstart":
      addEntry(who, event.type, "");
      break;
    default:
      addEntry(who, event.type, `state="${target.getAttribute("state")}"`);
  }
}

function showNow(detail) {
  now.textContent = "";
  const incidents = detail.incidents || [];
  const label = element("strong", "", incidents.length ? "Incident open: " : "All clear: ");
  const text = incidents.length
    ? incidents.map((i) => `${i.title}, ${i.impact} impact, ${i.status}`).join("; ") + "."
    : `no active incident (status "${detail.status}"); the banner shows nothing.`;
  now.append(label, text);
}

// Listen on the slots, in the capture phase because loadstart, load, error and loadend do not
// bubble (like <img>'s): one set of listeners serves every widget mounted there.
for (const [who, slot] of Object.entries(slots)) {
  for (const name of EVENTS) {
    slot.addEventListener(name, (event) => onEvent(who, event), { capture: true });
  }
}

function setMounted(mounted) {
  buttons.destroy.disabled = !mounted;
  buttons.refresh.disabled = !mounted;
  buttons.remount.disabled = mounted;
  mountedStatus.textContent = mounted
    ? `Mounted: both widgets poll every ${POLL_S} seconds, with one request for the two.`
    : "Destroyed: no widget, no timer, no request. Press “Mount again” to start over.";
}

function refreshAll() {
  for (const handle of handles) {
    handle.refresh().catch((error) => console.warn("live demo: refresh failed", error));
  }
}

async function mountAll() {
  buttons.remount.disabled = true;
  handles = await Promise.all([
    mount(slots.banner, { src: FEED, mode: "banner", poll: POLL_S }),
    mount(slots.timeline, { src: FEED, mode: "timeline", poll: POLL_S }),
  ]);
  addEntry("page", "mounted", "mount() resolved for the banner and the timeline");
  setMounted(true);
}

function destroyAll() {
  for (const handle of handles) handle.destroy();
  handles = [];
  addEntry("page", "destroyed", "destroy() called on both: their poller, timers and listeners are gone");
  now.textContent = "Nothing mounted.";
  setMounted(false);
  buttons.remount.focus();
}

buttons.destroy.addEventListener("click", destroyAll);
buttons.remount.addEventListener("click", () => {
  mountAll().then(() => buttons.destroy.focus(), reportFailure);
});
buttons.refresh.addEventListener("click", refreshAll);

function reportFailure(error) {
  console.error("live demo: could not mount", error);
  mountedStatus.textContent = "Could not mount the widget: " + String((error && error.message) || error);
  buttons.remount.disabled = false;
}

mountAll().catch(reportFailure);
