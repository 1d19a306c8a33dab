// The status-widget package in a Vite app: a banner for what is happening now and a timeline
// of incidents, from one feed. The feed is the page's `?feed=` parameter, else VITE_STATUS_FEED
// (an environment variable at build time), else the sample feed of `cargo xtask serve`; the
// language is `?locale=`, else the page's `lang`.
import { mount, type Handle, type StatusSummary } from "status-widget";

const params = new URLSearchParams(location.search);
const feed =
  params.get("feed") ?? import.meta.env.VITE_STATUS_FEED ?? "http://127.0.0.1:8080/feeds/kestrel.json";
const locale = params.get("locale") ?? undefined;

function slot(selector: string): Element {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no ${selector} in the page`);
  return element;
}

async function main(): Promise<Handle[]> {
  const [banner, timeline] = await Promise.all([
    mount(slot("#banner"), { src: feed, mode: "banner", locale, poll: 60 }),
    mount(slot("#timeline"), { src: feed, mode: "timeline", locale, limit: 10, days: 90 }),
  ]);

  // `status-change` bubbles, with what the widget shows as plain JSON.
  banner.element.addEventListener("status-change", (event) => {
    const summary: StatusSummary = event.detail;
    slot("#overall").textContent = summary.description ?? summary.status;
  });
  // A failed load says why in `detail.message` (and `state` becomes "error", or "stale" with the
  // last good answer still shown).
  timeline.element.addEventListener("error", (event) => {
    console.warn(`the status feed could not be loaded: ${event.detail.message}`);
  });
  return [banner, timeline];
}

main().catch((error: unknown) => console.error(error));
