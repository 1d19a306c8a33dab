//! `cargo xtask bench [--quick]`: the benchmark of `bench/run.mjs` against
//! the release `dist/`, on a server of our own on 127.0.0.1. It prints a
//! table of medians, each figure beside the plain-JS reference's
//! (`bench/reference.js`) measured in the same run; `BENCHMARKS.md` keeps
//! the method and the latest table. `--quick` measures each figure once:
//! the test suite's smoke, proving the benchmark still runs.

use std::process::Command;

use crate::{dist, run, serve, tools, Result};

/// Builds `dist/`, serves it and runs the benchmark.
pub fn run_bench(quick: bool) -> Result {
    tools::chromium()?;
    dist::build(true)?;
    smoke_or_full(quick)
}

/// Runs the benchmark against the `dist/` in place (built already).
pub fn smoke_or_full(quick: bool) -> Result {
    let server = serve::start(0)?;
    let mut command = Command::new("node");
    command.arg("bench/run.mjs").env("STATUS_WIDGET_URL", &server.url);
    if quick {
        command.arg("--quick");
    }
    let result = run(&mut command);
    drop(server);
    result
}
