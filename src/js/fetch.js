// Requests and bodies for src/web/fetch.rs: one call across the boundary for each, so that a
// body never crosses into wasm memory as text.

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
