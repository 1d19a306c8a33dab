//! One feed, shared: every widget of the page that shows the same URL reads
//! it from one [`Source`], and one tab of the browser polls it for all tabs.
//!
//! A source starts from the answer saved by the last page view (painted at
//! once), asks the network (`loadstart` … `loadend` on every widget), then
//! polls while its tab leads (see [`share`](super::share)): the next request
//! waits for the poll interval, or longer if the server says its answer stays
//! fresh (`max-age`); after a failure, for a backoff with full jitter or
//! the server's `Retry-After` ([`poll`]). A hidden tab does not
//! poll; it catches up when it is shown again, or when the browser comes
//! back online. Other tabs receive what the leading tab fetched, and fetch
//! themselves only if it goes quiet for a whole extra interval.
//!
//! Everything a source starts is owned by it, and goes when the last widget
//! lets go of it: the request in flight is aborted, the timer cleared, the
//! lock released, the channel closed, the listeners removed.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::VisibilityState;

use super::fetch::{self, Abort, Failure, Fetched, JsDocument};
use super::share::{Channel, Leadership};
use super::{later, store, warn};
use crate::dismiss::{self, Dismissals};
use crate::error::{Error, ErrorKind};
use crate::feed::{self, Feed, Format};
use crate::poll;
use crate::time::Timestamp;

/// What a widget asks of its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    /// The poll interval in ms; `0` never polls.
    pub(crate) poll_ms: u32,
    /// The time limit of a request, in ms.
    pub(crate) timeout_ms: u32,
    /// The most an answer may weigh, in bytes.
    pub(crate) max_size: u32,
}

/// What a source tells the widgets that show it. Calls come from the
/// source's own tasks, never from inside a call the page made.
pub(crate) trait Subscriber {
    /// A load began.
    fn began(&self);
    /// The load ended (a load that began elsewhere, such as in another tab,
    /// ends without beginning here); [`Source::now`] says how.
    fn ended(&self);
    /// Something besides the feed changed what is shown (a dismissal).
    fn repaint(&self);
    /// The widget joined the source while a load was in flight, or not.
    fn joined(&self, in_flight: bool);
}

/// A feed's last good answer.
pub(crate) struct Good {
    pub(crate) feed: Feed,
    /// Its body, to tell an unchanged answer without reading it again.
    body: JsString,
}

/// Where a source stands.
pub(crate) struct Now {
    /// The last good answer, if any.
    pub(crate) good: Option<Rc<Good>>,
    /// When it was fetched (last confirmed unchanged).
    pub(crate) at: Timestamp,
    /// Why the last load failed, if it did.
    pub(crate) failure: Option<Error>,
    /// Whether the network has answered during this page view (the good
    /// answer may be one saved by an earlier view).
    pub(crate) confirmed: bool,
}

/// How the last load ended, for scheduling the next.
#[derive(Clone, Copy)]
struct Last {
    /// When, in ms since the epoch.
    at: f64,
    /// How long to wait after it, as this tab's leader would.
    wait_ms: u32,
}

/// What a source fetches, and how: the URL, the format to read it in
/// (`None`: detected), and the page's own fetch function, if it gave one.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Origin {
    pub(crate) url: String,
    pub(crate) format: Option<Format>,
    pub(crate) fetcher: Fetcher,
}

/// A page's own fetch function (`mount({fetch})`), the same when it is the
/// same function.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fetcher(pub(crate) Option<js_sys::Function>);

impl PartialEq for Fetcher {
    fn eq(&self, other: &Fetcher) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => JsValue::from(a) == JsValue::from(b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl Origin {
    /// The name its lock, channel and saved answers go by: the URL, and the
    /// format when one is forced.
    fn name(&self) -> String {
        match self.format {
            Some(format) => [&self.url, " as ", format.name()].concat(),
            None => self.url.clone(),
        }
    }
}

pub(crate) struct Source {
    url: String,
    /// What it goes by between tabs and page views (see [`Origin::name`]).
    name: String,
    format: Option<Format>,
    /// The page's own fetch function: its answers (perhaps private, fetched
    /// with the page's credentials) are neither saved nor shared with other
    /// tabs, and this tab polls for itself.
    fetcher: Fetcher,
    me: Weak<Source>,
    widgets: RefCell<Vec<Member>>,
    next_id: Cell<u32>,
    good: RefCell<Option<Rc<Good>>>,
    good_at: Cell<Timestamp>,
    /// When this tab last saved the answer to storage (ms).
    saved_at: Cell<f64>,
    failure: RefCell<Option<Error>>,
    confirmed: Cell<bool>,
    /// Failures in a row.
    failures: Cell<u32>,
    /// No request before this instant (ms): the wait after the latest
    /// failure heard of, here or in another tab, whatever answers that were
    /// already on their way say since.
    hold: Cell<f64>,
    last: Cell<Option<Last>>,
    /// The request in flight; dropping it aborts it.
    request: RefCell<Option<Abort>>,
    timer: RefCell<Option<Timeout>>,
    /// This tab's claim to poll for all tabs, while it is visible.
    claim: RefCell<Option<Leadership>>,
    /// Whether this tab polls: it holds the lock, or no lock can be had.
    leading: Cell<bool>,
    channel: RefCell<Option<Channel>>,
    dismissed: RefCell<Dismissals>,
    listeners: RefCell<Vec<EventListener>>,
    /// What a live region of this page has said of the feed, newest last.
    said: RefCell<Vec<String>>,
}

/// A body this tab fetched, read.
struct Answer {
    good: Rc<Good>,
    /// Whether it differs from the answer in hand.
    changed: bool,
    max_age: Option<u32>,
}

/// Reads what this tab fetched: an unchanged body gives back the answer in
/// hand, a new one is read (a long one a slice per task: [`fetch::read`]).
async fn read(
    source: &Weak<Source>,
    format: Option<Format>,
    fetched: Fetched,
) -> Result<Answer, Failure> {
    let Fetched { body, max_age } = fetched;
    if let Some(good) = source.upgrade().and_then(|source| source.in_hand(&body)) {
        return Ok(Answer { good, changed: false, max_age });
    }
    let feed = fetch::read(&body, format).await?;
    Ok(Answer { good: Rc::new(Good { feed, body }), changed: true, max_age })
}

/// A widget that shows the source, and what it asks for.
struct Member {
    id: u32,
    widget: Weak<dyn Subscriber>,
    settings: Settings,
}

/// What a source knew when its last widget let go: a widget of the same
/// feed mounted again (a single-page app changing views) starts from it, and
/// asks the network only when the next request is due.
struct Memo {
    name: String,
    good: Option<Rc<Good>>,
    good_at: Timestamp,
    failure: Option<Error>,
    confirmed: bool,
    failures: u32,
    last: Option<Last>,
    hold: f64,
    said: Vec<String>,
}

/// The most feeds remembered after their widgets went.
const MEMOS: usize = 8;

thread_local! {
    /// The page's sources, by what they fetch.
    static SOURCES: RefCell<Vec<(Origin, Weak<Source>)>> = const { RefCell::new(Vec::new()) };
    /// What sources that went knew, oldest first.
    static MEMO: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
}

/// A widget's hold on its source; dropping it lets go (the last one to go
/// stops everything the source started).
pub(crate) struct Subscription {
    source: Rc<Source>,
    id: u32,
}

/// Takes a place for a widget at `origin`'s feed: the page's source for it,
/// or a new one, which asks the network at once. The widget, made
/// meanwhile (its formatters take a while), then [`Subscription::attach`]es.
pub(crate) fn subscribe(origin: &Origin, settings: Settings) -> Subscription {
    let existing = SOURCES.with(|all| {
        all.borrow().iter().find(|(o, _)| o == origin).and_then(|(_, source)| source.upgrade())
    });
    let opened = existing.is_none();
    let source = existing.unwrap_or_else(|| Source::open(origin, settings.max_size));
    let id = source.next_id.get();
    source.next_id.set(id.wrapping_add(1));
    // Nobody to tell until the widget attaches, which is before anything is
    // told (the source tells its widgets in tasks of their own).
    let widget = Weak::<Nobody>::new();
    source.widgets.borrow_mut().push(Member { id, widget, settings });
    // A new page view revalidates at once, whatever was saved; a source
    // remembered from earlier in this page view, or held by `Retry-After`,
    // waits until it is due (but one that never polls asks now or never).
    let now = now_ms();
    let due = source.last.get().is_none_or(|last| last.at + f64::from(last.wait_ms) <= now)
        && source.hold.get() <= now;
    if opened && (due || source.settings().poll_ms == 0) {
        source.load();
    }
    source.arrange();
    Subscription { source, id }
}

/// The widget of a subscription not yet attached.
struct Nobody;

impl Subscriber for Nobody {
    fn began(&self) {}
    fn ended(&self) {}
    fn repaint(&self) {}
    fn joined(&self, _: bool) {}
}

impl Subscription {
    /// Makes `widget` the one this subscription tells. It hears of the load
    /// in flight, or of the last one, unless it heard already (or went)
    /// meanwhile.
    pub(crate) fn attach(&self, widget: Weak<dyn Subscriber>) {
        for member in self.source.widgets.borrow_mut().iter_mut() {
            if member.id == self.id {
                member.widget = widget.clone();
            }
        }
        let weak = Rc::downgrade(&self.source);
        let id = self.id;
        later(Box::new(move || {
            let (Some(source), Some(widget)) = (weak.upgrade(), widget.upgrade()) else { return };
            if !source.widgets.borrow().iter().any(|m| m.id == id) {
                return;
            }
            widget.joined(source.in_flight());
        }));
    }

    pub(crate) fn source(&self) -> &Rc<Source> {
        &self.source
    }

    /// Changes what this widget asks for (a new poll interval or time limit).
    pub(crate) fn set(&self, settings: Settings) {
        for member in self.source.widgets.borrow_mut().iter_mut() {
            if member.id == self.id {
                member.settings = settings;
            }
        }
        self.source.arrange();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.source.widgets.borrow_mut().retain(|member| member.id != self.id);
        if !self.source.widgets.borrow().is_empty() {
            self.source.arrange();
        }
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn timestamp(ms: f64) -> Timestamp {
    #[allow(clippy::cast_possible_truncation, reason = "Date.now() is a whole number of ms")]
    Timestamp::from_millis(ms as i64)
}

fn visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() != VisibilityState::Hidden)
}

/// What a tab posts to the others: `[BEGAN, at]`, `[GOOD, at, wait, body]`,
/// `[FAILED, at, wait, kind, detail]`, `[DISMISSED]`; `at` is when, in ms
/// since the epoch, and `wait` how long the tab that fetched waits before
/// the next request (the interval, `max-age`, backoff or `Retry-After`).
mod message {
    pub(super) const BEGAN: &str = "began";
    pub(super) const GOOD: &str = "good";
    pub(super) const FAILED: &str = "failed";
    pub(super) const DISMISSED: &str = "dismissed";
}

impl Source {
    /// A source for `origin`, opened for a widget whose `max-size` is
    /// `max_size`: an answer that widgets allowing more saved (in an earlier
    /// page view) or remembered (earlier in this one) is not painted here, and
    /// is asked for again (UTF-16 units, as in [`Source::good_from`]).
    fn open(origin: &Origin, max_size: u32) -> Rc<Source> {
        let now = now_ms();
        let (url, name, private) = (&origin.url, origin.name(), origin.fetcher.0.is_some());
        let memo = MEMO.with(|all| {
            let mut all = all.borrow_mut();
            let found = all.iter().position(|m| m.name == name).filter(|_| !private)?;
            let mut memo = all.remove(found);
            if memo.good.as_ref().is_some_and(|good| good.body.length() > max_size) {
                memo.good = None;
                memo.confirmed = false;
                // Due now, unless the server holds it back (`hold`).
                memo.last = None;
            }
            Some(memo)
        });
        let memo = memo.unwrap_or_else(|| {
            // The last page view's answer, painted before the network answers.
            let saved = store::feed(&name, timestamp(now))
                .filter(|saved| !private && saved.body.length() <= max_size);
            let good_at = saved.as_ref().map_or(timestamp(now), |saved| saved.at);
            let good = saved.and_then(|saved| {
                let document = JsDocument::parse(&saved.body).ok()?;
                let feed = feed::read_as(document, origin.format).ok()?;
                Some(Rc::new(Good { feed, body: saved.body }))
            });
            // A server that asked, in an earlier page view, not to be asked
            // again for a while is not asked before then. The hold is the
            // server's, so it goes by the URL whatever the format (as the
            // classic script, which knows no formats, looks it up).
            let hold = store::hold(url, timestamp(now)).map(|until| {
                #[allow(
                    clippy::cast_precision_loss,
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a wait of at most the cap"
                )]
                let wait_ms = (until.as_millis() as f64 - now).clamp(0.0, f64::from(poll::CAP_MS));
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "clamped"
                )]
                Last { at: now, wait_ms: wait_ms as u32 }
            });
            Memo {
                name: name.clone(),
                good,
                good_at,
                failure: None,
                confirmed: false,
                failures: 0,
                hold: hold.map_or(0.0, |h| h.at + f64::from(h.wait_ms)),
                last: hold,
                said: Vec::new(),
            }
        });
        let dismissed = match private {
            true => Dismissals::default(),
            false => store::dismissals(&name, timestamp(now)),
        };
        let source = Rc::new_cyclic(|me: &Weak<Source>| Source {
            url: url.to_owned(),
            name: name.clone(),
            format: origin.format,
            fetcher: origin.fetcher.clone(),
            me: me.clone(),
            widgets: RefCell::new(Vec::new()),
            next_id: Cell::new(0),
            good: RefCell::new(memo.good),
            good_at: Cell::new(memo.good_at),
            saved_at: Cell::new(0.0),
            failure: RefCell::new(memo.failure),
            confirmed: Cell::new(memo.confirmed),
            failures: Cell::new(memo.failures),
            hold: Cell::new(memo.hold),
            last: Cell::new(memo.last),
            request: RefCell::new(None),
            timer: RefCell::new(None),
            claim: RefCell::new(None),
            leading: Cell::new(false),
            channel: RefCell::new(None),
            dismissed: RefCell::new(dismissed),
            listeners: RefCell::new(Vec::new()),
            said: RefCell::new(memo.said),
        });
        if !private {
            let weak = Rc::downgrade(&source);
            let channel = Channel::open(&name, move |data| {
                if let Some(source) = weak.upgrade() {
                    source.heard(&data);
                }
            });
            source.channel.replace(channel);
        }
        source.listen();
        SOURCES.with(|all| {
            let mut all = all.borrow_mut();
            all.retain(|(_, s)| s.strong_count() > 0);
            all.push((origin.clone(), Rc::downgrade(&source)));
        });
        source
    }

    /// Catches up when the tab is shown again or the browser is back online.
    fn listen(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(self);
        let shown = EventListener::new(&window, "online", move |_| {
            if let Some(source) = weak.upgrade() {
                source.back_online();
            }
        });
        let mut listeners = vec![shown];
        if let Some(document) = window.document() {
            let weak = Rc::downgrade(self);
            listeners.push(EventListener::new(&document, "visibilitychange", move |_| {
                if let Some(source) = weak.upgrade() {
                    source.arrange();
                }
            }));
        }
        self.listeners.replace(listeners);
    }

    /// What the widgets ask for together: the shortest interval of those
    /// that poll, the shortest time limit and the largest size.
    fn settings(&self) -> Settings {
        let widgets = self.widgets.borrow();
        let poll_ms = widgets.iter().map(|w| w.settings.poll_ms).filter(|&p| p > 0).min();
        let timeout_ms = widgets.iter().map(|w| w.settings.timeout_ms).min();
        let max_size = widgets.iter().map(|w| w.settings.max_size).max();
        Settings {
            poll_ms: poll_ms.unwrap_or(0),
            timeout_ms: timeout_ms.unwrap_or(poll::TIMEOUT_MS),
            max_size: max_size.unwrap_or(poll::MAX_SIZE),
        }
    }

    /// Seeks or gives up the right to poll for all tabs, as visibility and
    /// settings say, then sets the timer.
    fn arrange(&self) {
        let wants = visible() && self.settings().poll_ms > 0;
        if self.private() {
            // Nothing shared: this tab polls for itself.
            self.leading.set(wants);
        } else if !wants {
            self.claim.replace(None);
            self.leading.set(false);
        } else if self.claim.borrow().is_none() && !self.leading.get() {
            let weak = self.me.clone();
            let claim = Leadership::seek(&self.name, move |granted| {
                if let Some(source) = weak.upgrade() {
                    // Refused: this tab polls for itself.
                    if !granted {
                        source.claim.replace(None);
                    }
                    source.leading.set(true);
                    source.arrange();
                }
            });
            // Without Web Locks every visible tab polls for itself.
            self.leading.set(claim.is_none());
            self.claim.replace(claim);
        }
        self.schedule();
    }

    /// Sets the timer for the next load: the leader's when the last load's
    /// wait is over, another tab's a whole interval later (should the
    /// leader go quiet); none while hidden or not polling.
    fn schedule(&self) {
        let Settings { poll_ms, .. } = self.settings();
        if poll_ms == 0 || !visible() || self.request.borrow().is_some() {
            drop(self.timer.replace(None));
            return;
        }
        // Another tab's answer is awaited a whole interval more, and a random
        // part of one, so that the tabs waiting do not all ask at once.
        let grace = match self.leading.get() {
            true => 0.0,
            false => f64::from(poll_ms) * (1.0 + js_sys::Math::random()) + 2000.0,
        };
        let due = match self.last.get() {
            None => 0.0,
            Some(last) => last.at + f64::from(last.wait_ms) + grace,
        };
        let wait = due.max(self.hold.get()) - now_ms();
        // The most a browser timer takes (about 24 days).
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to the range of a timer"
        )]
        let wait = wait.clamp(0.0, f64::from(i32::MAX)) as u32;
        let weak = self.me.clone();
        let timer = Timeout::new(wait, move || {
            // Not from inside the timer's own callback: loading replaces it.
            later(Box::new(move || {
                if let Some(source) = weak.upgrade() {
                    source.load();
                }
            }));
        });
        drop(self.timer.replace(Some(timer)));
    }

    fn back_online(&self) {
        // A network failure is worth retrying at once; a server that said
        // when to come back, or a good answer, keeps its time.
        let offline = self
            .failure
            .borrow()
            .as_ref()
            .is_some_and(|e| matches!(e.kind(), ErrorKind::Network | ErrorKind::Timeout));
        if offline {
            self.failures.set(0);
            self.hold.set(0.0);
            if let Some(last) = self.last.get() {
                self.last.set(Some(Last { wait_ms: 0, ..last }));
            }
            self.schedule();
        }
    }

    /// Whether it fetches with the page's own function.
    fn private(&self) -> bool {
        self.fetcher.0.is_some()
    }

    /// The URL it fetches.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Where the source stands.
    pub(crate) fn now(&self) -> Now {
        Now {
            good: self.good.borrow().clone(),
            at: self.good_at.get(),
            failure: self.failure.borrow().clone(),
            confirmed: self.confirmed.get(),
        }
    }

    /// Whether a request of this tab is on its way.
    pub(crate) fn in_flight(&self) -> bool {
        self.request.borrow().is_some()
    }

    /// What the reader dismissed from this feed's banner.
    pub(crate) fn dismissed(&self) -> std::cell::Ref<'_, Dismissals> {
        self.dismissed.borrow()
    }

    /// Loads now, unless a load is in flight. Says whether it started one.
    pub(crate) fn load(&self) -> bool {
        if self.request.borrow().is_some() {
            return false;
        }
        drop(self.timer.replace(None));
        let Settings { timeout_ms, max_size, .. } = self.settings();
        // Only the first load of a page view takes over the classic script's
        // early request: a later one must ask anew.
        let first = self.last.get().is_none() && !self.private();
        let fetcher = self.fetcher.0.as_ref();
        match fetch::start(&self.url, first, fetcher, timeout_ms, max_size) {
            Ok((abort, answer)) => {
                self.request.replace(Some(abort));
                self.post(&Array::of2(&message::BEGAN.into(), &JsValue::from(now_ms())));
                self.each(|widget| widget.began());
                let (weak, format) = (self.me.clone(), self.format);
                spawn_local(async move {
                    let outcome = match answer.await {
                        Ok(fetched) => read(&weak, format, fetched).await,
                        Err(failure) => Err(failure),
                    };
                    if let Some(source) = weak.upgrade() {
                        source.request.replace(None);
                        source.settle(outcome);
                    }
                });
            }
            Err(error) => {
                // Not a URL that can be fetched: the same answer every time,
                // so not asked again soon (the timer set meanwhile knows).
                let wait = poll::after_failure(1000, 20, None, 1.0).unwrap_or(0);
                let last = Last { at: now_ms(), wait_ms: wait };
                self.last.set(Some(last));
                let weak = self.me.clone();
                later(Box::new(move || {
                    if let Some(source) = weak.upgrade() {
                        source.failed(error, last);
                    }
                }));
            }
        }
        true
    }

    /// Tells every widget, in a microtask ([`later`]), once any borrow is over.
    fn each(&self, tell: fn(&dyn Subscriber)) {
        let weak = self.me.clone();
        later(Box::new(move || {
            if let Some(source) = weak.upgrade() {
                source.tell(tell);
            }
        }));
    }

    /// Tells every widget now: no borrow is held while they run.
    fn tell(&self, tell: fn(&dyn Subscriber)) {
        let widgets: Vec<Rc<dyn Subscriber>> =
            self.widgets.borrow().iter().filter_map(|w| w.widget.upgrade()).collect();
        for widget in widgets {
            tell(&*widget);
        }
    }

    /// A request of this tab ended.
    fn settle(&self, outcome: Result<Answer, Failure>) {
        let now = now_ms();
        let Settings { poll_ms, .. } = self.settings();
        match outcome {
            Ok(Answer { good, changed, max_age }) => {
                if changed {
                    self.warn_skipped(&good.feed);
                }
                let held = self.failures.get() > 0;
                // Storage is the host's: written when the answer changed, or
                // to keep its time roughly right.
                let save =
                    !self.private() && (changed || now - self.saved_at.get() > SAVE_EVERY_MS);
                if save {
                    self.saved_at.set(now);
                }
                let wait = poll::after_success(poll_ms, max_age).unwrap_or(0);
                let body = good.body.clone();
                self.succeeded(good, Last { at: now, wait_ms: wait });
                // The widgets have painted. The other tabs hear as soon as
                // the frame allows; storage waits for idle time.
                let weak = self.me.clone();
                let told = body.clone();
                super::soon(Box::new(move || {
                    if let Some(source) = weak.upgrade() {
                        let message: [JsValue; 4] =
                            [message::GOOD.into(), now.into(), wait.into(), told.into()];
                        source.post(&message.into_iter().collect::<Array>());
                    }
                }));
                let (name, url) = (self.name.clone(), self.url.clone());
                super::afterwards(Box::new(move || {
                    if held {
                        store::save_hold(&url, None);
                    }
                    if save {
                        store::save_feed(&name, timestamp(now), &body);
                    }
                }));
            }
            Err(Failure { error, retry_after }) => {
                // A private feed's URL is not written down either.
                if let Some(ms) = retry_after.filter(|_| !self.private()) {
                    let until = now + f64::from(ms.min(poll::CAP_MS));
                    store::save_hold(&self.url, Some(timestamp(until)));
                }
                let failures = self.failures.get().saturating_add(1);
                let random = js_sys::Math::random();
                let wait = poll::after_failure(poll_ms, failures, retry_after, random).unwrap_or(0);
                let kind = ErrorKind::ALL.iter().position(|&k| k == error.kind()).unwrap_or(0);
                #[allow(clippy::cast_precision_loss, reason = "a handful of kinds")]
                let relayed: Array = [
                    message::FAILED.into(),
                    JsValue::from(now),
                    JsValue::from(wait),
                    JsValue::from(kind as f64),
                    error.detail().into(),
                ]
                .into_iter()
                .collect();
                self.post(&relayed);
                self.failed(error, Last { at: now, wait_ms: wait });
            }
        }
    }

    /// The answer in hand, if `body` is its body.
    fn in_hand(&self, body: &JsString) -> Option<Rc<Good>> {
        self.good.borrow().as_ref().filter(|good| good.body == *body).cloned()
    }

    /// The feed in `body`, another tab's answer: the one in hand if the body
    /// is unchanged, else read anew if it is within this tab's `max-size`
    /// (the other kept to its own widgets'). A UTF-16 unit is at least one
    /// byte of UTF-8, so a body longer in units is over in bytes too.
    fn good_from(&self, body: JsString) -> Result<Rc<Good>, Error> {
        let Settings { max_size, .. } = self.settings();
        if body.length() > max_size {
            return Err(fetch::too_large(max_size, false));
        }
        match self.in_hand(&body) {
            Some(good) => Ok(good),
            None => {
                let feed = feed::read_as(JsDocument::parse(&body)?, self.format)?;
                self.warn_skipped(&feed);
                Ok(Rc::new(Good { feed, body }))
            }
        }
    }

    /// Entries of the feed that could not be read, said once per answer.
    fn warn_skipped(&self, feed: &Feed) {
        if feed.skipped.any() {
            warn(&[&self.url, ": ", &feed.skipped.describe()].concat());
        }
    }

    fn succeeded(&self, good: Rc<Good>, last: Last) {
        let at = timestamp(last.at);
        if self.dismissed.borrow_mut().prune(&good.feed, at) && !self.private() {
            store::save_dismissals(&self.name, &self.dismissed.borrow(), at);
        }
        self.good.replace(Some(good));
        self.good_at.set(at);
        self.failure.replace(None);
        self.confirmed.set(true);
        self.failures.set(0);
        self.last.set(Some(last));
        self.tell(|widget| widget.ended());
        self.schedule();
    }

    fn failed(&self, error: Error, last: Last) {
        warn(&[&self.url, ": ", &error.message()].concat());
        self.hold.set(self.hold.get().max(last.at + f64::from(last.wait_ms)));
        self.failure.replace(Some(error));
        self.failures.set(self.failures.get().saturating_add(1));
        self.last.set(Some(last));
        self.tell(|widget| widget.ended());
        self.schedule();
    }

    /// Another tab's request, made at `at`, was answered past that tab's
    /// limits: this one asks again after its own interval (unless it is
    /// asking now), showing what it has meanwhile.
    fn answered_elsewhere(&self, at: f64) {
        if self.request.borrow().is_none() {
            let Settings { poll_ms, .. } = self.settings();
            self.last.set(Some(Last { at, wait_ms: poll_ms }));
            self.schedule();
        }
    }

    fn post(&self, message: &JsValue) {
        if let Some(channel) = &*self.channel.borrow() {
            channel.post(message);
        }
    }

    /// Another tab says what it fetched, or what was dismissed.
    fn heard(&self, data: &JsValue) {
        let Some(message) = data.dyn_ref::<Array>() else { return };
        let at = message.get(1).as_f64().filter(|at| at.is_finite()).unwrap_or_else(now_ms);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to the range of a u32"
        )]
        let wait = message.get(2).as_f64().map_or(0, |w| w.clamp(0.0, f64::from(u32::MAX)) as u32);
        let last = Last { at, wait_ms: wait };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "an index; anything else finds no kind"
        )]
        let kind = message.get(3).as_f64().and_then(|k| ErrorKind::ALL.get(k as usize)).copied();
        match message.get(0).as_string().as_deref() {
            Some(message::DISMISSED) => {
                self.dismissed.replace(store::dismissals(&self.name, timestamp(now_ms())));
                self.tell(|widget| widget.repaint());
            }
            // A limit another tab met (its widgets' `max-size`; any other,
            // this tab meets for itself when it asks) is not the feed
            // failing: the server answered.
            Some(message::FAILED) if kind == Some(ErrorKind::Limit) => self.answered_elsewhere(at),
            // Our own request will tell what it finds; but a failure seen
            // elsewhere holds the next request back all the same.
            Some(message::FAILED) if self.request.borrow().is_some() => {
                self.hold.set(self.hold.get().max(at + f64::from(wait)));
            }
            _ if self.request.borrow().is_some() => {}
            Some(message::BEGAN) => {
                // Another tab asks: its answer is awaited as long as a request may take.
                let Settings { timeout_ms, .. } = self.settings();
                self.last.set(Some(Last { at, wait_ms: timeout_ms }));
                self.schedule();
            }
            Some(message::GOOD) => {
                let Some(body) = message.get(3).dyn_into::<JsString>().ok() else { return };
                match self.good_from(body) {
                    Ok(good) => self.succeeded(good, last),
                    Err(error) => self.failed(error, last),
                }
            }
            Some(message::FAILED) => {
                let kind = kind.unwrap_or(ErrorKind::Network);
                let detail = message.get(4).as_string().unwrap_or_default();
                self.failed(Error::new(kind, detail), last);
            }
            _ => {}
        }
    }

    /// Whether a notice (by its key) is news to this page view: the first
    /// widget of a feed to ask says it; the others, and widgets of the feed
    /// mounted again later in the page view, do not say it again.
    pub(crate) fn news(&self, key: &str) -> bool {
        /// Enough for every incident a page shows at once.
        const REMEMBERED: usize = 200;
        let mut said = self.said.borrow_mut();
        if said.iter().any(|k| k == key) {
            return false;
        }
        if said.len() >= REMEMBERED {
            said.remove(0);
        }
        said.push(key.to_owned());
        true
    }

    /// Dismisses `item` from the banner, in every widget and tab.
    pub(crate) fn dismiss(&self, item: dismiss::Item) {
        self.dismissed.borrow_mut().dismiss(item, timestamp(now_ms()));
        self.dismissals_changed();
    }

    /// Brings back everything dismissed, in every widget and tab.
    pub(crate) fn restore(&self) {
        self.dismissed.borrow_mut().clear();
        self.dismissals_changed();
    }

    fn dismissals_changed(&self) {
        if !self.private() {
            store::save_dismissals(&self.name, &self.dismissed.borrow(), timestamp(now_ms()));
        }
        self.post(&Array::of1(&message::DISMISSED.into()));
        self.each(|widget| widget.repaint());
    }
}

/// How often an unchanged answer is saved again, to keep its time roughly
/// right for the next page view: 10 minutes.
const SAVE_EVERY_MS: f64 = 600_000.0;

impl Drop for Source {
    fn drop(&mut self) {
        // Its request, timer, claim, channel and listeners go with it; what
        // it knew stays, for a widget of the same feed mounted again.
        SOURCES.with(|all| all.borrow_mut().retain(|(_, s)| s.strong_count() > 0));
        // A page's own fetch function may differ next time: nothing is kept.
        if self.private() {
            return;
        }
        let memo = Memo {
            name: std::mem::take(&mut self.name),
            good: self.good.take(),
            good_at: self.good_at.get(),
            failure: self.failure.take(),
            confirmed: self.confirmed.get(),
            failures: self.failures.get(),
            last: self.last.get(),
            hold: self.hold.get(),
            said: self.said.take(),
        };
        MEMO.with(|all| {
            let mut all = all.borrow_mut();
            all.push(memo);
            if let Some(excess) = all.len().checked_sub(MEMOS) {
                all.drain(..excess);
            }
        });
    }
}
