// The benchmark (`cargo xtask bench`, which builds dist/ and starts the server first). Drives
// Debian's Chromium through playwright-core against the release embed and the plain-JS
// reference (`reference.js`), in the same run, and prints a table of medians. `--quick` runs
// each measure once, as the test suite's smoke; `--runs N` takes medians of N runs instead of 11.
//
// Timing, the same for both: `data` is when the feed's text is in hand (`Response.text()`
// resolves, for the reference; the last read of the body's stream, for the widget, which counts
// the bytes as they come), `work` when the renderer has put its view in the page (its `status-change`), and
// `painted` when the frame after that has been rendered (a task posted from the next animation
// frame runs once that frame's style, layout and paint are done). Times count from the page's
// first script.
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/e2e/helpers.mjs";
import { EMBED, median, open, page } from "./page.mjs";

const QUICK = process.argv.includes("--quick");
const runs = process.argv.indexOf("--runs");
const RUNS = QUICK ? 1 : runs > 0 ? Math.max(1, Number(process.argv[runs + 1]) || 11) : 11;
const CYCLES = QUICK ? 20 : 1000;
const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

// The end-to-end tests' Chromium, with a GC to call and exact heap sizes. BENCH_JS_FLAGS adds
// V8 flags, for experiments only (`--no-wasm-lazy-compilation`, say): no page can set them.
const browser = await launch([`--js-flags=--expose-gc ${process.env.BENCH_JS_FLAGS ?? ""}`, "--enable-precise-memory-info"]);
const version = browser.version();

async function measure(html, name, latency = 0) {
  const { page: p, context, until } = await open(browser, html, name, undefined, latency);
  await until(["painted"]);
  await p.waitForTimeout(100);
  const t = await p.evaluate(() => window.__t);
  await context.close();
  return t;
}

async function both(make, name, latency = 0) {
  const out = { widget: [], reference: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const who of ["widget", "reference"]) out[who].push(await measure(page(make(EMBED[who])), `${name}-${who}`, latency));
  }
  return out;
}

const rows = [];
const row = (figure, widget, reference, target, unit = "ms") =>
  rows.push({ figure, widget, reference, unit, target });

// Size: what a page downloads, compressed.
const files = ["dist/status-widget.js", "dist/status-widget.mjs", "dist/status-widget.wasm"].map((f) => readFileSync(root(f)));
const ref = readFileSync(root("bench/reference.js"));
const gzip = (bufs) => bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
const brotli = (bufs) =>
  bufs.reduce((n, b) => n + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
row("embed, gzip -9 (bytes)", gzip(files), gzip([ref]), "≤ 25,600", "B");
row("embed, brotli 11 (bytes)", brotli(files), brotli([ref]), "", "B");

// Cold start on Statuspage's summary.json: first script to banner painted.
const cold = await both((embed) => embed("/feeds/summary.json"), "cold");
const coldOf = (who) => median(cold[who].map((t) => t.painted));
row("cold start: first script → banner painted", coldOf("widget"), coldOf("reference"), "≤ 1.3× reference");
const dataOf = (who) => median(cold[who].map((t) => t.painted - t.data));
row("feed in hand → banner painted", dataOf("widget"), dataOf("reference"), "next frame");
const framesOf = (who) => Math.max(...cold[who].map((t) => t.frames));
row("frames drawn between feed in hand and banner in the DOM, most of any run (0: the next frame)", framesOf("widget"), framesOf("reference"), "0", "");
const workOf = (who) => median(cold[who].map((t) => t.work - t.data));
row("feed in hand → banner in the DOM (main-thread work)", workOf("widget"), workOf("reference"), "≤ 2 ms");
// The same over a network: every request answered 50 ms later, as from a nearby server.
const far = await both((embed) => embed("/feeds/summary.json"), "cold-50ms", 50);
const farOf = (who) => median(far[who].map((t) => t.painted));
row("cold start, every request 50 ms away: first script → banner painted", farOf("widget"), farOf("reference"), "≤ 1.3× reference");

// A repeat view: the feed answers after 1.5 s; the saved answer is painted before.
{
  const painted = [];
  const answered = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `bench-${process.pid}-${i}`;
    const src = `/fault/seq?id=${id}&steps=a,slow:1500`;
    const context = await browser.newContext();
    const first = await open(browser, page(EMBED.widget(src)), `repeat-a-${i}`, context);
    await first.until(["painted"]);
    await first.page.close();
    const again = await open(browser, page(EMBED.widget(src)), `repeat-b-${i}`, context);
    await again.until(["painted", "data"], 10000);
    const t = await again.page.evaluate(() => window.__t);
    painted.push(t.painted);
    answered.push(t.data);
    await context.close();
  }
  row("repeat view, the feed answering in 1.5 s: banner painted (reference column: when the feed answered)", median(painted), median(answered), "before the network");
}

// 1,000 incidents with six updates each, as a timeline.
const big = await both((embed) => embed("/feeds/incidents-1000.json", "timeline"), "timeline");
const frameOf = (who) => median(big[who].map((t) => t.painted - t.data));
row("1,000-incident timeline: feed in hand → first frame", frameOf("widget"), frameOf("reference"), "≤ 0.25× reference");
const longOf = (who) => median(big[who].map((t) => t.longest));
row("1,000-incident timeline: longest task (0 = none over 50 ms)", longOf("widget"), longOf("reference"), "none over 50 ms");

// A wall of vendors' statuses: 200 widgets over 25 feeds, in all four modes (two of each per
// feed), every one painted; the longest task from the first script until then.
{
  const FEEDS = 25;
  const modes = ["banner", "timeline", "badge", "components"];
  const widgets = [];
  for (let f = 0; f < FEEDS; f++) {
    for (const mode of [...modes, ...modes]) {
      widgets.push(`<status-widget src="/feeds/summary.json?wall=${f}" mode="${mode}" position="inline" poll="0"></status-widget>`);
    }
  }
  const count = `<script>
    window.__painted = 0;
    addEventListener("status-change", () => {
      if (++window.__painted === ${widgets.length}) console.debug("bench:all");
    });
  </script>`;
  const longest = [];
  for (let i = 0; i < RUNS; i++) {
    const html = page(`${count}${widgets.join("")}<script src="/dist/status-widget.js"></script>`);
    const { page: p, context, until } = await open(browser, html, `wall-${i}`);
    await until(["all"], 60000);
    await p.waitForTimeout(200);
    longest.push(await p.evaluate(() => window.__t.longest));
    await context.close();
  }
  row(`${widgets.length} widgets over ${FEEDS} feeds in four modes: longest task (0 = none over 50 ms)`, median(longest), "", "≤ 50 ms");
}

// Mount and destroy, again and again: memory comes back.
{
  const { page: p, context } = await open(
    browser,
    page(`<div id="mounts"></div><script>
      const keep = (result) => {
        for (const value of Object.values((result.instance ?? result).exports ?? {}))
          if (value instanceof WebAssembly.Memory) window.__memory = value;
        return result;
      };
      const { instantiate, instantiateStreaming } = WebAssembly;
      WebAssembly.instantiate = (...a) => instantiate(...a).then(keep);
      WebAssembly.instantiateStreaming = (...a) => instantiateStreaming(...a).then(keep);
    </script>`),
    "mounts",
  );
  const cycles = (n) =>
    p.evaluate(async (n) => {
      const { mount } = await import("/dist/status-widget.mjs");
      const target = document.getElementById("mounts");
      for (let i = 0; i < n; i++) {
        const w = await mount(target, { src: "/feeds/summary.json", poll: 0 });
        await new Promise((r) => setTimeout(r, 0));
        w.destroy();
      }
      // What a widget leaves for idle time (saving its answer) runs within half a second;
      // memory that it holds until then is not kept.
      await new Promise((r) => setTimeout(r, 1000));
    }, n);
  const sample = async () => {
    await p.evaluate(() => window.gc && window.gc());
    const heap = await p.evaluate(() => performance.memory.usedJSHeapSize);
    const wasm = await p.evaluate(() => window.__memory?.buffer.byteLength ?? 0);
    return { heap, wasm };
  };
  await cycles(Math.min(100, CYCLES));
  const before = await sample();
  await cycles(CYCLES);
  const after = await sample();
  row(`${CYCLES} mounts and destroys: JS heap growth (bytes)`, after.heap - before.heap, "", "≤ 1 MiB", "B");
  row(`${CYCLES} mounts and destroys: wasm memory growth (bytes)`, after.wasm - before.wasm, "", "≤ 1 MiB", "B");
  await context.close();
}

await browser.close();

const fmt = (v) => (typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en") : v.toFixed(1)) : v);
console.log(`\nstatus-widget benchmark: median of ${RUNS} run${RUNS > 1 ? "s" : ""}, Chromium ${version}\n`);
console.log("| figure | widget | plain-JS reference | widget ÷ reference | target |");
console.log("|---|---:|---:|---:|---|");
for (const r of rows) {
  const ratio = typeof r.widget === "number" && typeof r.reference === "number" && r.reference > 0 ? (r.widget / r.reference).toFixed(2) + "×" : "";
  const unit = r.unit === "ms" ? " ms" : "";
  console.log(`| ${r.figure} | ${fmt(r.widget)}${unit} | ${r.reference === "" ? "" : fmt(r.reference)} | ${ratio} | ${r.target} |`);
}
