//! A source carrying out its [`Schedule`](crate::schedule::Schedule): requests, their answers, what
//! other tabs say, the timer, and the tab's claim to poll for all.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::JsString;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use web_sys::VisibilityState;

use super::{Good, Source};
use crate::answer::{Failure, Fetched};
use crate::error::Error;
use crate::message::Message;
use crate::schedule::{Heard, Last, Tab};
use crate::time::Timestamp;
use crate::web::fetch::{self, JsDocument};
use crate::web::share::Leadership;
use crate::web::{afterwards, alive, later_on, now, soon, store, warn};

fn visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() != VisibilityState::Hidden)
}

impl Source {
    /// Loads now, unless a load is in flight. Says whether it started one.
    pub(crate) fn load(&self) -> bool {
        if self.in_flight() {
            return false;
        }
        drop(self.timer.replace(None));
        let settings = self.settings();
        // Only the first load of a page view takes over the classic script's
        // early request: a later one must ask anew.
        let first = self.known.borrow().schedule.is_first() && !self.origin.private();
        let fetcher = self.origin.fetcher.as_ref();
        let url = &self.origin.url;
        match fetch::start(url, first, fetcher, settings.timeout_ms, settings.max_size) {
            Ok((abort, answer)) => {
                self.request.replace(Some(abort));
                self.post(&Message::Began { at: now() });
                self.each(|widget| widget.began());
                let weak = self.me.clone();
                spawn_local(async move {
                    let outcome = match answer.await {
                        Ok(Fetched { body, max_age }) => {
                            // What is in hand when the answer comes.
                            let Some(reader) = weak.upgrade().map(|s| s.reader()) else { return };
                            let taken = reader.take(body, true).await.map_err(Failure::from);
                            taken.map(|(good, changed)| (good, changed, max_age))
                        }
                        Err(failure) => Err(failure),
                    };
                    if let Some(source) = weak.upgrade() {
                        source.request.replace(None);
                        source.settle(outcome);
                    }
                });
            }
            Err(error) => {
                self.known.borrow_mut().schedule.unfetchable(now());
                later_on(self.me.clone(), |source| source.lost(error));
            }
        }
        true
    }

    /// A request of this tab ended: the schedule decides, the other tabs
    /// hear, what is kept is saved once the page is idle.
    fn settle(&self, outcome: Result<(Rc<Good>, bool, Option<u32>), Failure>) {
        let (now, poll_ms, private) = (now(), self.settings().poll_ms, self.origin.private());
        match outcome {
            Ok((good, changed, max_age)) => {
                let held = self.known.borrow().schedule.failures() > 0;
                let save = !private && self.known.borrow_mut().saves(now, changed);
                let last = self.known.borrow_mut().schedule.fetched(now, poll_ms, max_age);
                let body = good.body.clone();
                self.took(good, last.at);
                // The widgets have painted. The other tabs hear as soon as
                // the frame allows; storage waits for idle time.
                let (weak, told) = (self.me.clone(), body.clone());
                soon(Box::new(move || {
                    if let Some(source) = weak.upgrade() {
                        let Last { at, wait_ms } = last;
                        source.post(&Message::Good { at, wait_ms, body: told });
                    }
                }));
                let (name, url) = (self.name.clone(), self.origin.url.clone());
                afterwards(Box::new(move || {
                    if held {
                        store::save_hold(&url, None);
                    }
                    if save {
                        store::save_feed(&name, now, &body);
                    }
                }));
            }
            Err(Failure { error, retry_after }) => {
                let random = js_sys::Math::random();
                let refused =
                    self.known.borrow_mut().schedule.refused(now, poll_ms, retry_after, random);
                // A private feed's URL is not written down either.
                if let Some(until) = refused.hold.filter(|_| !private) {
                    store::save_hold(&self.origin.url, Some(until));
                }
                let Last { at, wait_ms } = refused.last;
                let (kind, detail) = (error.kind(), error.detail().to_owned());
                self.post(&Message::Failed { at, wait_ms, kind, detail });
                self.lost(error);
            }
        }
    }

    /// An answer was taken (the schedule knows already), fetched at `at`.
    fn took(&self, good: Rc<Good>, at: Timestamp) {
        if self.dismissed.borrow_mut().prune(&good.feed, at) && !self.origin.private() {
            store::save_dismissals(&self.name, &self.dismissed.borrow(), at);
        }
        self.known.borrow_mut().took(good, at);
        self.tell(|widget| widget.ended());
        self.schedule();
    }

    /// A load failed (the schedule knows already).
    fn lost(&self, error: Error) {
        warn(&[&self.origin.url, ": ", &error.message()].concat());
        self.known.borrow_mut().failure = Some(error);
        self.tell(|widget| widget.ended());
        self.schedule();
    }

    /// Another tab says what it fetched, or what was dismissed.
    pub(super) fn heard(&self, data: JsValue) {
        let data = JsDocument::new(data);
        let Some(message) = Message::decode(&data, JsDocument::to_js_string) else { return };
        let (asking, settings) = (self.in_flight(), self.settings());
        let heard = self.known.borrow_mut().schedule.hear(message, asking, settings);
        match heard {
            Heard::Nothing => {}
            Heard::Reschedule => self.schedule(),
            Heard::Dismissed => {
                self.dismissed.replace(store::dismissals(&self.name, now()));
                self.tell(|widget| widget.repaint());
            }
            Heard::Answer { body, last } => self.take_heard(body, last),
            Heard::Failed(error) => self.lost(error),
        }
    }

    /// Another tab's answer, read as this tab's own.
    fn take_heard(&self, body: JsString, last: Last) {
        let (weak, reader) = (self.me.clone(), self.reader());
        spawn_local(async move {
            let taken = reader.take(body, false).await;
            let Some(source) = weak.upgrade() else { return };
            match taken {
                Ok((good, _)) => {
                    source.known.borrow_mut().schedule.succeeded(last);
                    source.took(good, last.at);
                }
                Err(error) => {
                    source.known.borrow_mut().schedule.failed(last);
                    source.lost(error);
                }
            }
        });
    }

    /// Catches up when the tab is shown again or the browser is back online.
    pub(super) fn listen(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(self);
        let online = weak.clone();
        let mut listeners = vec![EventListener::new(&window, "online", move |_| {
            alive(&online, |source: &Source| {
                let failure = source.known.borrow().failure.as_ref().map(Error::kind);
                if source.known.borrow_mut().schedule.back_online(failure) {
                    source.schedule();
                }
            });
        })];
        if let Some(document) = window.document() {
            let shown = move |_: &_| alive(&weak, |source: &Source| source.arrange());
            listeners.push(EventListener::new(&document, "visibilitychange", shown));
        }
        self.listeners.replace(listeners);
    }

    /// Seeks or gives up the right to poll for all tabs, then sets the timer.
    pub(crate) fn arrange(&self) {
        let wants = visible() && self.settings().poll_ms > 0;
        if self.origin.private() {
            // Nothing shared: this tab polls for itself.
            self.leading.set(wants);
        } else if !wants {
            self.claim.replace(None);
            self.leading.set(false);
        } else if self.claim.borrow().is_none() && !self.leading.get() {
            let weak = self.me.clone();
            let claim = Leadership::seek(&self.name, move |granted| {
                alive(&weak, |source: &Source| {
                    // Refused: this tab polls for itself.
                    if !granted {
                        source.claim.replace(None);
                    }
                    source.leading.set(true);
                    source.arrange();
                });
            });
            // Without Web Locks every visible tab polls for itself.
            self.leading.set(claim.is_none());
            self.claim.replace(claim);
        }
        self.schedule();
    }

    /// Sets the timer for the next load as the schedule says.
    pub(super) fn schedule(&self) {
        let tab = Tab { visible: visible(), asking: self.in_flight(), leading: self.leading.get() };
        let (poll_ms, random) = (self.settings().poll_ms, js_sys::Math::random());
        let wait = self.known.borrow().schedule.next(now(), poll_ms, tab, random);
        let timer = wait.map(|wait| {
            let weak = self.me.clone();
            // Not from inside the timer's own callback: loading replaces it.
            Timeout::new(wait, move || later_on(weak, |source| _ = source.load()))
        });
        drop(self.timer.replace(timer));
    }
}
