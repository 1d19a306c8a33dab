//! What the tabs of a browser tell each other about one feed, on its
//! `BroadcastChannel` (see `web::share`).
//!
//! A message is a short array, so that it crosses the channel by structured
//! clone without JSON: `["began", at]`, `["good", at, wait, body]`,
//! `["failed", at, wait, kind, detail]` or `["dismissed"]`. `at` is when,
//! in ms since the epoch; `wait` how long the tab that asked waits before
//! its next request (the interval, `max-age`, backoff or `Retry-After`);
//! `kind` the place of the [`ErrorKind`] in [`ErrorKind::ALL`]. The body
//! stays whatever the shell holds it as (a JS string: it is never copied
//! into wasm memory to be posted). Anything else heard is ignored: another
//! tab may run another version of the widget, or be something else.

use crate::error::ErrorKind;
use crate::feed::Json;
use crate::time::Timestamp;

const BEGAN: &str = "began";
const GOOD: &str = "good";
const FAILED: &str = "failed";
const DISMISSED: &str = "dismissed";

/// One message about a feed, its body of type `B`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message<B> {
    /// A tab has asked the network.
    Began {
        /// When.
        at: Timestamp,
    },
    /// A tab's request was answered with `body`.
    Good {
        /// When.
        at: Timestamp,
        /// How long that tab waits before asking again, in ms.
        wait_ms: u32,
        /// The answer.
        body: B,
    },
    /// A tab's request failed.
    Failed {
        /// When.
        at: Timestamp,
        /// How long that tab waits before asking again, in ms.
        wait_ms: u32,
        /// Why.
        kind: ErrorKind,
        /// What exactly happened.
        detail: String,
    },
    /// The reader dismissed something, or brought it back: the dismissals
    /// saved for the feed changed.
    Dismissed,
}

/// One element of an encoded message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a, B> {
    /// A string.
    Text(&'a str),
    /// A number.
    Number(f64),
    /// The body, as the shell holds it.
    Body(&'a B),
}

impl<B> Message<B> {
    /// The elements of the array to post.
    pub fn encode(&self) -> Vec<Field<'_, B>> {
        #[allow(clippy::cast_precision_loss, reason = "instants fit in 53 bits")]
        let ms = |at: &Timestamp| Field::Number(at.as_millis() as f64);
        match self {
            Message::Began { at } => vec![Field::Text(BEGAN), ms(at)],
            Message::Good { at, wait_ms, body } => {
                vec![Field::Text(GOOD), ms(at), Field::Number((*wait_ms).into()), Field::Body(body)]
            }
            Message::Failed { at, wait_ms, kind, detail } => {
                let index = ErrorKind::ALL.iter().position(|k| k == kind).unwrap_or(0);
                #[allow(clippy::cast_precision_loss, reason = "a handful of kinds")]
                let index = Field::Number(index as f64);
                vec![
                    Field::Text(FAILED),
                    ms(at),
                    Field::Number((*wait_ms).into()),
                    index,
                    Field::Text(detail),
                ]
            }
            Message::Dismissed => vec![Field::Text(DISMISSED)],
        }
    }

    /// The message `data` encodes, its body taken by `body`; `None` for
    /// anything that is not one of ours.
    pub fn decode<J: Json>(data: &J, body: impl FnOnce(&J) -> Option<B>) -> Option<Message<B>> {
        let fields = data.elements()?;
        let number = |i: usize| fields.get(i)?.number().filter(|n| n.is_finite());
        #[allow(clippy::cast_possible_truncation, reason = "clamped to the years the model holds")]
        let at = || Some(Timestamp::from_millis(number(1)?.clamp(0.0, MAX_MS) as i64));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped")]
        let wait = || Some(number(2)?.clamp(0.0, f64::from(u32::MAX)) as u32);
        let message = match fields.first()?.string()?.as_str() {
            BEGAN => Message::Began { at: at()? },
            GOOD => Message::Good { at: at()?, wait_ms: wait()?, body: body(fields.get(3)?)? },
            FAILED => {
                let index = number(3).filter(|n| n.fract() == 0.0 && *n >= 0.0)?;
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked"
                )]
                let kind = *ErrorKind::ALL.get(index as usize)?;
                let detail = fields.get(4).and_then(Json::string).unwrap_or_default();
                Message::Failed { at: at()?, wait_ms: wait()?, kind, detail }
            }
            DISMISSED => Message::Dismissed,
            _ => return None,
        };
        Some(message)
    }
}

/// The end of the year 9999, the latest instant a feed can name.
const MAX_MS: f64 = 253_402_300_799_999.0;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    /// `message` as the channel carries it (the body a JSON string here).
    fn wire(message: &Message<String>) -> Value {
        let fields = message.encode().into_iter().map(|field| match field {
            Field::Text(text) => json!(text),
            Field::Number(n) => json!(n),
            Field::Body(body) => json!(body),
        });
        Value::Array(fields.collect())
    }

    fn decode(data: &Value) -> Option<Message<String>> {
        Message::decode(&data, |body| body.string())
    }

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    #[test]
    fn every_message_comes_back_as_it_went() {
        let body = r#"{"page":{"name":"Kestrel"}}"#.to_owned();
        for message in [
            Message::Began { at: at(1_700_000_000_000) },
            Message::Good { at: at(1), wait_ms: 60_000, body },
            Message::Failed {
                at: at(2),
                wait_ms: u32::MAX,
                kind: ErrorKind::Http,
                detail: "HTTP 503 Service Unavailable".to_owned(),
            },
            Message::Failed {
                at: at(3),
                wait_ms: 0,
                kind: ErrorKind::Limit,
                detail: String::new(),
            },
            Message::Dismissed,
        ] {
            assert_eq!(decode(&wire(&message)).as_ref(), Some(&message), "{}", wire(&message));
        }
        for kind in ErrorKind::ALL {
            let message = Message::Failed { at: at(0), wait_ms: 1, kind, detail: "x".to_owned() };
            assert_eq!(decode(&wire(&message)), Some(message));
        }
    }

    #[test]
    fn the_wire_is_a_short_array() {
        let good = Message::Good { at: at(5), wait_ms: 7, body: "{}".to_owned() };
        assert_eq!(wire(&good), json!(["good", 5.0, 7.0, "{}"]));
        let failed = Message::<String>::Failed {
            at: at(5),
            wait_ms: 7,
            kind: ErrorKind::Timeout,
            detail: "no answer within 15 s".to_owned(),
        };
        assert_eq!(wire(&failed), json!(["failed", 5.0, 7.0, 3.0, "no answer within 15 s"]));
        assert_eq!(wire(&Message::Dismissed), json!(["dismissed"]));
    }

    #[test]
    fn what_is_not_a_message_of_ours_is_ignored() {
        for data in [
            json!(null),
            json!("good"),
            json!({"0": "good"}),
            json!([]),
            json!([1, 2]),
            json!(["hello", 1]),
            json!(["began"]),
            json!(["began", "yesterday"]),
            json!(["good", 1, 2]),
            json!(["good", 1, 2, 3]),
            json!(["good", 1, "soon", "{}"]),
            json!(["failed", 1, 2]),
            json!(["failed", 1, 2, 99, "x"]),
            json!(["failed", 1, 2, -1, "x"]),
            json!(["failed", 1, 2, 1.5, "x"]),
            json!(["failed", 1, 2, "http", "x"]),
        ] {
            assert_eq!(decode(&data), None, "{data}");
        }
    }

    #[test]
    fn times_and_waits_out_of_range_are_clamped() {
        let good = json!(["good", -5, 1e12, "{}"]);
        let expected = Message::Good { at: at(0), wait_ms: u32::MAX, body: "{}".to_owned() };
        assert_eq!(decode(&good), Some(expected));
        let far = json!(["began", 1e300]);
        assert_eq!(decode(&far), Some(Message::Began { at: at(MAX_MS as i64) }));
        // A failure without its detail still holds the tabs back.
        let bare = json!(["failed", 1, 2, 1]);
        let expected = Message::Failed {
            at: at(1),
            wait_ms: 2,
            kind: ErrorKind::Network,
            detail: String::new(),
        };
        assert_eq!(decode(&bare), Some(expected));
    }
}
