// A hostile feed: markup, script, event handlers and javascript: links in every string, in both
// formats and both modes. All of it must show as text; no element, attribute, dialog or
// navigation may come of it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { launch, open, screenshot, script, settled } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const OURS = new Set(["a", "aside", "button", "details", "div", "h3", "li", "ol", "p", "section", "span", "strong", "summary", "time"]);

for (const fixture of ["hostile/v1.json", "hostile/statuspage.json"]) {
  for (const mode of ["banner", "timeline"]) {
    describe(`${fixture} as a ${mode}`, () => {
      it("is shown as text and runs nothing", { timeout: 20000 }, async () => {
        const { page, log } = await open(
          browser,
          `<!doctype html><body><status-widget mode="${mode}" src="/fixtures/${fixture}"></status-widget>${script()}</body>`,
          { name: `hostile-${mode}`, viewport: { width: 900, height: 1200 } },
        );
        assert.equal(await settled(page), "ready");
        const report = await page.$eval("status-widget", (el) => {
          const root = el.shadowRoot;
          const elements = [...root.querySelectorAll("*")];
          return {
            tags: [...new Set(elements.map((e) => e.localName))],
            handlers: elements.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith("on"))),
            hrefs: elements.filter((e) => e.hasAttribute("href")).map((e) => e.getAttribute("href")),
            text: root.textContent,
            styles: root.querySelectorAll("style").length,
          };
        });
        for (const tag of report.tags) assert.ok(OURS.has(tag), `an element from the feed: <${tag}>`);
        assert.deepEqual(report.handlers, []);
        for (const href of report.hrefs) assert.match(href, /^https?:\/\//);
        assert.equal(report.styles, 0);
        assert.match(report.text, /alert\(/, "the payloads are shown as text");
        assert.match(report.text, /<|&lt;/);
        // Hovering and clicking everything the widget drew triggers nothing either.
        const links = await page.$$("status-widget >> css=a, summary, time");
        for (const link of links.slice(0, 20)) {
          await link.hover().catch(() => {});
          await link.click({ modifiers: ["Control"], trial: false }).catch(() => {});
        }
        await page.waitForTimeout(200);
        assert.deepEqual(log.dialogs, [], "no alert() ran");
        assert.deepEqual(log.errors, []);
        assert.equal(page.url().endsWith(`/e2e/hostile-${mode}.html`), true, "no navigation");
        await screenshot(page, `hostile-${fixture.replace(/\W+/g, "-")}-${mode}`);
      });
    });
  }
}
