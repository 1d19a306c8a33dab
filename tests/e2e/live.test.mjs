// Live and resilient: polling, HTTP revalidation, max-age, Retry-After, backoff, time limits,
// the last good answer kept across page views and failures, hidden tabs, going offline, one
// poller for every widget of a page and of the browser's tabs, and dismissing the banner.
// Every feed is a script of the test server (`/fault/seq`), whose log says what was asked when.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, eventually, launch, screenshot, scripted, shown, sleep, warnings } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const script = `<script src="/dist/status-widget.js"></script>`;

/** A page of its own in `context`, at BASE/e2e/<name>.html, recording what goes wrong. */
async function tab(context, body, name = "live") {
  const page = await context.newPage();
  const log = { console: [], errors: [] };
  page.on("console", (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => log.errors.push(e.message));
  const url = `${BASE}/e2e/${name}.html`;
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: `<!doctype html><body>${body}${script}</body>` }),
  );
  await page.goto(url);
  // Routing turns off the browser's HTTP cache, which revalidation needs.
  await page.unroute(url);
  return { page, log };
}

async function context() {
  return browser.newContext({ viewport: { width: 900, height: 700 }, timezoneId: "UTC", locale: "en-US" });
}

/** Makes a page whose main thread is never idle: `requestIdleCallback` never calls back. */
const NEVER_IDLE = `<script>requestIdleCallback = () => 0;</script>`;
/**
 * Makes a page without `requestIdleCallback` (as Safari's) whose tasks
 * without a delay never run: `setTimeout(task)` is dropped.
 */
const NO_IDLE_CALLBACK = `<script>
requestIdleCallback = undefined;
const timer = setTimeout;
setTimeout = (task, ms, ...args) => (ms === undefined ? 0 : timer(task, ms, ...args));
</script>`;

const state = (page, selector = "status-widget") => page.$eval(selector, (el) => el.getAttribute("state"));
const stateIs = (page, wanted, selector) => async () => (await state(page, selector)) === wanted;

/** Records the widget's events in the page, as `window.events`. */
const RECORD = `<script type="module" src="/e2e/record.js"></script>`;
async function recording(context) {
  await context.route(`${BASE}/e2e/record.js`, (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `window.events = [];
        for (const el of document.querySelectorAll("status-widget"))
          for (const name of ["loadstart", "load", "error", "loadend", "abort", "status-change"])
            el.addEventListener(name, (e) => window.events.push({ name, detail: e.detail ?? null }));`,
    }),
  );
}
const events = (page) => page.evaluate(() => window.events);

describe("polling", () => {
  it("follows a feed that changes, and announces only what changed", { timeout: 30000 }, async () => {
    const feed = scripted(["a", "a", "b", "b", "c"]);
    const ctx = await context();
    await recording(ctx);
    const { page, log } = await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>${RECORD}`);
    await eventually(async () => (await feed.log()).length >= 5, 9000, "five requests");
    await eventually(async () => (await shown(page)) === "", 3000, "the resolved incident gone");
    const seen = await events(page);
    const changes = seen.filter((e) => e.name === "status-change");
    assert.deepEqual(
      changes.map((e) => [e.detail.status, e.detail.incidents.map((i) => i.status)]),
      [["major", ["investigating"]], ["major", ["identified"]], ["none", []]],
      "one status-change per change, none for an unchanged answer",
    );
    assert.deepEqual(Object.keys(changes[0].detail).sort(), ["description", "incidents", "maintenance", "page", "status"]);
    assert.ok(seen.filter((e) => e.name === "load").length >= 5, "every poll is a load");
    assert.equal(await state(page), "ready");
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  it("revalidates with the browser's HTTP cache: 304s, same data", { timeout: 20000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    const { page, log } = await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>`);
    await eventually(async () => (await feed.log()).length >= 4, 8000, "four requests");
    const requests = await feed.log();
    assert.equal(requests[0].status, 200);
    for (const r of requests.slice(1)) {
      assert.equal(r.inm, '"a"', "the browser asks If-None-Match");
      assert.equal(r.status, 304);
    }
    assert.equal(await state(page), "ready");
    assert.match(await shown(page), /Elevated API errors/);
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  it("waits as long as max-age says", { timeout: 20000 }, async () => {
    const feed = scripted(["a@3"]);
    const ctx = await context();
    await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>`);
    await eventually(async () => (await feed.log()).length >= 3, 10000, "three requests");
    const t = (await feed.log()).map((r) => r.t);
    assert.ok(t[1] - t[0] >= 2900 && t[2] - t[1] >= 2900, `3 s apart: ${t.map((x) => x - t[0])}`);
    await ctx.close();
  });

  it("waits as long as Retry-After says, showing the last good data meanwhile", { timeout: 20000 }, async () => {
    const feed = scripted(["a", "429:3", "b"]);
    const ctx = await context();
    const { page, log } = await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>`);
    await eventually(stateIs(page, "stale"), 5000, "stale");
    const text = await shown(page);
    assert.match(text, /Elevated API errors/, "the last good data stays");
    assert.match(text, /Last updated .*(now|second)/, text);
    await eventually(async () => (await feed.log()).length >= 3, 8000, "the retry");
    const t = (await feed.log()).map((r) => r.t);
    assert.ok(t[2] - t[1] >= 2900, `Retry-After honoured: ${t[2] - t[1]} ms`);
    await eventually(stateIs(page, "ready"), 3000, "ready again");
    assert.doesNotMatch(await shown(page), /Last updated/);
    assert.ok(warnings(log).some((w) => /HTTP 429/.test(w)));
    await ctx.close();
  });

  it("backs off after failures, then recovers", { timeout: 30000 }, async () => {
    const failing = scripted(["500"]);
    const recovering = scripted(["500", "500", "a"]);
    const ctx = await context();
    const { page } = await tab(
      ctx,
      `<status-widget id="failing" src="${failing.path}" poll="1" mode="timeline"></status-widget>
       <status-widget id="recovering" src="${recovering.path}" poll="1"></status-widget>`,
    );
    await eventually(stateIs(page, "error", "#failing"), 5000, "error");
    assert.equal(await shown(page, "#failing"), "Status unavailable.", "nothing good ever seen");
    // Two failures then a good answer: waits drawn up to 2 and 4 s.
    await eventually(stateIs(page, "ready", "#recovering"), 9000, "recovered");
    assert.match(await shown(page, "#recovering"), /Elevated API errors/);
    await sleep(10000 - (Date.now() - (await failing.log())[0].t));
    // Without backoff, a request a second (10); with it, waits drawn up to 2, 4, 8, 16 s: about
    // 4 requests, and 8 only when five draws in a row are near their least.
    const n = (await failing.log()).length;
    assert.ok(n <= 7, `${n} requests in 10 s`);
    await ctx.close();
  });

  it("gives up a request after its time limit", { timeout: 20000 }, async () => {
    const feed = scripted(["hang"]);
    const ctx = await context();
    const { page, log } = await tab(ctx, `<status-widget src="${feed.path}" poll="0" timeout="1"></status-widget>`);
    const started = Date.now();
    await eventually(stateIs(page, "error"), 4000, "error");
    assert.ok(Date.now() - started < 3000);
    assert.ok(warnings(log).some((w) => /took too long.*1 s/.test(w)), JSON.stringify(warnings(log)));
    await sleep(1500);
    assert.equal((await feed.log()).length, 1, "poll=0: no second request");
    await ctx.close();
  });

  it("says once that a src which cannot be fetched is not a URL", { timeout: 20000 }, async () => {
    const ctx = await context();
    const { page, log } = await tab(ctx, `<status-widget src="http://[oops/feed.json" poll="1"></status-widget>`);
    await eventually(stateIs(page, "error"), 3000, "error");
    await sleep(2500);
    assert.equal(warnings(log).filter((w) => /not a URL/.test(w)).length, 1, JSON.stringify(warnings(log)));
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  it("keeps the last good data when the feed turns to garbage", { timeout: 20000 }, async () => {
    const feed = scripted(["a", "garbage"]);
    const ctx = await context();
    const { page, log } = await tab(ctx, `<status-widget src="${feed.path}" poll="1" mode="timeline"></status-widget>`);
    await eventually(stateIs(page, "stale"), 5000, "stale");
    assert.match(await shown(page), /Last updated[\s\S]*Elevated API errors/);
    assert.ok(warnings(log).some((w) => /not JSON/.test(w)));
    assert.deepEqual(log.errors, []);
    await screenshot(page, "live-stale-timeline");
    await ctx.close();
  });

  it("stops while the tab is hidden and catches up when it is shown", { timeout: 20000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    await ctx.addInitScript(() => {
      window.__hidden = false;
      Object.defineProperty(Document.prototype, "visibilityState", {
        get: () => (window.__hidden ? "hidden" : "visible"),
      });
    });
    const { page } = await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>`);
    await eventually(async () => (await feed.log()).length >= 2, 5000, "polling");
    await page.evaluate(() => {
      window.__hidden = true;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await sleep(300);
    const hidden = (await feed.log()).length;
    await sleep(3000);
    assert.equal((await feed.log()).length, hidden, "no request while hidden");
    const shownAt = Date.now();
    await page.evaluate(() => {
      window.__hidden = false;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await eventually(async () => (await feed.log()).length > hidden, 2000, "a request on showing");
    const first = (await feed.log()).at(hidden);
    assert.ok(first.t - shownAt < 1000, "caught up at once");
    await ctx.close();
  });

  it("catches up when the browser is back online", { timeout: 20000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    const { page } = await tab(ctx, `<status-widget src="${feed.path}" poll="60"></status-widget>`);
    await eventually(stateIs(page, "ready"), 5000, "ready");
    await ctx.setOffline(true);
    await page.evaluate(() => document.querySelector("status-widget").refresh());
    assert.equal(await state(page), "stale");
    await ctx.setOffline(false);
    await eventually(stateIs(page, "ready"), 3000, "ready again without waiting for the poll");
    await ctx.close();
  });
});

describe("one poller", () => {
  it("serves every widget of a page with one request per interval", { timeout: 20000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    // The same feed, named relative to the page or in full.
    const widgets = Array.from({ length: 5 }, (_, i) =>
      `<status-widget src="${i % 2 ? feed.path : feed.url}" poll="1" ${i % 2 ? 'mode="timeline"' : ""}></status-widget>`,
    ).join("");
    const { page } = await tab(ctx, widgets);
    await eventually(async () => (await page.$$eval("status-widget", (els) => els.every((e) => e.getAttribute("state") === "ready"))), 5000);
    const start = (await feed.log()).length;
    await sleep(4000);
    const n = (await feed.log()).length - start;
    assert.ok(n >= 2 && n <= 6, `5 widgets, 4 s at poll=1: ${n} requests`);
    await ctx.close();
  });

  it("serves every tab of the browser with one poller, and passes it on", { timeout: 40000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    const widgets = `<status-widget src="${feed.path}" poll="1"></status-widget>`.repeat(3);
    const tabs = [];
    for (let i = 0; i < 3; i++) tabs.push(await tab(ctx, widgets, `tab${i}`));
    for (const { page } of tabs) await eventually(stateIs(page, "ready"), 5000, "ready");
    await sleep(1500);
    const start = (await feed.log()).length;
    await sleep(6000);
    const perSecond = ((await feed.log()).length - start) / 6;
    console.log(`3 widgets in each of 3 tabs, poll=1: ${perSecond.toFixed(2)} requests per interval`);
    assert.ok(perSecond <= 1.4, `${perSecond} requests a second`);
    // The leader goes; another tab takes over.
    await tabs[0].page.close();
    await tabs[1].page.close();
    const left = (await feed.log()).length;
    await sleep(3000);
    assert.ok((await feed.log()).length - left >= 2, "the last tab polls");
    await ctx.close();
  });

  it("tells the other tabs what changed, as it happens", { timeout: 30000 }, async () => {
    const feed = scripted(["a", "a", "a", "a", "c"]);
    const ctx = await context();
    const tabs = [];
    // Pages that are never idle: telling the other tabs does not wait for idle time.
    for (const name of ["one", "two"]) {
      tabs.push(await tab(ctx, `${NEVER_IDLE}<status-widget src="${feed.path}" poll="1"></status-widget>`, name));
    }
    const gone = (page) => page.evaluate(() => new Promise((resolve) => {
      const el = document.querySelector("status-widget");
      el.addEventListener("status-change", (e) => e.detail.incidents.length === 0 && resolve(Date.now()));
    }));
    const when = await Promise.all(tabs.map(({ page }) => gone(page)));
    // One request told both: the tab that did not fetch heard within a moment.
    assert.ok(Math.abs(when[0] - when[1]) < 500, `${when[0] - when[1]} ms apart`);
    assert.equal((await feed.log()).filter((r) => r.step === "c").length, 1, "one request saw the change");
    await ctx.close();
  });

  it("holds what another tab fetched to this tab's max-size, and keeps its limits to itself", { timeout: 30000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    // The first tab's states, as they come.
    const record = `<script>window.states = []; const el = document.querySelector("status-widget");
      new MutationObserver(() => states.push(el.getAttribute("state"))).observe(el, { attributeFilter: ["state"] });</script>`;
    const one = await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>${record}`, "one");
    await eventually(stateIs(one.page, "ready"), 5000, "the first tab ready");
    const before = await one.page.evaluate(() => states.length);
    // Nothing saved: the second tab starts from what it fetches and what it hears.
    const small = `<script>localStorage.clear()</script><status-widget src="${feed.path}" poll="1" max-size="100"></status-widget>`;
    const two = await tab(ctx, small, "two");
    await eventually(stateIs(two.page, "error"), 5000, "over the second tab's max-size");
    const asked = (await feed.log()).length;
    await eventually(async () => (await feed.log()).length >= asked + 2, 8000, "two more polls");
    await sleep(300);
    // The first tab's answers, posted to every tab, are over the second's limit too.
    assert.equal(await state(two.page), "error");
    assert.ok(!(await shown(two.page)).includes("Elevated API errors"));
    assert.ok(two.log.console.some((m) => /larger than 100 bytes/.test(m.text)), JSON.stringify(two.log.console));
    // And the second tab's limit is no failure of the feed's for the first.
    const since = await one.page.evaluate((n) => states.slice(n), before);
    assert.ok(since.every((s) => s === "loading" || s === "ready"), JSON.stringify(since));
    assert.equal(await state(one.page), "ready");
    await ctx.close();
  });

  it("waits for Retry-After in every tab", { timeout: 30000 }, async () => {
    const feed = scripted(["a", "a", "429:5", "a"]);
    const ctx = await context();
    for (const name of ["one", "two", "three"]) {
      await tab(ctx, `<status-widget src="${feed.path}" poll="1"></status-widget>`, name);
    }
    await eventually(async () => (await feed.log()).length >= 4, 12000, "the request after the 429");
    const log = await feed.log();
    const refused = log.findIndex((r) => r.status === 429);
    const next = log[refused + 1];
    assert.ok(next.t - log[refused].t >= 4900, `asked again after ${next.t - log[refused].t} ms`);
    await ctx.close();
  });
});

describe("the first request", () => {
  // A hold is the server's: the classic script, which knows no formats, finds it by the URL
  // when the widget reads the feed in a format it was told, too.
  for (const [how, format] of [["", ""], [", in a format it was told", ' format="status-feed"']]) {
    it(`leaves while the module downloads, taken over by the widget, and not while a server asked for quiet${how}`, { timeout: 30000 }, async () => {
      const feed = scripted(["a", "429:30", "a"]);
      const ctx = await context();
      // A cookie of the page's own origin, which the feed's request must not carry.
      await ctx.addCookies([{ name: "session", value: "secret", url: BASE }]);
      const first = await tab(ctx, `<status-widget src="${feed.path}"${format} poll="1"></status-widget>`, "first");
      await eventually(stateIs(first.page, "ready"), 5000);
      await sleep(300);
      // The classic script's early request is the widget's: one request, not two.
      assert.equal((await feed.log()).length, 1, "one request for the first load");
      const [request, wasm] = await first.page.evaluate(() =>
        ["/fault/seq", "/status-widget.wasm"].map((path) => performance.getEntriesByType("resource").filter((e) => e.name.includes(path))),
      );
      assert.equal(request.length, 1);
      // The classic script made it, and the widget took it over.
      const early = await first.page.evaluate(() =>
        [...(globalThis[Symbol.for("status-widget.early")] ?? new Map()).entries()].map(([url, r]) => [new URL(url).pathname, r.taken]),
      );
      assert.deepEqual(early, [["/fault/seq", true]]);
      assert.equal(wasm.length, 1, "the module's request for the .wasm took the preload over");
      await eventually(async () => (await feed.log()).length >= 2, 5000, "the 429");
      // Neither the early request nor the widget's own polls carry credentials, even to the
      // page's own origin.
      assert.deepEqual((await feed.log()).map((e) => e.cookie), [false, false]);
      await first.page.close();
      // The next page view neither preloads nor asks before Retry-After is over, and the browser
      // has no unused preload to complain of.
      const second = await tab(ctx, `<status-widget src="${feed.path}"${format} poll="1"></status-widget>`, "second");
      await eventually(async () => /Elevated API errors/.test(await shown(second.page)), 2000, "the saved answer painted");
      await sleep(3500);
      assert.equal((await feed.log()).length, 2, "nothing asked while held");
      const complaints = [...first.log.console, ...second.log.console].filter((m) => /preload/i.test(m.text));
      assert.deepEqual(complaints, []);
      await ctx.close();
    });
  }
});

describe("the last good answer", () => {
  /** A page view that shows the feed's first answer, and saves it, then closes. */
  async function firstView(ctx, feed) {
    const first = await tab(ctx, `<status-widget src="${feed.path}" poll="0"></status-widget>`, "first");
    await eventually(stateIs(first.page, "ready"), 5000);
    await first.page.close();
  }

  /**
   * A widget with `max-size="100"`, whose feed answers in 3 s: what its page had of the feed
   * (over 100 bytes) is not painted meanwhile, and the network's answer is over its limit too.
   */
  async function heldToMaxSize({ page, log }, had) {
    assert.equal(await state(page), "loading");
    assert.ok(!/Elevated API errors/.test(await shown(page)), `${had} painted over max-size`);
    await eventually(stateIs(page, "error"), 6000, "the answer over max-size");
    assert.ok(log.console.some((m) => /larger than 100 bytes/.test(m.text)), JSON.stringify(log.console));
  }

  it("is painted at once on the next page view, before the network answers", { timeout: 20000 }, async () => {
    const feed = scripted(["a", "slow:2500"]);
    const ctx = await context();
    await firstView(ctx, feed);
    const second = await tab(ctx, `<status-widget src="${feed.path}" poll="0"></status-widget>`, "second");
    await eventually(async () => /Elevated API errors/.test(await shown(second.page)), 1000, "the saved answer painted");
    // The revalidation takes 2.5 s: the answer shown is the saved one.
    assert.equal(await state(second.page), "loading");
    await eventually(stateIs(second.page, "ready"), 5000, "revalidated");
    const saved = await second.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("status-widget:feed:")));
    assert.equal(saved.length, 1);
    await ctx.close();
  });

  // Saving waits for idle time (or, without `requestIdleCallback`, a task of
  // its own), which never comes on these pages, or for the page to go.
  for (const [where, script] of [
    ["a page left before it was ever idle", NEVER_IDLE],
    ["a page without requestIdleCallback, left before the task that saves", NO_IDLE_CALLBACK],
  ]) {
    it(`is saved by ${where}`, { timeout: 20000 }, async () => {
      const feed = scripted(["a", "slow:2500"]);
      const ctx = await context();
      const first = await tab(ctx, `${script}<status-widget src="${feed.path}" poll="0"></status-widget>`, "busy");
      await eventually(stateIs(first.page, "ready"), 5000);
      const unsaved = await first.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("status-widget:feed:")));
      assert.deepEqual(unsaved, [], "saved before the page went: this test proves nothing");
      await first.page.close();
      const second = await tab(ctx, `<status-widget src="${feed.path}" poll="0"></status-widget>`, "second");
      await eventually(async () => /Elevated API errors/.test(await shown(second.page)), 1000, "the saved answer painted");
      assert.equal(await state(second.page), "loading");
      await ctx.close();
    });
  }

  it("is not painted on a page whose max-size it is over", { timeout: 20000 }, async () => {
    const feed = scripted(["a", "slow:3000"]);
    const ctx = await context();
    await firstView(ctx, feed);
    const small = await tab(ctx, `<status-widget src="${feed.path}" poll="0" max-size="100"></status-widget>`, "small");
    await eventually(stateIs(small.page, "loading"), 2000, "loading");
    await sleep(500);
    // The network has not answered yet, and what was saved is more than this page allows.
    await heldToMaxSize(small, "the saved answer");
    await ctx.close();
  });

  it("remembered earlier in the page view, is not painted by a widget whose max-size it is over", { timeout: 20000 }, async () => {
    const feed = scripted(["a", "slow:3000"]);
    const ctx = await context();
    const view = await tab(ctx, `<status-widget src="${feed.path}" poll="0"></status-widget>`, "remembered");
    const { page } = view;
    await eventually(stateIs(page, "ready"), 5000);
    // A single-page app changes views: the widget goes, and one allowing less comes.
    await page.evaluate(() => document.querySelector("status-widget").remove());
    await sleep(200);
    await page.evaluate((src) => {
      const small = document.createElement("status-widget");
      small.setAttribute("src", src);
      small.setAttribute("poll", "0");
      small.setAttribute("max-size", "100");
      document.body.append(small);
    }, feed.path);
    await sleep(500);
    await heldToMaxSize(view, "the remembered answer");
    await ctx.close();
  });
});

describe("dismissing the banner", () => {
  it("lasts across page views until the incident gets a newer update", { timeout: 30000 }, async () => {
    const feed = scripted(["a", "a", "b"]);
    const ctx = await context();
    const widget = `<status-widget src="${feed.path}" poll="0"></status-widget>`;
    const one = await tab(ctx, widget, "one");
    await eventually(stateIs(one.page, "ready"), 5000);
    await screenshot(one.page, "live-banner-dismissible");
    const button = await one.page.$("status-widget >> css=button[part=dismiss]");
    assert.equal(await button.getAttribute("aria-label"), "Dismiss");
    await button.focus();
    await one.page.keyboard.press("Enter");
    await eventually(async () => (await shown(one.page)) === "", 2000, "the banner gone");
    await one.page.close();
    // The next page view: the same incident, unchanged, stays dismissed.
    const two = await tab(ctx, widget, "two");
    await eventually(stateIs(two.page, "ready"), 5000);
    await sleep(200);
    assert.ok(!(await shown(two.page)).includes("Elevated API errors"));
    // A newer update brings it back.
    await two.page.evaluate(() => document.querySelector("status-widget").refresh());
    await eventually(async () => /Identified/.test(await shown(two.page)), 3000, "the newer update shown");
    await ctx.close();
  });

  it("can be brought back from the timeline, and turned off", { timeout: 20000 }, async () => {
    const feed = scripted(["a"]);
    const ctx = await context();
    const { page } = await tab(
      ctx,
      `<status-widget id="banner" src="${feed.path}" poll="0"></status-widget>
       <status-widget id="timeline" mode="timeline" src="${feed.path}" poll="0"></status-widget>
       <status-widget id="fixed" src="${feed.path}" poll="0" dismissible="false"></status-widget>`,
    );
    await eventually(stateIs(page, "ready", "#banner"), 5000);
    assert.equal(await page.$("#fixed >> css=button"), null, "dismissible=false: no button");
    // The two fixed banners overlap: a click through the keyboard, as a user of it would.
    await page.focus("#banner >> css=button[part=dismiss]");
    await page.keyboard.press("Space");
    await eventually(async () => (await shown(page, "#banner")) === "", 2000, "dismissed");
    await eventually(async () => /dismissed/.test(await shown(page, "#timeline")), 2000, "the way back offered");
    assert.match(await shown(page, "#fixed"), /Elevated API errors/, "a banner that cannot be dismissed stays");
    await screenshot(page, "live-timeline-restore");
    await page.click("#timeline >> css=button[part=restore]");
    await eventually(async () => /Elevated API errors/.test(await shown(page, "#banner")), 2000, "restored");
    assert.doesNotMatch(await shown(page, "#timeline"), /dismissed/);
    await ctx.close();
  });
});
