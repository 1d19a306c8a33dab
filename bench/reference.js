// The benchmark's plain-JavaScript reference: what a careful hand-written embed would do with the
// same feeds, and nothing more. `JSON.parse`, then `createElement` and `textContent` into an open
// shadow root with one constructed stylesheet; dates through `Intl`. No framework, no polling, no
// cache, no languages: it renders the banner (the most severe active incident) or the whole
// timeline, eagerly. It reads Statuspage v2 JSON, which is what the benchmark feeds it.
//
// <script src="reference.js" data-src="/feeds/summary.json" data-mode="banner"></script>
// renders into a <div> appended to <body>; `window.reference.render(host, text, mode)` renders
// feed text already in hand.
(() => {
  const SEVERITY = { critical: 4, major: 3, minor: 2, none: 1, maintenance: 0 };
  const CLOSED = new Set(["resolved", "postmortem", "completed"]);
  const CSS = `
    .banner{position:fixed;left:1em;bottom:1em;max-width:30em;display:flex;gap:.75em;padding:.875em 1em;
      background:#fff;color:#1d2433;border:1px solid #d0d5dd;border-left:.375em solid #b93815;border-radius:.5em;
      font:14px/1.5 system-ui,sans-serif;box-shadow:0 .5em 1.5em rgb(0 0 0/.18)}
    .timeline{font:14px/1.5 system-ui,sans-serif;color:#1d2433}
    .impact{font-size:.8em;font-weight:600;border:1px solid;border-radius:1em;padding:0 .5em;height:fit-content}
    .title{font-weight:650}.meta{color:#4b5565;font-size:.875em}.body{white-space:pre-line}
    ol{list-style:none;margin:0;padding:0}.incident{padding:1em;border-left:.25em solid #b93815}`;
  let sheet;
  const date = new Intl.DateTimeFormat(undefined, {
    month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short",
  });

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function time(iso) {
    const t = el("time", "time", date.format(new Date(iso)));
    t.dateTime = iso;
    return t;
  }

  function banner(feed) {
    const active = (feed.incidents || []).filter((i) => !CLOSED.has(i.status));
    if (!active.length) return null;
    active.sort(
      (a, b) => (SEVERITY[b.impact] ?? 2) - (SEVERITY[a.impact] ?? 2) || Date.parse(b.updated_at) - Date.parse(a.updated_at),
    );
    const incident = active[0];
    const latest = (incident.incident_updates || [])[0];
    const box = el("section", "banner");
    box.setAttribute("aria-label", "Service status: " + feed.page.name);
    const content = el("div", "content");
    content.append(el("strong", "title", incident.name));
    if (latest) {
      const message = el("p", "message");
      message.append(el("strong", "status", latest.status), " ", el("span", "body", latest.body.slice(0, 180)));
      content.append(message);
    }
    const meta = el("p", "meta");
    meta.append(time(incident.updated_at));
    content.append(meta);
    box.append(el("span", "impact", incident.impact), content);
    return box;
  }

  function timeline(feed) {
    const section = el("section", "timeline");
    const list = el("ol", "incidents");
    for (const incident of feed.incidents || []) {
      const item = el("li", "incident");
      const meta = el("p", "meta");
      meta.append(el("span", "impact", incident.impact), " · ", time(incident.started_at || incident.created_at));
      const updates = el("ol", "updates");
      for (const update of incident.incident_updates || []) {
        const u = el("li", "update");
        u.append(el("strong", "status", update.status), " ", time(update.display_at || update.created_at), el("p", "body", update.body));
        updates.append(u);
      }
      item.append(el("h3", "title", incident.name), meta, updates);
      list.append(item);
    }
    section.append(list);
    return section;
  }

  function render(host, text, mode) {
    const feed = JSON.parse(text);
    const root = host.shadowRoot || host.attachShadow({ mode: "open" });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
    const view = mode === "timeline" ? timeline(feed) : banner(feed);
    root.replaceChildren(...(view ? [view] : []));
    host.dispatchEvent(new CustomEvent("status-change", { bubbles: true, composed: true }));
  }

  window.reference = { render };

  const script = document.currentScript;
  const src = script && script.dataset.src;
  if (src) {
    const host = document.createElement("div");
    document.body.append(host);
    fetch(src, { cache: "no-cache", credentials: "omit" })
      .then((response) => response.text())
      .then((text) => render(host, text, script.dataset.mode));
  }
})();
