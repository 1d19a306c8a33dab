// status-widget.js: the classic script. It loads status-widget.mjs from beside itself (which
// defines <status-widget>) and, when its own tag has data-src, mounts a banner into the page.
//
// It also starts what the widgets will need while the module downloads: the .wasm, the feeds of
// the widgets it knows of, and the browser's locale data. The module's and the widgets' own
// requests (the same URL, mode and credentials as a `<link rel=preload crossorigin=anonymous>`)
// take over the answers under way.
(() => {
  // Only a real <script> says where this script is: an element named "currentScript" can
  // clobber `document.currentScript`, and must not choose the module that runs.
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) {
    console.warn("status-widget: cannot tell where status-widget.js is; import status-widget.mjs instead");
    return;
  }
  const first = !customElements.get("status-widget");
  import(new URL("status-widget.mjs", script.src).href).then(
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

  const preload = (url) => {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = url;
    document.head.append(link);
  };
  preload(new URL("status-widget.wasm", script.src).href);

  // The rest waits for a task of its own each, so that the requests above leave first.
  const feeds = () => {
    const urls = new Set();
    const srcs = [...document.querySelectorAll("status-widget")].map((e) => e.getAttribute("src"));
    for (const src of [script.getAttribute("data-src"), ...srcs]) {
      try {
        if (src) urls.add(new URL(src, document.baseURI).href);
      } catch {
        // Not a URL: the widget will say so.
      }
    }
    for (const url of urls) {
      // Not a feed whose server asked, in an earlier page view, to be left alone for a while.
      let held = false;
      try {
        held = localStorage.getItem("status-widget:hold:" + url) != null;
      } catch {
        // Storage is blocked: the widget cannot know of a hold either.
      }
      if (!held) preload(url);
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
