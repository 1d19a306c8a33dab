// Interleaved A/B of the cold start, for judging one change: on this machine two runs of the
// bench differ by more than most changes do, so the builds are compared page by page instead.
//
//   cp -r dist bench/ab-a   # before (the folders are ignored by git: remove them after)
//   cp -r dist bench/ab-b   # after, built from the change
//   cargo xtask serve --port 8091 &
//   STATUS_WIDGET_URL=http://127.0.0.1:8091 node bench/ab.mjs 41
//
// Loads the bench's cold-start page (its probe, a Statuspage `summary.json`) for each build in
// turn, N times (21 unless told), and prints the medians of the probe's instants. AB="b a"
// changes the order, LATENCY=50 puts every request 50 ms away.
import { readFileSync } from "node:fs";
import { BASE, launch } from "../tests/e2e/helpers.mjs";

const source = readFileSync(new URL("run.mjs", import.meta.url), "utf8");
const PROBE = source.match(/const PROBE = `([\s\S]*?)`;/)[1];
const N = Math.min(Math.max(Number(process.argv[2]) || 21, 1), 200);
const FEED = "/feeds/summary.json";
const builds = (process.env.AB ?? "a b").split(" ");
const latency = Number(process.env.LATENCY ?? 0);

const browser = await launch(["--js-flags=--expose-gc"]);
const seen = Object.fromEntries(builds.map((b) => [b, []]));
for (let i = 0; i < N; i++) {
  for (const build of builds) {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script>${PROBE}</script></head><body><status-widget src="${FEED}" mode="banner" poll="0"></status-widget><script src="/bench/ab-${build}/status-widget.js"></script></body></html>`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (latency > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency, downloadThroughput: -1, uploadThroughput: -1,
      });
    }
    let done;
    const painted = new Promise((resolve) => (done = resolve));
    page.on("console", (m) => m.text() === "bench:painted" && done());
    const url = `${BASE}/bench/ab-${build}-${i}.html`;
    await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(url);
    await Promise.race([painted, new Promise((resolve) => setTimeout(resolve, 10000))]);
    seen[build].push(await page.evaluate(() => window.__t));
    await context.close();
  }
}
await browser.close();

const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)].toFixed(1) : "-";
};
for (const build of builds) {
  const t = seen[build];
  console.log(
    `${build}: painted ${median(t.map((x) => x.painted))} ms,`,
    `data ${median(t.map((x) => x.data))},`,
    `data→work ${median(t.map((x) => x.work - x.data))},`,
    `work→painted ${median(t.map((x) => x.painted - x.work))}`,
  );
}
