//! `cargo xtask test`: everything, in the order that fails fastest.
//!
//! 1. rustfmt, clippy (host and wasm32, and the fuzz targets, which are
//!    only built here: `cargo xtask fuzz` runs them), `node --check` of the
//!    JavaScript, rustdoc;
//! 2. the native tests (model, views, schema, fixtures, samples);
//! 3. the browser tests of the glue (`wasm-pack test --headless --chrome`);
//! 4. the release `dist/`, within its size budget;
//! 5. the end-to-end tests: `dist/` in real pages, in headless Chromium,
//!    against this repository's own server on 127.0.0.1;
//! 6. the benchmark, once through (`bench --quick`): a smoke, not a
//!    measurement.

use std::process::Command;

use crate::{bench, dist, root, run, serve, tools, Result};

pub fn all() -> Result {
    tools::for_build(true)?;
    tools::for_test()?;
    let cargo = || Command::new("cargo");
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cargo().args([
        "clippy",
        "--package",
        "status-widget",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The JavaScript, parsed as the browser will (it is bundled by `dist`).
    for entry in std::fs::read_dir(root().join("src/js"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js") {
            run(Command::new("node").arg("--check").arg(&path))?;
        }
    }
    let fuzz = root().join("fuzz/Cargo.toml");
    run(cargo().args(["fmt", "--check", "--manifest-path"]).arg(&fuzz))?;
    run(cargo()
        .args(["clippy", "--all-targets", "--manifest-path"])
        .arg(&fuzz)
        .args(["--", "-D", "warnings"]))?;
    run(cargo().args(["doc", "--workspace", "--no-deps"]).env("RUSTDOCFLAGS", "-D warnings"))?;
    run(cargo()
        .args(["doc", "--package", "status-widget", "--no-deps"])
        .args(["--target", "wasm32-unknown-unknown"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    run(cargo().args(["test", "--workspace"]))?;
    browser_tests()?;
    dist::build(true)?;
    end_to_end()?;
    bench::smoke_or_full(true)
}

/// The browser tests of the shell (`src/web/tests.rs`), in headless
/// Chromium; fails if none ran (a cfg that silently compiled them away would
/// otherwise pass). Only the library's: the files in `tests/` are native.
fn browser_tests() -> Result {
    let args = ["test", "--headless", "--chrome", "--mode", "no-install", ".", "--lib"];
    println!("$ wasm-pack {}", args.join(" "));
    let mut command = Command::new("wasm-pack");
    command.args(args);
    let out = command.current_dir(root()).output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err("the browser tests failed".into());
    }
    let passed: usize = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split_whitespace().next()?.parse::<usize>().ok())
        .sum();
    if passed == 0 {
        return Err("no browser test ran".into());
    }
    println!("browser tests: {passed} passed");
    Ok(())
}

/// Runs `tests/e2e/*.test.mjs` with Node's test runner against a fresh
/// server.
fn end_to_end() -> Result {
    let mut files: Vec<String> = std::fs::read_dir(root().join("tests/e2e"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("tests/e2e/{name}"))
        .collect();
    files.sort();
    let server = serve::start(0)?;
    let result = run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&files)
        .env("STATUS_WIDGET_URL", &server.url));
    drop(server);
    result
}
