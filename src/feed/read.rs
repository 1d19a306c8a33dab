//! Reading a parsed document into the model, a slice at a time: the format
//! is given or detected ([`detect()`]), its reader finds what
//! the feed is and the lists of its incidents and maintenance, then so many
//! entries are read per step.
//!
//! Tolerance, in every reader: an unknown field is never looked at; a
//! scalar of the wrong type is a missing value; an unknown enum value is
//! `Unknown`; an entry without what it cannot do without (an identifier, a
//! title, a readable time) is skipped and counted. Only a root that is no
//! feed is an error.

use super::fields::{not_a_feed, Context, List, Start};
use super::json::Json;
use super::{cachet, detect, incidentio, instatus, statuspage, Feed, Format, Skip};
use crate::error::Error;

/// Reads a whole document, in `format` or the one it is detected to be.
pub(super) fn feed<J: Json>(root: &J, format: Option<Format>) -> Result<Feed, Error> {
    let mut reading = Reading::start_as(root, format)?;
    reading.step(usize::MAX);
    Ok(reading.finish())
}

/// A feed read a slice at a time: everything but its incidents and
/// maintenance at [`start`](Reading::start), then so many of those per
/// [`step`](Reading::step), so that a caller can let the page breathe
/// between slices of a long history.
pub struct Reading<J> {
    feed: Feed,
    incidents: List<J>,
    maintenance: List<J>,
}

impl<J: Json> Reading<J> {
    /// Reads what a feed is (its format, page, status and components) and
    /// finds its incidents and maintenance, without reading them yet.
    ///
    /// # Errors
    ///
    /// When the document is no feed (see [`read()`](super::read())).
    pub fn start(root: &J) -> Result<Reading<J>, Error> {
        Reading::start_as(root, None)
    }

    /// As [`start`](Reading::start), in `format` when it is given instead of
    /// the one detected.
    ///
    /// # Errors
    ///
    /// When the document is no feed, or none of that format.
    pub fn start_as(root: &J, format: Option<Format>) -> Result<Reading<J>, Error> {
        if !root.is_object() {
            return Err(not_a_feed("expected a JSON object at the root"));
        }
        let format = match format {
            Some(format) => format,
            None => detect(root)?,
        };
        let Start { feed, incidents, maintenance } = match format {
            Format::V1 | Format::Statuspage => statuspage::start(root, format)?,
            Format::IncidentIo => incidentio::start(root)?,
            Format::Instatus => instatus::start(root)?,
            Format::Cachet => cachet::start(root)?,
        };
        Ok(Reading { feed, incidents, maintenance })
    }

    /// Reads up to `count` more incidents or maintenance; says whether
    /// any are left.
    pub fn step(&mut self, count: usize) -> bool {
        let Feed { format, page, components, incidents, maintenance, skipped, .. } = &mut self.feed;
        let context = Context { format: *format, page_url: page.url.as_ref(), components };
        for _ in 0..count {
            let (list, listed_as_maintenance, out) = match self.incidents.items.len() {
                0 => (&mut self.maintenance, true, &mut *maintenance),
                _ => (&mut self.incidents, false, &mut *incidents),
            };
            let Some((name, index, item)) = list.items.next() else { return false };
            let entry = (name, index);
            let read = match context.format {
                Format::V1 | Format::Statuspage => {
                    statuspage::incident(&context, &item, listed_as_maintenance)
                }
                Format::IncidentIo => incidentio::incident(&context, &item, listed_as_maintenance),
                Format::Instatus => instatus::incident(&context, &item, listed_as_maintenance),
                Format::Cachet => cachet::incident(&context, &item, listed_as_maintenance),
            };
            match read {
                Ok((incident, bad_updates)) => {
                    for (list, index, field) in bad_updates {
                        skipped.add(Skip { entry, inner: Some((list, index)), field });
                    }
                    out.push(incident);
                }
                Err(field) => skipped.add(Skip { entry, inner: None, field }),
            }
        }
        self.incidents.items.len() + self.maintenance.items.len() > 0
    }

    /// The feed, with whatever is not read yet read now.
    pub fn finish(mut self) -> Feed {
        self.step(usize::MAX);
        self.feed
    }
}
