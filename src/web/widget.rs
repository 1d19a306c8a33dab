//! One widget: the Rust side of a `<status-widget>` element.
//!
//! The loader creates a [`Widget`] when the element is connected and frees
//! it when the element leaves the page; freeing aborts the request in
//! flight, takes the widget off the shared ticker and clears what it drew.
//!
//! Events are only ever dispatched from the widget's own tasks (a load, a
//! tick, a repaint), never from inside a call the page made, and no
//! `RefCell` borrow is held while one is: a listener may do anything
//! (remove the element, change its `src`, refresh it).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{CustomEvent, CustomEventInit, Event, HtmlElement, ShadowRoot};

use super::fetch::{self, Abort};
use super::intl::Clock;
use super::ticker::{self, Registration, Tick};
use super::{dom, warn};
use crate::error::{Error, ErrorKind};
use crate::feed::{self, Feed};
use crate::summary::Summary;
use crate::time::Timestamp;
use crate::view::{self, Mode, Node, Options};

/// What the element's `state` attribute says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Loading,
    Ready,
    Stale,
    Error,
}

impl State {
    const fn as_str(self) -> &'static str {
        match self {
            State::Loading => "loading",
            State::Ready => "ready",
            State::Stale => "stale",
            State::Error => "error",
        }
    }
}

/// The settings read from the element's attributes.
#[derive(Clone, Debug, PartialEq)]
struct Config {
    src: Option<String>,
    options: Options,
    locale: Option<String>,
    time_zone: Option<String>,
    /// A `mode` that is not one, to warn about.
    unknown_mode: Option<String>,
}

impl Config {
    fn read(host: &HtmlElement) -> Config {
        let attr = |name: &str| {
            let value = host.get_attribute(name)?;
            Some(value.trim().to_owned()).filter(|v| !v.is_empty())
        };
        let mode = attr("mode");
        let parsed = mode.as_deref().map_or(Some(Mode::Banner), Mode::parse);
        // The nearest `[lang]` speaks for the element when it has no locale.
        let lang = || {
            let lang = host.closest("[lang]").ok()??.get_attribute("lang")?;
            Some(lang.trim().to_owned()).filter(|l| !l.is_empty())
        };
        Config {
            src: attr("src"),
            options: Options { mode: parsed.unwrap_or_default(), ..Options::default() },
            locale: attr("locale").or_else(lang),
            time_zone: attr("time-zone"),
            unknown_mode: mode.filter(|_| parsed.is_none()),
        }
    }

    fn warn_about(&self) {
        if let Some(mode) = &self.unknown_mode {
            warn(&["unknown mode \"", mode, "\"; showing the banner"].concat());
        }
    }
}

/// The widget behind one `<status-widget>` element.
#[wasm_bindgen]
pub struct Widget(Rc<Instance>);

struct Instance {
    host: HtmlElement,
    root: ShadowRoot,
    config: RefCell<Config>,
    clock: RefCell<Clock>,
    /// The last feed read.
    feed: RefCell<Option<Feed>>,
    /// What is on screen; `None` until the first paint.
    shown: RefCell<Option<Shown>>,
    /// The load in flight, if any; dropping it aborts its request.
    load: RefCell<Option<Load>>,
    /// Counts loads, so that a load overtaken by a newer one stays silent.
    generation: Cell<u32>,
    /// A `loadstart` was fired whose `loadend` is still due.
    open: Cell<bool>,
    /// The widget's place on the page's ticker.
    _ticker: Registration,
}

/// Whether to draw a view that has not changed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repaint {
    IfChanged,
    Always,
}

/// The view painted, and the summary last announced with `status-change`.
struct Shown {
    view: Option<Node>,
    summary: Summary,
}

struct Load {
    /// Set once the request is sent.
    abort: Option<Abort>,
}

#[wasm_bindgen]
impl Widget {
    /// Renders into `host`'s shadow root and starts loading its `src`.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement) -> Result<Widget, JsValue> {
        let root = dom::shadow_root(&host).map_err(|e| JsValue::from_str(&e.message()))?;
        let config = Config::read(&host);
        config.warn_about();
        let clock = clock(&config).map_err(|e| JsValue::from_str(&e.message()))?;
        let instance = Rc::new_cyclic(|me: &Weak<Instance>| Instance {
            host,
            root,
            config: RefCell::new(config),
            clock: RefCell::new(clock),
            feed: RefCell::new(None),
            shown: RefCell::new(None),
            load: RefCell::new(None),
            generation: Cell::new(0),
            open: Cell::new(false),
            _ticker: ticker::register(me.clone()),
        });
        instance.waiting();
        instance.reload();
        Ok(Widget(instance))
    }

    /// Fetches the feed again, unless a load is already in flight. Says
    /// whether it started one: a `loadstart` then follows, else the load in
    /// flight ends with its `loadend`.
    pub fn refresh(&self) -> bool {
        let idle = self.0.load.borrow().is_none();
        if idle {
            self.0.reload();
        }
        idle
    }

    /// Reads the attributes again: a new `src` loads it, anything else
    /// repaints from the feed in hand.
    pub fn update(&self) {
        let config = Config::read(&self.0.host);
        let old = self.0.config.replace(config.clone());
        if old == config {
            return;
        }
        if old.unknown_mode != config.unknown_mode {
            config.warn_about();
        }
        // The same view in another language or zone is drawn again.
        let mut how = Repaint::IfChanged;
        if old.locale != config.locale || old.time_zone != config.time_zone {
            match clock(&config) {
                Ok(clock) => drop(self.0.clock.replace(clock)),
                Err(e) => warn(&e.message()),
            }
            how = Repaint::Always;
        }
        if old.src != config.src {
            // Another feed: nothing of the old one stays, not even as stale.
            self.0.feed.replace(None);
            self.0.shown.replace(None);
            self.0.waiting();
            self.0.reload();
        } else {
            let weak = Rc::downgrade(&self.0);
            spawn_local(async move {
                if let Some(instance) = weak.upgrade() {
                    instance.paint(how);
                }
            });
        }
    }
}

fn clock(config: &Config) -> Result<Clock, Error> {
    let (clock, problem) = Clock::new(config.locale.as_deref(), config.time_zone.as_deref())?;
    if let Some(problem) = problem {
        warn(&["locale or time-zone not used: ", &problem].concat());
    }
    Ok(clock)
}

fn now() -> Timestamp {
    #[allow(clippy::cast_possible_truncation, reason = "Date.now() is a whole number of ms")]
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

impl Tick for Instance {
    fn tick(&self) {
        self.paint(Repaint::IfChanged);
    }
}

impl Instance {
    /// Starts a new load, overtaking any in flight.
    fn reload(self: &Rc<Self>) {
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        // Replacing the old load aborts its request.
        drop(self.load.replace(Some(Load { abort: None })));
        spawn_local(run(Rc::downgrade(self), generation));
    }

    fn is_current(&self, generation: u32) -> bool {
        self.generation.get() == generation
    }

    /// Nothing to show yet. A timeline shows the element's own content
    /// meanwhile (its fallback, such as a link to the status page); a
    /// banner shows nothing, so that it never takes space it then gives
    /// back.
    fn waiting(&self) {
        let result = match self.config.borrow().options.mode {
            Mode::Banner => dom::show(&self.root, None, &self.clock.borrow(), now()),
            Mode::Timeline => dom::fallback(&self.root),
        };
        if result.is_err() {
            warn("could not clear the widget");
        }
    }

    fn set_state(&self, state: State) {
        // Setting an attribute on our own host cannot fail.
        let _ = self.host.set_attribute("state", state.as_str());
    }

    fn dispatch(&self, event: Result<Event, JsValue>) {
        if let Ok(event) = event {
            let _ = self.host.dispatch_event(&event);
        }
    }

    /// Dispatches a plain, non-bubbling event, like `<img>`'s.
    fn fire(&self, name: &str) {
        self.dispatch(Event::new(name));
    }

    /// Dispatches a `CustomEvent` whose `detail` is `detail` as plain JSON.
    fn fire_with(&self, name: &str, detail: &impl Serialize, bubbles: bool) {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let init = CustomEventInit::new();
        init.set_bubbles(bubbles);
        init.set_composed(bubbles);
        if let Ok(detail) = detail.serialize(&serializer) {
            init.set_detail(&detail);
        }
        self.dispatch(CustomEvent::new_with_event_init_dict(name, &init).map(Into::into));
    }

    /// Paints the view of the feed in hand if it differs from what is shown
    /// (or always, when `how` says so), else brings its relative times up to
    /// date; fires `status-change` when what is shown changed, and on the
    /// first paint.
    fn paint(&self, how: Repaint) {
        let now = now();
        let options = self.config.borrow().options;
        let (view, summary) = match &*self.feed.borrow() {
            Some(feed) => (view::render(feed, &options, now), Summary::of(feed, now)),
            None => return,
        };
        let (redraw, changed) = match &*self.shown.borrow() {
            None => (true, true),
            Some(shown) => {
                let changed = shown.view != view || shown.summary != summary;
                (changed || how == Repaint::Always, changed)
            }
        };
        // The same view still moves on in time: "5 minutes ago" an hour later.
        let drawn = match redraw {
            true => dom::show(&self.root, view.as_ref(), &self.clock.borrow(), now),
            false => dom::retime(&self.root, &self.clock.borrow(), now),
        };
        if let Err(e) = drawn {
            warn(&["could not draw: ", &e.as_string().unwrap_or_default()].concat());
            return;
        }
        let announced = changed.then(|| summary.clone());
        self.shown.replace(Some(Shown { view, summary }));
        if let Some(summary) = announced {
            self.fire_with("status-change", &summary, true);
        }
    }

    /// Begins a load: ends the one it overtook (`abort`, `loadend`), then
    /// `loadstart`.
    fn begin(&self) {
        if self.open.replace(true) {
            self.fire("abort");
            self.fire("loadend");
        }
        if self.feed.borrow().is_none() {
            self.set_state(State::Loading);
        }
        self.fire("loadstart");
    }

    /// Ends the current load of `src` with its outcome: sets the state,
    /// paints and fires `load`, or fires `error`; then `loadend`. A failure
    /// leaves the last good feed shown, if there is one, and else the
    /// element's own content.
    fn finish(&self, src: &str, outcome: Result<Feed, Error>) {
        // Ended: a `refresh()` from a listener below starts a new load.
        drop(self.load.borrow_mut().take());
        match outcome {
            Ok(feed) => {
                if feed.skipped.any() {
                    warn(&about(src, &feed.skipped.describe()));
                }
                self.feed.replace(Some(feed));
                self.set_state(State::Ready);
                self.paint(Repaint::IfChanged);
                self.fire("load");
            }
            Err(error) => {
                let message = error.message();
                warn(&about(src, &message));
                let shown = self.feed.borrow().is_some();
                self.set_state(if shown { State::Stale } else { State::Error });
                if !shown && dom::fallback(&self.root).is_err() {
                    warn("could not show the fallback content");
                }
                #[derive(Serialize)]
                struct Detail<'a> {
                    message: &'a str,
                }
                self.fire_with("error", &Detail { message: &message }, false);
            }
        }
        self.open.set(false);
        self.fire("loadend");
    }
}

/// A warning about the feed at `src`.
fn about(src: &str, message: &str) -> String {
    match src {
        "" => message.to_owned(),
        src => [src, ": ", message].concat(),
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // The request is aborted as `load` drops, the ticker forgets the
        // widget as `ticker` drops; what was shown goes.
        self.root.replace_children_with_node_0();
    }
}

/// One load, from `loadstart` to `loadend`.
async fn run(weak: Weak<Instance>, generation: u32) {
    let Some(instance) = weak.upgrade() else {
        return;
    };
    // Overtaken before it began: the newer load speaks for both.
    if !instance.is_current(generation) {
        return;
    }
    instance.begin();
    // A `loadstart` listener may have changed `src` or removed the element.
    if !instance.is_current(generation) {
        return;
    }
    let Some(src) = instance.config.borrow().src.clone() else {
        let error = Error::new(ErrorKind::NoSource, "set `src` to the feed's URL");
        return instance.finish("", Err(error));
    };
    let (abort, request) = match fetch::start(&src) {
        Ok(started) => started,
        Err(error) => return instance.finish(&src, Err(error)),
    };
    if let Some(load) = instance.load.borrow_mut().as_mut() {
        load.abort = Some(abort);
    }
    // Hold only a weak reference while waiting: the element may go meanwhile.
    drop(instance);
    let document = request.await;
    let Some(instance) = weak.upgrade() else {
        return;
    };
    if instance.is_current(generation) {
        instance.finish(&src, document.and_then(feed::read));
    }
}
