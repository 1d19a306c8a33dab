// Accessibility, checked by axe-core (every rule it runs by default, WCAG 2.x A and AA and its
// best practices) on every mode, in both themes, left to right and right to left, and on the
// demo's gallery. Shadow roots are open, so axe looks inside them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { BASE, launch, open, screenshot, script, settled } from "./helpers.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const FEED = "/feeds/kestrel.json";

/** Runs axe on the page; resolves to its violations, each as "rule: target, target". */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  });
  return found;
}

/** Waits for every widget on the page to settle, and for the banners' entrance to end. */
async function allSettled(page) {
  await page.waitForFunction(
    () => [...document.querySelectorAll("status-widget")].every((el) => ["ready", "stale", "error"].includes(el.getAttribute("state"))),
    null,
    { timeout: 8000 },
  );
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll("status-widget")].flatMap((el) =>
        el.shadowRoot.getAnimations ? el.shadowRoot.getAnimations().map((a) => a.finished) : [],
      ),
    ),
  );
}

const MODES = [
  ["banner", ``],
  ["badge", ` mode="badge"`],
  ["components", ` mode="components"`],
  ["timeline", ` mode="timeline"`],
  ["maintenance", ` position="inline" components="postgres" lookahead="72"`],
  ["all-well", ` position="inline" hide-when-operational="false" src="/feeds/operational.json"`],
];

describe("accessibility (axe-core)", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  for (const theme of ["light", "dark"]) {
    for (const lang of ["en", "ar"]) {
      for (const [mode, attributes] of MODES) {
        it(`${mode}, ${theme} theme, ${lang}: no violation`, { timeout: 30000 }, async () => {
          const src = attributes.includes("src=") ? "" : ` src="${FEED}"`;
          const { page, context } = await open(
            browser,
            `<!doctype html><html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><title>${mode}</title></head>
            <body><main><h1>${mode}</h1><h2>Service status</h2><status-widget theme="${theme}"${attributes}${src}>
            <a href="https://status.kestrel.example">Status</a></status-widget></main>${script()}</body></html>`,
            { name: `axe-${mode}-${theme}-${lang}` },
          );
          await allSettled(page);
          assert.equal(await page.$eval("status-widget", (el) => el.getAttribute("state")), "ready");
          assert.deepEqual(await violations(page), []);
          if (lang === "ar" || theme === "dark") await screenshot(page, `axe-${mode}-${theme}-${lang}`);
          await context.close();
        });
      }
    }
  }

  it("the demo's gallery: every mode, theme and Arabic side by side", { timeout: 30000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/gallery.html`);
    await settled(page);
    await allSettled(page);
    assert.deepEqual(await violations(page), []);
    await page.screenshot({ path: "target/e2e-screenshots/gallery.png", fullPage: true });
    await context.close();
  });
});
