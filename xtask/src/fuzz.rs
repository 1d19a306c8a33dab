//! `cargo xtask fuzz [--time SECONDS] [TARGET ...]`: the cargo-fuzz targets
//! of `fuzz/`, each for its share of the time.
//!
//! Each target keeps its corpus in `target/fuzz-corpus/<target>` (seeded
//! from the test fixtures), so that a run goes on from where the last one
//! stopped. A crash or a hang stops the run; the input that caused it is
//! copied to `tests/fixtures/fuzz/<target>/`, where the test suite reads it
//! again on every run (`tests/fuzz.rs`), once it is fixed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{root, tools, Result};

/// Every target of `fuzz/Cargo.toml`.
pub const TARGETS: &[&str] =
    &["body", "v1", "statuspage", "incidentio", "instatus", "cachet", "view"];

/// Runs `targets` (all when empty) for `seconds` in all, split evenly.
pub fn run(seconds: u64, targets: &[String]) -> Result {
    tools::for_fuzz()?;
    let targets: Vec<&str> = match targets.is_empty() {
        true => TARGETS.to_vec(),
        false => TARGETS.iter().copied().filter(|t| targets.iter().any(|a| a == t)).collect(),
    };
    if targets.is_empty() {
        return Err(format!("no such fuzz target; there are {}", TARGETS.join(", ")).into());
    }
    let share = (seconds / targets.len() as u64).max(1);
    let root = root();
    let mut report = Vec::new();
    for target in &targets {
        let corpus = root.join("target/fuzz-corpus").join(target);
        seed(&corpus)?;
        // What is there is from an earlier run, and kept already.
        let artifacts = root.join("fuzz/artifacts").join(target);
        if artifacts.exists() {
            std::fs::remove_dir_all(&artifacts)?;
        }
        println!("$ cargo +{} fuzz run {target} ({share} s)", tools::NIGHTLY);
        let started = Instant::now();
        let mut child = Command::new("cargo")
            .arg(["+", tools::NIGHTLY].concat())
            .args(["fuzz", "run", target])
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={share}"))
            .arg(format!("-dict={}", root.join("fuzz/feed.dict").display()))
            // A hang is an input that takes over 10 s.
            .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .current_dir(&root)
            .stdout(Stdio::inherit())
            .stderr(Stdio::piped())
            .spawn()?;
        // libFuzzer reports on stderr: shown as it goes, and kept for its stats.
        let mut log = String::new();
        if let Some(stderr) = child.stderr.take() {
            for line in BufReader::new(stderr).lines() {
                let line = line?;
                eprintln!("{line}");
                log.push_str(&line);
                log.push('\n');
            }
        }
        let status = child.wait()?;
        let stat = |name: &str| {
            log.lines()
                .find_map(|l| l.strip_prefix(name)?.trim().strip_prefix(':')?.trim().parse().ok())
                .unwrap_or(0u64)
        };
        let runs = stat("stat::number_of_executed_units");
        let seconds = started.elapsed().as_secs();
        report.push((target, seconds, runs, std::fs::read_dir(&corpus)?.count()));
        if !status.success() {
            // libFuzzer leaves the input of a crash or a hang there.
            let kept = std::fs::read_dir(&artifacts).is_ok_and(|mut files| files.next().is_some());
            if !kept {
                return Err(format!("fuzz target `{target}` did not run ({status})").into());
            }
            let kept = keep_artifacts(target)?;
            return Err(format!(
                "fuzz target `{target}` found a crash or a hang after {runs} runs; the input is \
                 in {kept} (fix it, and the test suite will read it from then on)"
            )
            .into());
        }
    }
    println!("\n{:<12} {:>9} {:>14} {:>8}", "target", "seconds", "executions", "corpus");
    for (target, seconds, runs, corpus) in &report {
        println!("{target:<12} {seconds:>9} {runs:>14} {corpus:>8}");
    }
    let total: u64 = report.iter().map(|r| r.2).sum();
    let time: u64 = report.iter().map(|r| r.1).sum();
    println!("{:<12} {time:>9} {total:>14}   no crash, no hang\n", "all");
    Ok(())
}

/// The test fixtures, among the inputs of a corpus (a fixture added since
/// the last run joins it).
fn seed(corpus: &Path) -> Result {
    std::fs::create_dir_all(corpus)?;
    let fixtures = root().join("tests/fixtures");
    for dir in std::fs::read_dir(&fixtures)? {
        let dir = dir?.path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir)? {
            let file = file?.path();
            if file.extension().is_some_and(|e| e == "json" || e == "txt") {
                let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
                let base = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
                std::fs::copy(&file, corpus.join(format!("{name}-{base}")))?;
            }
        }
    }
    Ok(())
}

/// Copies what libFuzzer left in `fuzz/artifacts/<target>` to the fixtures.
fn keep_artifacts(target: &str) -> Result<String> {
    let from = root().join("fuzz/artifacts").join(target);
    let to = root().join("tests/fixtures/fuzz").join(target);
    std::fs::create_dir_all(&to)?;
    if let Ok(entries) = std::fs::read_dir(&from) {
        for entry in entries {
            let path = entry?.path();
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, to.join(name))?;
            }
        }
    }
    Ok(to.display().to_string())
}
