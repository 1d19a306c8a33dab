// status-widget.js: the classic script. It loads status-widget.mjs from beside itself (which
// defines <status-widget>) and, when its own tag has data-src, mounts a banner into the page.
//
// The module and the .wasm are loaded with the sha384 that `cargo xtask dist` wrote into this
// script (and the module holds the .wasm's and the language tables'): a page that pins this
// script with `integrity` pins every file of the embed.
//
// It also starts what the widgets will need while the module downloads: the .wasm, the feeds of
// the widgets it knows of, and the browser's locale data. The module and the widgets take over
// the requests under way (the .wasm's is a preload with the module's own request; a feed's is
// the widget's own request, handed over).
(() => {
  const INTEGRITY = __INTEGRITY__;
  // Only a real <script> says where this script is: an element named "currentScript" can
  // clobber `document.currentScript`, and must not choose the module that runs.
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) {
    console.warn("status-widget: cannot tell where status-widget.js is; import status-widget.mjs instead");
    return;
  }
  const first = !customElements.get("status-widget");
  const link = (rel, url, integrity) => {
    const element = document.createElement("link");
    element.rel = rel;
    if (rel === "preload") element.as = "fetch";
    element.crossOrigin = "anonymous";
    if (integrity) element.integrity = integrity;
    element.href = url;
    document.head.append(element);
  };
  const module = new URL("status-widget.mjs", script.src).href;
  // import() has no integrity of its own: it takes the module that the preload fetched and
  // checked, or fails with it. (Every copy does this: a second copy from another URL imports
  // its own module, which must be checked too.) A page that pinned this script is not given a
  // module unchecked by a browser without modulepreload.
  const checked = document.createElement("link").relList.supports?.("modulepreload");
  link("modulepreload", module, INTEGRITY["status-widget.mjs"]);
  const imported = checked || !script.integrity
    ? import(module)
    : Promise.reject(new Error("this browser cannot check the module's integrity"));
  imported.then(
    (widget) => widget.autoMount(script),
    (error) => {
      console.warn("status-widget: could not load status-widget.mjs: " + error);
      // Elements that no copy of the widget defines cannot start: their fallback content stays,
      // and they say so. (If another copy loaded, its elements carry on.)
      if (customElements.get("status-widget")) return;
      for (const element of document.querySelectorAll("status-widget")) {
        element.setAttribute("state", "error");
        element.dispatchEvent(new Event("loadstart"));
        element.dispatchEvent(new CustomEvent("error", { detail: { message: String(error) } }));
        element.dispatchEvent(new Event("loadend"));
      }
    },
  );
  if (!first) return;
  // Chromium checks no integrity on a preload `as=fetch` (and warns of one): the module's own
  // request for the .wasm, which has it, takes the answer over and checks it.
  link("preload", new URL("status-widget.wasm", script.src).href);

  // The rest waits for a task of its own each, so that the requests above leave first.
  const feeds = () => {
    const urls = new Set();
    const srcs = [...document.querySelectorAll("status-widget")].map((e) => e.getAttribute("src"));
    // `src` lists one feed or several, separated by white space.
    for (const src of [script.getAttribute("data-src"), ...srcs].flatMap((s) => s?.split(/\s+/) ?? [])) {
      try {
        if (src) urls.add(new URL(src, document.baseURI).href);
      } catch {
        // Not a URL: the widget will say so.
      }
    }
    // A source takes a request over (`send` in src/web/fetch.rs) on its first load, when it
    // would send the same one: no credentials, revalidated through the HTTP cache. One early
    // request per URL per page: a URL stays in the map once taken.
    const early = (globalThis[Symbol.for("status-widget.early")] ??= new Map());
    for (const url of urls) {
      // Not a feed whose server asked, in an earlier page view, to be left alone for a while
      // (the hold is "<until, ms>\n").
      let held = false;
      try {
        held = parseInt(localStorage.getItem("status-widget:hold:" + url)) > Date.now();
      } catch {
        // Storage is blocked: the widget cannot know of a hold either.
      }
      if (held || early.has(url)) continue;
      const controller = new AbortController();
      const answer = fetch(url, { credentials: "omit", cache: "no-cache", signal: controller.signal });
      // Handled by the widget that takes it; unhandled here, a failure would reach the console.
      answer.catch(() => {});
      const request = { answer, controller, at: performance.now(), taken: false };
      early.set(url, request);
      // A request no widget takes (its src changed meanwhile) is given up.
      setTimeout(() => {
        if (request.taken) return;
        request.taken = true;
        controller.abort();
      }, 30000);
    }
  };
  // The page's first Intl formatter loads the browser's locale data: 10 to 20 ms on a slow
  // machine, which the widget would otherwise spend once its .wasm is here.
  const locales = () => globalThis.Intl && new Intl.DateTimeFormat();
  setTimeout(() => {
    feeds();
    setTimeout(locales);
  });
})();
