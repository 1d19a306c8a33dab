//! One clock for every widget on the page.
//!
//! Once a minute each live widget looks at its feed again: relative times
//! move on ("2 minutes ago" becomes "1 hour ago") and maintenance whose
//! window opens or closes comes and goes. There is one interval for the
//! whole page, running only while some widget is registered: the last
//! [`Registration`] to drop stops it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Interval;

use super::later;

/// How often widgets are told the time.
const PERIOD_MS: u32 = 60_000;

/// What the ticker tells a widget.
pub(crate) trait Tick {
    /// A minute has passed.
    fn tick(&self);
}

#[derive(Default)]
struct Ticker {
    next: u32,
    widgets: Vec<(u32, Weak<dyn Tick>)>,
    interval: Option<Interval>,
}

thread_local! {
    static TICKER: RefCell<Ticker> = RefCell::new(Ticker::default());
}

/// A widget's place on the ticker; dropping it takes the widget off.
#[must_use = "dropping a Registration takes the widget off the ticker at once"]
pub(crate) struct Registration(u32);

/// Puts `widget` on the ticker, starting it if it was idle.
pub(crate) fn register(widget: Weak<dyn Tick>) -> Registration {
    TICKER.with(|ticker| {
        let mut ticker = ticker.borrow_mut();
        let id = ticker.next;
        ticker.next = id.wrapping_add(1);
        ticker.widgets.push((id, widget));
        if ticker.interval.is_none() {
            ticker.interval = Some(Interval::new(PERIOD_MS, tick));
        }
        Registration(id)
    })
}

impl Drop for Registration {
    fn drop(&mut self) {
        let idle = TICKER.with(|ticker| {
            let mut ticker = ticker.borrow_mut();
            ticker.widgets.retain(|(id, _)| *id != self.0);
            if ticker.widgets.is_empty() {
                ticker.interval.take()
            } else {
                None
            }
        });
        // Dropping the interval clears it and frees its closure, which must
        // not happen inside that closure's own call (a widget may go during
        // a tick): so on the next turn.
        if let Some(interval) = idle {
            later(Box::new(move || drop(interval)));
        }
    }
}

fn tick() {
    // No borrow is held while widgets run: one may go, or come, meanwhile.
    let live: Vec<Rc<dyn Tick>> = TICKER
        .with(|ticker| ticker.borrow().widgets.iter().filter_map(|(_, w)| w.upgrade()).collect());
    for widget in live {
        widget.tick();
    }
}

/// How many widgets are on the ticker, and whether it runs (for tests).
#[cfg(test)]
pub(crate) fn census() -> (usize, bool) {
    TICKER.with(|ticker| {
        let ticker = ticker.borrow();
        (ticker.widgets.len(), ticker.interval.is_some())
    })
}

/// Tells every widget the time now, as the minute's tick does (for tests).
#[cfg(test)]
pub(crate) fn tick_now() {
    tick();
}
