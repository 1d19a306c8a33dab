//! Installing what the commands need, when it is missing or at the wrong
//! version, from what this kind of machine reaches (rustup's toolchains,
//! crates.io, npm, Debian). Each check is cheap; each install happens once
//! per machine. The demo needs only the build's tools; the test suite adds
//! wasm-pack (the browser tests) and Chromium.

use std::path::PathBuf;
use std::process::Command;

use crate::{output, root, run, Result};

/// The nightly the release build runs on, dated so that a new nightly
/// cannot break the build: the one place it is named.
pub const NIGHTLY: &str = "nightly-2026-05-19";

/// The wasm-bindgen version: the same in Cargo.toml (`=0.2.130`) and here.
pub const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";
const CARGO_FUZZ: &str = "0.13.2";

/// The toolchain the `.wasm` is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toolchain {
    /// [`NIGHTLY`], with std rebuilt for size: the release build.
    Nightly,
    /// The machine's stable Rust, where the nightly cannot be had: a
    /// working embed, larger than a release (no size budget applies).
    Stable,
}

/// Everything `dist` needs: a toolchain for the wasm32 target (the pinned
/// nightly with `rust-src`, else stable and its target), wasm-bindgen's CLI, and the npm
/// tools (npm's binaryen for `wasm-opt`: Debian's is too old and breaks the
/// module; esbuild). `require_nightly` refuses the stable fallback.
pub fn for_build(require_nightly: bool) -> Result<Toolchain> {
    let toolchain = match nightly() {
        Ok(()) => Toolchain::Nightly,
        Err(e) if require_nightly => return Err(e),
        Err(e) => {
            println!("xtask: {e}; building on stable Rust instead (a larger embed)");
            wasm_target()?;
            Toolchain::Stable
        }
    };
    cargo_tool("wasm-bindgen", WASM_BINDGEN, &["wasm-bindgen-cli", "--version", WASM_BINDGEN])?;
    npm()?;
    Ok(toolchain)
}

/// What the test suite needs besides the build: the wasm32 target on the
/// default toolchain (clippy, the browser tests), wasm-pack, Chromium.
pub fn for_test() -> Result {
    wasm_target()?;
    cargo_tool("wasm-pack", WASM_PACK, &["wasm-pack", "--locked", "--version", WASM_PACK])?;
    chromium()
}

/// What `fuzz` needs: the pinned nightly, and cargo-fuzz.
pub fn for_fuzz() -> Result {
    nightly()?;
    cargo_tool("cargo-fuzz", CARGO_FUZZ, &["cargo-fuzz", "--locked", "--version", CARGO_FUZZ])
}

/// The pinned nightly with `rust-src`, installed when missing. (No
/// prebuilt std for wasm32: the release rebuilds it from `rust-src`, and
/// this nightly has none to download.)
fn nightly() -> Result {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|t| t.starts_with(NIGHTLY)) {
        println!("Rust {NIGHTLY} is missing; installing it (minimal profile)");
        let mut install = Command::new("rustup");
        install.args(["toolchain", "install", NIGHTLY, "--profile", "minimal"]);
        install.args(["--component", "rust-src"]);
        run(&mut install).map_err(|e| format!("Rust {NIGHTLY} cannot be installed ({e})"))?;
    }
    let mut list = Command::new("rustup");
    list.args(["component", "list", "--toolchain", NIGHTLY, "--installed"]);
    if !output(&mut list).unwrap_or_default().lines().any(|c| c.starts_with("rust-src")) {
        run(Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", NIGHTLY]))?;
    }
    Ok(())
}

/// The wasm32 target of the default toolchain.
fn wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
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

/// Debian's Chromium and ChromeDriver: the browser of the tests and of the
/// benchmark.
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
