//! What a widget shows and says: painting its feeds, the live region, its
//! state and events, its buttons, and what its sources tell it.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{CustomEvent, CustomEventInit, Event};

use super::{Instance, Repaint, Shown};
use crate::error::{Error, ErrorKind};
use crate::frame::{self, Frame};
use crate::state::{self, Event as Told, Load, Standing, State};
use crate::strings;
use crate::summary::Summary;
use crate::time::Timestamp;
use crate::view::{self, Node, Options};
use crate::web::source::{self, Report, Subscriber};
use crate::web::{dom, later_on, now, warn};

impl Subscriber for Instance {
    fn began(&self) {
        if self.waiting_for_words.get() {
            return;
        }
        self.heard.set(true);
        let Some(start) = self.with_load(Load::begin) else { return };
        // A widget that failed stays `error` while it tries again.
        let failing = reports(&self.sources()).iter().any(|k| k.failure.is_some());
        if self.shown.borrow().is_none() && !failing {
            self.set_state(State::Loading);
        }
        self.fire(&start);
        // What the last page view saw is shown while the network answers.
        self.paint(Repaint::IfChanged);
    }

    fn ended(&self) {
        if self.waiting_for_words.get() {
            return;
        }
        let sources = self.sources();
        self.began();
        // A listener of `loadstart` may have shown other feeds meanwhile.
        let now = self.sources();
        let same =
            sources.len() == now.len() && sources.iter().zip(&now).all(|(a, b)| Rc::ptr_eq(a, b));
        if !same || sources.is_empty() {
            return;
        }
        // With several feeds, the load ends when the last of them answers;
        // what came meanwhile is shown meanwhile.
        if sources.iter().any(|s| s.in_flight()) {
            self.paint(Repaint::IfChanged);
            return;
        }
        let known = reports(&sources);
        let standings = standings(&sources, &known);
        self.set_state(state::state(&standings));
        self.paint(Repaint::IfChanged);
        self.end(state::failure(&standings));
    }

    fn repaint(&self) {
        self.paint(Repaint::IfChanged);
    }

    fn joined(&self, in_flight: bool) {
        if self.waiting_for_words.get() {
            return;
        }
        // What the sources know, unless the load joined has ended for this
        // widget already, or there is nothing yet (a request held back by
        // `Retry-After`): the next load will tell.
        let known =
            reports(&self.sources()).iter().any(|k| k.good.is_some() || k.failure.is_some());
        match in_flight {
            true => self.began(),
            false if !self.heard.get() && known => self.ended(),
            false => {}
        }
    }
}

/// What each source knows, in the order of `src`.
fn reports(sources: &[Rc<source::Source>]) -> Vec<Report> {
    sources.iter().map(|s| s.report()).collect()
}

/// How each source stands, as [`state`] reads it.
fn standings<'a>(sources: &'a [Rc<source::Source>], reports: &'a [Report]) -> Vec<Standing<'a>> {
    sources.iter().zip(reports).map(|(source, report)| report.standing(source.url())).collect()
}

impl Instance {
    /// The one place a load ends: `load` or `error`, then `loadend`.
    fn end(&self, failure: Option<String>) {
        self.began();
        self.fire(&Told::ending(failure));
        let close = self.with_load(Load::close);
        close.iter().for_each(|event| self.fire(event));
    }

    /// The load in flight is overtaken: `abort`, then `loadend`.
    pub(super) fn abort(&self) {
        self.with_load(Load::abort).iter().for_each(|event| self.fire(event));
    }

    fn with_load<T>(&self, change: impl FnOnce(&mut Load) -> T) -> T {
        let mut load = self.load.get();
        let out = change(&mut load);
        self.load.set(load);
        out
    }

    fn fire(&self, told: &Told) {
        let event = match told {
            // With the message in `detail.message`.
            Told::Error(text) => custom(told.name(), &message(text), false),
            // A plain, non-bubbling event, like `<img>`'s.
            _ => Event::new(told.name()),
        };
        if let Ok(event) = event {
            let _ = self.host.dispatch_event(&event);
        }
    }

    fn set_state(&self, state: State) {
        // Setting an attribute on our own host cannot fail.
        let _ = self.host.set_attribute("state", state.as_str());
    }

    /// Fetches the words of `lang`, then hears of its sources or repaints.
    pub(super) fn learn(&self, lang: &'static str) {
        let asked =
            self.words.as_ref().and_then(|words| words.call1(&JsValue::NULL, &lang.into()).ok());
        let weak = self.me.clone();
        spawn_local(async move {
            let text = match asked {
                Some(promise) => JsFuture::from(js_sys::Promise::resolve(&promise)).await.ok(),
                None => None,
            };
            match text.and_then(|text| text.as_string()) {
                Some(text) => strings::install(lang, text),
                None => {
                    warn(&["could not load the words of \"", lang, "\"; English is shown"].concat())
                }
            }
            let Some(instance) = weak.upgrade() else { return };
            let overrides = instance.config.borrow().strings.clone();
            instance.speech.borrow_mut().relearn(overrides);
            if !instance.waiting_for_words.replace(false) {
                return instance.paint(Repaint::Always);
            }
            let sources = instance.sources();
            match sources.is_empty() {
                false => instance.joined(sources.iter().any(|s| s.in_flight())),
                true => instance.connect(),
            }
        });
    }

    /// Shows the feeds of `src`; without one, a load that fails at once.
    pub(super) fn connect(&self) {
        self.heard.set(false);
        let origins = self.origins.borrow().clone();
        if !origins.is_empty() {
            let settings = self.config.borrow().settings;
            self.attach(origins.iter().map(|o| source::subscribe(o, settings)).collect());
            return;
        }
        later_on(self.me.clone(), |instance| {
            instance.began();
            let error = Error::new(ErrorKind::NoSource, "set `src` to the feed's URL");
            warn(&error.message());
            instance.set_state(State::Error);
            instance.unavailable();
            instance.end(Some(error.message()));
        });
    }

    /// Shows other feeds: nothing of the old ones stays, not even as stale,
    /// and their load, if one was under way, ends as aborted.
    pub(super) fn reconnect(&self) {
        drop(self.sources.take());
        self.shown.replace(None);
        self.region.replace_children_with_node_0();
        self.waiting();
        self.waiting_for_words.set(false);
        if self.load.get().is_open() {
            later_on(self.me.clone(), |instance| instance.abort());
        }
        self.connect();
    }

    /// Nothing to show yet: a timeline shows the element's own content (its
    /// fallback), a banner nothing (it never takes space it gives back).
    pub(super) fn waiting(&self) {
        self.fallback(view::waiting);
    }

    /// Nothing good was ever seen: "status unavailable" in a timeline.
    fn unavailable(&self) {
        self.fallback(view::unavailable);
    }

    fn fallback(&self, view: fn(&Options) -> Option<Node>) {
        let view = view(&self.config.borrow().options);
        if self.show(view.as_ref(), now()).is_err() {
            warn("could not show the fallback content");
        }
    }

    fn show(&self, view: Option<&Node>, now: Timestamp) -> Result<(), JsValue> {
        dom::show(&self.root, &self.region, view, &self.speech.borrow(), now)
    }

    /// Paints the [`Frame`] of the feeds in hand if it differs from what is
    /// shown (or always), else brings its relative times up to date; fires
    /// `status-change` when what is shown changed.
    pub(super) fn paint(&self, how: Repaint) {
        if self.waiting_for_words.get() {
            return;
        }
        let sources = self.sources();
        let known = reports(&sources);
        let Some(gathered) = state::gather(&standings(&sources, &known)) else {
            if known.iter().any(|k| k.failure.is_some()) {
                self.unavailable();
            }
            return;
        };
        let now = now();
        let options = self.config.borrow().options.clone();
        let frame = Frame::of(&gathered, &options, now);
        if frame.unmatched && !self.unmatched.replace(true) {
            let asked = options.filter.components.join(", ");
            warn(&["`components` \"", &asked, "\" match none of the feed's components"].concat());
        }
        let changed = frame.differs(self.shown.borrow().as_ref().map(|s| (&s.view, &s.summary)));
        // The same view still moves on in time: "5 minutes ago" an hour later.
        let drawn = match changed || how == Repaint::Always {
            true => self.show(frame.view.as_ref(), now),
            false => dom::retime(&self.root, &self.speech.borrow(), now),
        };
        if let Err(e) = drawn {
            return warn(&["could not draw: ", &e.as_string().unwrap_or_default()].concat());
        }
        // Only what the network confirmed is news: a saved answer may be
        // days old. What was said is not said again (the sources keep it).
        let news = |index: usize, key: &str| sources.get(index).is_some_and(|s| s.news(key));
        let said = gathered.confirmed.then(|| frame.news(now, sources.len(), news)).flatten();
        if let Some((notices, urgent)) = said {
            if dom::announce(&self.region, &notices, urgent, &self.speech.borrow(), now).is_err() {
                warn("could not announce the news");
            }
        }
        let Frame { view, summary, .. } = frame;
        let announced = changed.then(|| summary_js(&summary));
        self.shown.replace(Some(Shown { view, summary }));
        if let Some(Ok(event)) = announced.map(|detail| custom("status-change", &detail, true)) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    /// Dismisses what the banner shows, in the feed it came from.
    pub(super) fn dismiss(&self, sources: &[Rc<source::Source>]) {
        let options = self.config.borrow().options.clone();
        let reports = reports(sources);
        let gathered = state::gather(&standings(sources, &reports));
        let target = gathered.and_then(|g| frame::dismissal(&g, &options, now(), sources.len()));
        match target {
            Some((Some(index), item)) => {
                sources.get(index).into_iter().for_each(|s| s.dismiss(item.clone()))
            }
            Some((None, item)) => sources.iter().for_each(|s| s.dismiss(item.clone())),
            None => return,
        }
        // Every widget of the feed repaints on its next task; this one now,
        // so that the focus has a place to go (the loader moves it).
        self.paint(Repaint::IfChanged);
    }
}

/// A `CustomEvent` whose `detail` is `detail`, plain JSON.
fn custom(name: &str, detail: &JsValue, bubbles: bool) -> Result<Event, JsValue> {
    let init = CustomEventInit::new();
    init.set_bubbles(bubbles);
    init.set_composed(bubbles);
    init.set_detail(detail);
    CustomEvent::new_with_event_init_dict(name, &init).map(Into::into)
}

/// The `error` detail: `{ message }`.
fn message(message: &str) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    detail.into()
}

/// The `status-change` detail: [`Summary::to_json`], parsed by the browser.
pub(crate) fn summary_js(summary: &Summary) -> JsValue {
    js_sys::JSON::parse(&summary.to_json()).unwrap_or(JsValue::NULL)
}
