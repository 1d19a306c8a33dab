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
import { launch } from "../tests/e2e/helpers.mjs";
import { EMBED, median, open, page } from "./page.mjs";

const N = Math.min(Math.max(Number(process.argv[2]) || 21, 1), 200);
const builds = (process.env.AB ?? "a b").split(" ");
const latency = Number(process.env.LATENCY ?? 0);

const browser = await launch(["--js-flags=--expose-gc"]);
const seen = Object.fromEntries(builds.map((build) => [build, []]));
for (let i = 0; i < N; i++) {
  for (const build of builds) {
    const html = page(EMBED.widget("/feeds/summary.json", "banner", `/bench/ab-${build}`));
    const { page: p, context, until } = await open(browser, html, `ab-${build}-${i}`, undefined, latency);
    await until(["painted"], 10000).catch(() => {});
    seen[build].push(await p.evaluate(() => window.__t));
    await context.close();
  }
}
await browser.close();

// A page that never painted (its run timed out) counts for nothing.
const ms = (values) => median(values)?.toFixed(1) ?? "-";
for (const build of builds) {
  const t = seen[build];
  console.log(
    `${build}: painted ${ms(t.map((x) => x.painted))} ms,`,
    `data ${ms(t.map((x) => x.data))},`,
    `data→work ${ms(t.map((x) => x.work - x.data))},`,
    `work→painted ${ms(t.map((x) => x.painted - x.work))}`,
  );
}
