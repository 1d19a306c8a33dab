//! When one feed is asked for next: the schedule of a source, without I/O.
//!
//! The shell (`web::source`) tells the [`Schedule`] what happened (a
//! request of this tab ended, another tab said something, the browser came
//! back online), each with the time, and asks it how long to wait before
//! the next request; it reads no clock, draws no random number and sets no
//! timer itself. The rules:
//!
//! - After an answer, the next request waits for the poll interval, or
//!   longer if the server says its answer stays fresh (`max-age`); after a
//!   failure, for a backoff with full jitter, at least the server's
//!   `Retry-After` ([`poll`]). A failure also holds back every request
//!   until its wait is over, whatever answers already on their way say.
//! - One tab polls for all (the one holding the feed's lock: it *leads*).
//!   Every tab posts what it fetched with the wait it chose, and the
//!   others keep to that wait, plus a grace of a whole interval and a
//!   random part of one: they ask themselves only if the leader goes
//!   quiet. While another tab asks, its answer is awaited as long as a
//!   request may take.
//! - An answer another tab could not take (past its widgets' `max-size`)
//!   is not the feed failing: the server answered, and this tab asks again
//!   after its own interval.
//! - Back online after the network failed, the next request is due at once.
//! - A hidden tab, a widget that never polls and a tab whose request is on
//!   its way set no timer.

use crate::error::{Error, ErrorKind};
use crate::message::Message;
use crate::poll;
use crate::poll::Settings;
use crate::time::Timestamp;

/// How a load ended, for scheduling the next: when, and how long to wait
/// after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Last {
    /// When it ended (or, heard from another tab, when that tab said so).
    pub at: Timestamp,
    /// How long to wait after it, in ms.
    pub wait_ms: u32,
}

impl Last {
    fn end(self) -> Timestamp {
        later(self.at, self.wait_ms.into())
    }
}

fn later(at: Timestamp, ms: i64) -> Timestamp {
    Timestamp::from_millis(at.as_millis().saturating_add(ms))
}

/// What a tab is doing, as far as its timer is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tab {
    /// The page is visible.
    pub visible: bool,
    /// A request of this tab is on its way.
    pub asking: bool,
    /// This tab polls for all of them.
    pub leading: bool,
}

/// The schedule of one feed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Failures in a row.
    failures: u32,
    /// No request before this instant: the wait after the latest failure
    /// heard of, here or in another tab.
    hold: Timestamp,
    /// The last load, `None` before the first of the page view.
    last: Option<Last>,
}

/// What a failure of this tab's request decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// When it failed and how long to wait: what the other tabs are told.
    pub last: Last,
    /// Until when the server asked not to be asked (`Retry-After`), to be
    /// remembered by the next page view.
    pub hold: Option<Timestamp>,
}

/// What a message from another tab asks of this one.
#[derive(Debug, PartialEq, Eq)]
pub enum Heard<B> {
    /// Nothing.
    Nothing,
    /// Only the timer: set it again.
    Reschedule,
    /// The dismissals saved for the feed changed: read them again.
    Dismissed,
    /// Another tab's answer: read it (within this tab's `max-size`), then
    /// [`succeeded`](Schedule::succeeded) or [`failed`](Schedule::failed)
    /// with `last`.
    Answer {
        /// The body.
        body: B,
        /// When it came, and how long that tab waits.
        last: Last,
    },
    /// Another tab's request failed: the schedule has taken it as its own;
    /// the widgets show `error`.
    Failed(Error),
}

impl Schedule {
    /// The schedule of a feed whose server asked, in an earlier page view,
    /// not to be asked again before `until`: nothing is asked before then
    /// (at most [`poll::CAP_MS`] from `now`).
    pub fn held(until: Timestamp, now: Timestamp) -> Schedule {
        let wait = until.as_millis().saturating_sub(now.as_millis()).clamp(0, poll::CAP_MS.into());
        let wait_ms = u32::try_from(wait).unwrap_or(poll::CAP_MS);
        let last = Last { at: now, wait_ms };
        Schedule { failures: 0, hold: last.end(), last: Some(last) }
    }

    /// Whether a request may leave at `now`.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.last.is_none_or(|last| last.end() <= now) && self.hold <= now
    }

    /// Whether no load has ended in this page view: the first request may
    /// take over the one the classic script started early.
    pub fn is_first(&self) -> bool {
        self.last.is_none()
    }

    /// Whether the last load failed (and how many in a row).
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The answer in hand cannot be shown (past `max-size`): the next
    /// request is due now, unless the server holds it back.
    pub fn forget_last(&mut self) {
        self.last = None;
    }

    /// This tab's request was answered at `now`: the next waits for the
    /// interval or `max_age_ms`. Returns what the other tabs are told.
    pub fn fetched(&mut self, now: Timestamp, poll_ms: u32, max_age_ms: Option<u32>) -> Last {
        let wait_ms = poll::after_success(poll_ms, max_age_ms).unwrap_or(0);
        let last = Last { at: now, wait_ms };
        self.succeeded(last);
        last
    }

    /// This tab's request failed at `now`, the server asking for
    /// `retry_after_ms` if it did: backoff with `random` in `[0, 1)`.
    pub fn refused(
        &mut self,
        now: Timestamp,
        poll_ms: u32,
        retry_after_ms: Option<u32>,
        random: f64,
    ) -> Refused {
        let failures = self.failures.saturating_add(1);
        let wait_ms = poll::after_failure(poll_ms, failures, retry_after_ms, random).unwrap_or(0);
        let last = Last { at: now, wait_ms };
        self.failed(last);
        let hold = retry_after_ms.map(|ms| later(now, ms.min(poll::CAP_MS).into()));
        Refused { last, hold }
    }

    /// The URL cannot be fetched at all: the same answer every time, so it
    /// is not asked again soon.
    pub fn unfetchable(&mut self, now: Timestamp) -> Last {
        let wait_ms = poll::after_failure(poll::MIN_RETRY_MS, 20, None, 1.0).unwrap_or(0);
        let last = Last { at: now, wait_ms };
        self.failed(last);
        last
    }

    /// An answer was taken, here or from another tab.
    pub fn succeeded(&mut self, last: Last) {
        self.failures = 0;
        self.last = Some(last);
    }

    /// A request failed, here or in another tab: nothing is asked before
    /// its wait is over.
    pub fn failed(&mut self, last: Last) {
        self.hold = self.hold.max(last.end());
        self.failures = self.failures.saturating_add(1);
        self.last = Some(last);
    }

    /// What `message` from another tab changes, `asking` telling whether
    /// this tab's own request is on its way (it will tell what it finds).
    pub fn hear<B>(&mut self, message: Message<B>, asking: bool, settings: Settings) -> Heard<B> {
        match message {
            Message::Dismissed => Heard::Dismissed,
            // A limit another tab met (its widgets' `max-size`; any other,
            // this tab meets for itself when it asks) is not the feed
            // failing: the server answered.
            Message::Failed { kind: ErrorKind::Limit, .. } if asking => Heard::Nothing,
            Message::Failed { kind: ErrorKind::Limit, at, .. } => {
                self.last = Some(Last { at, wait_ms: settings.poll_ms });
                Heard::Reschedule
            }
            // A failure seen elsewhere holds the next request back all the same.
            Message::Failed { at, wait_ms, .. } if asking => {
                self.hold = self.hold.max(Last { at, wait_ms }.end());
                Heard::Nothing
            }
            _ if asking => Heard::Nothing,
            Message::Began { at } => {
                self.last = Some(Last { at, wait_ms: settings.timeout_ms });
                Heard::Reschedule
            }
            Message::Good { at, wait_ms, body } => {
                Heard::Answer { body, last: Last { at, wait_ms } }
            }
            Message::Failed { at, wait_ms, kind, detail } => {
                self.failed(Last { at, wait_ms });
                Heard::Failed(Error::new(kind, detail))
            }
        }
    }

    /// The browser is back online after the last load failed with
    /// `failure`: a failure of the network is worth retrying at once; a
    /// server that said when to come back keeps its time. Says whether the
    /// timer is to be set again.
    pub fn back_online(&mut self, failure: Option<ErrorKind>) -> bool {
        let offline = matches!(failure, Some(ErrorKind::Network | ErrorKind::Timeout));
        if offline {
            self.failures = 0;
            self.hold = Timestamp::default();
            self.last = self.last.map(|last| Last { wait_ms: 0, ..last });
        }
        offline
    }

    /// How long from `now` until this tab's next request, `random` in
    /// `[0, 1)` spreading the tabs that wait for another; `None` for no
    /// timer (hidden, not polling, or asking now).
    pub fn next(&self, now: Timestamp, poll_ms: u32, tab: Tab, random: f64) -> Option<u32> {
        if poll_ms == 0 || !tab.visible || tab.asking {
            return None;
        }
        let grace = match tab.leading {
            true => 0.0,
            false => f64::from(poll_ms) * (1.0 + random.clamp(0.0, 1.0)) + GRACE_MS,
        };
        #[allow(clippy::cast_possible_truncation, reason = "at most a few days")]
        let due = self.last.map_or(Timestamp::default(), |last| later(last.end(), grace as i64));
        let wait = due.max(self.hold).as_millis().saturating_sub(now.as_millis());
        // The most a browser timer takes (about 24 days).
        Some(u32::try_from(wait.clamp(0, i32::MAX.into())).unwrap_or(0))
    }
}

/// What a tab that waits for another's answer adds to a whole interval.
const GRACE_MS: f64 = 2000.0;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const MIN: u32 = 60_000;
    const LEAD: Tab = Tab { visible: true, asking: false, leading: true };
    const FOLLOW: Tab = Tab { visible: true, asking: false, leading: false };

    fn at(s: i64) -> Timestamp {
        Timestamp::from_millis(s * 1000)
    }

    fn settings(poll_ms: u32) -> Settings {
        Settings { poll_ms, timeout_ms: 15_000, max_size: poll::MAX_SIZE }
    }

    /// Something that happens to a schedule.
    #[derive(Clone, Debug)]
    enum Event {
        /// This tab's request answered at `s`, with `max-age`.
        Fetched(i64, Option<u32>),
        /// This tab's request failed at `s`, with `Retry-After`; jitter 0.5.
        Refused(i64, Option<u32>),
        /// Another tab says, this tab asking or not.
        Heard(Message<&'static str>, bool),
        /// Back online after a failure of this kind.
        Online(ErrorKind),
    }

    /// Runs `events` on a new schedule polling every minute, then checks
    /// the wait before the next request at `now` (seconds) for `tab`.
    fn check(events: &[Event], now: i64, tab: Tab, expected: Option<u32>) {
        let mut schedule = Schedule::default();
        run(&mut schedule, events);
        assert_eq!(schedule.next(at(now), MIN, tab, 0.5), expected, "{events:?} at {now} s");
    }

    fn run(schedule: &mut Schedule, events: &[Event]) {
        for event in events.iter().cloned() {
            match event {
                Event::Fetched(s, max_age) => drop(schedule.fetched(at(s), MIN, max_age)),
                Event::Refused(s, retry) => drop(schedule.refused(at(s), MIN, retry, 0.5)),
                Event::Heard(message, asking) => {
                    let heard = schedule.hear(message, asking, settings(MIN));
                    if let Heard::Answer { last, .. } = heard {
                        schedule.succeeded(last);
                    }
                }
                Event::Online(kind) => drop(schedule.back_online(Some(kind))),
            }
        }
    }

    fn good(s: i64, wait_ms: u32) -> Message<&'static str> {
        Message::Good { at: at(s), wait_ms, body: "{}" }
    }

    fn failed(s: i64, wait_ms: u32, kind: ErrorKind) -> Message<&'static str> {
        Message::Failed { at: at(s), wait_ms, kind, detail: String::new() }
    }

    #[test]
    fn the_leader_asks_after_the_interval_or_max_age() {
        use Event::Fetched;
        check(&[], 0, LEAD, Some(0));
        check(&[Fetched(0, None)], 0, LEAD, Some(MIN));
        check(&[Fetched(0, None)], 45, LEAD, Some(15_000));
        check(&[Fetched(0, None)], 75, LEAD, Some(0));
        check(&[Fetched(0, Some(300_000))], 0, LEAD, Some(300_000));
        check(&[Fetched(0, Some(1_000))], 0, LEAD, Some(MIN));
        check(&[Fetched(0, Some(u32::MAX))], 0, LEAD, Some(poll::CAP_MS));
    }

    #[test]
    fn failures_back_off_and_an_answer_recovers() {
        use Event::{Fetched, Refused};
        // Full jitter at 0.5: half of 2, 4, 8 intervals.
        check(&[Refused(0, None)], 0, LEAD, Some(MIN));
        check(&[Refused(0, None), Refused(60, None)], 60, LEAD, Some(2 * MIN));
        check(&[Refused(0, None), Refused(60, None), Refused(180, None)], 180, LEAD, Some(4 * MIN));
        check(&[Refused(0, None), Refused(60, None), Fetched(180, None)], 180, LEAD, Some(MIN));
        // And the backoff starts again from one failure.
        check(&[Refused(0, None), Fetched(60, None), Refused(120, None)], 120, LEAD, Some(MIN));
    }

    #[test]
    fn retry_after_holds_every_request_and_is_remembered() {
        let mut schedule = Schedule::default();
        let refused = schedule.refused(at(0), MIN, Some(600_000), 0.5);
        assert_eq!(refused.last, Last { at: at(0), wait_ms: 600_000 });
        assert_eq!(refused.hold, Some(at(600)));
        assert!(!schedule.is_due(at(599)) && schedule.is_due(at(600)));
        // Capped, however long the server asks for.
        let refused = Schedule::default().refused(at(0), MIN, Some(u32::MAX), 0.5);
        assert_eq!(refused.hold, Some(at(900)));
        assert_eq!(Schedule::default().refused(at(0), MIN, None, 0.5).hold, None);
        // An answer already on its way does not lift the hold.
        let events = [Event::Refused(0, Some(600_000)), Event::Fetched(10, None)];
        check(&events, 10, LEAD, Some(590_000));
    }

    #[test]
    fn a_hold_from_an_earlier_page_view_keeps_the_first_request_back() {
        let schedule = Schedule::held(at(100), at(40));
        assert!(!schedule.is_due(at(40)) && !schedule.is_first());
        assert_eq!(schedule.next(at(40), MIN, LEAD, 0.5), Some(60_000));
        assert!(schedule.is_due(at(100)));
        // At most the cap; one in the past holds nothing.
        assert_eq!(
            Schedule::held(at(10_000), at(0)).next(at(0), MIN, LEAD, 0.5),
            Some(poll::CAP_MS)
        );
        assert!(Schedule::held(at(0), at(40)).is_due(at(40)));
    }

    #[test]
    fn a_new_page_view_asks_at_once_and_takes_over_the_early_request() {
        let mut schedule = Schedule::default();
        assert!(schedule.is_due(at(0)) && schedule.is_first());
        schedule.fetched(at(0), MIN, None);
        assert!(!schedule.is_first() && !schedule.is_due(at(1)));
        // An answer in hand that cannot be shown: asked for again now.
        schedule.forget_last();
        assert!(schedule.is_due(at(1)));
    }

    #[test]
    fn no_timer_while_hidden_not_polling_or_asking() {
        let hidden = Tab { visible: false, ..LEAD };
        let asking = Tab { asking: true, ..LEAD };
        let schedule = Schedule::default();
        assert_eq!(schedule.next(at(0), MIN, hidden, 0.5), None);
        assert_eq!(schedule.next(at(0), MIN, asking, 0.5), None);
        assert_eq!(schedule.next(at(0), 0, LEAD, 0.5), None);
        // Shown again, what is overdue is due at once: it catches up.
        check(&[Event::Fetched(0, None)], 600, LEAD, Some(0));
    }

    #[test]
    fn other_tabs_keep_to_the_leaders_wait_and_a_grace() {
        use Event::Heard;
        // The leader's answer at 0 with its minute: this tab waits that
        // minute, then one more and a half (jitter 0.5), then 2 s.
        check(&[Heard(good(0, MIN), false)], 0, FOLLOW, Some(MIN + 90_000 + 2_000));
        check(&[Heard(good(0, MIN), false)], 0, LEAD, Some(MIN));
        // A leader that asks is awaited as long as a request may take.
        check(&[Heard(Message::Began { at: at(0) }, false)], 0, LEAD, Some(15_000));
        // The spread of the tabs that wait.
        let mut schedule = Schedule::default();
        schedule.succeeded(Last { at: at(0), wait_ms: MIN });
        assert_eq!(schedule.next(at(0), MIN, FOLLOW, 0.0), Some(2 * MIN + 2_000));
        assert_eq!(schedule.next(at(0), MIN, FOLLOW, 0.999), Some(MIN + 119_940 + 2_000));
    }

    #[test]
    fn messages_ask_this_tab_for_what_they_say() {
        let mut schedule = Schedule::default();
        let heard = schedule.hear(good(5, 1_000), false, settings(MIN));
        assert_eq!(heard, Heard::Answer { body: "{}", last: Last { at: at(5), wait_ms: 1_000 } });
        assert_eq!(schedule, Schedule::default(), "an answer changes nothing until it is taken");
        assert_eq!(schedule.hear(Message::<()>::Dismissed, true, settings(MIN)), Heard::Dismissed);
        // A failure elsewhere is this tab's too: `error`, and the backoff.
        let heard = schedule.hear(failed(5, 30_000, ErrorKind::Http), false, settings(MIN));
        assert_eq!(heard, Heard::Failed(Error::new(ErrorKind::Http, "")));
        assert_eq!(schedule.failures(), 1);
        assert!(!schedule.is_due(at(34)) && schedule.is_due(at(35)));
    }

    #[test]
    fn this_tabs_own_request_speaks_for_itself() {
        use Event::Heard;
        // While asking, an answer or a start elsewhere changes nothing...
        for message in [good(0, MIN), Message::Began { at: at(0) }] {
            let mut schedule = Schedule::default();
            assert_eq!(schedule.hear(message, true, settings(MIN)), super::Heard::Nothing);
            assert_eq!(schedule, Schedule::default());
        }
        // ...but a failure holds the next request back all the same.
        let events = [Heard(failed(0, 300_000, ErrorKind::Http), true), Event::Fetched(1, None)];
        check(&events, 1, LEAD, Some(299_000));
    }

    #[test]
    fn a_limit_met_elsewhere_is_an_answer_not_a_failure() {
        let mut schedule = Schedule::default();
        let heard = schedule.hear(failed(0, 5_000, ErrorKind::Limit), false, settings(MIN));
        assert_eq!(heard, Heard::Reschedule);
        assert_eq!(schedule.failures(), 0);
        assert_eq!(schedule.next(at(0), MIN, LEAD, 0.5), Some(MIN));
        // Heard while asking, it is nothing at all.
        let mut asking = Schedule::default();
        assert_eq!(
            asking.hear(failed(0, 5_000, ErrorKind::Limit), true, settings(MIN)),
            Heard::Nothing
        );
        assert!(asking.is_due(at(0)));
    }

    #[test]
    fn back_online_retries_a_network_failure_at_once() {
        use Event::{Online, Refused};
        check(
            &[Refused(0, None), Refused(60, None), Online(ErrorKind::Network)],
            61,
            LEAD,
            Some(0),
        );
        check(&[Refused(0, None), Online(ErrorKind::Timeout)], 1, LEAD, Some(0));
        // A server that said when to come back keeps its time.
        check(&[Refused(0, Some(300_000)), Online(ErrorKind::Http)], 1, LEAD, Some(299_000));
        assert!(!Schedule::default().back_online(None));
    }

    #[test]
    fn an_unfetchable_url_is_not_asked_again_soon() {
        let mut schedule = Schedule::default();
        let last = schedule.unfetchable(at(0));
        assert_eq!(last.wait_ms, poll::CAP_MS);
        assert_eq!(schedule.next(at(0), MIN, LEAD, 0.5), Some(poll::CAP_MS));
    }
}
