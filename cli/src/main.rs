//! `status-feed`: checks status feeds and converts them to our own format,
//! natively, with the same reader the widget runs in the browser.
//!
//! ```text
//! status-feed validate [--format NAME] FILE|URL|-
//! status-feed convert  [--format NAME] FILE|URL|- [-o OUT]
//! status-feed schema
//! ```
//!
//! `validate` reports every problem of a document on its own line
//! (`error: $.incidents[1].title: is missing; the incident is left out`),
//! `convert` writes any feed the widget reads as status-feed v1, and `schema`
//! prints the JSON Schema of status-feed v1.
//!
//! Exit codes: 0 when the document has no errors (warnings are fine), 1 when
//! it has errors (or cannot be converted), 2 on a usage error or when the
//! document cannot be read at all (a missing file, a network error, an HTTP
//! error status).
//!
//! The modules: [`input`] reads a document from a file, stdin or a URL;
//! [`validate`] parses it and gathers its problems, with [`schema`] (JSON
//! Schema violations of our format), [`skips`] (why the reader left entries
//! out) and [`values`] (values the widget does not know, texts it cuts);
//! [`path`] writes and follows JSON paths; [`convert`] writes a converted
//! feed with its fields in a readable order. Output goes through
//! [`std::io::Write`] rather than `println!`, so that a closed pipe
//! (`status-feed validate feed.json | head -1`) ends the program quietly
//! instead of panicking.

mod convert;
mod input;
mod path;
mod schema;
mod skips;
mod validate;
mod values;

use std::io::Write;
use std::process::ExitCode;

use status_widget::feed::{self, Format};

use crate::input::Source;
use crate::validate::{Document, Severity};

/// The usage text: for `--help` on stdout, and on stderr when no command is
/// given.
const USAGE: &str = "\
status-feed: validate status feeds and convert them to status-feed v1

Usage:
  status-feed validate [--format NAME] FILE|URL|-
  status-feed convert  [--format NAME] FILE|URL|- [-o OUT]
  status-feed schema
  status-feed --help | --version

Commands:
  validate  Report every problem of a feed, one per line:
              error: $.incidents[1].title: is missing; the incident is left out
            with the format detected first and a summary last.
  convert   Write the feed as status-feed v1 (pretty-printed JSON) to stdout,
            or to OUT; entries that cannot be read are reported on stderr.
  schema    Print the JSON Schema of status-feed v1.

Input:
  FILE      a file;  -  standard input;  URL  an http:// or https:// address
            (fetched with a 15 s time limit, at most 64 MiB).

Options:
  --format NAME  Read the feed in this format instead of detecting it:
                 status-feed, statuspage, incident.io, instatus, cachet
  -o, --output OUT
                 (convert) Write to OUT instead of stdout.
  -h, --help     Print this help.
  -V, --version  Print the version.

Exit codes:
  0  no errors (warnings may remain)
  1  the document has errors (not JSON, not a feed, invalid, entries skipped)
  2  usage error, or the document could not be read (missing file, network)
";

/// Exit code: the document has errors.
const EXIT_INVALID: u8 = 1;
/// Exit code: usage error, or the document could not be read.
const EXIT_UNREADABLE: u8 = 2;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Schema,
    Validate { format: Option<Format>, source: Source },
    Convert { format: Option<Format>, source: Source, output: Option<String> },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        let _ = std::io::stderr().write_all(USAGE.as_bytes());
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: {message}\n\nRun `status-feed --help` for usage."
            );
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    match command {
        Command::Help => finish(write_stdout(USAGE.as_bytes()), 0),
        Command::Version => {
            let version = concat!("status-feed ", env!("CARGO_PKG_VERSION"), "\n");
            finish(write_stdout(version.as_bytes()), 0)
        }
        Command::Schema => finish(write_stdout(schema::TEXT.as_bytes()), 0),
        Command::Validate { format, source } => run_validate(format, &source),
        Command::Convert { format, source, output } => {
            run_convert(format, &source, output.as_deref())
        }
    }
}

/// Parses the arguments (without the program's name).
fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((first, rest)) = args.split_first() else {
        return Err("no command given".to_owned());
    };
    let command = first.as_str();
    match command {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "-V" | "--version" => return Ok(Command::Version),
        "schema" => {
            return match rest.first() {
                Some(arg) if is_help(arg) => Ok(Command::Help),
                Some(arg) => Err(format!("`schema` takes no arguments, got `{arg}`")),
                None => Ok(Command::Schema),
            };
        }
        "validate" | "convert" => {}
        other => return Err(format!("unknown command `{other}`")),
    }
    let (mut format, mut source, mut output) = (None, None, None);
    let mut options_done = false;
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let arg = arg.as_str();
        if options_done || arg == "-" || !arg.starts_with('-') {
            if let Some(first) = &source {
                return Err(format!("one document at a time: got `{first}` and `{arg}`"));
            }
            source = Some(arg.to_owned());
            continue;
        }
        // `--name value` or `--name=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg, None),
        };
        let mut value = |name: &str| match inline.clone().or_else(|| rest.next().cloned()) {
            Some(value) => Ok(value),
            None => Err(format!("`{name}` needs a value")),
        };
        match name {
            "--" => options_done = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--format" => {
                let name = value("--format")?;
                format = Some(Format::parse(&name).ok_or_else(|| {
                    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                    format!("unknown format `{name}`: expected one of {}", names.join(", "))
                })?);
            }
            "-o" | "--output" if command == "convert" => output = Some(value(name)?),
            _ => return Err(format!("unknown option `{arg}` for `{command}`")),
        }
    }
    let Some(source) = source else {
        return Err(format!("`{command}` needs a document: a file, a URL, or - for stdin"));
    };
    let source = Source::parse(&source);
    Ok(match command {
        "convert" => Command::Convert { format, source, output },
        _ => Command::Validate { format, source },
    })
}

fn is_help(arg: &str) -> bool {
    matches!(arg, "-h" | "--help")
}

/// `validate`: the report on stdout; reading errors on stderr.
fn run_validate(format: Option<Format>, source: &Source) -> ExitCode {
    let bytes = match input::read(source) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(source, &e),
    };
    let report = validate::validate(&bytes, format);
    let code = if report.errors() > 0 { EXIT_INVALID } else { 0 };
    finish(write_stdout(report.to_string().as_bytes()), code)
}

/// `convert`: the feed as status-feed v1 on stdout or in `output`;
/// problems on stderr.
fn run_convert(format: Option<Format>, source: &Source, output: Option<&str>) -> ExitCode {
    let bytes = match input::read(source) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(source, &e),
    };
    let mut stderr = std::io::stderr().lock();
    let document = match Document::parse(&bytes) {
        Ok(document) => document,
        Err(problem) => {
            let _ = writeln!(stderr, "{problem}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let feed = match feed::read_as(&document.value, format) {
        Ok(feed) => feed,
        Err(e) => {
            let _ = writeln!(stderr, "error: $: not a feed: {}", e.detail());
            return ExitCode::from(EXIT_INVALID);
        }
    };
    // What the conversion loses: entries left out, values the widget does
    // not know (left out of the output), texts cut.
    for problem in validate::conversion_warnings(&document.value, &feed) {
        let problem = validate::Problem { severity: Severity::Warning, ..problem };
        let _ = writeln!(stderr, "{problem}");
    }
    let v1 = feed::to_v1(&feed);
    // The writer leaves out what it does not know, so the output passes
    // the schema (tests hold every fixture to it); should it ever not, say
    // so rather than hand a strict consumer a document it refuses.
    for problem in schema::check(&v1) {
        let _ = writeln!(stderr, "warning: output {}: {}", problem.path, problem.message);
    }
    let json = convert::pretty(&v1);
    match output {
        None => finish(write_stdout(json.as_bytes()), 0),
        Some(path) => match std::fs::write(path, json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(stderr, "error: cannot write {path}: {e}");
                ExitCode::from(EXIT_UNREADABLE)
            }
        },
    }
}

/// Says on stderr that `source` could not be read.
fn unreadable(source: &Source, error: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: cannot read {source}: {error}");
    ExitCode::from(EXIT_UNREADABLE)
}

/// Writes `bytes` to stdout and flushes.
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Exits with `code`, or quietly with 1 when stdout could not take the
/// output (its reader went away: `| head`), or 2 for any other write error.
fn finish(written: std::io::Result<()>, code: u8) -> ExitCode {
    match written {
        Ok(()) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Result<Command, String> {
        parse_args(&line.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
    }

    #[test]
    fn parses_commands() {
        assert_eq!(args("--help"), Ok(Command::Help));
        assert_eq!(args("-V"), Ok(Command::Version));
        assert_eq!(args("schema"), Ok(Command::Schema));
        assert_eq!(
            args("validate --format=cachet feed.json"),
            Ok(Command::Validate {
                format: Some(Format::Cachet),
                source: Source::File("feed.json".into())
            })
        );
        assert_eq!(
            args("convert - -o out.json --format Statuspage"),
            Ok(Command::Convert {
                format: Some(Format::Statuspage),
                source: Source::Stdin,
                output: Some("out.json".to_owned())
            })
        );
        assert_eq!(
            args("validate -- -odd-name.json"),
            Ok(Command::Validate { format: None, source: Source::File("-odd-name.json".into()) })
        );
    }

    #[test]
    fn refuses_bad_usage() {
        for line in [
            "",
            "frobnicate",
            "validate",
            "validate a.json b.json",
            "validate --format",
            "validate --format yaml a.json",
            "validate -o out.json a.json",
            "schema extra",
        ] {
            assert!(args(line).is_err(), "accepted: {line}");
        }
    }
}
