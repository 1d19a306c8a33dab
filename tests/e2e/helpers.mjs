// Shared by the end-to-end tests: one headless Chromium (Debian's, driven by playwright-core),
// pages served by this repository's own server (`cargo xtask test` starts it and passes its URL
// in STATUS_WIDGET_URL; by hand: `cargo xtask serve --port 8080` and
// `STATUS_WIDGET_URL=http://127.0.0.1:8080 node --test tests/e2e/`).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE = process.env.STATUS_WIDGET_URL;
if (!BASE) throw new Error("set STATUS_WIDGET_URL to the test server (cargo xtask serve)");

/** A second origin for the same server, for cross-origin embedding. */
export const OTHER_ORIGIN = BASE.replace("127.0.0.1", "localhost");

const SHOTS = fileURLToPath(new URL("../../target/e2e-screenshots/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

/** Debian's headless Chromium with the flags this machine needs, and `extra` ones. */
export async function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Both test origins are loopback (127.0.0.1 and localhost); Chromium's local network
      // access prompt would otherwise stand between them, as it never would on the web.
      "--disable-features=LocalNetworkAccessChecks",
      ...extra,
    ],
  });
}

/**
 * Opens `html` as the page at `BASE/e2e/<name>.html` (served by a route, so each test carries
 * its page), and records what a host would see go wrong: console messages, uncaught errors,
 * dialogs (any alert() is an injection) and requests. `prepare(context)` runs before the page
 * loads (to route a file, say).
 */
export async function open(browser, html, { name = "page", headers = {}, viewport, timezoneId, locale, prepare } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1024, height: 768 },
    timezoneId: timezoneId ?? "UTC",
    locale: locale ?? "en-US",
  });
  const page = await context.newPage();
  const log = { console: [], errors: [], dialogs: [], requests: [] };
  page.on("console", (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("dialog", async (d) => {
    log.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("request", (r) => log.requests.push(r.url()));
  const url = `${BASE}/e2e/${name}.html`;
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers, body: html }),
  );
  await prepare?.(context);
  await page.goto(url);
  return { page, log, context };
}

/** Waits until the element's `state` is one of `states` (5 s at most), and returns it. */
export async function settled(page, selector = "status-widget", states = ["ready", "error", "stale"]) {
  await page.waitForFunction(
    ([sel, wanted]) => {
      const el = document.querySelector(sel);
      return el && wanted.includes(el.getAttribute("state"));
    },
    [selector, states],
    { timeout: 5000 },
  );
  return page.$eval(selector, (el) => el.getAttribute("state"));
}

/** The text the widget shows (its shadow root, but for what only its live region says). */
export function shown(page, selector = "status-widget") {
  return page.$eval(selector, (el) =>
    el.shadowRoot
      ? [...el.shadowRoot.childNodes]
          .filter((n) => !(n.getAttribute && n.getAttribute("part") === "announcer"))
          .map((n) => n.textContent)
          .join("")
      : null,
  );
}

/** Warnings the widget wrote to the console. */
export function warnings(log) {
  return log.console.filter((m) => m.type === "warning" && m.text.startsWith("status-widget:")).map((m) => m.text);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

export const script = (attributes = "") => `<script src="/dist/status-widget.js" ${attributes}></script>`;

let seqCount = 0;

/**
 * A scripted feed of the test server (`/fault/seq`): each request takes the next of `steps`
 * (the last repeats). `log()` lists the requests the server received for it.
 */
export function scripted(steps) {
  const id = `${process.pid}-${Date.now()}-${seqCount++}`;
  const path = `/fault/seq?id=${id}&steps=${steps.join(",")}`;
  return {
    path,
    url: BASE + path,
    async log() {
      const response = await fetch(`${BASE}/fault/log?id=${id}`);
      return response.json();
    },
  };
}

/** Polls `check` (a function returning a promise) until it is truthy: `ms` at most. */
export async function eventually(check, ms = 5000, what = "a condition") {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
