//! The widget's one error type.
//!
//! Errors are typed all the way to the `#[wasm_bindgen]` edge, where they
//! become a `state="error"`, an `error` event and one console warning that
//! says why. Nothing in the crate panics on feed or attribute data.

use std::fmt;

/// What went wrong, and the details a developer needs to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    detail: String,
}

/// The kinds of [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when the widget has no feed to read: `src` is missing or empty.
    NoSource,
    /// Occurs when the feed cannot be reached: the network is down, the host
    /// does not answer, or the feed's server does not allow this origin
    /// (CORS).
    Network,
    /// Occurs when the feed's server answers with a status other than 2xx.
    Http,
    /// Occurs when the feed takes longer than the time limit to answer.
    Timeout,
    /// Occurs when the response is not JSON: empty, an HTML error page, or
    /// cut off in the middle.
    NotJson,
    /// Occurs when the response is JSON but not a feed in any format the
    /// widget reads: an array, wrong types, an unsupported version.
    NotAFeed,
    /// Occurs when the browser refuses something the widget needs (a shadow
    /// root on an element that cannot have one, for example).
    Browser,
    /// Occurs when the feed is past one of the widget's limits: larger than
    /// `max-size`, or nested deeper than the reader allows.
    Limit,
}

impl Error {
    /// An error of `kind`, with `detail` saying what exactly happened.
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Error { kind, detail: detail.into() }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// What exactly happened.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl ErrorKind {
    /// Every kind, in a fixed order (how another tab names one).
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::NoSource,
        ErrorKind::Network,
        ErrorKind::Http,
        ErrorKind::Timeout,
        ErrorKind::NotJson,
        ErrorKind::NotAFeed,
        ErrorKind::Browser,
        ErrorKind::Limit,
    ];

    /// A short sentence for the kind, which the detail completes.
    pub const fn summary(self) -> &'static str {
        match self {
            ErrorKind::NoSource => "no feed to read",
            ErrorKind::Network => "the feed could not be fetched",
            ErrorKind::Http => "the feed's server answered with an error",
            ErrorKind::Timeout => "the feed took too long to answer",
            ErrorKind::NotJson => "the feed is not JSON",
            ErrorKind::NotAFeed => "the document is not a status feed",
            ErrorKind::Browser => "the browser refused",
            ErrorKind::Limit => "the feed is past a limit of the widget",
        }
    }
}

impl Error {
    /// The whole message: the kind's summary, then the detail.
    pub fn message(&self) -> String {
        match self.detail.is_empty() {
            true => self.kind.summary().to_owned(),
            false => [self.kind.summary(), ": ", &self.detail].concat(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}
