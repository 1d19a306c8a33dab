// status-widget.js: the classic script. It loads status-widget.mjs from beside itself (which
// defines <status-widget>) and, when its own tag has data-src, mounts a banner into the page.
(() => {
  const script = document.currentScript;
  const base = (script && script.src) || document.baseURI;
  import(new URL("status-widget.mjs", base).href).then(
    (widget) => widget.autoMount(script),
    (error) => {
      // The fallback content inside <status-widget> elements stays visible.
      console.warn("status-widget: could not load status-widget.mjs: " + error);
      for (const element of document.querySelectorAll("status-widget")) {
        element.setAttribute("state", "error");
      }
    },
  );
})();
