// The browser shell's JavaScript: the functions `src/web/` binds with
// `#[wasm_bindgen(module = "/src/js/shell.js")]`, one section per Rust module. Each does one
// thing with a browser API and decides nothing; esbuild bundles it into status-widget.mjs.
// (One file: the headless test runner stalls now and then on a page importing many modules.)

// ---- web (mod.rs): a task of its own, and idle time that a page going away does not lose ----

/** Calls `task` (called once) when the page is idle, or as it is hidden or left, if sooner. */
export function idle(task) {
  const run = () => {
    removeEventListener("pagehide", run);
    document.removeEventListener("visibilitychange", run);
    const once = task;
    task = null;
    once?.();
  };
  addEventListener("pagehide", run);
  document.addEventListener("visibilitychange", run);
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run);
}

/** Calls `task` in a 0 ms timer. */
export function timer(task) {
  setTimeout(task);
}

// The page's work in slices of a few milliseconds, each in a task of its own, first come first
// served: a wall of two hundred widgets, made or told of their feeds, never holds the page, and
// one widget is made or painted at once. The next task is a message to ourselves, not a timer,
// which a page in the background or a busy one would put off.
const SLICE_MS = 8;
const sliced = [];
let sliceEnd = 0;
let tasks;

function within() {
  if (!sliceEnd) {
    sliceEnd = performance.now() + SLICE_MS;
    if (!tasks) {
      tasks = new MessageChannel();
      tasks.port1.onmessage = () => {
        sliceEnd = 0;
        while (sliced.length && within()) sliced.shift()();
      };
    }
    tasks.port2.postMessage(0);
  }
  return performance.now() < sliceEnd;
}

/** Calls `task` now if this task's slice has time left and nothing waits, else after those that do. */
export function slice(task) {
  if (!sliced.length && within()) return task();
  sliced.push(task);
}

// ---- web::fetch: one call across the boundary per request, per field and per body, so that a
// body never crosses into wasm memory as text ----

/** `value[key]` of an object that is no array; `undefined` for `null` and for anything else. */
export function field(value, key) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const found = value[key];
  return found === null ? undefined : found;
}

/** The `[key, value]` pairs of the JSON object in `text`, or `undefined` for anything else. */
export function entries(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return Object.entries(value);
}

const EARLY = Symbol.for("status-widget.early");

// Sends the request for `url` (without credentials, revalidated through the HTTP cache), or, for
// a source's `first` load, takes over the same request the classic script started early for it
// (src/js/classic.js), or through `custom`, the page's own fetch function. `undefined` when `url`
// cannot be fetched.
function send(url, first, custom) {
  const early = globalThis[EARLY];
  const request = first && early instanceof Map ? early.get(url) : undefined;
  if (request && !request.taken) {
    request.taken = true;
    return { controller: request.controller, answer: request.answer, age: performance.now() - request.at };
  }
  const controller = new AbortController();
  const options = { credentials: "omit", cache: "no-cache", signal: controller.signal };
  let made;
  try {
    made = new Request(url, options);
  } catch {
    return undefined;
  }
  if (custom) {
    // The page's own fetch: given the URL and our options, to add its headers or credentials or
    // to go through its proxy; it must resolve to a Response.
    const answer = Promise.resolve()
      .then(() => custom(made.url, options))
      .then((response) =>
        response instanceof Response
          ? response
          : Promise.reject(new TypeError("the fetch function did not resolve to a Response")),
      );
    return { controller, answer, age: 0 };
  }
  return { controller, answer: fetch(made), age: 0 };
}

// Counts the nesting of JSON text given in pieces; false once it is past `max`.
function nesting(max) {
  let depth = 0;
  let string = false;
  let escaped = false;
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (string) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) string = false;
      } else if (c === 34) string = true;
      else if (c === 91 || c === 123) {
        if (++depth > max) return false;
      } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
    }
    return true;
  };
}

// The body of `response` as text, its nesting counted as it arrives; past `max` bytes, its
// `Content-Length` negated, or the number of bytes it had reached as it was read; nested past
// `depth`, `null`.
async function body(response, max, depth) {
  const declared = Number(response.headers.get("content-length"));
  if (declared > max) {
    response.body?.cancel().catch(() => {});
    return -declared;
  }
  const within = nesting(depth);
  if (!response.body) {
    const text = await response.text();
    return within(text) ? text : null;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      return size;
    }
    const text = decoder.decode(value, { stream: true });
    if (!within(text)) {
      reader.cancel().catch(() => {});
      return null;
    }
    parts.push(text);
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * Sends the request for `url` (see `send`), given up after `timeout` ms counted from when it
 * left, its body read up to `max` bytes and `depth` levels of nesting. `undefined` when `url`
 * cannot be fetched; else its abort controller and the promise of how it went, one of
 * `["body", text, cacheControl]`, `["status", status, statusText, retryAfter]`,
 * `["failed", message]` (the page's own fetch function's message, else null), `["timeout"]`,
 * `["large", bytes]` (negative: as its Content-Length said), `["deep"]`, `["cut"]` (the response
 * ended before its body was read).
 */
export function request(url, first, custom, timeout, max, depth) {
  const sent = send(url, first, custom);
  if (!sent) return undefined;
  const { controller } = sent;
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    controller.abort();
  }, Math.max(0, timeout - sent.age));
  const outcome = async () => {
    let response;
    try {
      response = await sent.answer;
    } catch (error) {
      return ["failed", custom ? String(error?.message ?? error) : null];
    }
    if (!response.ok) {
      const header = response.headers.get("retry-after");
      return ["status", response.status, response.statusText, header];
    }
    const cacheControl = response.headers.get("cache-control");
    let text;
    try {
      text = await body(response, max, depth);
    } catch {
      return ["cut"];
    }
    if (text === null) return ["deep"];
    if (typeof text === "number") return ["large", text];
    return ["body", text, cacheControl];
  };
  const answer = outcome().then((result) => {
    clearTimeout(timer);
    return late ? ["timeout"] : result;
  });
  return { controller, answer };
}

/**
 * `text` parsed by the browser, or why not: `["ok", value]`, `["empty"]`, `["html"]` (an error page),
 * `["deep"]` (nested past `depth` levels, counted here unless `counted` already, as
 * `feed::nested_within` counts), or `["json", message]`.
 */
export function parse(text, counted, depth) {
  const start = text.trimStart();
  if (!start) return ["empty"];
  if (start.startsWith("<")) return ["html"];
  if (!counted && !nesting(depth)(text)) return ["deep"];
  try {
    return ["ok", JSON.parse(text)];
  } catch (error) {
    return ["json", String(error?.message ?? error)];
  }
}

// ---- web::dom: a view tree written flat (opcodes and one string of its texts) built in one
// call; feed text becomes text nodes and attribute values set with setAttribute, nothing else ----

const OPEN = 0;
const ATTR = 1;
const TEXT = 2;

// What each <details> was drawn as, to tell what the reader opened or folded since.
const drawn = new WeakMap();

// A <details> found again after a repaint: its summary, under the title of its incident.
function key(details) {
  const incident = details.parentElement.closest("[part=incident]");
  const title = incident ? incident.querySelector("[part=title]")?.textContent + "\n" : "";
  return title + (details.querySelector("summary")?.textContent ?? "");
}

function folds(root) {
  const changed = [...root.querySelectorAll("details")].filter((d) => d.open !== drawn.get(d));
  return new Map(changed.map((d) => [key(d), d.open]));
}

function refold(root, folds) {
  for (const d of root.querySelectorAll("details")) {
    drawn.set(d, d.open);
    const open = folds.get(key(d));
    if (open !== undefined) d.open = open;
  }
}

function build(doc, ops, text) {
  const made = doc.createDocumentFragment();
  const open = [made];
  let i = 0;
  let at = 0;
  const take = () => text.slice(at, (at += ops[i++]));
  while (i < ops.length) {
    const op = ops[i++];
    const parent = open[open.length - 1];
    if (op === OPEN) open.push(parent.appendChild(doc.createElement(take())));
    else if (op === ATTR) parent.setAttribute(take(), take());
    else if (op === TEXT) parent.append(take());
    else open.pop();
  }
  return made;
}

function speak(el, lang, dir) {
  el.setAttribute("lang", lang);
  el.setAttribute("dir", dir);
}

/** The widget's live region, first in `root`, visually hidden. */
export function announcer(root) {
  const region = root.ownerDocument.createElement("div");
  region.setAttribute("class", "announcer");
  region.setAttribute("part", "announcer");
  region.setAttribute("aria-live", "polite");
  root.replaceChildren(region);
  return region;
}

/**
 * Replaces what `root` shows after its live region with what `ops` and `text` describe, its
 * first element in `lang` written `dir`. A <details> the reader opened or folded stays so.
 */
export function show(root, region, ops, text, lang, dir) {
  const was = folds(root);
  const made = build(root.ownerDocument, ops, text);
  const view = made.firstElementChild;
  if (view) {
    speak(view, lang, dir);
    refold(view, was);
  }
  while (root.lastChild && root.lastChild !== region) root.lastChild.remove();
  if (!region.parentNode) root.prepend(region);
  root.append(made);
}

/** Makes `region` say what `ops` and `text` describe, `live` being its `aria-live`. */
export function say(region, ops, text, live, lang, dir) {
  region.setAttribute("aria-live", live);
  speak(region, lang, dir);
  region.replaceChildren(build(region.ownerDocument, ops, text));
}

// ---- web::intl: dates, times, durations and counts through the browser's own Intl (no tables
// shipped); building the formatters is the slow part, so a widget builds them once ----

const date = (year, zone) => ({
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
  ...(year && { year: "numeric" }),
  ...zone,
});

/**
 * The formatters of one widget, for `locale` (undefined: the browser's) and `timeZone`
 * (undefined: the viewer's); throws a RangeError for a locale or zone the browser does not know.
 */
export function formatters(locale, timeZone) {
  const zone = timeZone === undefined ? {} : { timeZone };
  const short = new Intl.DateTimeFormat(locale, date(false, zone));
  const long = new Intl.DateTimeFormat(locale, date(true, zone));
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "full", ...zone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  // Made on first use: most views show no duration, and it is the slowest to make.
  let duration;
  return {
    locale: () => short.resolvedOptions().locale,
    absolute: (ms, far) => (far ? long : short).format(ms),
    full: (ms) => full.format(ms),
    relative: (value, unit) => relative.format(value, unit),
    // Newer than the rest of Intl: undefined where the browser lacks it.
    duration(days, hours, minutes) {
      if (duration === undefined) {
        try {
          duration = new Intl.DurationFormat(locale, { style: "short" });
        } catch {
          duration = null;
        }
      }
      return duration?.format({ days, hours, minutes });
    },
    number: (n) => number.format(n),
    plural: (n) => plural.select(n),
  };
}

// ---- web::share: the BroadcastChannel on which the tabs tell each other what they fetched,
// and the Web Lock that elects the tab polling a feed for all ----

/**
 * Joins the channel `name`: `heard` receives what other tabs post. Returns the channel, or
 * undefined where the browser has none (or refuses one, as in an opaque origin).
 */
export function join(name, heard) {
  let channel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    return undefined;
  }
  channel.onmessage = (event) => heard(event.data);
  return channel;
}

/**
 * Asks for the lock `name`: `settled(true)` once this tab holds it, `settled(false)` if the
 * browser refuses it later. Returns the function that gives it up (releases it, or withdraws the
 * request), or undefined where the browser has no Web Locks or refuses at once.
 */
export function claim(name, settled) {
  const locks = globalThis.navigator?.locks;
  if (typeof locks?.request !== "function") return undefined;
  const withdraw = new AbortController();
  let release;
  let given = false;
  const held = new Promise((resolve) => (release = resolve));
  const granted = () => {
    // Given up meanwhile: let go at once.
    if (given) return undefined;
    settled(true);
    return held;
  };
  try {
    locks.request(name, { signal: withdraw.signal }, granted).catch(() => {
      // Withdrawn, or released, is our own doing; anything else is not.
      if (!given) settled(false);
    });
  } catch {
    return undefined;
  }
  return () => {
    given = true;
    release();
    withdraw.abort();
  };
}

// ---- web::store: the page's localStorage. It is the host's: every value is "<ms>\n<value>",
// and storage that is full, blocked or missing keeps nothing of ours rather than failing ----

function storage() {
  try {
    // Blocked storage (sandboxed frames, some privacy settings) throws.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Removes `key`. */
export function remove(key) {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** The instant and the value saved under `key`, as `[ms, value]`; anything else there goes. */
export function read(key) {
  let value = null;
  try {
    value = storage()?.getItem(key) ?? null;
  } catch {
    return undefined;
  }
  if (value === null) return undefined;
  const newline = value.indexOf("\n");
  const at = newline < 0 ? NaN : Number(value.slice(0, newline));
  if (Number.isSafeInteger(at)) return [at, value.slice(newline + 1)];
  remove(key);
  return undefined;
}

/**
 * Writes `value`, of the instant `at` (ms), under `key`, first removing the oldest keys that
 * start with `prefix` so that at most `max` remain with it.
 */
export function write(prefix, key, at, value, max) {
  const store = storage();
  if (!store) return;
  const ours = [];
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (name?.startsWith(prefix) && name !== key) ours.push([read(name)?.[0] ?? 0, name]);
  }
  ours.sort((a, b) => b[0] - a[0]);
  for (const [, name] of ours.slice(Math.max(0, max - 1))) remove(name);
  try {
    store.setItem(key, `${at}\n${value}`);
  } catch {
    remove(key);
  }
}

// ---- web::ticker: one interval for every widget on the page, running only while some widget
// listens to it ----

const PERIOD_MS = 60000;
const ticks = new Set();
let interval = null;

function tick() {
  // A copy: a widget may go, or come, meanwhile.
  for (const listener of [...ticks]) listener();
}

/** Calls `listener` once a minute until the function returned is called. */
export function listen(listener) {
  ticks.add(listener);
  interval ??= setInterval(tick, PERIOD_MS);
  return () => {
    ticks.delete(listener);
    if (ticks.size === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

/** How many listen, and whether the interval runs (for the tests). */
export function census() {
  return [ticks.size, interval !== null];
}

/** Tells every widget the time now, as the minute's tick does (for the tests). */
export function tickNow() {
  tick();
}
