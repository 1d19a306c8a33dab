// dist/ as an npm package in a bundler: examples/vite, a Vite 7 app in TypeScript, installs
// dist/ (`"status-widget": "file:../../dist"`, copied as the registry would install it) with
// `npm ci`, type-checks against the package's declarations and is built with `vite build`. The
// built app, served from its own origin, must show the widget from the test server's feed: the
// .wasm and the language tables that Vite emitted are the same bytes, so they pass the integrity
// checks the module makes. The dev server must serve the package too (optimizeDeps.exclude).
//
// The first run needs the npm registry (or npm's cache) for vite and typescript; later runs
// install again only when dist/ changed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { BASE, launch, screenshot, settled, shown, warnings } from "./helpers.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const EXAMPLE = join(ROOT, "examples", "vite");
const MODULES = join(EXAMPLE, "node_modules");
const INSTALLED = join(MODULES, "status-widget");
const BUILT = join(EXAMPLE, "dist");
const FEED = `${BASE}/feeds/kestrel.json`;

/** Runs `command` in the example, at most `timeout` ms; resolves to its output. */
function run(command, args, timeout) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: EXAMPLE, timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")}: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

/** A tool of the example's own node_modules (no npx: nothing is looked up). */
const tool = (script, args, timeout = 120000) => run(process.execPath, [join(MODULES, script), ...args], timeout);
const VITE = "vite/bin/vite.js";
const TSC = "typescript/bin/tsc";

/** Whether node_modules holds the tools and the package as dist/ has it now. */
function installed() {
  const same = (file) => {
    try {
      return readFileSync(join(DIST, file)).equals(readFileSync(join(INSTALLED, file)));
    } catch {
      return false;
    }
  };
  return (
    existsSync(join(MODULES, VITE)) &&
    existsSync(join(MODULES, TSC)) &&
    ["package.json", "integrity.json", "status-widget.d.ts", "custom-elements.json"].every(same)
  );
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` on 127.0.0.1 (a port of its own: an origin other than the feed's). */
async function serve(dir) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(dir + sep)) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** Waits until the element at `selector` is `ready` (`ms` at most). */
async function ready(page, selector, ms) {
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("state") === "ready", selector, {
    timeout: ms,
  });
}

/** Opens `url` in a page of its own, with what a host would see go wrong. */
async function visit(url) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, timezoneId: "UTC", locale: "en-US" });
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on("console", (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("request", (r) => log.requests.push(r.url()));
  await page.goto(url);
  return { page, log, context };
}

let browser;
let app;
let output = "";

before(
  async () => {
    assert.ok(
      existsSync(join(DIST, "package.json")),
      "dist/package.json is missing: build dist/ with `cargo xtask dist`",
    );
    if (!installed()) await run("npm", ["ci", "--no-audit", "--no-fund"], 240000);
    rmSync(BUILT, { recursive: true, force: true });
    output = await tool(VITE, ["build"]);
    app = await serve(BUILT);
    browser = await launch();
  },
  { timeout: 400000 },
);
after(async () => {
  await browser?.close();
  app?.server.close();
});

describe("the package's declarations", () => {
  it("type-check the example", { timeout: 120000 }, async () => {
    await tool(TSC, ["--noEmit", "-p", EXAMPLE]);
  });

  it("type the API, its options and the element's events", { timeout: 120000 }, async () => {
    // Under node_modules (ignored by git), so that "status-widget" resolves as the example's.
    const dir = join(MODULES, ".typecheck");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { types: [], noUnusedLocals: false },
        files: ["check.ts"],
      }),
    );
    writeFileSync(
      join(dir, "check.ts"),
      `import { autoMount, mount, type Handle, type Level, type MountOptions, type StatusSummary,
        type StatusWidgetElement } from "status-widget";
      import type {} from "status-widget/classic";

      const element: StatusWidgetElement = document.createElement("status-widget");
      const found: StatusWidgetElement | null = document.querySelector("status-widget");
      element.addEventListener("status-change", (event) => {
        const summary: StatusSummary = event.detail;
        const page: string = event.detail.page;
        const impact: Level | undefined = event.detail.incidents[0]?.impact;
        const url: string | null | undefined = event.detail.maintenance[0]?.url;
        // @ts-expect-error: the detail is typed, not any
        const wrong: number = event.detail.page;
      });
      element.addEventListener("error", (event) => {
        const message: string = event.detail.message;
      });
      element.addEventListener("loadend", (event) => {
        const plain: Event = event;
      });
      const refreshed: Promise<void> = element.refresh();
      element.fetch = (url, init) => fetch(url, { ...init, headers: { authorization: "Bearer token" } });
      element.fetch = null;
      element.fetch = undefined;
      const own: ((url: string, init: RequestInit) => Response | PromiseLike<Response>) | null = element.fetch;
      // @ts-expect-error: fetch is a function
      element.fetch = "https://proxy.example/";
      element.addEventListener("status-change", (event) => {
        const from: string | undefined = event.detail.incidents[0]?.page;
      });

      const options: MountOptions = {
        src: ["https://a.example/feed.json", "https://b.example/api/v2/summary.json"],
        format: ["status-feed", "statuspage"],
        fetch: (url, init) => fetch(url, { ...init, headers: { authorization: "Bearer token" } }),
        mode: "timeline",
        timeZone: "Europe/Paris",
        strings: { dismiss: "Hide" },
        components: ["API", "Deploys"],
        kinds: ["incidents"],
        maxSize: "8M",
        hideWhenOperational: false,
      };
      const handle: Promise<Handle> = mount(document.body, options);
      void handle.then((h) => {
        const el: StatusWidgetElement = h.element;
        const done: Promise<void> = h.refresh();
        h.destroy();
      });
      void mount(document.body, { src: "https://a.example/one.json https://b.example/two.json", format: "incident.io cachet" });
      autoMount(document.currentScript);
      // @ts-expect-error: src is required
      void mount(document.body, { mode: "banner" });
      // @ts-expect-error: no such mode
      void mount(document.body, { src: "/feed.json", mode: "ticker" });
      // @ts-expect-error: no such format
      void mount(document.body, { src: ["/a.json"], format: ["rss"] });
      // @ts-expect-error: a custom fetch resolves to a Response
      void mount(document.body, { src: "/feed.json", fetch: (url: string) => url });
      `,
    );
    try {
      await tool(TSC, ["--noEmit", "-p", dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("vite build", () => {
  it("emits the .wasm and every language table as the same bytes, as files of their own", () => {
    const assets = readdirSync(join(BUILT, "assets"));
    const wasm = assets.filter((name) => name.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one .wasm: ${assets}\n${output}`);
    assert.ok(readFileSync(join(BUILT, "assets", wasm[0])).equals(readFileSync(join(DIST, "status-widget.wasm"))));
    for (const table of readdirSync(join(DIST, "i18n"))) {
      const lang = table.replace(/\.txt$/, "");
      const emitted = assets.filter((name) => name.startsWith(lang + "-") && name.endsWith(".txt"));
      assert.equal(emitted.length, 1, `${table} emitted once: ${assets}`);
      assert.ok(readFileSync(join(BUILT, "assets", emitted[0])).equals(readFileSync(join(DIST, "i18n", table))), table);
    }
  });

  it("makes an app that shows the banner and the timeline from the feed", { timeout: 30000 }, async () => {
    const { page, log, context } = await visit(`${app.url}/?feed=${encodeURIComponent(FEED)}`);
    try {
      assert.equal(await settled(page, "#banner > status-widget"), "ready", JSON.stringify(log.console));
      assert.equal(await settled(page, "#timeline > status-widget"), "ready");
      assert.match(await shown(page, "#banner > status-widget"), /Delayed deployments in eu-west/);
      assert.match(await shown(page, "#timeline > status-widget"), /Delayed deployments in eu-west/);
      // status-change, typed in main.ts, reached the page.
      await page.waitForFunction(() => document.querySelector("#overall").textContent === "Partial system outage");
      const wasm = log.requests.filter((u) => u.endsWith(".wasm"));
      assert.equal(wasm.length, 1, "the .wasm is loaded once");
      assert.ok(wasm[0].startsWith(`${app.url}/assets/`), wasm[0]);
      await screenshot(page, "vite-app");
      assert.deepEqual(log.errors, []);
      assert.deepEqual(warnings(log), []);
    } finally {
      await context.close();
    }
  });

  it("makes an app that fetches a language table when a widget speaks it", { timeout: 30000 }, async () => {
    const { page, log, context } = await visit(`${app.url}/?locale=de&feed=${encodeURIComponent(FEED)}`);
    try {
      assert.equal(await settled(page, "#timeline > status-widget"), "ready");
      assert.match(await shown(page, "#timeline > status-widget"), /Identifiziert/);
      const tables = log.requests.filter((u) => u.endsWith(".txt"));
      assert.equal(tables.length, 1, JSON.stringify(tables));
      assert.match(tables[0], /\/assets\/de-[\w-]+\.txt$/);
      assert.deepEqual(log.errors, []);
      assert.deepEqual(warnings(log), [], "the table passed its integrity check");
    } finally {
      await context.close();
    }
  });
});

describe("vite's dev server", () => {
  it("serves the package as it is (optimizeDeps.exclude)", { timeout: 60000 }, async () => {
    const dev = spawn(process.execPath, [join(MODULES, VITE), "--host", "127.0.0.1", "--port", "0", "--clearScreen", "false"], {
      cwd: EXAMPLE,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let said = "";
    try {
      const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`vite did not start:\n${said}`)), 30000);
        const listen = (chunk) => {
          said += chunk;
          const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(said);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        };
        dev.stdout.on("data", listen);
        dev.stderr.on("data", listen);
        dev.on("exit", (code) => reject(new Error(`vite exited (${code}):\n${said}`)));
      });
      const { page, log, context } = await visit(`${url}/?locale=de&feed=${encodeURIComponent(FEED)}`);
      try {
        // The first page a dev server serves is transformed as it is asked for: more time.
        await ready(page, "#timeline > status-widget", 20000);
        assert.match(await shown(page, "#timeline > status-widget"), /Identifiziert/);
        assert.ok(log.requests.some((u) => u.includes("/node_modules/status-widget/status-widget.mjs")), "not pre-bundled");
        assert.deepEqual(log.errors, []);
        assert.deepEqual(warnings(log), []);
      } finally {
        await context.close();
      }
    } finally {
      dev.kill();
    }
  });
});
