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
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{CustomEvent, CustomEventInit, Event, HtmlElement, ShadowRoot};

use super::intl::{Clock, Speech};
use super::source::{self, Fetcher, Good, Origin, Settings, Source, Subscriber, Subscription};
use super::ticker::{self, Registration, Tick};
use super::{dom, later, warn};
use crate::dismiss::{self, Dismissals};
use crate::error::{Error, ErrorKind};
use crate::feed::{self, Feed, Format};
use crate::filter::Filter;
use crate::poll;
use crate::strings;
use crate::summary::{self, Summary};
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
    /// The feeds to show, with the format each is read in: `src` and
    /// `format`, and the page's own fetch function (the element's `fetch`).
    sources: Vec<Origin>,
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

/// The most feeds one widget shows.
const MAX_SOURCES: usize = 10;

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
        let sources = sources(host, attr("src"), attr("format"), &mut problems);
        Config {
            sources,
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

/// The feeds of `src` (URLs separated by white space), each with its
/// format: `format` names one for all, or one per feed in the same order
/// (`auto` detects it); and the element's own `fetch` function, if any.
fn sources(
    host: &HtmlElement,
    src: Option<String>,
    format: Option<String>,
    problems: &mut Vec<String>,
) -> Vec<Origin> {
    let urls: Vec<&str> = src.as_deref().unwrap_or_default().split_whitespace().collect();
    if urls.len() > MAX_SOURCES {
        problems.push("`src` lists more than 10 feeds; the first 10 are shown".to_owned());
    }
    let formats: Vec<Option<Format>> = format
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .map(|name| match Format::parse(name) {
            Some(format) => Some(format),
            None if name.eq_ignore_ascii_case("auto") => None,
            None => {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                problems.push(
                    ["`format` \"", name, "\" is none of auto, ", &known.join(", ")].concat(),
                );
                None
            }
        })
        .collect();
    if formats.len() > 1 && formats.len() != urls.len() {
        problems.push("`format` names neither one format nor one per feed of `src`".to_owned());
    }
    let fetcher = js_sys::Reflect::get(host, &JsValue::from_str("fetch")).ok();
    let fetcher = Fetcher(fetcher.and_then(|f| f.dyn_into::<js_sys::Function>().ok()));
    urls.into_iter()
        .take(MAX_SOURCES)
        .enumerate()
        .map(|(index, url)| Origin {
            url: absolute(host, url.to_owned()),
            format: match formats.as_slice() {
                [one] => *one,
                several => several.get(index).copied().flatten(),
            },
            fetcher: fetcher.clone(),
        })
        .collect()
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
    /// The sources of its feeds, in the order of `src`; none without one.
    sources: RefCell<Vec<Subscription>>,
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
        let subscriptions: Vec<Subscription> = config
            .sources
            .iter()
            .map(|origin| source::subscribe(origin, config.settings))
            .collect();
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
                sources: RefCell::new(Vec::new()),
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
        match subscriptions.is_empty() {
            false => instance.attach(subscriptions),
            true if !instance.waiting_for_words.get() => instance.connect(),
            true => {}
        }
        Ok(Widget(instance))
    }

    /// Fetches the feed again, unless a load is already in flight. Says
    /// whether it started one: a `loadstart` then follows, else the load in
    /// flight ends with its `loadend`.
    pub fn refresh(&self) -> bool {
        let sources = self.0.sources();
        if sources.is_empty() {
            self.0.connect();
            return true;
        }
        // A load already open ends with its `loadend`, which waits for the
        // loads started now too.
        let open = self.0.open.get();
        let started = sources.iter().fold(false, |any, source| source.load() | any);
        started && !open
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
        if old.sources != config.sources {
            // Other feeds: nothing of the old ones stays, not even as stale,
            // and their load, if one was under way, ends as aborted.
            drop(self.0.sources.take());
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
            for subscription in &*self.0.sources.borrow() {
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
        let failing = self.sources().iter().any(|s| s.now().failure.is_some());
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
        let nows: Vec<source::Now> = sources.iter().map(|s| s.now()).collect();
        let good = nows.iter().filter(|n| n.good.is_some()).count();
        let failed: Vec<(&Source, &Error)> = sources
            .iter()
            .zip(&nows)
            .filter_map(|(s, n)| Some((&**s, n.failure.as_ref()?)))
            .collect();
        let state = match (failed.is_empty(), good) {
            (true, _) if good == nows.len() && nows.iter().all(|n| n.confirmed) => State::Ready,
            (true, _) => State::Loading,
            (false, 0) => State::Error,
            (false, _) => State::Stale,
        };
        self.set_state(state);
        self.paint(Repaint::IfChanged);
        match failed.as_slice() {
            [] => self.fire("load"),
            [(_, error)] if sources.len() == 1 => self.fire_error(&error.message()),
            several => {
                let each: Vec<String> = several
                    .iter()
                    .map(|(source, error)| [source.url(), ": ", &error.message()].concat())
                    .collect();
                self.fire_error(&each.join("; "));
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
        // What the sources know, unless the load joined has ended for this
        // widget already, or there is nothing yet (a request held back by
        // `Retry-After`): the next load will tell.
        let known = self.sources().iter().any(|s| {
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

/// What a widget shows: its one feed as it came, or its feeds merged, with
/// what the reader dismissed from them and those that failed.
struct Gathered {
    feed: Shared,
    dismissed: Dismissals,
    /// With one feed: when it was fetched, if it could not be since.
    stale_since: Option<Timestamp>,
    /// With several: those that failed, by name, with when each was fetched.
    failing: Vec<(String, Option<Timestamp>)>,
    /// Whether the network has answered for every feed shown.
    confirmed: bool,
}

/// One source's feed, not copied, or several merged.
enum Shared {
    One(Rc<Good>),
    Merged(Feed),
}

impl Shared {
    fn feed(&self) -> &Feed {
        match self {
            Shared::One(good) => &good.feed,
            Shared::Merged(feed) => feed,
        }
    }
}

/// What a feed is called in a widget that shows several: its page's name,
/// else its host.
fn label(source: &Source, good: Option<&Good>) -> String {
    let named = good.map(|g| g.feed.page.name.clone()).filter(|name| !name.is_empty());
    named.unwrap_or_else(|| {
        let url = web_sys::Url::new(source.url()).ok();
        url.map(|url| url.host())
            .filter(|host| !host.is_empty())
            .unwrap_or_else(|| source.url().to_owned())
    })
}

impl Instance {
    /// The sources of the feeds shown (no borrow is kept).
    fn sources(&self) -> Vec<Rc<Source>> {
        self.sources.borrow().iter().map(|s| s.source().clone()).collect()
    }

    /// The source an item of the view (by its identifier) came from, and
    /// its identifier there; with one feed, that feed's.
    fn owner(&self, id: &str) -> Option<(Rc<Source>, String)> {
        let sources = self.sources();
        if let [one] = sources.as_slice() {
            return Some((one.clone(), id.to_owned()));
        }
        let (index, id) = feed::split(id)?;
        Some((sources.get(index)?.clone(), id.to_owned()))
    }

    /// What there is to show; `None` before any feed was read.
    fn gathered(&self) -> Option<Gathered> {
        let sources = self.sources();
        let nows: Vec<source::Now> = sources.iter().map(|s| s.now()).collect();
        let confirmed = nows.iter().all(|n| n.confirmed || n.good.is_none());
        if let ([source], [now]) = (sources.as_slice(), nows.as_slice()) {
            let good = now.good.clone()?;
            return Some(Gathered {
                feed: Shared::One(good),
                dismissed: source.dismissed().clone(),
                stale_since: now.failure.is_some().then_some(now.at),
                failing: Vec::new(),
                confirmed,
            });
        }
        let labels: Vec<String> =
            sources.iter().zip(&nows).map(|(s, n)| label(s, n.good.as_deref())).collect();
        let feeds: Vec<(usize, &Feed, &str)> = nows
            .iter()
            .zip(&labels)
            .enumerate()
            .filter_map(|(i, (now, label))| Some((i, &now.good.as_ref()?.feed, label.as_str())))
            .collect();
        if feeds.is_empty() {
            return None;
        }
        // What was dismissed from each feed, as the merged feed names it.
        let mut dismissed = Dismissals::default();
        for (index, source) in sources.iter().enumerate() {
            for entry in source.dismissed().entries() {
                let mut item = entry.item.clone();
                if item.kind != dismiss::Kind::Overall {
                    item.id = feed::prefixed(index, &item.id);
                }
                dismissed.dismiss(item, entry.at);
            }
        }
        let failing = nows
            .iter()
            .zip(labels.iter())
            .filter(|(now, _)| now.failure.is_some())
            .map(|(now, label)| (label.clone(), now.good.as_ref().map(|_| now.at)))
            .collect();
        Some(Gathered {
            feed: Shared::Merged(feed::merge(&feeds)),
            dismissed,
            stale_since: None,
            failing,
            confirmed,
        })
    }

    /// Fetches the words of `lang` and speaks them, then hears of its sources
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
                let sources = instance.sources();
                match sources.is_empty() {
                    false => instance.joined(sources.iter().any(|s| s.in_flight())),
                    true => instance.connect(),
                }
            } else {
                instance.paint(Repaint::Always);
            }
        });
    }

    /// Shows the feeds of `src` through the page's sources for them;
    /// without a `src`, a load that fails at once.
    fn connect(&self) {
        self.heard.set(false);
        let config = self.config.borrow();
        let weak = self.me.clone();
        match config.sources.is_empty() {
            false => {
                let subscriptions =
                    config.sources.iter().map(|o| source::subscribe(o, config.settings)).collect();
                self.attach(subscriptions);
            }
            true => later(Box::new(move || {
                if let Some(instance) = weak.upgrade() {
                    instance.began();
                    let error = Error::new(ErrorKind::NoSource, "set `src` to the feed's URL");
                    warn(&error.message());
                    instance.set_state(State::Error);
                    instance.unavailable();
                    instance.fire_error(&error.message());
                    instance.open.set(false);
                    instance.fire("loadend");
                }
            })),
        }
    }

    fn attach(&self, subscriptions: Vec<Subscription>) {
        for subscription in &subscriptions {
            let me: Weak<dyn Subscriber> = self.me.clone();
            subscription.attach(me);
        }
        drop(self.sources.replace(subscriptions));
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

    /// Dispatches a `CustomEvent` whose `detail` is `detail`, plain JSON.
    fn fire_with(&self, name: &str, detail: &JsValue, bubbles: bool) {
        let init = CustomEventInit::new();
        init.set_bubbles(bubbles);
        init.set_composed(bubbles);
        init.set_detail(detail);
        self.dispatch(CustomEvent::new_with_event_init_dict(name, &init).map(Into::into));
    }

    /// Dispatches `error`, with the message in `detail.message`.
    fn fire_error(&self, message: &str) {
        self.fire_with("error", &object(&[("message", message.into())]), false);
    }

    /// Paints the view of the feed in hand if it differs from what is shown
    /// (or always, when `how` says so), else brings its relative times up to
    /// date; fires `status-change` when what is shown changed, and on the
    /// first paint. With no good feed ever seen but a failure, shows that
    /// the status is unavailable.
    fn paint(&self, how: Repaint) {
        if self.waiting_for_words.get() {
            return;
        }
        let Some(gathered) = self.gathered() else {
            if self.sources().iter().any(|s| s.now().failure.is_some()) {
                self.unavailable();
            }
            return;
        };
        let now = now();
        let options = self.config.borrow().options.clone();
        let feed = gathered.feed.feed();
        // Filtered once, for the view, the summary and the live region.
        let kept = options.filter.apply(feed, now);
        let context = Context {
            dismissed: Some(&gathered.dismissed),
            stale_since: gathered.stale_since,
            failing: &gathered.failing,
        };
        let view = view::render_kept(&kept, &options, now, &context);
        // A misspelt name would show all well whatever the page says: say so.
        let unmatched = !options.filter.components.is_empty()
            && !feed.components.is_empty()
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
        // days old. What was said is not said again (the sources keep it).
        if gathered.confirmed {
            self.announce(&kept, now);
        }
        let announced = changed.then(|| summary.clone());
        self.shown.replace(Some(Shown { view, summary }));
        if let Some(summary) = announced {
            self.fire_with("status-change", &summary_js(&summary), true);
        }
    }

    /// Says in the live region what is news to the page: incidents and
    /// maintenance it has not said yet, or whose status changed. Never
    /// times, which move on by themselves.
    fn announce(&self, kept: &Feed, now: Timestamp) {
        let notices = view::notices_kept(kept, now);
        // Each feed's source remembers what was said of it.
        let news = |notice: &&view::Notice| {
            let id = notice.key.split('\n').next().unwrap_or_default();
            self.owner(id).is_some_and(|(source, _)| source.news(&notice.key))
        };
        let news: Vec<&view::Notice> = notices.iter().filter(news).collect();
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
        match action {
            Action::Dismiss if self.config.borrow().options.dismissible => {
                let options = self.config.borrow().options.clone();
                let item = self.gathered().and_then(|gathered| {
                    let feed = gathered.feed.feed();
                    view::shown_item(feed, &options, now(), Some(&gathered.dismissed))
                });
                let Some(item) = item else { return };
                // Back to the feed it came from; the overall status is every feed's.
                match self.owner(&item.id).filter(|_| item.kind != dismiss::Kind::Overall) {
                    Some((source, id)) => source.dismiss(dismiss::Item { id, ..item }),
                    None => self.sources().iter().for_each(|s| s.dismiss(item.clone())),
                }
                // Every widget of the feed repaints on its next task; this
                // one now, so that the focus has a place to go.
                self.paint(Repaint::IfChanged);
                // The next notice takes the banner: the focus goes to its
                // button, not back to the top of the page.
                let next = self.root.query_selector("button[data-action=dismiss]").ok().flatten();
                if let Some(next) = next.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                    let _ = next.focus();
                }
            }
            Action::Restore => self.sources().iter().for_each(|s| s.restore()),
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

/// A plain object with these fields, for an event's `detail`.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), value);
    }
    out.into()
}

/// The `status-change` detail: the summary as plain JSON values (a missing
/// value is `null`, an item's `page` is left out when it has none).
pub(super) fn summary_js(summary: &Summary) -> JsValue {
    let text = |t: &Option<String>| t.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let items = |items: &[summary::Item]| -> JsValue {
        let list = items.iter().map(|i| {
            let mut fields = vec![
                ("id", JsValue::from_str(&i.id)),
                ("title", JsValue::from_str(&i.title)),
                ("impact", JsValue::from_str(i.impact)),
                ("status", JsValue::from_str(i.status)),
                ("updated_at", JsValue::from_str(&i.updated_at)),
                ("url", text(&i.url)),
            ];
            if let Some(page) = &i.page {
                fields.push(("page", JsValue::from_str(page)));
            }
            object(&fields)
        });
        list.collect::<js_sys::Array>().into()
    };
    object(&[
        ("page", JsValue::from_str(&summary.page)),
        ("status", JsValue::from_str(summary.status)),
        ("description", text(&summary.description)),
        ("incidents", items(&summary.incidents)),
        ("maintenance", items(&summary.maintenance)),
    ])
}
