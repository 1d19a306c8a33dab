// The benchmark's pages, shared by `run.mjs` (the bench) and `ab.mjs` (two builds compared):
// the probe that times them, the two embeds, a page opened in a fresh context, and the median.
import { BASE } from "../tests/e2e/helpers.mjs";

/**
 * Instruments the page before anything runs: the three instants, the frames the page drew
 * between the feed in hand and the view in the DOM (0: the view is in the next frame), and the
 * longest task.
 */
const PROBE = `
  window.__t = { longest: 0, frames: 0 };
  const frames = () => requestAnimationFrame(() => {
    if (__t.work != null) return;
    __t.frames += 1;
    frames();
  });
  // Each instant once, told through the console: the harness waits on it without running any
  // script of its own in the page (playwright's polling would run inside the frames measured).
  const mark = (name) => {
    if (__t[name] != null) return;
    __t[name] = performance.now();
    console.debug("bench:" + name);
    if (name === "data") frames();
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) __t.longest = Math.max(__t.longest, e.duration);
  }).observe({ type: "longtask", buffered: true });
  const feed = (response) => response.url.includes("/feeds/") || response.url.includes("/fault/");
  const text = Response.prototype.text;
  Response.prototype.text = function () {
    const answer = text.call(this);
    if (feed(this)) answer.then(() => mark("data"));
    return answer;
  };
  // A feed's body read as a stream: its reader's last read.
  const streams = new WeakSet(), readers = new WeakSet();
  const body = Object.getOwnPropertyDescriptor(Response.prototype, "body");
  Object.defineProperty(Response.prototype, "body", { ...body, get() {
    const stream = body.get.call(this);
    if (stream && feed(this)) streams.add(stream);
    return stream;
  } });
  const getReader = ReadableStream.prototype.getReader;
  ReadableStream.prototype.getReader = function (...args) {
    const reader = getReader.apply(this, args);
    if (streams.has(this)) readers.add(reader);
    return reader;
  };
  const read = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function () {
    const chunk = read.call(this);
    if (readers.has(this)) chunk.then((c) => { if (c.done) mark("data"); });
    return chunk;
  };
  addEventListener("status-change", () => {
    if (__t.work != null) return;
    mark("work");
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => mark("painted");
      channel.port2.postMessage(0);
    });
  });
`;

/** The median of the finite `values`; `undefined` when there is none. */
export const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script>${PROBE}</script></head><body>${body}</body></html>`;

export const EMBED = {
  // `dist`: where the build is served (`ab.mjs` compares two copies).
  widget: (src, mode = "banner", dist = "/dist") => `<status-widget src="${src}" mode="${mode}" poll="0"></status-widget><script src="${dist}/status-widget.js"></script>`,
  reference: (src, mode = "banner") => `<script src="/bench/reference.js" data-src="${src}" data-mode="${mode}"></script>`,
};

/**
 * Listens to the page's console. The function returned, `until(names, timeout)`, resolves once
 * the probe has marked every one of `names`.
 */
function marks(p) {
  const seen = new Set();
  let wake = () => {};
  p.on("console", (message) => {
    if (!message.text().startsWith("bench:")) return;
    seen.add(message.text().slice("bench:".length));
    wake();
  });
  return (names, timeout = 30000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not marked within ${timeout} ms: ${names}`)), timeout);
      wake = () => {
        if (!names.every((name) => seen.has(name))) return;
        clearTimeout(timer);
        resolve();
      };
      wake();
    });
}

/**
 * Opens `html` at BASE/bench/page-<name>.html in `browser`, in a fresh context (cold caches, no storage); with
 * `latency`, every request takes that many ms more to answer, as over a real network. Returns
 * the page, its context and its `until` (`marks`).
 */
export async function open(browser, html, name, context, latency = 0) {
  context ??= await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  const until = marks(p);
  if (latency) {
    const cdp = await context.newCDPSession(p);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  }
  const url = `${BASE}/bench/page-${name}.html`;
  await p.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await p.goto(url);
  // page.route turns the HTTP cache off for the page; the widget's own requests must not be.
  await p.unroute(url);
  return { page: p, context, until };
}
