// The whole product surface, as a host sees it: every mode, the filters, themes, banner
// positions (with no layout shift), the host's CSS kept out and ours kept in, languages and
// right-to-left, time zones, keyboard use, reduced motion, forced colours, and a strict CSP with
// Trusted Types for every mode.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, open, screenshot, script, settled, shown, warnings } from "./helpers.mjs";

const FEED = "/feeds/kestrel.json";
const OPERATIONAL = "/feeds/operational.json";
const page = (body, lang = "en") =>
  `<!doctype html><html lang="${lang}"><head><title>t</title></head><body>${body}${script()}</body></html>`;

/** What the widget's shadow root holds, in its own words. */
const inside = (p, selector, query) =>
  p.$eval(selector, (el, q) => [...el.shadowRoot.querySelectorAll(q)].map((e) => e.textContent.trim()), query);

describe("the product surface", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());
  // Each test's page goes with it: no widget of an earlier test polls on.
  afterEach(async () => {
    for (const context of browser.contexts()) await context.close();
  });

  it("badge: the overall status in words, linking to the status page", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(
      browser,
      page(`<footer>Status: <status-widget mode="badge" src="${FEED}"></status-widget>
        <status-widget id="api" mode="badge" components="api" src="${FEED}"></status-widget>
        <status-widget id="hidden" mode="badge" components="api" hide-when-operational src="${FEED}"></status-widget></footer>`),
      { name: "badge" },
    );
    await settled(p, "#hidden");
    const badge = await p.$eval("status-widget", (el) => {
      const a = el.shadowRoot.querySelector("[part=badge]");
      return { tag: a.tagName, href: a.href, text: a.textContent, impact: a.dataset.impact };
    });
    assert.deepEqual(badge, {
      tag: "A",
      href: "https://status.kestrel.example/",
      text: "Partial system outage",
      impact: "major",
    });
    // Filtered to the API, which nothing touches: its own status, not the page's.
    assert.deepEqual(await inside(p, "#api", "[part=badge]"), ["All systems operational"]);
    // Asked to hide when all is well: nothing, and no space taken.
    assert.equal(await p.$eval("#hidden", (el) => el.getBoundingClientRect().width), 0);
    assert.deepEqual(await inside(p, "#hidden", "[part=badge]"), []);
    await screenshot(p, "badge");
    assert.deepEqual(log.errors, []);
  });

  it("components: every component in words, groups folded unless in trouble", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<main><status-widget mode="components" src="${FEED}"></status-widget>
        <status-widget id="edge" mode="components" components="Edge network" src="${FEED}"></status-widget></main>`),
      { name: "components" },
    );
    await settled(p, "#edge");
    const rows = await inside(p, "status-widget", "[part=component-items] > [part=component] > [part=component-name]");
    assert.ok(rows.includes("API") && rows.includes("Billing"), rows.join());
    const group = await p.$eval("status-widget", (el) => {
      const details = el.shadowRoot.querySelector("details[part=component-group]");
      return { open: details.open, summary: details.querySelector("summary").textContent };
    });
    assert.deepEqual(group, { open: true, summary: "Edge networkPartial outage" });
    // Not colour alone: every status is written out.
    const statuses = await inside(p, "status-widget", "[part=component-status]");
    assert.ok(statuses.every((s) => s.length > 3), statuses.join());
    // A group name asks for its members only.
    const edge = await inside(p, "#edge", "[part=component-name]");
    assert.deepEqual(edge, ["Edge network", "Europe", "North America", "Asia Pacific"]);
    await screenshot(p, "components");
  });

  it("maintenance: to come within the look-ahead, counting down; incidents first", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<status-widget id="all" position="inline" lookahead="72" src="${FEED}"></status-widget>
        <status-widget id="db" position="inline" components="postgres" lookahead="72" src="${FEED}"></status-widget>
        <status-widget id="near" position="inline" components="postgres" src="${FEED}"></status-widget>`),
      { name: "maintenance" },
    );
    await settled(p, "#near");
    // An incident goes on: it takes the banner, and the maintenance waits its turn.
    assert.match(await shown(p, "#all"), /Delayed deployments in eu-west/);
    assert.match(await shown(p, "#all"), /1 more notice/);
    const db = await shown(p, "#db");
    assert.match(db, /Managed Postgres minor version upgrade/);
    assert.match(db, /Starts in 2 days/);
    assert.match(db, /Scheduled for .* until /);
    // Beyond the default look-ahead of 24 hours: nothing yet.
    assert.equal(await shown(p, "#near"), "");
    await screenshot(p, "maintenance-upcoming");
  });

  it("timeline: kinds, days and limit; component changes per update", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<status-widget id="maint" mode="timeline" kinds="maintenance" src="${FEED}"></status-widget>
        <status-widget id="two" mode="timeline" limit="2" src="${FEED}"></status-widget>
        <status-widget id="days" mode="timeline" days="1" kinds="incidents" src="${OPERATIONAL}"></status-widget>
        <status-widget id="sp" mode="timeline" src="/feeds/incidents.json"></status-widget>`),
      { name: "timeline-filters" },
    );
    for (const id of ["#maint", "#two", "#days", "#sp"]) await settled(p, id);
    const titles = (id) => inside(p, id, "[part=incident] > [part=title]");
    assert.deepEqual(await titles("#maint"), ["Managed Postgres minor version upgrade"]);
    assert.equal((await titles("#two")).length, 2);
    assert.match(await shown(p, "#days"), /No incidents in the past day\./);
    const changes = await inside(p, "#sp", "[part=change]");
    assert.ok(changes.length > 0, "the updates' component changes are listed");
    assert.match(changes[0], /: .+ → .+/);
  });

  it("themes: light, dark, and auto following the system", { timeout: 20000 }, async () => {
    const background = (p, id) =>
      p.$eval(id, (el) => getComputedStyle(el.shadowRoot.querySelector("[part=banner]")).backgroundColor);
    const body = page(`<status-widget id="auto" position="inline" src="${FEED}"></status-widget>
      <status-widget id="light" theme="light" position="inline" src="${FEED}"></status-widget>
      <status-widget id="dark" theme="dark" position="inline" src="${FEED}"></status-widget>`);
    const { page: p, context } = await open(browser, body, { name: "themes" });
    await settled(p, "#dark");
    const white = "rgb(255, 255, 255)";
    const night = "rgb(22, 27, 38)";
    assert.deepEqual([await background(p, "#auto"), await background(p, "#light"), await background(p, "#dark")], [white, white, night]);
    await p.emulateMedia({ colorScheme: "dark" });
    assert.deepEqual([await background(p, "#auto"), await background(p, "#light"), await background(p, "#dark")], [night, white, night]);
    await screenshot(p, "themes-dark-system");
    await context.close();
  });

  for (const position of ["bottom", "top"]) {
    it(`a ${position} banner is fixed, in the safe area, and shifts nothing (CLS 0)`, { timeout: 20000 }, async () => {
      const { page: p } = await open(
        browser,
        `<!doctype html><html lang="en"><head><title>t</title><script>
          window.shifts = [];
          new PerformanceObserver((l) => window.shifts.push(...l.getEntries().map((e) => e.value)))
            .observe({ type: "layout-shift", buffered: true });
        </script></head><body><h1>Host</h1><p id="text">Some text of the host.</p>
        <status-widget position="${position}" offset="24px" z-index="77" src="${FEED}"></status-widget>
        <p>More text</p>${script()}</body></html>`,
        { name: `position-${position}`, headers: {} },
      );
      await settled(p);
      await p.waitForTimeout(400);
      const box = await p.$eval("status-widget", (el) => {
        const banner = el.shadowRoot.querySelector("[part=banner]");
        const r = banner.getBoundingClientRect();
        const s = getComputedStyle(banner);
        return { top: r.top, bottom: innerHeight - r.bottom, position: s.position, z: s.zIndex, host: el.getBoundingClientRect().height };
      });
      assert.equal(box.position, "fixed");
      assert.equal(box.z, "77");
      assert.equal(box.host, 0, "the element itself takes no space");
      if (position === "top") assert.equal(box.top, 24);
      else assert.equal(Math.round(box.bottom), 24);
      const shifts = await p.evaluate(() => window.shifts);
      assert.deepEqual(shifts, [], "no layout shift");
      await screenshot(p, `position-${position}`);
    });
  }

  it("an inline banner sits in the flow of the page", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<div style="width:400px"><status-widget position="inline" src="${FEED}"></status-widget></div>`),
      { name: "position-inline" },
    );
    await settled(p);
    const box = await p.$eval("status-widget", (el) => ({
      position: getComputedStyle(el.shadowRoot.querySelector("[part=banner]")).position,
      height: el.getBoundingClientRect().height,
    }));
    assert.equal(box.position, "relative");
    assert.ok(box.height > 40);
  });

  it("the host's CSS does not leak in, and ours does not leak out", { timeout: 20000 }, async () => {
    const hostile = `<style>
      * { font: italic 40px/3 "Comic Sans MS", cursive !important; color: red !important;
          letter-spacing: 6px !important; text-transform: uppercase !important; }
      div, span, p, a, section, ul, li, strong { display: flex !important; margin: 3em !important; }
      button { background: lime !important; width: 300px !important; }
      status-widget { all: unset; }
    </style>`;
    const { page: p } = await open(
      browser,
      page(`${hostile}<p class="title banner impact">host text</p>
        <status-widget id="b" position="inline" src="${FEED}"></status-widget>
        <status-widget id="c" mode="components" src="${FEED}"></status-widget>`),
      { name: "hostile-css" },
    );
    await settled(p, "#c");
    for (const id of ["#b", "#c"]) {
      const style = await p.$eval(id, (el) => {
        const title = el.shadowRoot.querySelector("[part=title], [part=component-name]");
        const s = getComputedStyle(title);
        return { size: parseFloat(s.fontSize), color: s.color, spacing: s.letterSpacing, transform: s.textTransform, style: s.fontStyle };
      });
      assert.ok(style.size >= 13 && style.size <= 20, JSON.stringify(style));
      assert.notEqual(style.color, "rgb(255, 0, 0)");
      assert.deepEqual([style.spacing, style.transform, style.style], ["normal", "none", "normal"]);
    }
    const dismiss = await p.$eval("#b", (el) => getComputedStyle(el.shadowRoot.querySelector("button")).width);
    assert.notEqual(dismiss, "300px");
    // The host's own .title/.banner element keeps the host's styles, not ours.
    const host = await p.$eval("p.title", (el) => getComputedStyle(el).fontWeight);
    assert.equal(host, "400");
    await screenshot(p, "hostile-css");
  });

  it("speaks the locale attribute, else the nearest [lang], else the browser's", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      `<!doctype html><html><head><title>t</title></head><body>
        <status-widget id="de" mode="badge" locale="de" src="${FEED}"></status-widget>
        <div lang="fr"><status-widget id="fr" mode="badge" src="${FEED}"></status-widget></div>
        <status-widget id="browser" mode="badge" src="${FEED}"></status-widget>
        <status-widget id="ar" locale="ar" src="${FEED}"></status-widget>
        <status-widget id="own" locale="en" strings='{"dismiss":"Hide this","overall.major":"Some things are broken"}' mode="badge" src="${FEED}"></status-widget>
        <status-widget id="own2" locale="en" strings='{"dismiss":"Hide this"}' src="${FEED}"></status-widget>
        ${script()}</body></html>`,
      { name: "languages", locale: "es-ES" },
    );
    // Each widget settles once its words are here, whatever its feed did meanwhile.
    for (const id of ["#de", "#fr", "#browser", "#ar", "#own", "#own2"]) await settled(p, id);
    assert.equal(await shown(p, "#de"), "Teilweiser Systemausfall");
    assert.equal(await shown(p, "#fr"), "Panne partielle du système");
    assert.equal(await shown(p, "#browser"), "Interrupción parcial del sistema");
    assert.equal(await shown(p, "#own"), "Some things are broken");
    assert.equal(
      await p.$eval("#own2", (el) => el.shadowRoot.querySelector("button").getAttribute("aria-label")),
      "Hide this",
    );
    // Arabic: right to left, its own words, the card on the right.
    const ar = await p.$eval("#ar", (el) => {
      const banner = el.shadowRoot.querySelector("[part=banner]");
      const r = banner.getBoundingClientRect();
      return { dir: banner.getAttribute("dir"), lang: banner.lang, right: innerWidth - r.right, left: r.left };
    });
    assert.equal(ar.dir, "rtl");
    assert.equal(ar.lang, "ar");
    assert.ok(ar.right < ar.left, `the card sits on the right: ${JSON.stringify(ar)}`);
    await p.$eval("#de", (el) => el.remove());
    await screenshot(p, "arabic-banner");
  });

  it("fetches a language's words once, only where spoken; English when they cannot be had", { timeout: 20000 }, async () => {
    const badges = (...locales) =>
      locales.map((l, i) => `<status-widget id="w${i}" mode="badge" locale="${l}" src="${FEED}"></status-widget>`).join("");
    const { page: p, log } = await open(browser, page(badges("de", "de-CH", "en")), { name: "words" });
    await p.waitForFunction(() => [...document.querySelectorAll("status-widget")].every((e) => e.getAttribute("state") === "ready"));
    assert.deepEqual(
      [await shown(p, "#w0"), await shown(p, "#w1"), await shown(p, "#w2")],
      ["Teilweiser Systemausfall", "Teilweiser Systemausfall", "Partial system outage"],
    );
    assert.deepEqual(log.requests.filter((u) => u.includes("/i18n/")), [`${BASE}/dist/i18n/de.txt`]);
    assert.deepEqual(warnings(log), []);

    const second = await open(browser, page(badges("fr")), { name: "words-missing" });
    await second.page.route("**/i18n/fr.txt", (route) => route.fulfill({ status: 404, body: "" }));
    await second.page.reload();
    await settled(second.page, "#w0");
    assert.equal(await shown(second.page, "#w0"), "Partial system outage");
    assert.match(warnings(second.log).join("\n"), /could not load the words of "fr"/);
  });

  it("names the zone of every time, in the zone asked for or the viewer's", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<status-widget id="tokyo" mode="timeline" time-zone="Asia/Tokyo" src="${FEED}"></status-widget>
        <status-widget id="viewer" mode="timeline" src="${FEED}"></status-widget>`),
      { name: "zones", timezoneId: "America/New_York" },
    );
    await settled(p, "#viewer");
    const absolute = (id) =>
      p.$eval(id, (el) => [...el.shadowRoot.querySelectorAll("time:not([data-relative])")].map((t) => t.textContent));
    const tokyo = await absolute("#tokyo");
    assert.ok(tokyo.length > 3 && tokyo.every((t) => /GMT\+9|JST/.test(t)), tokyo.join(" | "));
    const viewer = await absolute("#viewer");
    assert.ok(viewer.every((t) => /\b(EST|EDT)\b/.test(t)), viewer.join(" | "));
    // Relative times name their instant in full on hover.
    const hover = await p.$eval("#tokyo", (el) => el.shadowRoot.querySelector("time[data-relative]").title);
    assert.match(hover, /Japan Standard Time/);
  });

  it("works from the keyboard, with visible focus, and keeps the focus after dismissing", { timeout: 20000 }, async () => {
    const { page: p } = await open(
      browser,
      page(`<a href="#top" id="first">first</a><status-widget lookahead="72" src="${FEED}"></status-widget>`),
      { name: "keyboard" },
    );
    await settled(p);
    await p.keyboard.press("Tab");
    await p.keyboard.press("Tab");
    const focused = () =>
      p.$eval("status-widget", (el) => {
        const f = el.shadowRoot.activeElement;
        return f && { part: f.getAttribute("part"), outline: getComputedStyle(f).outlineStyle };
      });
    assert.deepEqual(await focused(), { part: "link", outline: "solid" });
    await p.keyboard.press("Tab");
    assert.deepEqual(await focused(), { part: "dismiss", outline: "solid" });
    await screenshot(p, "keyboard-focus");
    // Dismissed from the keyboard: the next notice takes the banner and the focus.
    await p.keyboard.press("Enter");
    assert.match(await shown(p), /Managed Postgres/);
    assert.deepEqual(await focused(), { part: "dismiss", outline: "solid" });
  });

  it("moves only when motion is welcome, and keeps to forced colours", { timeout: 20000 }, async () => {
    const body = page(`<status-widget src="${FEED}"></status-widget>`);
    const animation = (p) =>
      p.$eval("status-widget", (el) => getComputedStyle(el.shadowRoot.querySelector("[part=banner]")).animationName);
    const { page: p, context } = await open(browser, body, { name: "motion" });
    await settled(p);
    assert.equal(await animation(p), "sw-in");
    await p.emulateMedia({ reducedMotion: "reduce", forcedColors: "active" });
    assert.equal(await animation(p), "none");
    const colours = await p.$eval("status-widget", (el) => {
      const badge = el.shadowRoot.querySelector("[part=impact]");
      return { dot: getComputedStyle(badge, "::before").backgroundColor, text: getComputedStyle(badge).color };
    });
    // Forced colours would paint the level's dot over with the background; it keeps the text's.
    assert.equal(colours.dot, colours.text, JSON.stringify(colours));
    await screenshot(p, "forced-colors");
    await context.close();
  });

  it("renders every mode under a strict CSP with Trusted Types, placement included", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(
      browser,
      `<!doctype html><html lang="en"><head><title>t</title></head><body>
        <status-widget id="banner" position="top" offset="10px" src="${FEED}"></status-widget>
        <status-widget mode="badge" src="${FEED}"></status-widget>
        <status-widget mode="components" src="${FEED}"></status-widget>
        <status-widget id="last" mode="timeline" locale="ar" strings='{"restore":"x"}' src="${FEED}"></status-widget>
        ${script()}</body></html>`,
      {
        name: "csp-every-mode",
        headers: {
          "Content-Security-Policy":
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'",
        },
      },
    );
    await settled(p, "#last");
    const states = await p.$$eval("status-widget", (els) => els.map((e) => e.getAttribute("state")));
    assert.deepEqual(states, ["ready", "ready", "ready", "ready"]);
    const top = await p.$eval("#banner", async (el) => {
      const banner = el.shadowRoot.querySelector("[part=banner]");
      await Promise.all(banner.getAnimations().map((a) => a.finished));
      return banner.getBoundingClientRect().top;
    });
    assert.equal(top, 10);
    const violations = log.console.filter((m) => /Content Security Policy|Trusted Type/i.test(m.text));
    assert.deepEqual(violations, []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(warnings(log), []);
  });

  it("keeps its light-DOM content in a browser without WebAssembly, in every mode", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(
      browser,
      page(`<script>delete window.WebAssembly;</script>
        ${["banner", "badge", "components", "timeline"]
          .map((m) => `<status-widget mode="${m}" src="${FEED}"><a class="fb" href="https://status.kestrel.example">Status (${m})</a></status-widget>`)
          .join("")}`),
      { name: "no-webassembly" },
    );
    await p.waitForFunction(() => [...document.querySelectorAll("status-widget")].every((e) => e.getAttribute("state") === "error"));
    const visible = await p.$$eval("a.fb", (links) => links.map((a) => a.getBoundingClientRect().height > 0));
    assert.deepEqual(visible, [true, true, true, true]);
    assert.deepEqual(log.errors, []);
  });

  it("warns about what it does not understand", { timeout: 20000 }, async () => {
    const { page: p, log } = await open(
      browser,
      page(`<status-widget theme="purple" position="left" kinds="outages" offset="auto" strings='{"nope":"x"}' src="${FEED}"></status-widget>
        <status-widget id="typo" mode="badge" components="Billling" src="${FEED}"></status-widget>`),
      { name: "warnings" },
    );
    await settled(p, "#typo");
    const said = warnings(log).join("\n");
    for (const bit of ["theme", "position", "outages", "offset", "nope", "Billling"]) assert.match(said, new RegExp(bit));
    // The banner stays where it belongs.
    const bottom = await p.$eval("status-widget", async (el) => {
      const banner = el.shadowRoot.querySelector("[part=banner]");
      await Promise.all(banner.getAnimations().map((a) => a.finished));
      return innerHeight - banner.getBoundingClientRect().bottom;
    });
    assert.ok(bottom > 8 && bottom < 40, String(bottom));
  });
});
