//! status-widget: an embeddable status banner and incident timeline.
//!
//! A site adds one script tag; the widget fetches a status feed (our own
//! [`feed::Format::V1`] format or Statuspage's v2 JSON) and renders, inside the host
//! page, a banner for what is happening now or a timeline of incidents.
//!
//! The crate is a functional core with a thin browser shell. Everything that
//! decides (reading feeds, choosing what the banner shows, building the view)
//! is plain Rust that never touches the browser and runs natively:
//!
//! ```
//! use status_widget::feed;
//! use status_widget::time::Timestamp;
//! use status_widget::view::{self, Context, Options};
//!
//! let feed = feed::from_json_str(r#"{
//!     "version": 1,
//!     "page": { "name": "Kestrel Cloud" },
//!     "incidents": [{
//!         "id": "k-7", "title": "Slow deploys", "impact": "minor",
//!         "started_at": "2026-11-21T09:12:00-08:00",
//!         "updates": [{ "status": "identified", "at": "2026-11-21T09:40:00-08:00",
//!                       "body": "A build cache node is being replaced." }]
//!     }]
//! }"#)?;
//! let now = Timestamp::parse("2026-11-21T18:00:00Z").unwrap();
//! let banner = view::render(&feed, &Options::default(), now, &Context::default());
//! let html = view::markup::to_markup(&banner.unwrap(), now);
//! assert!(html.contains("Slow deploys") && html.contains("Identified"));
//! # Ok::<(), status_widget::Error>(())
//! ```
//!
//! The browser shell, compiled only for `wasm32`, is the `web` module: the
//! `Widget` behind the `<status-widget>` element, fetch, the DOM, `Intl`.

pub mod answer;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
pub mod config;
pub mod dismiss;
pub mod error;
pub mod feed;
pub mod filter;
pub mod frame;
pub mod json;
pub mod known;
pub mod link;
pub mod message;
pub mod number;
pub mod poll;
pub mod schedule;
pub mod speech;
pub mod state;
pub mod strings;
pub mod summary;
pub mod time;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, ErrorKind};

/// The crate's version, which the npm package of `dist/` carries.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
