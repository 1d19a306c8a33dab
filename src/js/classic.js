// status-widget.js: the classic script. It loads status-widget.mjs from beside itself (which
// defines <status-widget>) and, when its own tag has data-src, mounts a banner into the page.
(() => {
  // Only a real <script> says where this script is: an element named "currentScript" can
  // clobber `document.currentScript`, and must not choose the module that runs.
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) {
    console.warn("status-widget: cannot tell where status-widget.js is; import status-widget.mjs instead");
    return;
  }
  // The .wasm downloads while the module does (the module's own fetch takes it over).
  if (!customElements.get("status-widget")) {
    const preload = document.createElement("link");
    preload.rel = "preload";
    preload.as = "fetch";
    preload.crossOrigin = "anonymous";
    preload.href = new URL("status-widget.wasm", script.src).href;
    document.head.append(preload);
  }
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
})();
