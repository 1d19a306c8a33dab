// Feeds in every format, several in one widget, and the page's own fetch function.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BASE, launch, open, settled, shown, warnings, screenshot, script, eventually } from "./helpers.mjs";

const fixture = (path) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Serves `feeds` (path → [status, body]) under BASE/feeds-e2e/, and counts their requests. */
function serving(feeds) {
  const asked = [];
  const prepare = async (context) => {
    await context.route(`${BASE}/feeds-e2e/**`, (route) => {
      const path = new URL(route.request().url()).pathname.replace("/feeds-e2e/", "");
      asked.push({ path, headers: route.request().headers() });
      const [status, body] = feeds[path] ?? [404, "not found"];
      return route.fulfill({ status, contentType: "application/json", body });
    });
  };
  return { prepare, asked };
}

test("each new format is detected and shown", async () => {
  const cases = [
    ["incidentio/widget.json", "Elevated error rates for the API and dashboard in EU West"],
    ["instatus/summary.json", "Card payments failing at checkout for some customers"],
    ["cachet/incidents.json", "Elevated error rates for the API and dashboard in EU West"],
  ];
  for (const [path, title] of cases) {
    const { prepare } = serving({ [path]: [200, fixture(path)] });
    const html = `<status-widget src="/feeds-e2e/${path}" mode="timeline"></status-widget>${script()}`;
    const { page, log, context } = await open(browser, html, { name: "format", prepare });
    assert.equal(await settled(page), "ready", path);
    assert.ok((await shown(page)).includes(title), path);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test("`format` forces a format, and a document that is not one says so", async () => {
  const path = "cachet/components.json";
  const { prepare } = serving({ [path]: [200, fixture(path)], "v1.json": [200, fixture("v1/full.json")] });
  const html = `
    <status-widget id="forced" src="/feeds-e2e/${path}" format="cachet" mode="components"></status-widget>
    <status-widget id="wrong" src="/feeds-e2e/v1.json" format="instatus"></status-widget>
    <status-widget id="unknown" src="/feeds-e2e/v1.json" format="atom"></status-widget>${script()}`;
  const { page, log, context } = await open(browser, html, { name: "forced", prepare });
  assert.equal(await settled(page, "#forced"), "ready");
  assert.ok((await shown(page, "#forced")).includes("Public API"));
  assert.equal(await settled(page, "#wrong"), "error");
  // An unknown format is detected instead, and the console says so.
  assert.equal(await settled(page, "#unknown"), "ready");
  const said = warnings(log).join("\n");
  assert.match(said, /`format` "atom" is none of auto, status-feed, statuspage, incident\.io, instatus, cachet/);
  assert.match(said, /an Instatus summary has `activeIncidents`, `activeMaintenances` or a `page` with its `status`/);
  await context.close();
});

test("several feeds: merged, labelled, the worst in the banner, one failure said without blanking the rest", async () => {
  const { prepare } = serving({
    "ours.json": [200, fixture("statuspage/summary.json")],
    "vendor.json": [200, fixture("incidentio/widget.json")],
    "broken.json": [500, "{}"],
  });
  const src = "/feeds-e2e/ours.json /feeds-e2e/vendor.json /feeds-e2e/broken.json";
  const html = `
    <status-widget id="banner" src="${src}" dismissible="false"></status-widget>
    <status-widget id="timeline" src="${src}" mode="timeline"></status-widget>${script()}`;
  const { page, log, context } = await open(browser, html, { name: "several", prepare });
  const errors = page.evaluate(
    () => new Promise((resolve) => document.querySelector("#timeline").addEventListener("error", (e) => resolve(e.detail.message))),
  );
  assert.equal(await settled(page, "#timeline"), "stale");
  const timeline = await shown(page, "#timeline");
  assert.ok(timeline.includes("Lumen Pay") && timeline.includes("Kestrel Cloud"), timeline);
  assert.ok(timeline.includes("127.0.0.1") && timeline.includes("status unavailable"), timeline);
  assert.match(await errors, /broken\.json: .*HTTP 500/);
  // The banner shows the worst item across the feeds: the vendor's full outage.
  assert.equal(await settled(page, "#banner"), "stale");
  const banner = await page.$eval("#banner", (el) => el.shadowRoot.querySelector("[part=banner]").getAttribute("data-impact"));
  assert.equal(banner, "critical");
  assert.ok((await shown(page, "#banner")).includes("Elevated error rates"));
  const detail = await page.evaluate(() =>
    new Promise((resolve) => {
      const el = document.createElement("status-widget");
      el.setAttribute("src", "/feeds-e2e/ours.json /feeds-e2e/vendor.json");
      el.addEventListener("status-change", (e) => resolve(e.detail), { once: true });
      document.body.append(el);
    }),
  );
  assert.equal(detail.incidents[0].page, "Kestrel Cloud");
  assert.equal(detail.incidents[0].id, "01M7YMYG60EDAAKJHB57YHMDWE");
  await screenshot(page, "several-feeds");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("mount() takes the page's own fetch: its headers reach the server, and neither its answers nor its holds are saved", async () => {
  const { prepare, asked } = serving({ "private.json": [200, fixture("instatus/summary.json")] });
  const html = `<div id="here"></div><script type="module">
    import { mount } from "/dist/status-widget.mjs";
    window.handle = mount(document.querySelector("#here"), {
      src: ["/feeds-e2e/private.json"],
      mode: "timeline",
      fetch: (url, init) => fetch(url, { ...init, headers: { Authorization: "Bearer t0ken" } }),
    });
  </script>`;
  const { page, log, context } = await open(browser, html, { name: "custom-fetch", prepare });
  await page.waitForSelector("status-widget");
  assert.equal(await settled(page), "ready");
  assert.ok((await shown(page)).includes("Card payments failing"));
  await eventually(() => asked.length > 0, 2000, "the request");
  assert.equal(asked[0].headers.authorization, "Bearer t0ken");
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("private.json")));
  assert.deepEqual(saved, []);
  // Nor is the quiet its server asks for (Retry-After): a private feed's URL is not written down.
  const holds = await page.evaluate(async () => {
    const { mount } = await import("/dist/status-widget.mjs");
    const host = document.body.appendChild(document.createElement("div"));
    const busy = async () => new Response("", { status: 429, headers: { "Retry-After": "30" } });
    const handle = await mount(host, { src: "/feeds-e2e/private-busy.json", fetch: busy });
    await new Promise((resolve) => handle.element.addEventListener("loadend", resolve, { once: true }));
    return [handle.element.getAttribute("state"), Object.keys(localStorage).filter((k) => k.includes(":hold:"))];
  });
  assert.deepEqual(holds, ["error", []]);
  // A fetch function that does not answer with a Response is a clear error.
  const state = await page.evaluate(async () => {
    const { mount } = await import("/dist/status-widget.mjs");
    const host = document.body.appendChild(document.createElement("div"));
    const handle = await mount(host, { src: "/feeds-e2e/private.json", fetch: async () => ({ ok: true }) });
    await new Promise((resolve) => handle.element.addEventListener("loadend", resolve, { once: true }));
    return handle.element.getAttribute("state");
  });
  assert.equal(state, "error");
  assert.ok(warnings(log).some((w) => w.includes("the fetch function did not resolve to a Response")), warnings(log).join("\n"));
  assert.deepEqual(log.errors, []);
  await context.close();
});
