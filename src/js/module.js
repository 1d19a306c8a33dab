// status-widget.mjs: defines <status-widget>, exports mount(), and auto-mounts for
// status-widget.js. `./glue.js` is wasm-bindgen's output; `cargo xtask dist` puts it beside
// this file and bundles the two into dist/status-widget.mjs. The .wasm is found beside the
// module. Every copy on a page shares the first one's runtime: including the scripts twice,
// or from two URLs, defines one element, loads one .wasm and mounts one banner per feed.

import init, { Widget } from "./glue.js";

// The sha384 of each file this module loads (`cargo xtask dist` writes them in): the browser
// refuses a file that is not the one built with this module.
const INTEGRITY = __INTEGRITY__;

// Attributes of the element, also `data-*` on the script tag and options of mount() (camelCase):
// `status_widget::config::ATTRIBUTES`, which `cargo xtask dist` writes in.
const ATTRIBUTES = __ATTRIBUTES__;

// Attributes that only place the banner: they become the custom properties the stylesheet reads
// (set through the CSSOM, which a strict `style-src` allows), checked by the browser's own parser.
const PLACEMENT = {
  // A length or percentage: `auto` would not survive the stylesheet's calc().
  offset: ["--sw-offset", (v) => CSS.supports("top", `calc(${v} + 0px)`) && v],
  "z-index": ["--sw-z-index", (v) => /^-?\d{1,10}$/.test(v.trim()) && v.trim()],
};

function place(element, name) {
  const [property, check] = PLACEMENT[name];
  const value = element.getAttribute(name);
  const valid = value != null && check(value);
  if (valid) element.style.setProperty(property, valid);
  else element.style.removeProperty(property);
  if (value != null && !valid) warn(`\`${name}\` "${value}" is not a CSS ${name === "offset" ? "length" : "integer"}; ignored`);
}

// A mount() option as an attribute value: lists joined (feeds and formats by spaces, names by
// commas), objects (strings) as JSON.
const attributeValue = (name, value) =>
  Array.isArray(value)
    ? value.join(name === "src" || name === "format" ? " " : ",")
    : typeof value === "object" ? JSON.stringify(value) : String(value);

const warn = (message) => console.warn("status-widget: " + message);
const reason = (error) => String((error && error.message) || error);

function runtime() {
  let started;
  // The words of a language other than English, fetched from beside the module the first time a
  // widget speaks it (one request per language per page; a failure may be tried again).
  const tables = new Map();
  const words = (lang) => {
    if (!tables.has(lang)) {
      const url = new URL(`./i18n/${lang}.txt`, import.meta.url);
      const integrity = INTEGRITY[`i18n/${lang}.txt`];
      // A table this module was not built with is not taken (the widget speaks English).
      const answer = integrity ? fetch(url, { integrity }) : Promise.reject(new Error("no such table"));
      const table = answer.then((r) =>
        r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)),
      );
      table.catch(() => tables.delete(lang));
      tables.set(lang, table);
    }
    return tables.get(lang);
  };
  const start = () => {
    if (!started) {
      const wasm = new URL("./status-widget.wasm", import.meta.url);
      // The same request as the classic script's preload, which it then takes over.
      started = init({ module_or_path: new Request(wasm, { integrity: INTEGRITY["status-widget.wasm"] }) });
      // The page's first Intl formatter loads the browser's locale data (10 to 20 ms on a slow
      // machine): made while the .wasm downloads, it costs the widget nothing. (The classic
      // script made it already.)
      if (globalThis.Intl) new Intl.DateTimeFormat();
    }
    return started;
  };

  // The widget could not start: the light-DOM fallback stays, the element says why, with the
  // events of a load that failed.
  function failed(element, error) {
    warn("could not start: " + reason(error));
    element.setAttribute("state", "error");
    element.dispatchEvent(new Event("loadstart"));
    element.dispatchEvent(new CustomEvent("error", { detail: { message: reason(error) } }));
    element.dispatchEvent(new Event("loadend"));
  }

  // Elements made by mount(), whose widgets are made when asked.
  const asked = new WeakSet();

  class StatusWidgetElement extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    #widget = null;
    #fetch = null;
    #clicks = false;
    #starting = null;
    // Settles the pending refresh() promises when the widget goes.
    #pending = new Set();

    connectedCallback() {
      // Moved within the page (removed and added back in one task): the widget carries on.
      if (this.#widget) return;
      // From the first moment, for hosts and tests: the widget says when it is done.
      this.setAttribute("state", "loading");
      for (const name in PLACEMENT) if (this.hasAttribute(name)) place(this, name);
      // Made in a slice of the page's time, a few per task (a page of many widgets), unless
      // mount() asked for it: its handle comes once the widget has started.
      const make = () => {
        if (this.#starting === starting && this.isConnected && !this.#widget) {
          this.#widget = new Widget(this, words);
          this.#listen();
        }
      };
      const sliced = () => new Promise((made, failure) => Widget.slice(() => {
        try {
          made(make());
        } catch (error) {
          failure(error);
        }
      }));
      const starting = start()
        .then(() => (asked.has(this) ? make() : sliced()))
        .catch((error) => failed(this, error));
      this.#starting = starting;
    }

    // The widget's buttons (`data-action`) in its shadow root; not the element's own content,
    // slotted in from the page, whose elements are not the widget's to act on.
    #listen() {
      if (this.#clicks || !this.shadowRoot) return;
      this.#clicks = true;
      this.shadowRoot.addEventListener("click", (event) => {
        const button = event.target instanceof Element && event.target.closest("button[data-action]");
        if (!button || !this.shadowRoot.contains(button)) return;
        try {
          this.#widget?.act(button.dataset.action);
          // The next notice takes the banner: the focus goes to its button, not back to the top.
          if (button.dataset.action === "dismiss" && !button.isConnected) {
            this.shadowRoot.querySelector("button[data-action=dismiss]")?.focus();
          }
        } catch (error) {
          warn("could not " + button.dataset.action + ": " + reason(error));
        }
      });
    }

    disconnectedCallback() {
      // Frameworks move elements by removing and adding them back: only an element still out of
      // the page once this task is over has gone.
      queueMicrotask(() => {
        if (this.isConnected) return;
        const widget = this.#widget;
        this.#starting = null;
        this.#widget = null;
        for (const settle of this.#pending) settle();
        this.#pending.clear();
        try {
          widget?.free();
        } catch (error) {
          warn("could not stop cleanly: " + reason(error));
        }
      });
    }

    /**
     * The page's own fetch function for the feeds, `(url, init) => Promise<Response>` (to add
     * headers, or to go through a proxy); `null` for the browser's. Its answers are neither saved
     * nor shared with other tabs.
     */
    get fetch() {
      return this.#fetch;
    }

    set fetch(value) {
      if (value != null && typeof value !== "function") throw new TypeError("status-widget: fetch is a function");
      if (value === this.#fetch) return;
      this.#fetch = value ?? null;
      try {
        this.#widget?.update();
      } catch (error) {
        warn("could not apply the new fetch function: " + reason(error));
      }
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (name in PLACEMENT) return place(this, name);
      if (!this.#widget) return;
      try {
        this.#widget.update();
      } catch (error) {
        warn("could not apply the new attributes: " + reason(error));
      }
    }

    /**
     * Fetches the feed again (or joins the load in flight); settles after the `loadend` that
     * ends it, or when the widget goes.
     */
    async refresh() {
      await this.#starting;
      const widget = this.#widget;
      if (!widget) return;
      await new Promise((resolve) => {
        const settle = () => {
          this.#pending.delete(settle);
          resolve();
        };
        this.#pending.add(settle);
        const ended = () => this.addEventListener("loadend", settle, { once: true });
        try {
          // A new load announces itself with `loadstart`; its `loadend` is the one after.
          if (widget.refresh()) this.addEventListener("loadstart", ended, { once: true });
          else ended();
        } catch (error) {
          warn("could not refresh: " + reason(error));
          settle();
        }
      });
    }
  }

  if (!customElements.get("status-widget")) {
    customElements.define("status-widget", StatusWidgetElement);
  }

  function create(attributes) {
    const element = document.createElement("status-widget");
    for (const [name, value] of attributes) element.setAttribute(name, value);
    return element;
  }

  /** Renders a widget into `target`; resolves to its handle once the widget has started. */
  async function mount(target, options = {}) {
    if (!(target instanceof Element)) {
      throw new TypeError("status-widget: mount() renders into an element");
    }
    const attributes = [];
    const { fetch: fetcher, ...rest } = options;
    if (fetcher != null && typeof fetcher !== "function") {
      throw new TypeError("status-widget: the fetch option is a function");
    }
    for (const [option, value] of Object.entries(rest)) {
      const name = option.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
      if (!ATTRIBUTES.includes(name)) warn("unknown option " + option + " ignored");
      else if (value != null) attributes.push([name, attributeValue(name, value)]);
    }
    // Started before the element is added, so that listeners added to the handle's element
    // right after `await mount()` see the first `loadstart`.
    await start().catch(() => {});
    const element = create(attributes);
    asked.add(element);
    if (fetcher) element.fetch = fetcher;
    target.append(element);
    return {
      element,
      refresh: () => element.refresh(),
      destroy: () => element.remove(),
    };
  }

  // One auto-mounted banner per feed, however often the script is included.
  const mounted = new Set();
  function autoMount(script) {
    // Only a real <script>: `document.currentScript` can be clobbered by a named element.
    const src = script instanceof HTMLScriptElement && script.getAttribute("data-src");
    if (!src) return;
    let feed = src;
    try {
      feed = new URL(src, document.baseURI).href;
    } catch {
      // Not a URL: the widget will say so; the text is the key.
    }
    if (mounted.has(feed)) return;
    mounted.add(feed);
    const attributes = ATTRIBUTES.flatMap((name) => {
      const value = script.getAttribute("data-" + name);
      return value == null ? [] : [[name, value]];
    });
    const append = () => document.body.append(create(attributes));
    if (document.body) append();
    else document.addEventListener("DOMContentLoaded", append, { once: true });
  }

  return Object.freeze({ mount, autoMount });
}

const key = Symbol.for("status-widget");
const shared = (globalThis[key] ??= runtime());

/**
 * Renders a status widget into `element`.
 * @param {Element} element where the widget goes (it appends a <status-widget>)
 * @param {{src: string | string[], format?: string | string[],
 *   fetch?: (url: string, init: RequestInit) => Promise<Response>, mode?: "banner" | "timeline" | "badge" | "components", label?: string,
 *   components?: string | string[], kinds?: string | string[], days?: number, limit?: number,
 *   hideWhenOperational?: boolean, lookahead?: number, locale?: string, timeZone?: string,
 *   strings?: Record<string, string>, theme?: "auto" | "light" | "dark",
 *   position?: "top" | "bottom" | "inline", offset?: string, zIndex?: number, poll?: number,
 *   timeout?: number, dismissible?: boolean, maxSize?: number | string}} options
 * @returns {Promise<{element: HTMLElement, refresh(): Promise<void>, destroy(): void}>}
 */
export const mount = shared.mount;

/** Mounts a banner from a script tag's data-* attributes (used by status-widget.js). */
export const autoMount = shared.autoMount;
