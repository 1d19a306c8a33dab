//! Developer commands for status-widget (the cargo-xtask pattern):
//!
//! ```text
//! cargo xtask dist            build dist/ (release), print its sizes, enforce the budget
//! cargo xtask demo [--port N] build dist/ and serve the demo on http://127.0.0.1:8080
//! cargo xtask serve [--port N] serve the demo without building
//! cargo xtask test            the whole test suite (what CI runs)
//! cargo xtask bench [--quick] the benchmark against a plain-JS reference
//! cargo xtask fuzz [--time S] [TARGET ...]
//!                             the fuzz targets, S seconds in all (240 by default)
//! ```
//!
//! Every command installs what it needs and is missing (see `tools`).

mod bench;
mod dist;
mod fuzz;
mod package;
mod sample;
mod serve;
mod suite;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Errors are reported once, at the top, as text.
pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str =
    "usage: cargo xtask <dist | demo [--port N] | serve [--port N] | test | bench [--quick] \
     | fuzz [--time SECONDS] [TARGET ...]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::build(false).map(drop),
        Some("demo") => port(&args).and_then(|port| {
            dist::build(false)?;
            serve::forever(port)
        }),
        Some("serve") => port(&args).and_then(serve::forever),
        Some("test") => suite::all(),
        Some("bench") => bench::run_bench(args.iter().any(|a| a == "--quick")),
        Some("fuzz") => fuzz_args(&args).and_then(|(time, targets)| fuzz::run(time, &targets)),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The `--port N` option, 8080 by default.
fn port(args: &[String]) -> Result<u16> {
    match args.iter().position(|a| a == "--port") {
        None => Ok(8080),
        Some(i) => {
            let value = args.get(i + 1).ok_or("--port needs a number")?;
            Ok(value.parse().map_err(|_| format!("--port {value}: not a port number"))?)
        }
    }
}

/// `--time SECONDS` (240 by default) and the targets named.
fn fuzz_args(args: &[String]) -> Result<(u64, Vec<String>)> {
    let mut time = 240;
    let mut targets = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--time" => {
                let value = rest.next().ok_or("--time needs a number of seconds")?;
                time = value.parse().map_err(|_| format!("--time {value}: not a number"))?;
            }
            target => targets.push(target.to_owned()),
        }
    }
    Ok((time, targets))
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs `command` from the repository's root, echoing it; fails unless it
/// succeeds.
pub fn run(command: &mut Command) -> Result {
    println!("$ {}", describe(command));
    let status =
        command.current_dir(root()).status().map_err(|e| format!("{}: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)).into())
    }
}

/// Runs `command` and returns its standard output, or `None` if it cannot
/// run or fails (for probing what is installed).
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.current_dir(root()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
