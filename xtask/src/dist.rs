//! `cargo xtask dist`: the deployable `dist/` folder, and its size budget.
//!
//! 1. cargo builds the crate for wasm32 on the pinned nightly
//!    ([`tools::NIGHTLY`]) with std rebuilt for size, so that panics compile
//!    to a bare trap (no formatting machinery, no locations, no `Debug`
//!    output shipped), and wasm-bindgen makes its glue; where the nightly
//!    cannot be had, on stable, a larger embed that no budget holds;
//! 2. npm's binaryen `wasm-opt -Oz` shrinks the module (explicit feature
//!    flags: the ones rustc's wasm32 target emits) and gives its imports
//!    and exports short names, which [`rename`] carries into the glue;
//! 3. esbuild bundles wasm-bindgen's glue with `src/js/module.js` into
//!    `status-widget.mjs`, and minifies the classic `status-widget.js`
//!    (both headed with the compile hint that has V8 compile every
//!    function as the file downloads, not on its first call);
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

use crate::tools::{self, npm_bin, Toolchain};
use crate::{output, package, root, run, Result};

/// The most the whole embed (every file in `dist/`) may weigh, gzip -9;
/// its history is in `BENCHMARKS.md`.
pub const BUDGET_GZIP: u64 = 91_000;

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

/// Builds `dist/`, prints its sizes and enforces the budget; on stable Rust
/// where the pinned nightly cannot be had, unless `require_nightly`.
pub fn build(require_nightly: bool) -> Result<Vec<Entry>> {
    let toolchain = tools::for_build(require_nightly)?;
    let root = root();
    let stage = root.join("target/dist-stage");
    let dist = root.join("dist");
    compile(&stage, toolchain)?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;
    let mut wasm_opt = Command::new(npm_bin("wasm-opt"));
    // Functions of up to 4 instructions are inlined wherever called (binaryen's default is 2):
    // 6% fewer functions, no larger. V8 compiles each function on its first call, at a cost
    // per function, so a cold start compiled 451 instead of 493 (before the limit below).
    //
    // A function called from one place is inlined there only when it is small (binaryen's
    // default is any size): 4.4 KB smaller gzip, and a mode's view or a format's reader is no
    // longer compiled as part of every other one. A cold banner of a Statuspage feed compiles
    // 104 KB of code in 634 functions instead of 133 KB in 426; its cold start did not move
    // beyond the noise (BENCHMARKS.md).
    wasm_opt
        .arg(stage.join("glue_bg.wasm"))
        .args([
            "-Oz",
            "--always-inline-max-function-size=4",
            "--one-caller-inline-max-function-size=20",
            "--converge",
            "--low-memory-unused",
            "--strip-debug",
            "--strip-producers",
        ])
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(dist.join("status-widget.wasm"));
    run(&mut wasm_opt)?;
    // Once, after `--converge` (which would print the names once per round).
    let mut minify = Command::new(npm_bin("wasm-opt"));
    minify
        .arg(dist.join("status-widget.wasm"))
        .arg("--minify-imports-and-exports-and-modules")
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(dist.join("status-widget.wasm"));
    let names = capture(&mut minify)?;
    let glue = stage.join("glue.js");
    let renamed = rename(&std::fs::read_to_string(&glue)?, &serde_json::from_str(&names)?)?;
    std::fs::write(&glue, renamed)?;
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
            // Chromium's explicit compile hint: every function of the file is compiled as it
            // downloads, off the main thread, rather than on its first call. Cold start, 41
            // pages each, interleaved: 163.6 → 155.4 ms, then 159.2 → 155.6 in the other order.
            .arg("--banner:js=//# allFunctionsCalledOnLoad")
            .arg(format!("--define:__INTEGRITY__={}", serde_json::to_string(integrity)?))
            // The element's attributes, defined once.
            .arg(format!(
                "--define:__ATTRIBUTES__={}",
                serde_json::to_string(status_widget::config::ATTRIBUTES)?
            ))
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
    report(&entries, toolchain)?;
    // The folder is also the npm package (not part of the embed).
    package::write(&dist, status_widget::VERSION)?;
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

/// The release build of the crate for wasm32, and wasm-bindgen's glue for
/// it, into `stage` (`glue.js`, `glue_bg.wasm`, `snippets/`).
fn compile(stage: &Path, toolchain: Toolchain) -> Result {
    let root = root();
    // Its own target directory: the flags below would otherwise make the
    // stable debug builds of the tests rebuild every time.
    let target = root.join("target/release-wasm");
    let mut cargo = Command::new("cargo");
    cargo
        .args(["build", "--package", "status-widget", "--lib", "--release"])
        .args(["--target", "wasm32-unknown-unknown"])
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags(toolchain));
    if toolchain == Toolchain::Nightly {
        cargo.env("RUSTUP_TOOLCHAIN", tools::NIGHTLY).args([
            "-Z",
            "build-std=std,panic_abort",
            "-Z",
            "build-std-features=optimize_for_size",
        ]);
    }
    run(&mut cargo)?;
    if stage.exists() {
        std::fs::remove_dir_all(stage)?;
    }
    let wasm = target.join("wasm32-unknown-unknown/release/status_widget.wasm");
    run(Command::new("wasm-bindgen")
        .arg(wasm)
        .args(["--target", "web", "--no-typescript", "--out-name", "glue", "--out-dir"])
        .arg(stage))
}

/// Runs `command` and returns its standard output; fails if it fails.
fn capture(command: &mut Command) -> Result<String> {
    println!("$ {command:?}");
    let out = command.current_dir(root()).stderr(std::process::Stdio::inherit()).output()?;
    if !out.status.success() {
        return Err(format!("`{command:?}` failed ({})", out.status).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The names wasm-opt gave the module's imports and exports, as it prints
/// them: `[module, name, new name]` and `[name, new name]`.
#[derive(serde::Deserialize)]
struct Names {
    imports: Vec<(String, String, String)>,
    exports: Vec<(String, String)>,
}

/// The module wasm-opt puts every import in.
const IMPORTS: &str = "a";

/// wasm-bindgen's glue, speaking to the module by the short names wasm-opt
/// gave its imports and exports.
///
/// wasm-bindgen names each import after its Rust path and a 16-digit hash,
/// and each closure's export after its whole type (up to 300 characters),
/// once in the `.wasm` and once in the glue, where no minifier touches
/// them: 5.7 KB of the embed, gzip. The glue's shape is wasm-bindgen's (pinned):
/// its imports are the keys of one object literal (`import0`) and the
/// snippets it imports whole (`import * as importN`), its exports are read
/// as `wasm.<name>`. Anything else fails the build rather than the page.
fn rename(glue: &str, names: &Names) -> Result<String> {
    const OWN: &str = "./glue_bg.js";
    let mut out = glue.to_owned();
    let mut whole = String::new();
    for (module, name, short) in &names.imports {
        if module == OWN {
            let key = format!("\n        {name}: function(");
            if out.matches(&key).count() != 1 {
                return Err(format!("glue.js: no single import `{name}`").into());
            }
            out = out.replacen(&key, &format!("\n        {short}: function("), 1);
        } else {
            let from = format!(" from \"{module}\"");
            let binding = glue
                .lines()
                .find_map(|l| l.strip_prefix("import * as ")?.strip_suffix(&from))
                .ok_or_else(|| format!("glue.js: no `import * as` of {module}"))?;
            whole.push_str(&format!("        {short}: {binding}.{name},\n"));
        }
    }
    // Every import in one object, under the one module name.
    let head = format!("\n    return {{\n        __proto__: null,\n        \"{OWN}\": import0,");
    let start = out.find(&head).ok_or("glue.js: no object of imports")?;
    let end = start + out[start..].find("\n    };").ok_or("glue.js: no end to its imports")?;
    out.replace_range(
        start..end + "\n    };".len(),
        &format!("\n    return {{ {IMPORTS}: import0 }};"),
    );
    let close = out[..start].rfind("\n    };").ok_or("glue.js: no end to import0")?;
    out.insert_str(close + 1, &whole);
    // Every `wasm.<export>`.
    let exports: BTreeMap<&str, &str> =
        names.exports.iter().map(|(name, short)| (name.as_str(), short.as_str())).collect();
    let mut renamed = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("wasm.") {
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
        let (before, after) = rest.split_at(at + "wasm.".len());
        renamed.push_str(before);
        let word = after.find(|c| !ident(c)).map_or(after, |end| &after[..end]);
        let bound = !before[..at].ends_with(ident);
        match exports.get(word) {
            Some(short) if bound => renamed.push_str(short),
            None if bound => return Err(format!("glue.js: `wasm.{word}` is not an export").into()),
            _ => renamed.push_str(word),
        }
        rest = &after[word.len()..];
    }
    renamed.push_str(rest);
    Ok(renamed)
}

/// Panics become a bare trap with no location, `Debug` formatting prints
/// nothing (the widget never shows it), and the paths the binary still names
/// are shortened to the same text on every machine.
///
/// Without the `reference-types` feature, wasm-bindgen keeps JS values in a
/// table of its glue instead of a wasm `externref` table: 1.2 KB smaller gzip
/// for the `.wasm` and 0.2 KB larger for the module, with no cold start or
/// memory change beyond the noise (BENCHMARKS.md).
///
/// Encoded for `CARGO_ENCODED_RUSTFLAGS` (separated by 0x1f), so paths with
/// spaces work.
fn rustflags(toolchain: Toolchain) -> String {
    let mut flags = Vec::new();
    let mut rustc = Command::new("rustc");
    // Stable's prebuilt std has `reference-types`: the crate keeps them there too.
    if toolchain == Toolchain::Nightly {
        flags.extend(
            ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none"]
                .into_iter()
                .chain(["-Zfmt-debug=none", "-Ctarget-feature=-reference-types"])
                .map(str::to_owned),
        );
        rustc.arg(["+", tools::NIGHTLY].concat());
    }
    let sysroot = output(rustc.args(["--print", "sysroot"])).unwrap_or_default();
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

fn report(entries: &[Entry], toolchain: Toolchain) -> Result {
    println!("\n{:<22} {:>10} {:>12}", "dist/", "bytes", "gzip -9");
    for e in entries {
        println!("{:<22} {:>10} {:>12}", e.name, e.raw, e.gzip);
    }
    let raw: u64 = entries.iter().map(|e| e.raw).sum();
    let gzip: u64 = entries.iter().map(|e| e.gzip).sum();
    println!("{:<22} {:>10} {:>12}   (budget {BUDGET_GZIP})\n", "the whole embed", raw, gzip);
    if toolchain == Toolchain::Stable {
        println!("Built on stable Rust: larger than a release, which no budget holds.\n");
    } else if gzip > BUDGET_GZIP {
        return Err(
            format!("dist/ is {gzip} bytes gzip -9, over the budget of {BUDGET_GZIP}").into()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of wasm-bindgen 0.2.130's glue, cut down.
    const GLUE: &str = r#"import * as import1 from "./snippets/w-1/inline2.js"
let wasm;
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_body_3f8f43500c5a39b5: function(arg0) {
            return arg0.body;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
        },
    };
    return {
        __proto__: null,
        "./glue_bg.js": import0,
        "./snippets/w-1/inline2.js": import1,
    };
}
function f() { wasm.widget_new(wasm.memory.buffer, 'glue_bg.wasm'); }
"#;

    fn names(exports: &[(&str, &str)]) -> Names {
        let import = |m: &str, n: &str, s: &str| (m.to_owned(), n.to_owned(), s.to_owned());
        Names {
            imports: vec![
                import("./glue_bg.js", "__wbg_body_3f8f43500c5a39b5", "A"),
                import("./glue_bg.js", "__wbindgen_init_externref_table", "b"),
                import("./snippets/w-1/inline2.js", "field", "D"),
            ],
            exports: exports.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect(),
        }
    }

    #[test]
    fn the_glue_speaks_the_short_names() {
        let exports = [("__wbindgen_externrefs", "e"), ("widget_new", "Rb"), ("memory", "Pb")];
        let glue = rename(GLUE, &names(&exports)).unwrap();
        assert!(glue.contains("        A: function(arg0) {"), "{glue}");
        assert!(glue.contains("        b: function() {"), "{glue}");
        assert!(
            glue.contains("        D: import1.field,\n    };\n    return { a: import0 };"),
            "{glue}"
        );
        assert!(glue.contains("const table = wasm.e;"), "{glue}");
        assert!(glue.contains("wasm.Rb(wasm.Pb.buffer, 'glue_bg.wasm')"), "{glue}");
        assert!(!glue.contains("__wbg_body") && !glue.contains("glue_bg.js"), "{glue}");
    }

    #[test]
    fn glue_of_another_shape_fails_the_build() {
        let all = [("__wbindgen_externrefs", "e"), ("widget_new", "Rb"), ("memory", "Pb")];
        // An export the names do not know.
        assert!(rename(GLUE, &names(&all[..2])).is_err());
        // An import the glue does not have.
        let mut more = names(&all);
        more.imports.push(("./glue_bg.js".to_owned(), "__wbg_gone_0".to_owned(), "G".to_owned()));
        assert!(rename(GLUE, &more).is_err());
    }
}
