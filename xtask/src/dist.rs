//! `cargo xtask dist`: the deployable `dist/` folder, and its size budget.
//!
//! 1. wasm-pack builds the crate for the web, on nightly with std rebuilt
//!    for size, so that panics compile to a bare trap (no formatting
//!    machinery, no locations, no `Debug` output shipped);
//! 2. npm's binaryen `wasm-opt -Oz` shrinks the module (explicit feature
//!    flags: the ones rustc's wasm32 target emits);
//! 3. esbuild bundles wasm-bindgen's glue with `src/js/module.js` into
//!    `status-widget.mjs`, and minifies the classic `status-widget.js`;
//!    each is given the sha384 of the files it loads (the module: the
//!    `.wasm` and the language tables; the classic script: the module), so
//!    that the classic script's own hash, in the page's `integrity`
//!    attribute, pins the whole embed;
//! 4. `dist/integrity.json` lists the sha384 of every file, and the
//!    `<script>` tag to embed it is printed;
//! 5. every file's raw and gzip -9 size is printed, and the build fails if
//!    the whole embed is over [`BUDGET_GZIP`].

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use sha2::Digest as _;

use crate::tools::{self, npm_bin};
use crate::{output, package, root, run, Result};

/// The most the whole embed (every file in `dist/`) may weigh, gzip -9.
///
/// Raised from 50 KB when live updates (one poller per feed across tabs,
/// the saved answer, dismissal) added about 17 KB, and from 66 KB when the
/// full product surface (badge and component modes, filters, ten
/// languages, the live region) added about 23 KB; lowered from 90 KB when
/// the language tables other than English moved out of the `.wasm` into
/// `dist/i18n/` (fetched only by a widget that speaks one, and not counted
/// here); raised from 88 KB when hardening added the limits (size,
/// nesting, text, lists), the sha384 of every file the scripts load (1 KB of
/// hashes that do not compress) and the hand-over of the early request;
/// raised from 91.5 KB when three more formats (incident.io, Instatus,
/// Cachet), several feeds per widget and the page's own fetch function
/// added about 15.5 KB; lowered from 107.5 KB when std was built for size
/// (no panic locations, no `Debug` output) and the `status-change` detail
/// left serde-wasm-bindgen (4.4 KB together), and from 103 KB when the view
/// reached the DOM in one call (1.0 KB). The performance work
/// (BENCHMARKS.md) is to bring the whole embed under 25 KB.
pub const BUDGET_GZIP: u64 = 102_000;

/// The integrity manifest in `dist/` (not loaded by pages, not counted in
/// the embed's size).
pub const MANIFEST: &str = "integrity.json";

/// The features of rustc's wasm32-unknown-unknown target, spelled out for
/// wasm-opt (never `--all-features`: it would allow ones browsers lack).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// One file of `dist/` and its sizes.
pub struct Entry {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
}

/// Builds `dist/`, prints its sizes and enforces the budget.
pub fn build() -> Result<Vec<Entry>> {
    tools::for_build()?;
    let root = root();
    let stage = root.join("target/dist-stage");
    let dist = root.join("dist");
    wasm_pack(&stage)?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;
    let mut wasm_opt = Command::new(npm_bin("wasm-opt"));
    // Functions of up to 4 instructions are inlined wherever called (binaryen's default is 2):
    // 6% fewer functions, no larger. V8 compiles each function on its first call, at a cost
    // per function, so a cold start compiles 451 instead of 493.
    wasm_opt
        .arg(stage.join("glue_bg.wasm"))
        .args([
            "-Oz",
            "--always-inline-max-function-size=4",
            "--converge",
            "--low-memory-unused",
            "--strip-debug",
            "--strip-producers",
        ])
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(dist.join("status-widget.wasm"));
    run(&mut wasm_opt)?;
    for file in ["module.js", "classic.js"] {
        std::fs::copy(root.join("src/js").join(file), stage.join(file))?;
    }
    // Every language but English, fetched by the widgets that speak it.
    let tables = dist.join("i18n");
    std::fs::create_dir_all(&tables)?;
    for entry in std::fs::read_dir(root.join("src/i18n"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") && !path.ends_with("en.txt") {
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, tables.join(name))?;
            }
        }
    }
    let mut hashes = BTreeMap::new();
    let mut hash = |name: &str| -> Result<String> {
        let digest = sha2::Sha384::digest(std::fs::read(dist.join(name))?);
        let value = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(digest));
        hashes.insert(name.to_owned(), value.clone());
        Ok(value)
    };
    let wasm = hash("status-widget.wasm")?;
    let mut module_needs = BTreeMap::from([("status-widget.wasm".to_owned(), wasm)]);
    for entry in std::fs::read_dir(&tables)? {
        let name = format!("i18n/{}", entry?.file_name().to_string_lossy());
        module_needs.insert(name.clone(), hash(&name)?);
    }
    let esbuild = |entry: &str,
                   out: &str,
                   integrity: &BTreeMap<String, String>,
                   bundle: &[&str]| {
        let mut command = Command::new(npm_bin("esbuild"));
        command
            .arg(stage.join(entry))
            .args(bundle)
            .args(["--minify", "--target=es2022", "--legal-comments=none", "--log-level=warning"])
            .arg(format!("--define:__INTEGRITY__={}", serde_json::to_string(integrity)?))
            .arg(format!("--outfile={}", dist.join(out).display()));
        run(&mut command)
    };
    esbuild("module.js", "status-widget.mjs", &module_needs, &["--bundle", "--format=esm"])?;
    let module = hash("status-widget.mjs")?;
    let classic_needs = BTreeMap::from([("status-widget.mjs".to_owned(), module)]);
    esbuild("classic.js", "status-widget.js", &classic_needs, &[])?;
    let classic = hash("status-widget.js")?;
    std::fs::write(dist.join(MANIFEST), serde_json::to_string_pretty(&hashes)? + "\n")?;
    let entries = sizes(&dist)?;
    report(&entries)?;
    // The folder is also the npm package (not part of the embed).
    package::write(&dist, &version()?)?;
    let tables = sizes(&tables)?;
    if let Some(largest) = tables.iter().max_by_key(|e| e.gzip) {
        println!(
            "{} language tables in dist/i18n/, each fetched only by a widget that speaks it: \
             at most {} bytes gzip -9 ({})\n",
            tables.len(),
            largest.gzip,
            largest.name
        );
    }
    println!(
        "dist/{MANIFEST} has the sha384 of every file. To embed, with the browser checking \
         every file it loads:\n\n  <script src=\"https://YOUR.CDN/status-widget.js\" \
         integrity=\"{classic}\" crossorigin=\"anonymous\" async></script>\n"
    );
    Ok(entries)
}

/// wasm-pack's release build into `stage` (`glue.js`, `glue_bg.wasm`).
fn wasm_pack(stage: &Path) -> Result {
    let root = root();
    let mut command = Command::new("wasm-pack");
    command
        .args([
            "build",
            "--release",
            "--target",
            "web",
            "--mode",
            "no-install",
            "--no-typescript",
            "--no-pack",
        ])
        .arg("--out-dir")
        .arg(stage)
        .args(["--out-name", "glue", "."])
        .args([
            "--",
            "-Z",
            "build-std=std,panic_abort",
            "-Z",
            "build-std-features=optimize_for_size",
        ])
        // Its own target directory: the flags below would otherwise make
        // the stable debug builds of the tests rebuild every time.
        .env("CARGO_TARGET_DIR", root.join("target/release-wasm"))
        .env("RUSTUP_TOOLCHAIN", "nightly")
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags());
    run(&mut command)
}

/// Panics become a bare trap with no location, `Debug` formatting prints
/// nothing (the widget never shows it), and the paths the binary still names are
/// shortened to the same text on every machine. Encoded for
/// `CARGO_ENCODED_RUSTFLAGS` (separated by 0x1f), so paths with spaces work.
fn rustflags() -> String {
    let mut flags = vec![
        "-Zunstable-options".to_owned(),
        "-Cpanic=immediate-abort".to_owned(),
        "-Zlocation-detail=none".to_owned(),
        "-Zfmt-debug=none".to_owned(),
    ];
    let sysroot =
        output(Command::new("rustc").args(["+nightly", "--print", "sysroot"])).unwrap_or_default();
    let cargo_home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    for (from, to) in [
        (format!("{}/lib/rustlib/src/rust", sysroot.trim()), "/rust"),
        (format!("{cargo_home}/registry/src"), "/crates"),
        (root().display().to_string(), "/status-widget"),
    ] {
        flags.push(format!("--remap-path-prefix={from}={to}"));
    }
    flags.join("\u{1f}")
}

/// The widget's version, from the root `Cargo.toml` (xtask has its own).
fn version() -> Result<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))?;
    let line = manifest.lines().find_map(|l| l.strip_prefix("version = \""));
    let version = line.and_then(|l| l.strip_suffix('"'));
    Ok(version.ok_or("no version in Cargo.toml")?.to_owned())
}

fn sizes(dist: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(dist)?
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // What a page loads: not the manifest of hashes, nor the package's files.
        .filter(|name| name != MANIFEST && !package::FILES.contains(&name.as_str()))
        .collect();
    names.sort();
    for name in names {
        let path = dist.join(&name);
        let raw = std::fs::metadata(&path)?.len();
        let gzipped = Command::new("gzip").args(["-9", "-c"]).arg(&path).output()?;
        if !gzipped.status.success() {
            return Err(format!("gzip -9 {name} failed").into());
        }
        entries.push(Entry { name, raw, gzip: gzipped.stdout.len() as u64 });
    }
    Ok(entries)
}

fn report(entries: &[Entry]) -> Result {
    println!("\n{:<22} {:>10} {:>12}", "dist/", "bytes", "gzip -9");
    for e in entries {
        println!("{:<22} {:>10} {:>12}", e.name, e.raw, e.gzip);
    }
    let raw: u64 = entries.iter().map(|e| e.raw).sum();
    let gzip: u64 = entries.iter().map(|e| e.gzip).sum();
    println!("{:<22} {:>10} {:>12}   (budget {BUDGET_GZIP})\n", "the whole embed", raw, gzip);
    if gzip > BUDGET_GZIP {
        return Err(
            format!("dist/ is {gzip} bytes gzip -9, over the budget of {BUDGET_GZIP}").into()
        );
    }
    Ok(())
}
