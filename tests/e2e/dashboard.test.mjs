// The product dashboard of the demo (www/dashboard.html, "Kestrel Console"): a single-page app
// whose views mount widgets with mount() and destroy() them on every route change, as a
// framework's components do on unmount. The page is served by the demo server itself (not a
// routed string), with a 1-second poll, and clicked through its routes.
//
// What it relies on in the page: `nav a[data-route="<route>"]` (the console's links, the current
// one with aria-current="page"), `#view` (the panel, with data-route="<route>" once shown; the
// view's heading is its <h1>), `#mounted-count` (the count of <status-widget> in the page) and
// `#events` (the event log, an <ol>).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, screenshot, settled } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const FEED = "/feeds/live.json";
/** How many <status-widget> each route shows: a banner, a banner, a timeline, none. */
const EXPECTED = { overview: 1, deploys: 1, incidents: 1, settings: 0 };

async function openDashboard() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: "UTC",
    locale: "en-US",
  });
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on("console", (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("request", (r) => log.requests.push(r.url()));
  await page.goto(`${BASE}/dashboard.html?poll=1#/overview`, { timeout: 5000 });
  return { context, page, log };
}

const feedRequests = (log) => log.requests.filter((url) => new URL(url).pathname === FEED).length;

/** Waits until `route` is the one shown: the URL, the nav's current link and the panel agree. */
async function shownRoute(page, route) {
  await page.waitForFunction(
    (r) =>
      location.hash === `#/${r}` &&
      document.querySelector(`nav a[data-route="${r}"]`)?.getAttribute("aria-current") === "page" &&
      document.querySelectorAll('nav a[data-route][aria-current="page"]').length === 1 &&
      document.querySelector("#view")?.getAttribute("data-route") === r,
    route,
    { timeout: 3000 },
  );
}

/** Clicks the console's link to `route` and waits until its view is shown. */
async function go(page, route) {
  await page.click(`nav a[data-route="${route}"]`, { timeout: 3000 });
  await shownRoute(page, route);
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el && el.closest("#view") ? el.tagName : null;
  });
  assert.equal(focused, "H1", `${route}: focus moves to the view's heading`);
}

/**
 * Waits until the page holds exactly the route's number of widgets, and the aside says so, then
 * checks that it still does a moment later (no widget of a view already left comes back).
 */
async function expectWidgets(page, route) {
  const wanted = EXPECTED[route];
  const count = () =>
    page.evaluate(() => ({
      page: document.querySelectorAll("status-widget").length,
      view: document.querySelectorAll("#view status-widget").length,
      shown: document.querySelector("#mounted-count")?.textContent.trim(),
    }));
  const expected = { page: wanted, view: wanted, shown: String(wanted) };
  await page
    .waitForFunction(
      (n) =>
        document.querySelectorAll("status-widget").length === n &&
        document.querySelector("#mounted-count")?.textContent.trim() === String(n),
      wanted,
      { timeout: 5000 },
    )
    .catch(() => {}); // the assertion below says what was found instead
  assert.deepEqual(await count(), expected, `${route}: ${wanted} widget(s), and the aside says so`);
  await page.waitForTimeout(300);
  assert.deepEqual(await count(), expected, `${route}: still ${wanted} a moment later`);
}

/** With every widget destroyed, nothing fetches the feed any more (the poll is 1 s). */
async function expectQuiet(page, log) {
  // A request the browser started just before the view was left may still be reported.
  await page.waitForTimeout(250);
  const before = feedRequests(log);
  await page.waitForTimeout(2500);
  assert.equal(feedRequests(log), before, `no request to ${FEED} once the widgets are destroyed`);
}

/** The page's name, as the widget shows it: in its text or in the label of its region. */
const pageName = (page) =>
  page.$eval("#view status-widget", (el) => {
    const root = el.shadowRoot;
    if (!root) return "";
    const labels = [...root.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label"));
    return [root.textContent, ...labels].join("\n");
  });

describe("the product dashboard", () => {
  it("mounts each view's widgets and destroys them when the route changes", { timeout: 60000 }, async () => {
    const { context, page, log } = await openDashboard();
    try {
      await shownRoute(page, "overview");
      await expectWidgets(page, "overview");
      assert.equal(await settled(page, "#view status-widget"), "ready");
      await screenshot(page, "dashboard-overview");

      // One round, a view at a time: overview → deploys → incidents → settings → overview.
      for (const route of ["deploys", "incidents", "settings", "overview"]) {
        await go(page, route);
        await expectWidgets(page, route);
        if (route === "incidents") {
          assert.equal(await settled(page, "#view status-widget"), "ready");
          assert.match(await pageName(page), /Kestrel Cloud/, "the live feed's page name");
          await screenshot(page, "dashboard-incidents");
          // The widget polls (1 s): without this, the silence on settings would prove nothing.
          const seen = feedRequests(log);
          for (const deadline = Date.now() + 3000; feedRequests(log) <= seen && Date.now() < deadline; ) {
            await page.waitForTimeout(100);
          }
          assert.ok(feedRequests(log) > seen, "the timeline fetches the feed again within 3 s (poll=1)");
        }
        if (route === "settings") await expectQuiet(page, log);
      }

      // Fast clicking: three route changes in one task, so the deploys and incidents views are
      // left before their mount() resolves; the late handles must be destroyed at once.
      await page.evaluate(() => {
        for (const route of ["deploys", "incidents", "overview"]) {
          document.querySelector(`nav a[data-route="${route}"]`).click();
        }
      });
      await shownRoute(page, "overview");
      await expectWidgets(page, "overview");
      assert.equal(await settled(page, "#view status-widget"), "ready");
      assert.ok((await page.$$eval("#events li", (items) => items.length)) > 0, "the event log shows the widgets' events");

      // And nothing the fast clicks started is still running.
      await go(page, "settings");
      await expectWidgets(page, "settings");
      await expectQuiet(page, log);

      assert.deepEqual(log.errors, [], "no uncaught error in the page");
      assert.deepEqual(
        log.console.filter((m) => m.type === "error").map((m) => m.text),
        [],
        "no console error",
      );
    } finally {
      await context.close();
    }
  });
});
