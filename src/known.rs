//! What one feed's source knows, whatever holds the answer (`G`: in the
//! browser, the read feed with its body): its last good answer and when it
//! was fetched, why its last load failed, whether the network confirmed it
//! in this page view, its [`Schedule`], and what a live region said of it.
//!
//! A source that goes leaves what it knew as a memo ([`Memos`]), so that a
//! widget of the same feed mounted again in the same page view (a
//! single-page app changing views) starts from it, and asks the network only
//! when the next request is due.

use crate::error::Error;
use crate::schedule::Schedule;
use crate::time::Timestamp;

/// What a source knows of its feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Known<G> {
    /// The last good answer, if any.
    pub good: Option<G>,
    /// When it was fetched (last confirmed unchanged).
    pub at: Timestamp,
    /// Why the last load failed, if it did.
    pub failure: Option<Error>,
    /// Whether the network has answered in this page view (the good answer
    /// may be one saved by an earlier one).
    pub confirmed: bool,
    /// When to ask next.
    pub schedule: Schedule,
    /// What a live region of this page view has said of the feed, newest
    /// last.
    said: Vec<String>,
    /// When this tab last saved the answer for the next page view.
    saved: Option<Timestamp>,
}

/// How often an unchanged answer is saved again: 10 minutes.
pub const SAVE_EVERY_MS: i64 = 600_000;

/// The most notices remembered as said: enough for every incident a page
/// shows at once.
pub const SAID: usize = 200;

impl<G> Known<G> {
    /// Nothing yet, at `now`, with the schedule `schedule` (held, perhaps,
    /// by a server's `Retry-After` from an earlier page view).
    pub fn new(now: Timestamp, schedule: Schedule) -> Known<G> {
        Known {
            good: None,
            at: now,
            failure: None,
            confirmed: false,
            schedule,
            said: Vec::new(),
            saved: None,
        }
    }

    /// An answer fetched at `at` was taken (the schedule knows already).
    pub fn took(&mut self, good: G, at: Timestamp) {
        self.good = Some(good);
        self.at = at;
        self.failure = None;
        self.confirmed = true;
    }

    /// Whether an answer this tab fetched at `now` is to be saved for the
    /// next page view: when it `changed`, or every [`SAVE_EVERY_MS`] to keep
    /// its time roughly right (storage is the host's: written no more).
    pub fn saves(&mut self, now: Timestamp, changed: bool) -> bool {
        let due = self.saved.is_none_or(|at| now.as_millis() - at.as_millis() > SAVE_EVERY_MS);
        if changed || due {
            self.saved = Some(now);
        }
        changed || due
    }

    /// The answer saved by an earlier page view, fetched at `at`, is shown
    /// until the network answers, unless it answered first. Says whether
    /// it was taken.
    pub fn restore(&mut self, good: G, at: Timestamp) -> bool {
        let taken = self.good.is_none();
        if taken {
            self.good = Some(good);
            self.at = at;
        }
        taken
    }

    /// Whether a notice (by its key) is news to this page view, remembering
    /// that it was said: the first widget of a feed to ask says it; the
    /// others, and widgets of the feed mounted again later in the page
    /// view, do not say it again.
    pub fn news(&mut self, key: &str) -> bool {
        if self.said.iter().any(|k| k == key) {
            return false;
        }
        if self.said.len() >= SAID {
            self.said.remove(0);
        }
        self.said.push(key.to_owned());
        true
    }

    /// What is known, for a widget that `fits` the answer: an answer that
    /// widgets allowing more remembered is forgotten (past this widget's
    /// `max-size`), and asked for again as soon as the server allows.
    pub fn fit(mut self, fits: impl Fn(&G) -> bool) -> Known<G> {
        if self.good.as_ref().is_some_and(|good| !fits(good)) {
            self.good = None;
            self.confirmed = false;
            self.schedule.forget_last();
        }
        self
    }
}

/// The most feeds remembered after their sources went.
pub const MEMOS: usize = 8;

/// What sources that went knew, by name, oldest first; at most [`MEMOS`].
#[derive(Debug)]
pub struct Memos<G>(Vec<(String, Known<G>)>);

impl<G> Default for Memos<G> {
    fn default() -> Self {
        Memos::new()
    }
}

impl<G> Memos<G> {
    /// None yet.
    pub const fn new() -> Memos<G> {
        Memos(Vec::new())
    }

    /// What the source named `name` knew, forgotten here.
    pub fn take(&mut self, name: &str) -> Option<Known<G>> {
        let found = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(found).1)
    }

    /// Remembers what the source named `name` knew, forgetting the oldest
    /// beyond [`MEMOS`].
    pub fn keep(&mut self, name: String, known: Known<G>) {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, known));
        if let Some(excess) = self.0.len().checked_sub(MEMOS) {
            self.0.drain(..excess);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    #[test]
    fn an_answer_is_taken_and_a_failure_keeps_it() {
        let mut known = Known::new(at(0), Schedule::default());
        known.failure = Some(Error::new(ErrorKind::Http, "HTTP 503"));
        known.took("feed", at(5));
        assert_eq!(
            (known.good, known.at, known.failure, known.confirmed),
            (Some("feed"), at(5), None, true)
        );
    }

    #[test]
    fn a_saved_answer_waits_for_the_network_unless_it_answered_first() {
        let mut known = Known::new(at(9), Schedule::default());
        assert!(known.restore("saved", at(1)));
        assert_eq!((known.good, known.at, known.confirmed), (Some("saved"), at(1), false));
        let mut answered = Known::new(at(9), Schedule::default());
        answered.took("fresh", at(9));
        assert!(!answered.restore("saved", at(1)));
        assert_eq!((answered.good, answered.at), (Some("fresh"), at(9)));
    }

    #[test]
    fn each_notice_is_news_once_and_the_oldest_are_forgotten() {
        let mut known = Known::<()>::new(at(0), Schedule::default());
        assert!(known.news("k-1\nidentified"));
        assert!(!known.news("k-1\nidentified"));
        assert!(known.news("k-1\nresolved"), "a new status is news");
        for n in 0..SAID {
            known.news(&n.to_string());
        }
        assert!(known.news("k-1\nidentified"), "forgotten after {SAID} others");
    }

    #[test]
    fn an_answer_past_a_widgets_max_size_is_asked_for_again() {
        let mut schedule = Schedule::default();
        schedule.fetched(at(0), 60_000, None);
        let mut known = Known::new(at(0), schedule);
        known.took(500_u32, at(0));
        let kept = known.clone().fit(|size| *size <= 1_000);
        assert_eq!(kept, known);
        let small = known.fit(|size| *size <= 100);
        assert_eq!((small.good, small.confirmed), (None, false));
        assert!(small.schedule.is_due(at(1)), "due now, not in a minute");
    }

    #[test]
    fn an_answer_is_saved_when_it_changed_or_every_ten_minutes() {
        let mut known = Known::<()>::new(at(0), Schedule::default());
        assert!(known.saves(at(0), false), "the first answer of a page view");
        assert!(!known.saves(at(1_000), false));
        assert!(known.saves(at(2_000), true));
        assert!(!known.saves(at(2_000 + SAVE_EVERY_MS), false));
        assert!(known.saves(at(2_001 + SAVE_EVERY_MS), false));
    }

    #[test]
    fn memos_are_taken_once_and_bounded() {
        let mut memos = Memos::new();
        for n in 0..MEMOS + 2 {
            memos.keep(n.to_string(), Known::<()>::new(at(n as i64), Schedule::default()));
        }
        assert!(memos.take("0").is_none() && memos.take("1").is_none(), "the oldest went");
        assert_eq!(memos.take("2").map(|k| k.at), Some(at(2)));
        assert!(memos.take("2").is_none(), "taken once");
        memos.keep("9".to_owned(), Known::new(at(99), Schedule::default()));
        assert_eq!(memos.take("9").map(|k| k.at), Some(at(99)), "the newest of a name");
    }
}
