// The embed's integrity: `cargo xtask dist` writes the sha384 of every file into
// dist/integrity.json, and into the scripts that load them (the classic script holds the
// module's; the module holds the .wasm's and the language tables'). So a page that pins
// status-widget.js with `integrity` pins every file, and a file changed on its way (a compromised
// CDN) is refused by the browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { launch, open, script, settled, shown, warnings } from "./helpers.mjs";

let browser;
before(async () => (browser = await launch()));
after(() => browser?.close());

const DIST = new URL("../../dist/", import.meta.url);
const read = (file) => readFileSync(new URL(file, DIST));
// Each file served as its own type, so that only its digest can make the browser refuse it.
const TYPES = { wasm: "application/wasm", mjs: "text/javascript", txt: "text/plain; charset=utf-8" };
const sha384 = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

describe("the integrity manifest", () => {
  it("lists every file with its sha384, and each script holds the hashes of what it loads", () => {
    const manifest = JSON.parse(read("integrity.json"));
    for (const [file, hash] of Object.entries(manifest)) assert.equal(sha384(read(file)), hash, file);
    assert.ok(manifest["i18n/de.txt"] && manifest["status-widget.js"]);
    const classic = read("status-widget.js").toString();
    const module = read("status-widget.mjs").toString();
    assert.ok(classic.includes(manifest["status-widget.mjs"]), "the classic script pins the module");
    assert.ok(!classic.includes(manifest["status-widget.wasm"]), "and only the module");
    assert.ok(module.includes(manifest["status-widget.wasm"]), "the module pins the .wasm");
    assert.ok(module.includes(manifest["i18n/ar.txt"]), "the module pins the language tables");
  });
});

describe("the built scripts", () => {
  it("make no code from strings and write no markup", () => {
    for (const file of ["status-widget.js", "status-widget.mjs"]) {
      const code = read(file).toString();
      for (const sink of [/\beval\s*\(/, /\bFunction\s*\(/, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, /setTimeout\s*\(\s*["'`]/]) {
        assert.doesNotMatch(code, sink, `${file}: ${sink}`);
      }
    }
  });
});

describe("a file changed on its way", () => {
  // Each file served with one byte changed (a comment for the module, which must still parse).
  const cases = [
    ["status-widget.wasm", "en", "error", /could not start/],
    ["status-widget.mjs", "en", "error", /could not load status-widget\.mjs/],
    ["i18n/de.txt", "de", "ready", /could not load the words of "de"; English is shown/],
  ];
  for (const [file, lang, state, why] of cases) {
    it(`${file} is refused`, { timeout: 20000 }, async () => {
      const tampered = Buffer.from(read(file));
      if (file.endsWith(".mjs")) tampered.set(Buffer.from("/*!*/"), 0);
      else tampered[tampered.length - 8] ^= 1;
      const { page, log } = await open(
        browser,
        `<!doctype html><html lang="${lang}"><body><status-widget mode="timeline" src="/feeds/kestrel.json"><a id="fb" href="https://status.kestrel.example">Status</a></status-widget>${script()}</body></html>`,
        {
          name: "tampered",
          prepare: (context) =>
            context.route(`**/dist/${file}`, (route) => route.fulfill({ status: 200, body: tampered, contentType: TYPES[file.split(".").pop()] })),
        },
      );
      assert.equal(await settled(page), state);
      const said = warnings(log);
      assert.ok(said.some((w) => why.test(w)), JSON.stringify(said));
      // The browser says why it refused the file: its digest is not the one in `integrity`.
      const refused = (m) => /Failed to find a valid digest in the 'integrity' attribute/.test(m.text) && m.text.includes(file);
      assert.ok(log.console.some(refused), JSON.stringify(log.console));
      if (state === "error") {
        assert.equal(await page.$eval("#fb", (a) => a.getBoundingClientRect().height > 0), true, "the fallback stays");
      } else {
        assert.match(await shown(page), /Identified|Investigating|Monitoring|Resolved/, "English, not the changed words");
      }
      assert.deepEqual(log.errors, []);
    });
  }

  it("the files as built load", { timeout: 20000 }, async () => {
    const { page, log } = await open(
      browser,
      `<!doctype html><html lang="de"><body><status-widget mode="timeline" src="/feeds/kestrel.json"></status-widget>${script('integrity="' + sha384(read("status-widget.js")) + '" crossorigin="anonymous"')}</body></html>`,
      { name: "pinned" },
    );
    assert.equal(await settled(page), "ready");
    assert.match(await shown(page), /Identifiziert|Wird untersucht|Wird beobachtet|Behoben/);
    assert.deepEqual(warnings(log), []);
    assert.deepEqual(log.errors, []);
  });
});
