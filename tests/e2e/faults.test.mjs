// Faulty feeds and a widget that cannot start: a clear state, one console warning that says
// why, the element's fallback content, and nothing thrown into the host page.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { launch, open, screenshot, script, settled, warnings } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const FALLBACK = `<a id="fallback" href="https://status.kestrel.example">See our status page</a>`;

const page = (src, mode = "timeline") =>
  `<!doctype html><body><status-widget mode="${mode}" src="${src}">${FALLBACK}</status-widget>
  <script>
    window.events = [];
    for (const t of ["loadstart", "load", "error", "loadend"])
      document.querySelector("status-widget").addEventListener(t, (e) => window.events.push(t));
  </script>${script()}</body>`;

const visible = (p) => p.$eval("#fallback", (a) => a.getBoundingClientRect().height > 0);

describe("a feed that fails", () => {
  const cases = [
    ["/fault/500", /HTTP 500/],
    ["/fault/404", /HTTP 404/],
    ["/fault/html", /HTML page/],
    ["/fault/truncated", /not JSON/],
    ["/fault/empty", /empty/],
    ["/fault/array", /not a status feed/],
    ["/fault/not-a-feed", /not a status feed/],
    ["/fault/wrong-types", /not a status feed/],
    ["http://127.0.0.1:9/feed.json", /could not be fetched/],
  ];
  for (const [src, why] of cases) {
    it(`${src}: error state, a warning saying why, the fallback shown`, { timeout: 20000 }, async () => {
      const { page: p, log } = await open(browser, page(src), { name: "fault" });
      assert.equal(await settled(p), "error");
      assert.deepEqual(await p.evaluate(() => window.events), ["loadstart", "error", "loadend"]);
      const said = warnings(log);
      assert.equal(said.length, 1, JSON.stringify(said));
      assert.match(said[0], why);
      assert.equal(await visible(p), true, "the fallback content is visible");
      assert.deepEqual(log.errors, [], "nothing thrown into the page");
    });
  }

  it("malformed entries are skipped, counted in one warning, the rest shown", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(browser, page("/fixtures/tolerant/malformed-entries.json"), { name: "malformed" });
    assert.equal(await settled(p), "ready");
    const said = warnings(log);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0], /skipped 9 incidents, 3 updates, 4 components/);
    const text = await p.$eval("status-widget", (el) => el.shadowRoot.textContent);
    assert.match(text, /Kept/);
    assert.match(text, /Start from the first update/);
    assert.deepEqual(log.errors, []);
  });

  it("a feed nested 100,000 deep is refused before it is parsed", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(browser, page("/fault/deep"), { name: "deep" });
    assert.equal(await settled(p), "error");
    const said = warnings(log);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0], /past a limit.*nested more than 64 deep/);
    assert.equal(await visible(p), true);
    assert.deepEqual(log.errors, []);
  });

  // 4 MiB by default: refused from its Content-Length, or counted as it arrives when there is
  // none (a server that does not say) or it is the compressed size (32 MiB that travel as 32 KB
  // of gzip); `max-size` raises the limit.
  for (const [src, attributes, state, why] of [
    ["/fault/huge?kb=5000", "", "error", /larger than 4 MiB, as its Content-Length says/],
    ["/fault/huge?kb=5000&chunked=true", "", "error", /larger than 4 MiB \(/],
    ["/fault/huge?kb=32768&gzip=true", "", "error", /larger than 4 MiB \(/],
    ["/fault/huge?kb=600&chunked=true", 'max-size="512k"', "error", /larger than 512 KiB \(/],
    ["/fault/huge?kb=5000&chunked=true", 'max-size="8M"', "ready", null],
  ]) {
    it(`${src} ${attributes}: ${state}`, { timeout: 20000 }, async () => {
      const html = page(src).replace("<status-widget ", `<status-widget ${attributes} `);
      const { page: p, log } = await open(browser, html, { name: "huge" });
      assert.equal(await settled(p), state);
      const said = warnings(log);
      if (why) {
        assert.equal(said.length, 1, JSON.stringify(said));
        assert.match(said[0], why);
      } else assert.deepEqual(said, []);
      assert.deepEqual(log.errors, []);
    });
  }

  it("a slow feed is loading, with the fallback shown, then ready", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(browser, page("/fault/slow?ms=1200"), { name: "slow" });
    await p.waitForFunction(() => document.querySelector("status-widget").getAttribute("state") === "loading");
    await p.waitForTimeout(500);
    assert.equal(await visible(p), true, "the fallback content stays while the feed loads");
    assert.equal(await settled(p), "ready");
    assert.equal(await visible(p), false, "the timeline replaces it");
    assert.deepEqual(log.errors, []);
  });
});

describe("a widget that cannot start", () => {
  it("keeps its fallback when the .wasm cannot be loaded", { timeout: 20000 }, async () => {
    const { page: p, context } = await open(browser, "<!doctype html><body></body>", { name: "blank" });
    await context.route("**/status-widget.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
    const log = { errors: [], console: [] };
    p.on("pageerror", (e) => log.errors.push(e.message));
    p.on("console", (m) => log.console.push({ type: m.type(), text: m.text() }));
    await p.setContent(page("/feeds/kestrel.json"));
    assert.equal(await settled(p), "error");
    assert.equal(await visible(p), true);
    assert.ok(warnings(log).some((w) => /could not start/.test(w)), JSON.stringify(log.console));
    assert.deepEqual(log.errors, []);
    await screenshot(p, "no-wasm-fallback");
  });

  it("keeps its fallback under a CSP that forbids WebAssembly", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(browser, page("/feeds/kestrel.json"), {
      name: "csp-no-wasm",
      headers: { "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'" },
    });
    assert.equal(await settled(p), "error");
    assert.equal(await visible(p), true);
    assert.ok(warnings(log).some((w) => /could not start/.test(w)));
    assert.deepEqual(log.errors, []);
  });

  it("renders under a strict CSP that allows only itself and WebAssembly", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(
      browser,
      `<!doctype html><body><status-widget mode="timeline" src="/feeds/kestrel.json">${FALLBACK}</status-widget>${script()}</body>`,
      {
        name: "csp-strict",
        headers: {
          "Content-Security-Policy":
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'",
        },
      },
    );
    assert.equal(await settled(p), "ready");
    const violations = log.console.filter((m) => /Content Security Policy|Trusted Type/i.test(m.text));
    assert.deepEqual(violations, []);
    assert.deepEqual(log.errors, []);
  });
});
