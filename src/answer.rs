//! What the answer to a request means: the body and how long it stays
//! fresh, or the error that says why there is none and how long the server
//! asked to be left alone. The shell (`web::fetch`) reports what happened;
//! the words are chosen here.

use crate::error::{Error, ErrorKind};
use crate::number::decimal;
use crate::poll;

/// How a request went, its body of type `B`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<B> {
    /// A 2xx answer.
    Body {
        /// The body, as the browser decoded it.
        body: B,
        /// Its `Cache-Control` header.
        cache_control: Option<String>,
    },
    /// Any other status.
    Status {
        /// The status code.
        code: u16,
        /// Its reason phrase, if the server gave one.
        text: String,
        /// `Retry-After`, in ms, if the server said.
        retry_after_ms: Option<u32>,
    },
    /// No answer: offline, unreachable, refused by CORS; or the page's own
    /// fetch function failed, saying `message`.
    Failed {
        /// What the page's fetch function said; `None` for the browser's.
        message: Option<String>,
    },
    /// No answer within the time limit.
    Timeout,
    /// A body past `max-size`, as its `Content-Length` said (`declared`)
    /// or as counted.
    TooLarge {
        /// Whether the server said so before any of it was read.
        declared: bool,
    },
    /// A body nested past the reader's limit.
    TooDeep,
    /// The response ended before its body was read.
    Cut,
}

/// A feed's answer, not yet read.
#[derive(Debug, PartialEq, Eq)]
pub struct Fetched<B> {
    /// The body.
    pub body: B,
    /// How long the server says the answer stays fresh (`max-age`), in ms.
    pub max_age: Option<u32>,
}

/// A request that failed, and how long the server asked us to wait.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure {
    /// Why.
    pub error: Error,
    /// `Retry-After`, in ms.
    pub retry_after: Option<u32>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, retry_after: None }
    }
}

impl<B> Answer<B> {
    /// The body, or why not, for a request of `timeout_ms` and `max_size`.
    ///
    /// # Errors
    ///
    /// Every answer but [`Answer::Body`], as an [`Error`] whose message
    /// says what a host developer needs to know.
    pub fn into_result(self, timeout_ms: u32, max_size: u32) -> Result<Fetched<B>, Failure> {
        let error = match self {
            Answer::Body { body, cache_control } => {
                let max_age = cache_control.as_deref().and_then(poll::max_age);
                return Ok(Fetched { body, max_age });
            }
            Answer::Status { code, text, retry_after_ms } => {
                let detail =
                    ["HTTP ", &decimal(code.into()), if text.is_empty() { "" } else { " " }, &text];
                let error = Error::new(ErrorKind::Http, detail.concat());
                return Err(Failure { error, retry_after: retry_after_ms });
            }
            Answer::Failed { message: Some(message) } => {
                Error::new(ErrorKind::Network, ["the request failed: ", &message].concat())
            }
            Answer::Failed { message: None } => Error::new(
                ErrorKind::Network,
                "the request failed (offline, the host is unreachable, or its server does not \
                 allow this origin: CORS)",
            ),
            Answer::Timeout => {
                let seconds = decimal((timeout_ms / 1000).into());
                Error::new(ErrorKind::Timeout, ["no answer within ", &seconds, " s"].concat())
            }
            Answer::TooLarge { declared } => too_large(max_size, declared),
            Answer::TooDeep => crate::feed::too_deep(),
            Answer::Cut => {
                Error::new(ErrorKind::Network, "the response ended before its body was read")
            }
        };
        Err(error.into())
    }
}

/// A body over `max_size` bytes: "larger than 4 MiB (`max-size`)", saying
/// whether the server said so (`Content-Length`) or it was counted.
pub fn too_large(max_size: u32, declared: bool) -> Error {
    let (n, unit) = match max_size {
        n if n % (1024 * 1024) == 0 => (n / (1024 * 1024), " MiB"),
        n if n % 1024 == 0 => (n / 1024, " KiB"),
        n => (n, " bytes"),
    };
    let how = if declared { ", as its Content-Length says" } else { "" };
    let message = ["larger than ", &decimal(n.into()), unit, how, " (`max-size`)"].concat();
    Error::new(ErrorKind::Limit, message)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The message of `answer`'s error, for a request of 15 s and 4 MiB.
    #[allow(clippy::unwrap_used, reason = "a test")]
    fn check(answer: Answer<()>, kind: ErrorKind, message: &str, retry_after: Option<u32>) {
        let failure = answer.into_result(15_000, 4 * 1024 * 1024).unwrap_err();
        assert_eq!(failure.error.kind(), kind);
        assert_eq!(failure.error.message(), message);
        assert_eq!(failure.retry_after, retry_after);
    }

    #[test]
    fn a_body_comes_with_how_long_it_stays_fresh() {
        let body = |cache_control: Option<&str>| Answer::Body {
            body: "{}",
            cache_control: cache_control.map(str::to_owned),
        };
        let fresh = body(Some("public, max-age=30")).into_result(1, 1).unwrap();
        assert_eq!(fresh, Fetched { body: "{}", max_age: Some(30_000) });
        assert_eq!(body(None).into_result(1, 1).unwrap().max_age, None);
        assert_eq!(body(Some("no-store")).into_result(1, 1).unwrap().max_age, None);
    }

    #[test]
    fn every_failure_says_why() {
        use ErrorKind::{Http, Limit, Network, Timeout};
        let status = |code, text: &str, retry_after_ms| Answer::Status {
            code,
            text: text.to_owned(),
            retry_after_ms,
        };
        let http = "the feed's server answered with an error: ";
        check(
            status(503, "Service Unavailable", None),
            Http,
            &[http, "HTTP 503 Service Unavailable"].concat(),
            None,
        );
        check(status(429, "", Some(120_000)), Http, &[http, "HTTP 429"].concat(), Some(120_000));
        check(
            Answer::Failed { message: None },
            Network,
            "the feed could not be fetched: the request failed (offline, the host is \
             unreachable, or its server does not allow this origin: CORS)",
            None,
        );
        check(
            Answer::Failed { message: Some("no token".into()) },
            Network,
            "the feed could not be fetched: the request failed: no token",
            None,
        );
        check(
            Answer::Timeout,
            Timeout,
            "the feed took too long to answer: no answer within 15 s",
            None,
        );
        let limit = "the feed is past a limit of the widget: ";
        check(
            Answer::TooLarge { declared: false },
            Limit,
            &[limit, "larger than 4 MiB (`max-size`)"].concat(),
            None,
        );
        check(
            Answer::TooLarge { declared: true },
            Limit,
            &[limit, "larger than 4 MiB, as its Content-Length says (`max-size`)"].concat(),
            None,
        );
        assert_eq!(
            Answer::<()>::TooDeep.into_result(1, 1).unwrap_err().error,
            crate::feed::too_deep()
        );
        check(
            Answer::Cut,
            Network,
            "the feed could not be fetched: the response ended before its body was read",
            None,
        );
    }

    #[test]
    fn sizes_are_said_in_the_unit_they_were_given_in() {
        assert!(too_large(100, false).message().contains("larger than 100 bytes"));
        assert!(too_large(512 * 1024, false).message().contains("larger than 512 KiB"));
        assert!(too_large(8 * 1024 * 1024, false).message().contains("larger than 8 MiB"));
    }
}
