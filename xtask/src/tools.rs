//! Installing what the commands need, when it is missing or at the wrong
//! version, from the registries this kind of machine reaches (crates.io,
//! npm, Debian). Each check is cheap; each install happens once per machine.

use std::path::PathBuf;
use std::process::Command;

use crate::{output, root, run, Result};

/// The wasm-bindgen version: the same in Cargo.toml (`=0.2.130`) and here.
pub const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";
const CARGO_FUZZ: &str = "0.13.2";

/// Everything `dist` needs: the wasm32 target, nightly's `rust-src` (the
/// release build rebuilds std to keep panics out of it), wasm-bindgen,
/// wasm-pack, and the npm tools (npm's binaryen for `wasm-opt`: Debian's is
/// too old and breaks the module; esbuild; playwright-core).
pub fn for_build() -> Result {
    wasm_target()?;
    nightly_src()?;
    cargo_tool("wasm-bindgen", WASM_BINDGEN, &["wasm-bindgen-cli", "--version", WASM_BINDGEN])?;
    cargo_tool("wasm-pack", WASM_PACK, &["wasm-pack", "--locked", "--version", WASM_PACK])?;
    npm()
}

/// What `fuzz` needs: nightly with `rust-src`, and cargo-fuzz.
pub fn for_fuzz() -> Result {
    nightly_src()?;
    cargo_tool("cargo-fuzz", CARGO_FUZZ, &["cargo-fuzz", "--locked", "--version", CARGO_FUZZ])
}

fn wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn nightly_src() -> Result {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|t| t.starts_with("nightly")) {
        return Err(
            "the release build needs Rust nightly (rustup toolchain install nightly)".into()
        );
    }
    let components = output(Command::new("rustup").args([
        "component",
        "list",
        "--toolchain",
        "nightly",
        "--installed",
    ]))
    .unwrap_or_default();
    if !components.lines().any(|c| c.starts_with("rust-src")) {
        run(Command::new("rustup").args([
            "component",
            "add",
            "rust-src",
            "--toolchain",
            "nightly",
        ]))?;
    }
    Ok(())
}

/// Installs `program` with `cargo install <args>` unless `program --version`
/// already says `version`.
fn cargo_tool(program: &str, version: &str, args: &[&str]) -> Result {
    let found = output(Command::new(program).arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) != Some(version) {
        println!(
            "{program} {version} is missing (found: {}); installing it takes a few minutes",
            found.trim()
        );
        run(Command::new("cargo").arg("install").args(args))?;
    }
    Ok(())
}

/// `npm ci` when node_modules does not match package-lock.json.
fn npm() -> Result {
    let lock = std::fs::read(root().join("package-lock.json"))?;
    let stamp = root().join("node_modules/.xtask-package-lock.json");
    if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
        std::fs::write(&stamp, &lock)?;
    }
    Ok(())
}

/// A tool from node_modules/.bin.
pub fn npm_bin(name: &str) -> PathBuf {
    root().join("node_modules/.bin").join(name)
}

/// Debian's Chromium and ChromeDriver: the browser of the tests, and of a
/// developer looking at the demo from this machine.
pub fn chromium() -> Result {
    let found =
        |p: &str| output(Command::new("sh").args(["-c", &format!("command -v {p}")])).is_some();
    if !(found("chromium") && found("chromedriver")) {
        println!("Chromium and ChromeDriver are missing; installing Debian's");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get").args(["install", "-y", "-qq", "chromium", "chromium-driver"]))?;
    }
    Ok(())
}
