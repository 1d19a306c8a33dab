// Lifecycle for product dashboards: mounting and destroying a thousand widgets leaves nothing
// behind: no request, no timer, no listener, no lock, no channel, and no growth of the wasm
// memory beyond a small bound.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, scripted, sleep } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

// Counts, in the page, what the widget could leave running: timers, event listeners on the
// window and document, BroadcastChannels; and finds the wasm module's memory.
function instrument() {
  const live = (window.__live = { timers: new Set(), listeners: 0, channels: 0, fetches: 0, fetching: 0, memory: null });
  const fetch = window.fetch;
  window.fetch = (...a) => {
    live.fetches++;
    live.fetching++;
    const settled = () => live.fetching--;
    const answer = fetch(...a);
    answer.then(settled, settled);
    return answer;
  };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = (fn, ms, ...args) => {
    const id = st((...a) => {
      live.timers.delete(id);
      typeof fn === "function" && fn(...a);
    }, ms, ...args);
    live.timers.add(id);
    return id;
  };
  window.clearTimeout = (id) => (live.timers.delete(id), ct(id));
  window.setInterval = (fn, ms, ...args) => {
    const id = si(fn, ms, ...args);
    live.timers.add(id);
    return id;
  };
  window.clearInterval = (id) => (live.timers.delete(id), ci(id));
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    target.addEventListener = (...a) => (live.listeners++, add(...a));
    target.removeEventListener = (...a) => (live.listeners--, remove(...a));
  }
  const Channel = window.BroadcastChannel;
  window.BroadcastChannel = class extends Channel {
    constructor(name) {
      super(name);
      live.channels++;
    }
    close() {
      live.channels--;
      super.close();
    }
  };
  const keep = (result) => {
    const instance = result.instance ?? result;
    for (const value of Object.values(instance.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) live.memory = value;
    }
    return result;
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...a) => instantiate(...a).then(keep);
  WebAssembly.instantiateStreaming = (...a) => instantiateStreaming(...a).then(keep);
}

it("a thousand widgets mounted and destroyed leave nothing running", { timeout: 180000 }, async () => {
  // Every answer takes 2 s: a widget destroyed before it must abort its request.
  const feed = scripted(["slow:2000"]);
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const url = `${BASE}/e2e/lifecycle.html`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Lifecycle</title>" }));
  await page.goto(url);
  const report = await page.evaluate(async (src) => {
    const { mount } = await import("/dist/status-widget.mjs");
    const live = window.__live;
    const target = document.createElement("div");
    document.body.append(target);
    const cycles = async (n) => {
      for (let i = 0; i < n; i++) {
        // Sixteen names for the feed, more than the page remembers: most mounts ask anew.
        const w = await mount(target, { src: `${src}&n=${i % 16}`, poll: 1, mode: i % 2 ? "timeline" : "banner" });
        // Some are destroyed once their feed has loaded; most at once, mid-request.
        if (i % 100 === 0) await new Promise((r) => w.element.addEventListener("loadend", r, { once: true }));
        w.destroy();
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      // Frees happen on the next microtask; the ticker's interval is dropped a turn later.
      await new Promise((r) => setTimeout(r, 100));
    };
    const before = { listeners: live.listeners, memory: live.memory?.buffer.byteLength ?? 0 };
    await cycles(100);
    const warm = live.memory.buffer.byteLength;
    await cycles(900);
    const locks = await navigator.locks.query();
    return {
      before,
      warm,
      after: live.memory.buffer.byteLength,
      timers: live.timers.size,
      fetching: live.fetching,
      fetches: live.fetches,
      listeners: live.listeners - before.listeners,
      channels: live.channels,
      locks: locks.held.length + locks.pending.length,
      widgets: document.querySelectorAll("status-widget").length,
    };
  }, feed.path);
  const requests = (await feed.log()).length;
  await sleep(3000);
  assert.equal((await feed.log()).length, requests, "no request after the last destroy");
  const { timers, fetching, listeners, channels, locks, widgets, warm } = report;
  assert.deepEqual(
    { timers, fetching, listeners, channels, locks, widgets },
    { timers: 0, fetching: 0, listeners: 0, channels: 0, locks: 0, widgets: 0 },
  );
  // Most mounts asked the network, and every request was aborted or answered.
  assert.ok(report.fetches >= 500, `${report.fetches} requests started`);
  const growth = report.after - warm;
  console.log(
    `wasm memory: ${warm} bytes after 100 cycles, ${report.after} after 1000 (+${growth}); ` +
      `${report.fetches} requests started, ${requests} reached the server`,
  );
  assert.ok(growth <= 1 << 20, `wasm memory grew by ${growth} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});

it("a wall of widgets in the page's HTML, made and told of their feeds a few at a time, each shows its feed and says so once", { timeout: 60000 }, async () => {
  // 120 widgets over 12 feeds, in every mode: made, and told of their feeds, in slices of the
  // page's time (the longest task is the benchmark's), yet none is left behind or told twice.
  const modes = ["banner", "timeline", "badge", "components"];
  const widgets = [];
  for (let f = 0; f < 12; f++) {
    for (let i = 0; i < 10; i++) {
      widgets.push(`<status-widget src="/feeds/summary.json?wall=${f}" mode="${modes[i % 4]}" position="inline" poll="0"></status-widget>`);
    }
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${BASE}/e2e/wall.html`;
  const html = `<!doctype html><title>Wall</title><script>
    window.__changes = new Map();
    addEventListener("status-change", (e) => __changes.set(e.target, (__changes.get(e.target) ?? 0) + 1));
  </script>${widgets.join("")}<script src="/dist/status-widget.js"></script>`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll("status-widget[state=ready]").length === n, widgets.length, { timeout: 30000 });
  await sleep(300);
  const told = await page.evaluate(() => [...document.querySelectorAll("status-widget")].map((w) => __changes.get(w) ?? 0));
  assert.deepEqual(told, widgets.map(() => 1), "one status-change each");
  const empty = await page.evaluate(() => [...document.querySelectorAll("status-widget[mode=timeline]")].filter((w) => !/Delayed|Elevated|incident/i.test(w.shadowRoot.textContent)).length);
  assert.equal(empty, 0, "every timeline shows the feed");
  await context.close();
});
