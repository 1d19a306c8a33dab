//! Reading a document: from a file, from standard input, or from an
//! `http://` or `https://` URL, fetched natively with `ureq`.
//!
//! Every source is held to [`MAX_BYTES`]; a URL also to [`TIMEOUT`] for the
//! whole exchange. Errors are messages for a person: they end up after
//! `error: cannot read SOURCE: `.

use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// The largest document read, from any source: 64 MiB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How long fetching a URL may take, from connecting to the last byte.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
}

impl Source {
    /// The source an argument names: `-` is stdin, an argument starting
    /// with `http://` or `https://` (in any case) a URL, anything else a
    /// file.
    pub fn parse(arg: &str) -> Source {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Source::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Source::Url(arg.to_owned())
        } else {
            Source::File(arg.into())
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("standard input"),
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Url(url) => f.write_str(url),
        }
    }
}

/// The bytes of the document at `source`, or why it could not be read.
pub fn read(source: &Source) -> Result<Vec<u8>, String> {
    match source {
        Source::Stdin => read_capped(std::io::stdin().lock()),
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
            if file.metadata().is_ok_and(|m| m.is_dir()) {
                return Err("is a directory".to_owned());
            }
            read_capped(file)
        }
        Source::Url(url) => fetch(url),
    }
}

/// Everything `reader` gives, up to [`MAX_BYTES`].
fn read_capped(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> String {
    format!("the document is larger than {} MiB", MAX_BYTES / 1024 / 1024)
}

/// An I/O error, without Rust's `(os error 2)`.
fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(end) => text.get(..end).unwrap_or(&text).to_owned(),
                None => text,
            }
        }
    }
}

/// The body of a `GET` of `url`: an error for a status other than 2xx, a
/// body larger than [`MAX_BYTES`], or an exchange longer than [`TIMEOUT`].
fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("status-feed/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| fetch_message(&e))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().map(|r| [" ", r].concat()).unwrap_or_default();
        return Err(format!("the server answered HTTP {}{reason}", status.as_u16()));
    }
    response.body_mut().with_config().limit(MAX_BYTES).read_to_vec().map_err(|e| fetch_message(&e))
}

/// A network error, said plainly.
fn fetch_message(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => {
            format!("no complete answer within {} seconds", TIMEOUT.as_secs())
        }
        ureq::Error::HostNotFound => "the host was not found".to_owned(),
        ureq::Error::BodyExceedsLimit(_) => too_large(),
        ureq::Error::Io(e) => io_message(e),
        ureq::Error::BadUri(uri) => format!("not a URL that can be fetched: {uri}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sources() {
        assert_eq!(Source::parse("-"), Source::Stdin);
        assert_eq!(Source::parse("HTTPS://x.example/a"), Source::Url("HTTPS://x.example/a".into()));
        assert_eq!(Source::parse("http://x"), Source::Url("http://x".into()));
        assert_eq!(Source::parse("feed.json"), Source::File("feed.json".into()));
        assert_eq!(Source::parse("ftp://x"), Source::File("ftp://x".into()));
        assert_eq!(Source::parse("ü"), Source::File("ü".into()));
    }

    #[test]
    fn caps_what_it_reads() {
        assert_eq!(read_capped(&b"{}"[..]), Ok(b"{}".to_vec()));
        let big = std::io::repeat(b' ').take(MAX_BYTES + 10);
        assert_eq!(read_capped(big), Err(too_large()));
    }
}
