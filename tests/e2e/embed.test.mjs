// The three ways to embed the widget, as a host page uses them: the script tag, the element,
// and the mount() API of the module.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, OTHER_ORIGIN, launch, open, screenshot, script, settled, shown, warnings } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const ARTICLE = `<main><h1 id="headline">Kestrel Cloud</h1>${"<p>Deploy anything, anywhere.</p>".repeat(30)}</main>`;

describe("the script tag", () => {
  it("mounts a banner from its data-src, fixed, without shifting the page", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><html lang="en"><head><title>Kestrel</title>
      <script>
        window.shifts = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts += e.value; })
          .observe({ type: "layout-shift", buffered: true });
      </script>
      ${script('data-src="/feeds/kestrel.json" async')}</head><body>${ARTICLE}</body></html>`,
      { name: "script-tag" },
    );
    const before = await page.$eval("#headline", (h) => h.getBoundingClientRect().top);
    assert.equal(await settled(page), "ready");
    const text = await shown(page);
    assert.match(text, /Delayed deployments in eu-west/);
    assert.match(text, /Identified/);
    assert.match(text, /minutes ago/);
    const box = await page.$eval("status-widget", (el) => {
      const banner = el.shadowRoot.querySelector("[part=banner]");
      const style = getComputedStyle(banner);
      const r = banner.getBoundingClientRect();
      return { position: style.position, bottom: innerHeight - r.bottom, left: r.left, width: r.width };
    });
    assert.equal(box.position, "fixed");
    assert.ok(box.bottom > 0 && box.left > 0 && box.width > 200, JSON.stringify(box));
    assert.equal(await page.$eval("#headline", (h) => h.getBoundingClientRect().top), before);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.shifts), 0, "no layout shift");
    const a = await page.$eval("status-widget", (el) => {
      const a = el.shadowRoot.querySelector("a");
      return { href: a.href, target: a.target, rel: a.rel };
    });
    assert.deepEqual(a, {
      href: "https://status.kestrel.example/incidents/kc-2291",
      target: "_blank",
      rel: "noopener noreferrer",
    });
    await screenshot(page, "script-tag-banner");
    assert.deepEqual(log.errors, []);
    assert.deepEqual(warnings(log), []);
  });

  it("takes no space and shows nothing when all is operational", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body>${ARTICLE}${script('data-src="/feeds/operational.json"')}</body>`,
      { name: "operational" },
    );
    assert.equal(await settled(page), "ready");
    const size = await page.$eval("status-widget", (el) => {
      const r = el.getBoundingClientRect();
      const only = el.shadowRoot.firstChild;
      return { height: r.height, children: el.shadowRoot.childNodes.length, silent: only.textContent === "" };
    });
    // Nothing but the live region, which has nothing to say.
    assert.deepEqual(size, { height: 0, children: 1, silent: true });
    assert.deepEqual(log.errors, []);
  });

  it("is harmless when included twice, or together with the module", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><head>${script('data-src="/feeds/kestrel.json"')}${script('data-src="/feeds/kestrel.json" async')}
      <script type="module">import { mount } from "/dist/status-widget.mjs"; window.mounted = typeof mount;</script>
      </head><body>${ARTICLE}${script('data-src="/feeds/kestrel.json"')}</body>`,
      { name: "twice" },
    );
    assert.equal(await settled(page), "ready");
    await page.waitForTimeout(300);
    assert.equal(await page.$$eval("status-widget", (els) => els.length), 1, "one banner per feed");
    assert.equal(await page.evaluate(() => window.mounted), "function");
    const wasm = log.requests.filter((u) => u.endsWith("/status-widget.wasm"));
    assert.equal(wasm.length, 1, "the .wasm is loaded once");
    assert.deepEqual(log.errors, []);
  });

  it("shares one runtime with a second copy of the module from another URL", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body>${ARTICLE}${script('data-src="/feeds/kestrel.json"')}
      <div id="slot"></div>
      <script type="module">
        import { mount } from "/dist/status-widget.mjs?copy=2";
        window.handle = await mount(document.querySelector("#slot"), { src: "/feeds/kestrel.json", mode: "timeline" });
      </script></body>`,
      { name: "two-copies" },
    );
    assert.equal(await settled(page, "body > status-widget"), "ready");
    assert.equal(await settled(page, "#slot > status-widget"), "ready");
    assert.equal(log.requests.filter((u) => u.includes("status-widget.wasm")).length, 1, "one .wasm");
    assert.ok(log.requests.some((u) => u.includes("?copy=2")), "the second copy was loaded");
    assert.deepEqual(log.errors, []);
  });

  it("lets no clobbered document.currentScript choose what runs", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><img name="currentScript" src="${OTHER_ORIGIN}/evil/status-widget.js" alt="">
      ${script('data-src="/feeds/kestrel.json"')}</body>`,
      { name: "clobbered" },
    );
    await page.waitForTimeout(500);
    assert.ok(!log.requests.some((u) => u.includes("/evil/") && u.endsWith(".mjs")), "no module from the clobbering element");
    assert.ok(warnings(log).some((w) => /cannot tell where/.test(w)), JSON.stringify(log.console));
    assert.deepEqual(log.errors, []);
  });

  it("works from a script in <head> without async, before <body> exists", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><html><head>${script('data-src="/feeds/kestrel.json" data-mode="banner"')}</head><body>${ARTICLE}</body></html>`,
      { name: "head" },
    );
    assert.equal(await settled(page), "ready");
    assert.equal(await page.$eval("status-widget", (el) => el.parentElement.tagName), "BODY");
    assert.deepEqual(log.errors, []);
  });

  it("embeds across origins: the script, the .wasm and the feed from another origin", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body>${ARTICLE}<script src="${OTHER_ORIGIN}/dist/status-widget.js" data-src="${OTHER_ORIGIN}/feeds/kestrel.json"></script></body>`,
      { name: "cross-origin" },
    );
    assert.equal(await settled(page), "ready");
    assert.ok(log.requests.some((u) => u.startsWith(OTHER_ORIGIN) && u.endsWith("status-widget.wasm")));
    assert.deepEqual(log.errors, []);
  });
});

describe("the element", () => {
  it("renders a timeline where it is placed, with events in order", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><h1>History</h1>
      <status-widget mode="timeline" src="/feeds/kestrel.json"><a href="https://status.kestrel.example">Status page</a></status-widget>
      <p id="after">After the timeline</p>
      <script>
        window.events = [];
        const el = document.querySelector("status-widget");
        for (const t of ["loadstart", "load", "error", "loadend", "status-change"])
          el.addEventListener(t, (e) => window.events.push(t));
      </script>
      ${script()}</body>`,
      { name: "element-timeline", viewport: { width: 900, height: 1400 } },
    );
    assert.equal(await settled(page), "ready");
    assert.deepEqual(await page.evaluate(() => window.events), ["loadstart", "status-change", "load", "loadend"]);
    const text = await shown(page);
    for (const title of ["Delayed deployments in eu-west", "Dashboard sign-in failures", "Billing page shows outdated invoices"])
      assert.match(text, new RegExp(title));
    assert.match(text, /Postmortem/);
    assert.match(text, /Lasted/);
    const order = await page.$eval("status-widget", (el) =>
      [...el.shadowRoot.querySelectorAll("[part=incident] > [part=title]")].map((t) => t.textContent),
    );
    // Maintenance still to come at the top, then the newest incident.
    assert.deepEqual(order.slice(0, 2), ["Managed Postgres minor version upgrade", "Delayed deployments in eu-west"]);
    const inline = await page.$eval("#after", (p) => p.getBoundingClientRect().top);
    assert.ok(inline > 600, "the timeline takes its place in the page");
    const bodyBreaks = await page.$eval("status-widget", (el) =>
      getComputedStyle(el.shadowRoot.querySelector("[part=update] [part=body]")).whiteSpace,
    );
    assert.equal(bodyBreaks, "pre-line", "line breaks of update bodies are kept");
    await screenshot(page, "element-timeline");
    assert.deepEqual(log.errors, []);
  });

  it("re-renders when its attributes change, and reloads for a new src", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><status-widget mode="timeline" src="/feeds/kestrel.json"></status-widget>${script()}</body>`,
      { name: "attributes" },
    );
    await settled(page);
    const feeds = () => log.requests.filter((u) => u.includes("/feeds/")).length;
    assert.equal(feeds(), 1);
    await page.$eval("status-widget", (el) => el.setAttribute("mode", "banner"));
    await page.waitForFunction(() => document.querySelector("status-widget").shadowRoot.querySelector("[part=banner]"));
    assert.equal(feeds(), 1, "a new mode repaints without fetching");
    await page.$eval("status-widget", (el) => el.setAttribute("src", "/feeds/maintenance.json"));
    await page.waitForFunction(() =>
      document.querySelector("status-widget").shadowRoot.textContent.includes("Edge network configuration rollout"),
    );
    assert.equal(feeds(), 2);
    assert.deepEqual(log.errors, []);
  });

  it("carries on when moved within the page, without loading again", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><div id="a"><status-widget mode="timeline" src="/feeds/kestrel.json"></status-widget></div>
      <div id="b"></div>${script()}</body>`,
      { name: "moved" },
    );
    assert.equal(await settled(page), "ready");
    const changes = await page.evaluate(async () => {
      const el = document.querySelector("status-widget");
      let changes = 0;
      el.addEventListener("status-change", () => changes++);
      document.querySelector("#b").append(el);
      await new Promise((r) => setTimeout(r, 300));
      return changes;
    });
    assert.equal(changes, 0);
    assert.equal(log.requests.filter((u) => u.includes("/feeds/")).length, 1);
    assert.match(await shown(page), /Delayed deployments/);
  });

  it("reads Statuspage v2 documents, detected automatically", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body>
      <status-widget id="b" src="/feeds/summary.json"></status-widget>
      <status-widget id="t" mode="timeline" src="/feeds/incidents.json"></status-widget>${script()}</body>`,
      { name: "statuspage" },
    );
    assert.equal(await settled(page, "#b"), "ready");
    assert.equal(await settled(page, "#t"), "ready");
    assert.match(await shown(page, "#b"), /Delayed deployments in eu-west/);
    assert.match(await shown(page, "#t"), /Dashboard sign-in failures/);
    assert.deepEqual(log.errors, []);
  });

  it("shows times in the viewer's zone and language, named, with the full time on hover", { timeout: 20000 }, async () => {
    const { page } = await open(
      browser,
      `<!doctype html><body>
      <status-widget id="tokyo" mode="timeline" src="/feeds/kestrel.json" locale="en-US" time-zone="Asia/Tokyo"></status-widget>
      <div lang="de"><status-widget id="de" mode="timeline" src="/feeds/kestrel.json"></status-widget></div>
      <status-widget id="viewer" mode="timeline" src="/feeds/kestrel.json"></status-widget>
      ${script()}</body>`,
      { name: "zones", timezoneId: "America/New_York" },
    );
    for (const id of ["#tokyo", "#de", "#viewer"]) await settled(page, id);
    const times = (sel) =>
      page.$eval(sel, (el) =>
        [...el.shadowRoot.querySelectorAll("[part=update] time")].map((t) => ({ text: t.textContent, title: t.title })),
      );
    const tokyo = await times("#tokyo");
    assert.ok(tokyo.every((t) => /GMT\+9|JST/.test(t.text)), JSON.stringify(tokyo[0]));
    assert.ok(tokyo.every((t) => /Japan Standard Time/.test(t.title)), JSON.stringify(tokyo[0]));
    const viewer = await times("#viewer");
    assert.ok(viewer.every((t) => /EST|EDT/.test(t.text)), JSON.stringify(viewer[0]));
    const de = await page.$eval(
      "#de",
      (el) => el.shadowRoot.querySelector("[part=incident]:not([data-impact=maintenance]) [part=meta] time").textContent,
    );
    assert.match(de, /^vor /, "relative time in the [lang] ancestor's language");
  });
});

describe("the mount() API", () => {
  it("mounts, refreshes and destroys, leaving nothing running", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><div id="slot"></div>
      <script type="module">
        import { mount } from "/dist/status-widget.mjs";
        window.mount = mount;
      </script></body>`,
      { name: "mount" },
    );
    await page.waitForFunction(() => typeof window.mount === "function");
    await page.evaluate(async () => {
      window.w = await window.mount(document.querySelector("#slot"), { src: "/feeds/kestrel.json", mode: "timeline" });
      window.seen = [];
      for (const t of ["loadstart", "status-change", "load", "loadend"])
        window.w.element.addEventListener(t, () => window.seen.push(t));
    });
    assert.equal(await settled(page, "#slot > status-widget"), "ready");
    assert.deepEqual(
      await page.evaluate(() => window.seen),
      ["loadstart", "status-change", "load", "loadend"],
      "listeners added right after `await mount()` see the whole first load",
    );
    const feeds = () => log.requests.filter((u) => u.includes("/feeds/kestrel.json")).length;
    assert.equal(feeds(), 1);
    await page.evaluate(() => window.w.refresh());
    assert.equal(feeds(), 2, "refresh() fetches again and resolves after it");
    await page.evaluate(() => window.w.destroy());
    assert.equal(await page.$$eval("#slot > *", (els) => els.length), 0);
    await page.waitForTimeout(300);
    assert.equal(feeds(), 2, "nothing runs after destroy()");
    const again = await page.evaluate(async () => {
      const w = await window.mount(document.querySelector("#slot"), { src: "/feeds/kestrel.json", mode: "banner", timeZone: "Europe/Paris" });
      return w.element.getAttribute("time-zone");
    });
    assert.equal(again, "Europe/Paris");
    assert.equal(await settled(page, "#slot > status-widget"), "ready");
    const misuse = await page.evaluate(() => window.mount(null, {}).then(() => "resolved", (e) => e.name));
    assert.equal(misuse, "TypeError");
    assert.deepEqual(log.errors, []);
  });

  it("destroys during a slow load without anything reaching the page", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><body><div id="slot"></div><script type="module">
        import { mount } from "/dist/status-widget.mjs";
        const w = await mount(document.querySelector("#slot"), { src: "/fault/slow?ms=1500" });
        w.destroy();
        window.done = true;
      </script></body>`,
      { name: "destroy-mid-load" },
    );
    await page.waitForFunction(() => window.done);
    await page.waitForTimeout(2000);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(warnings(log), []);
  });
});
