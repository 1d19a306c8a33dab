// Types of status-widget.mjs, the module of the `status-widget` package (its `.` export).
// Importing the module defines the <status-widget> element (once per page, whatever the number
// of copies) and exports mount() and autoMount().

/** A feed format; `auto` (the default) detects it from the document. */
export type FeedFormat = "auto" | "status-feed" | "statuspage" | "incident.io" | "instatus" | "cachet";

/** What a widget shows. */
export type Mode = "banner" | "timeline" | "badge" | "components";

/** A kind of notice. */
export type Kind = "incidents" | "maintenance";

/** The state the element reflects in its `state` attribute. */
export type State = "loading" | "ready" | "stale" | "error";

/** An overall status, or the impact of an incident (Statuspage's indicator values). */
export type Level = "none" | "minor" | "major" | "critical" | "maintenance" | "unknown";

/** Where an incident or maintenance stands. */
export type Phase =
  | "investigating"
  | "identified"
  | "update"
  | "monitoring"
  | "resolved"
  | "postmortem"
  | "scheduled"
  | "in_progress"
  | "verifying"
  | "completed"
  | "unknown";

/**
 * The page's own fetch for the feeds (to add an `Authorization` header, or to go through a
 * proxy). It is called with the feed's absolute URL and the widget's request options
 * (`credentials: "omit"`, `cache: "no-cache"` and the `signal` that aborts the request on its
 * timeout: pass it on) and must resolve to a `Response`. The browser's `fetch` is one.
 */
export type FeedFetch = (url: string, init: RequestInit) => Response | PromiseLike<Response>;

/**
 * The options of {@link mount}: the element's attributes in camelCase (`time-zone` is
 * `timeZone`). Lists may be arrays; `strings` an object. An option that is `undefined` or
 * `null` is left out.
 */
export interface MountOptions {
  /**
   * The feed: one URL, or several (whitespace-separated, or an array; at most 10), shown as
   * one, each entry labelled with its page.
   */
  src: string | readonly string[];
  /**
   * The format of the feeds: one for all, or one per source (whitespace-separated, or an
   * array, in the order of `src`). Default `auto`: detected.
   */
  format?: FeedFormat | readonly FeedFormat[] | (string & {});
  /**
   * Fetches the feeds instead of the browser's `fetch` (see {@link FeedFetch}); set as the
   * element's `fetch` property. Its answers are neither saved nor shared with other tabs.
   * Anything but a function throws a `TypeError`.
   */
  fetch?: FeedFetch | null;
  /** What to show; default `banner`. */
  mode?: Mode;
  /** The accessible name of the banner's, timeline's or component list's region. */
  label?: string;
  /** Only these components (names, ids or group names; comma-separated, or an array). */
  components?: string | readonly string[];
  /** What kinds of notice to show (comma-separated, or an array); default both. */
  kinds?: Kind | readonly Kind[] | (string & {});
  /** The timeline's history: what ended within that many days. */
  days?: number;
  /** The timeline's length, 1–1000; default 50. */
  limit?: number;
  /** A badge that shows nothing when all is well; `false` makes a banner say "All systems operational". */
  hideWhenOperational?: boolean;
  /** How far ahead (hours, 0–720) the banner announces maintenance; default 24. */
  lookahead?: number;
  /** A BCP 47 tag; default: the nearest `[lang]` ancestor, then the browser's. */
  locale?: string;
  /** An IANA time zone; default: the viewer's. */
  timeZone?: string;
  /** Your own words for any of the widget's (keys of `src/i18n/en.txt`), or that object as JSON. */
  strings?: Readonly<Record<string, string>> | string;
  /** Default `auto`: follows `prefers-color-scheme`. */
  theme?: "auto" | "light" | "dark";
  /** Where a banner goes; default `bottom`. */
  position?: "bottom" | "top" | "inline";
  /** A CSS length: how far a fixed banner stays from its edge. */
  offset?: string;
  /** A fixed banner's stacking order; default 2147483000. */
  zIndex?: number;
  /** Seconds between requests for the feed, `0` for never; default 60. */
  poll?: number;
  /** Seconds a request may take, at most 120; default 15. */
  timeout?: number;
  /** `false` turns off the banner's dismiss button. */
  dismissible?: boolean;
  /** The most a feed may weigh: bytes, or `"512k"`, `"8M"`; default 4 MiB, at most 64 MiB. */
  maxSize?: number | string;
}

/** What {@link mount} resolves to. */
export interface Handle {
  /** The `<status-widget>` it appended. */
  readonly element: StatusWidgetElement;
  /** Fetches the feed now (or joins the load in flight); resolves when that load ends. */
  refresh(): Promise<void>;
  /** Removes the widget and stops everything it started. */
  destroy(): void;
}

/** One incident or maintenance in a {@link StatusSummary}. */
export interface StatusSummaryItem {
  /** The feed's identifier. */
  id: string;
  title: string;
  impact: Level;
  status: Phase;
  /** When it last changed, ISO 8601 in UTC (`2026-11-22T16:16:00.000Z`). */
  updated_at: string;
  /** Where to read more. */
  url: string | null;
  /** The name of the page it comes from, when the widget shows several (absent otherwise). */
  page?: string;
}

/** The `detail` of `status-change`: what the widget shows now, as plain JSON. */
export interface StatusSummary {
  /** The page's name (with several feeds, their names joined by ", "). */
  page: string;
  /** The overall status (with several feeds, the worst). */
  status: Level;
  /** The page's own words for its status, if it gives them. */
  description: string | null;
  /** Active incidents, most severe first. */
  incidents: StatusSummaryItem[];
  /** Maintenance under way. */
  maintenance: StatusSummaryItem[];
}

/** The `detail` of the element's `error` event. */
export interface StatusWidgetErrorDetail {
  /**
   * Why the load failed, or why the widget could not start. With several feeds, each that failed
   * as `url: why`, joined by `; ` (the others are still shown: `state` is then `stale`).
   */
  message: string;
}

/**
 * The element's events. Like `<img>`'s, for every load: `loadstart`, then `load` or `error`,
 * then `loadend` (a load overtaken by a newer one ends with `abort` and `loadend`); none of them
 * bubbles. `status-change` bubbles (and is composed) whenever what is shown changes.
 */
export interface StatusWidgetEventMap extends Omit<HTMLElementEventMap, "error" | "abort"> {
  loadstart: Event;
  load: Event;
  error: CustomEvent<StatusWidgetErrorDetail>;
  abort: Event;
  loadend: Event;
  "status-change": CustomEvent<StatusSummary>;
}

/**
 * `<status-widget>`. Its options are attributes (`src`, `mode`, `format`, `time-zone`, …: see
 * {@link MountOptions}); it reflects its {@link State} in the `state` attribute.
 */
export interface StatusWidgetElement extends HTMLElement {
  /**
   * The page's own fetch for the feeds ({@link FeedFetch}), or `null` (the default) for the
   * browser's. Setting anything but a function, `null` or `undefined` throws a `TypeError`.
   */
  get fetch(): FeedFetch | null;
  set fetch(value: FeedFetch | null | undefined);

  /**
   * Fetches the feed again (or joins the load in flight); settles after the `loadend` that ends
   * it, or when the widget goes.
   */
  refresh(): Promise<void>;

  addEventListener<K extends keyof StatusWidgetEventMap>(
    type: K,
    listener: (this: StatusWidgetElement, event: StatusWidgetEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof StatusWidgetEventMap>(
    type: K,
    listener: (this: StatusWidgetElement, event: StatusWidgetEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * Renders a widget into `element` (it appends a `<status-widget>`); resolves to its handle
 * once the widget has started. Throws a `TypeError` if `element` is not an element; an unknown
 * option is ignored with a console warning.
 */
export function mount(element: Element, options: MountOptions): Promise<Handle>;

/**
 * Mounts a banner from a `<script>`'s `data-*` attributes (what status-widget.js does with its
 * own tag): one per feed, however often it is called. Anything but a `<script>` with `data-src`
 * is ignored.
 */
export function autoMount(script: Element | null): void;

declare global {
  interface HTMLElementTagNameMap {
    "status-widget": StatusWidgetElement;
  }
}
