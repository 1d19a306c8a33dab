//! One widget: the Rust side of a `<status-widget>` element.
//!
//! The loader creates a [`Widget`] when the element is connected and frees
//! it when the element leaves the page. A widget shows its `src` through the
//! page's one [`Source`](super::source) for that URL, which fetches, polls
//! and remembers; freeing the widget lets go of the source (the last widget
//! to go stops it), takes the widget off the shared ticker, removes its
//! listener and clears what it drew.
//!
//! Events are only ever dispatched from the widget's own tasks (a load, a
//! tick, a repaint), never from inside a call the page made, and no
//! `RefCell` borrow is held while one is: a listener may do anything
//! (remove the element, change its `src`, refresh it).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{CustomEvent, CustomEventInit, Event, HtmlElement, ShadowRoot};

use super::intl::{Clock, Speech};
use super::source::{self, Settings, Source, Subscriber, Subscription};
use super::ticker::{self, Registration, Tick};
use super::{dom, later, warn};
use crate::error::{Error, ErrorKind};
use crate::filter::Filter;
use crate::poll;
use crate::strings;
use crate::summary::Summary;
use crate::time::Timestamp;
use crate::view::{self, Action, Context, Mode, Node, Options};

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
    settings: Settings,
    locale: Option<String>,
    time_zone: Option<String>,
    /// The host's own words for some of ours (`strings`).
    strings: Vec<(String, String)>,
    /// What was not understood, to warn about.
    problems: Vec<String>,
}

/// The most strings a host can override: more than there are.
const MAX_OVERRIDES: usize = 200;

impl Config {
    fn read(host: &HtmlElement) -> Config {
        let attr = |name: &str| {
            let value = host.get_attribute(name)?;
            Some(value.trim().to_owned()).filter(|v| !v.is_empty())
        };
        let mut problems = Vec::new();
        let mode = attr("mode");
        let parsed = mode.as_deref().map_or(Some(Mode::Banner), Mode::parse);
        if let Some(mode) = mode.filter(|_| parsed.is_none()) {
            problems.push(["unknown mode \"", &mode, "\"; showing the banner"].concat());
        }
        // The nearest `[lang]` speaks for the element when it has no locale.
        let lang = || {
            let lang = host.closest("[lang]").ok()??.get_attribute("lang")?;
            Some(lang.trim().to_owned()).filter(|l| !l.is_empty())
        };
        let ((incidents, maintenance), unknown_kinds) = Filter::kinds(attr("kinds").as_deref());
        for kind in unknown_kinds {
            problems.push(["unknown kind \"", &kind, "\" in `kinds` ignored"].concat());
        }
        for (name, values) in
            [("theme", &["auto", "light", "dark"]), ("position", &["top", "bottom", "inline"])]
        {
            if let Some(value) = attr(name).filter(|v| !values.contains(&v.as_str())) {
                problems.push(
                    ["`", name, "` \"", &value, "\" is none of ", &values.join(", ")].concat(),
                );
            }
        }
        let strings = attr("strings").map_or_else(Vec::new, |json| overrides(&json, &mut problems));
        Config {
            src: attr("src").map(|src| absolute(host, src)),
            options: Options {
                mode: parsed.unwrap_or_default(),
                filter: Filter {
                    components: Filter::components(attr("components").as_deref()),
                    incidents,
                    maintenance,
                    days: Filter::days(attr("days").as_deref()),
                },
                limit: Options::limit(attr("limit").as_deref()),
                dismissible: Options::flag(attr("dismissible").as_deref()) != Some(false),
                hide_when_operational: Options::flag(
                    host.get_attribute("hide-when-operational").as_deref(),
                ),
                lookahead_hours: Options::lookahead(attr("lookahead").as_deref()),
                label: attr("label"),
            },
            settings: Settings {
                poll_ms: poll::interval(attr("poll").as_deref()),
                timeout_ms: poll::timeout(attr("timeout").as_deref()),
                max_size: poll::max_size(attr("max-size").as_deref()),
            },
            locale: attr("locale").or_else(lang),
            time_zone: attr("time-zone"),
            strings,
            problems,
        }
    }

    fn warn_about(&self) {
        for problem in &self.problems {
            warn(problem);
        }
    }
}

/// Reads the `strings` attribute: a JSON object of our keys and the host's
/// words for them.
fn overrides(json: &str, problems: &mut Vec<String>) -> Vec<(String, String)> {
    let parsed =
        js_sys::JSON::parse(json).ok().filter(|v| v.is_object() && !js_sys::Array::is_array(v));
    let Some(object) = parsed else {
        problems.push("`strings` is not a JSON object; ignored".to_owned());
        return Vec::new();
    };
    let entries = js_sys::Object::entries(object.unchecked_ref());
    let mut out = Vec::new();
    for entry in entries.iter().take(MAX_OVERRIDES) {
        let entry: js_sys::Array = entry.unchecked_into();
        match (entry.get(0).as_string(), entry.get(1).as_string()) {
            (Some(key), Some(value)) => out.push((key, value)),
            (key, _) => problems.push(
                ["`strings`: the value of \"", &key.unwrap_or_default(), "\" is not text; ignored"]
                    .concat(),
            ),
        }
    }
    out
}

/// The widget behind one `<status-widget>` element.
#[wasm_bindgen]
pub struct Widget(Rc<Instance>);

struct Instance {
    me: Weak<Instance>,
    host: HtmlElement,
    root: ShadowRoot,
    config: RefCell<Config>,
    speech: RefCell<Speech>,
    /// The live region, first in the shadow root.
    region: web_sys::Element,
    /// The feed's source; `None` without a `src`.
    source: RefCell<Option<Subscription>>,
    /// What is on screen; `None` until the first paint of a feed.
    shown: RefCell<Option<Shown>>,
    /// A `loadstart` was fired whose `loadend` is still due.
    open: Cell<bool>,
    /// The source has told this widget of a load since it subscribed.
    heard: Cell<bool>,
    /// It warned that its `components` match none of the feed's.
    unmatched: Cell<bool>,
    /// Fetches the table of a language (from beside the module), as a
    /// promise of its text; `None` in the tests, which have them all.
    words: Option<js_sys::Function>,
    /// It waits for the words of its language: it hears nothing of its
    /// source (which fetches meanwhile) until they are here.
    waiting_for_words: Cell<bool>,
    /// The widget's place on the page's ticker.
    _ticker: Registration,
    /// Clicks on the widget's buttons.
    _clicks: EventListener,
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

#[wasm_bindgen]
impl Widget {
    /// Renders into `host`'s shadow root and starts showing its `src`.
    /// `words(lang)` fetches the table of a language not built in, as a
    /// promise of its text.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, words: Option<js_sys::Function>) -> Result<Widget, JsValue> {
        let root = dom::shadow_root(&host).map_err(|e| JsValue::from_str(&e.message()))?;
        let config = Config::read(&host);
        config.warn_about();
        // The feed is asked for first: the network works while the words and
        // formatters are made (a page's first formatter takes 10 to 20 ms).
        let subscription = config.src.as_deref().map(|src| source::subscribe(src, config.settings));
        let speech = speech(&config).map_err(|e| JsValue::from_str(&e.message()))?;
        let region = dom::announcer(&root)?;
        let instance = Rc::new_cyclic(|me: &Weak<Instance>| {
            let clicked = me.clone();
            let clicks = EventListener::new(&root, "click", move |event| {
                if let Some(instance) = clicked.upgrade() {
                    instance.clicked(event);
                }
            });
            Instance {
                me: me.clone(),
                host,
                root,
                config: RefCell::new(config),
                speech: RefCell::new(speech),
                region,
                source: RefCell::new(None),
                shown: RefCell::new(None),
                open: Cell::new(false),
                heard: Cell::new(false),
                unmatched: Cell::new(false),
                words,
                waiting_for_words: Cell::new(false),
                _ticker: ticker::register(me.clone()),
                _clicks: clicks,
            }
        });
        instance.waiting();
        // A widget in a language whose words are not here yet hears of its
        // feed once they are (or English, should they fail): it never shows
        // a feed in the wrong language first.
        if let Some(lang) = strings::missing(&instance.speech.borrow().clock.locale()) {
            instance.waiting_for_words.set(true);
            instance.learn(lang);
        }
        match subscription {
            Some(subscription) => instance.attach(subscription),
            None if !instance.waiting_for_words.get() => instance.connect(),
            None => {}
        }
        Ok(Widget(instance))
    }

    /// Fetches the feed again, unless a load is already in flight. Says
    /// whether it started one: a `loadstart` then follows, else the load in
    /// flight ends with its `loadend`.
    pub fn refresh(&self) -> bool {
        match self.0.source() {
            Some(source) => source.load(),
            None => {
                self.0.connect();
                true
            }
        }
    }

    /// Reads the attributes again: a new `src` shows that feed, anything
    /// else repaints from the feed in hand.
    pub fn update(&self) {
        let config = Config::read(&self.0.host);
        let old = self.0.config.replace(config.clone());
        if old == config {
            return;
        }
        if old.problems != config.problems {
            config.warn_about();
        }
        // The same view in another language or zone is drawn again.
        let mut how = Repaint::IfChanged;
        if (&old.locale, &old.time_zone, &old.strings)
            != (&config.locale, &config.time_zone, &config.strings)
        {
            match speech(&config) {
                Ok(speech) => drop(self.0.speech.replace(speech)),
                Err(e) => warn(&e.message()),
            }
            if let Some(lang) = strings::missing(&self.0.speech.borrow().clock.locale()) {
                self.0.learn(lang);
            }
            how = Repaint::Always;
        }
        if old.options.mode != config.options.mode && self.0.shown.borrow().is_none() {
            self.0.waiting();
        }
        if old.src != config.src {
            // Another feed: nothing of the old one stays, not even as stale,
            // and its load, if one was under way, ends as aborted.
            drop(self.0.source.replace(None));
            self.0.shown.replace(None);
            self.0.region.replace_children_with_node_0();
            self.0.waiting();
            self.0.waiting_for_words.set(false);
            if self.0.open.get() {
                let weak = Rc::downgrade(&self.0);
                later(Box::new(move || {
                    if let Some(instance) = weak.upgrade() {
                        if instance.open.replace(false) {
                            instance.fire("abort");
                            instance.fire("loadend");
                        }
                    }
                }));
            }
            self.0.connect();
            return;
        }
        if old.settings != config.settings {
            if let Some(subscription) = &*self.0.source.borrow() {
                subscription.set(config.settings);
            }
        }
        let weak = Rc::downgrade(&self.0);
        later(Box::new(move || {
            if let Some(instance) = weak.upgrade() {
                instance.paint(how);
            }
        }));
    }
}

/// `src` resolved against the document's base URL, so that one feed has one
/// name (its source, its lock, its saved answer) whichever page says it
/// and however; kept as written when it is not a URL (the load says so).
fn absolute(host: &HtmlElement, src: String) -> String {
    let base = host.base_uri().ok().flatten();
    let url = base.and_then(|base| web_sys::Url::new_with_base(&src, &base).ok());
    url.map_or(src, |url| url.href())
}

/// The widget's words and formatters, for its locale, zone and overrides.
fn speech(config: &Config) -> Result<Speech, Error> {
    let (clock, problem) = Clock::new(config.locale.as_deref(), config.time_zone.as_deref())?;
    if let Some(problem) = problem {
        warn(&["locale or time-zone not used: ", &problem].concat());
    }
    let (speech, unknown) = Speech::new(clock, config.strings.clone());
    for key in unknown {
        warn(&["`strings`: \"", &key, "\" is none of ours; ignored"].concat());
    }
    Ok(speech)
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

impl Subscriber for Instance {
    fn began(&self) {
        if self.waiting_for_words.get() {
            return;
        }
        self.heard.set(true);
        if self.open.replace(true) {
            return;
        }
        // A widget that failed stays `error` while it tries again.
        let failing = self.source().is_some_and(|s| s.now().failure.is_some());
        if self.shown.borrow().is_none() && !failing {
            self.set_state(State::Loading);
        }
        self.fire("loadstart");
        // What the last page view saw is shown while the network answers.
        self.paint(Repaint::IfChanged);
    }

    fn ended(&self) {
        if self.waiting_for_words.get() {
            return;
        }
        let source = self.source();
        self.began();
        // A listener of `loadstart` may have shown another feed meanwhile.
        let Some(source) = source.filter(|s| self.source().is_some_and(|now| Rc::ptr_eq(s, &now)))
        else {
            return;
        };
        let now = source.now();
        let state = match (&now.good, &now.failure) {
            (Some(_), None) if now.confirmed => State::Ready,
            (None, None) | (Some(_), None) => State::Loading,
            (Some(_), Some(_)) => State::Stale,
            (None, Some(_)) => State::Error,
        };
        self.set_state(state);
        match now.failure {
            Some(error) => {
                self.paint(Repaint::IfChanged);
                self.fire_error(&error);
            }
            None => {
                self.paint(Repaint::IfChanged);
                self.fire("load");
            }
        }
        self.open.set(false);
        self.fire("loadend");
    }

    fn repaint(&self) {
        self.paint(Repaint::IfChanged);
    }

    fn joined(&self, in_flight: bool) {
        if self.waiting_for_words.get() {
            return;
        }
        // What the source knows, unless the load it joined has ended for this
        // widget already, or there is nothing yet (a request held back by
        // `Retry-After`): the next load will tell.
        let known = self.source().is_some_and(|s| {
            let now = s.now();
            now.good.is_some() || now.failure.is_some()
        });
        match in_flight {
            true => self.began(),
            false if !self.heard.get() && known => self.ended(),
            false => {}
        }
    }
}

impl Instance {
    /// The source of the feed shown, if any (no borrow is kept).
    fn source(&self) -> Option<Rc<Source>> {
        self.source.borrow().as_ref().map(|s| s.source().clone())
    }

    /// Fetches the words of `lang` and speaks them, then hears of its source
    /// if it waited for them; else repaints in them.
    fn learn(&self, lang: &'static str) {
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
            if instance.waiting_for_words.replace(false) {
                match instance.source() {
                    Some(source) => instance.joined(source.in_flight()),
                    None => instance.connect(),
                }
            } else {
                instance.paint(Repaint::Always);
            }
        });
    }

    /// Shows the feed at `src` through the page's source for it; without a
    /// `src`, a load that fails at once.
    fn connect(&self) {
        self.heard.set(false);
        let config = self.config.borrow();
        let weak = self.me.clone();
        match &config.src {
            Some(src) => {
                self.attach(source::subscribe(src, config.settings));
            }
            None => later(Box::new(move || {
                if let Some(instance) = weak.upgrade() {
                    instance.began();
                    let error = Error::new(ErrorKind::NoSource, "set `src` to the feed's URL");
                    warn(&error.message());
                    instance.set_state(State::Error);
                    instance.unavailable();
                    instance.fire_error(&error);
                    instance.open.set(false);
                    instance.fire("loadend");
                }
            })),
        }
    }

    fn attach(&self, subscription: Subscription) {
        let me: Weak<dyn Subscriber> = self.me.clone();
        subscription.attach(me);
        drop(self.source.replace(Some(subscription)));
    }

    /// Nothing to show yet. A timeline shows the element's own content
    /// meanwhile (its fallback, such as a link to the status page); a
    /// banner shows nothing, so that it never takes space it then gives
    /// back.
    fn waiting(&self) {
        let view = view::waiting(&self.config.borrow().options);
        if self.show(view.as_ref(), now()).is_err() {
            warn("could not clear the widget");
        }
    }

    /// Nothing good was ever seen: "status unavailable" and the element's
    /// own content in a timeline, nothing in a banner.
    fn unavailable(&self) {
        let view = view::unavailable(&self.config.borrow().options);
        if self.show(view.as_ref(), now()).is_err() {
            warn("could not show the fallback content");
        }
    }

    fn show(&self, view: Option<&Node>, now: Timestamp) -> Result<(), JsValue> {
        dom::show(&self.root, &self.region, view, &self.speech.borrow(), now)
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

    /// Dispatches `error`, with the message in `detail.message`.
    fn fire_error(&self, error: &Error) {
        #[derive(Serialize)]
        struct Detail {
            message: String,
        }
        self.fire_with("error", &Detail { message: error.message() }, false);
    }

    /// Paints the view of the feed in hand if it differs from what is shown
    /// (or always, when `how` says so), else brings its relative times up to
    /// date; fires `status-change` when what is shown changed, and on the
    /// first paint. With no good feed ever seen but a failure, shows that
    /// the status is unavailable.
    fn paint(&self, how: Repaint) {
        let Some(source) = self.source().filter(|_| !self.waiting_for_words.get()) else { return };
        let state = source.now();
        let Some(good) = state.good else {
            if state.failure.is_some() {
                self.unavailable();
            }
            return;
        };
        let now = now();
        let options = self.config.borrow().options.clone();
        // Filtered once, for the view, the summary and the live region.
        let kept = options.filter.apply(&good.feed, now);
        let view = {
            let dismissed = source.dismissed();
            let context = Context {
                dismissed: Some(&dismissed),
                stale_since: state.failure.is_some().then_some(state.at),
            };
            view::render_kept(&kept, &options, now, &context)
        };
        // A misspelt name would show all well whatever the page says: say so.
        let unmatched = !options.filter.components.is_empty()
            && !good.feed.components.is_empty()
            && kept.components.is_empty();
        if unmatched && !self.unmatched.replace(true) {
            let asked = options.filter.components.join(", ");
            warn(&["`components` \"", &asked, "\" match none of the feed's components"].concat());
        }
        let summary = Summary::of(&kept, now);
        let (redraw, changed) = match &*self.shown.borrow() {
            None => (true, true),
            Some(shown) => {
                let changed = shown.view != view || shown.summary != summary;
                (changed || how == Repaint::Always, changed)
            }
        };
        // The same view still moves on in time: "5 minutes ago" an hour later.
        let drawn = match redraw {
            true => self.show(view.as_ref(), now),
            false => dom::retime(&self.root, &self.speech.borrow().clock, now),
        };
        if let Err(e) = drawn {
            warn(&["could not draw: ", &e.as_string().unwrap_or_default()].concat());
            return;
        }
        // Only what the network confirmed is news: a saved answer may be
        // days old. What was said is not said again (the source keeps it).
        if state.confirmed {
            self.announce(&source, &kept, now);
        }
        let announced = changed.then(|| summary.clone());
        self.shown.replace(Some(Shown { view, summary }));
        if let Some(summary) = announced {
            self.fire_with("status-change", &summary, true);
        }
    }

    /// Says in the live region what is news to the page: incidents and
    /// maintenance it has not said yet, or whose status changed. Never
    /// times, which move on by themselves.
    fn announce(&self, source: &Source, kept: &crate::feed::Feed, now: Timestamp) {
        let notices = view::notices_kept(kept, now);
        let news: Vec<&view::Notice> = notices.iter().filter(|n| source.news(&n.key)).collect();
        if news.is_empty() {
            return;
        }
        let urgent = news.iter().any(|n| n.urgent);
        let more = view::not_said(&news);
        let mut said = view::said(&news);
        said.extend(&more);
        if dom::announce(&self.region, &said, urgent, &self.speech.borrow(), now).is_err() {
            warn("could not announce the news");
        }
    }

    /// A click in the shadow root: on one of our buttons, its action.
    fn clicked(&self, event: &Event) {
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        // Only a button of ours: the element's own content is slotted in
        // from the page, whose elements are not the widget's to act on.
        let button = target
            .and_then(|t| t.closest("button[data-action]").ok().flatten())
            .filter(|b| self.root.contains(Some(b)));
        let action = button.and_then(|b| b.get_attribute("data-action"));
        let Some(action) = action.as_deref().and_then(Action::parse) else { return };
        let Some(source) = self.source() else { return };
        match action {
            Action::Dismiss if self.config.borrow().options.dismissible => {
                let options = self.config.borrow().options.clone();
                let item = source.now().good.and_then(|good| {
                    let dismissed = source.dismissed();
                    view::shown_item(&good.feed, &options, now(), Some(&dismissed))
                });
                if let Some(item) = item {
                    // Every widget of the feed repaints on its next task;
                    // this one now, so that the focus has a place to go.
                    source.dismiss(item);
                    self.paint(Repaint::IfChanged);
                    // The next notice takes the banner: the focus goes to
                    // its button, not back to the top of the page.
                    let next =
                        self.root.query_selector("button[data-action=dismiss]").ok().flatten();
                    if let Some(next) = next.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                        let _ = next.focus();
                    }
                }
            }
            Action::Restore => source.restore(),
            Action::Dismiss => {}
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // The source lets go as `source` drops (the last widget to go stops
        // it), the ticker forgets the widget as `ticker` drops, the click
        // listener goes; what was shown goes.
        self.root.replace_children_with_node_0();
    }
}
