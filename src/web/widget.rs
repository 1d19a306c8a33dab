//! One widget: the Rust side of a `<status-widget>` element, created by
//! the loader when the element is connected and freed when it leaves the
//! page. It shows its feeds through the page's one [`Source`] for each;
//! freed, it lets go of them, leaves the ticker and clears what it drew.
//!
//! Events are only ever dispatched from the widget's own tasks (a load, a
//! tick, a repaint), never from inside a call the page made, and no
//! `RefCell` borrow is held while one is: a listener may do anything
//! (remove the element, change its `src`, refresh it).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

use super::fetch::object_entries;
use super::intl::{Formatters, Speech};
use super::source::{self, Origin, Source, Subscriber, Subscription};
use super::ticker::{self, Registration};
use super::{alive, dom, later_on, warn};
use crate::config::Config;
use crate::error::Error;
use crate::speech::Formats as _;
use crate::state::Load;
use crate::strings;
use crate::summary::Summary;
use crate::view::{Action, Node};

mod show;

#[cfg(test)]
pub(super) use show::summary_js;

/// The widget behind one `<status-widget>` element.
#[wasm_bindgen]
pub struct Widget(Rc<Instance>);

struct Instance {
    me: Weak<Instance>,
    host: HtmlElement,
    root: ShadowRoot,
    config: RefCell<Config>,
    /// The feeds of `config`, resolved.
    origins: RefCell<Vec<Origin>>,
    speech: RefCell<Speech>,
    /// The live region, first in the shadow root.
    region: web_sys::Element,
    /// The sources of its feeds, in the order of `src`; none without one.
    sources: RefCell<Vec<Subscription>>,
    /// What is on screen; `None` until the first paint of a feed.
    shown: RefCell<Option<Shown>>,
    /// Whether a `loadstart` awaits its `loadend`.
    load: Cell<Load>,
    /// The source has told this widget of a load since it subscribed.
    heard: Cell<bool>,
    /// It warned that its `components` match none of the feed's.
    unmatched: Cell<bool>,
    /// Fetches a language's table, as a promise of its text (none in tests).
    words: Option<js_sys::Function>,
    /// It hears nothing of its sources until the words of its language are here.
    waiting_for_words: Cell<bool>,
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

#[wasm_bindgen]
impl Widget {
    /// Renders into `host`'s shadow root and starts showing its `src`;
    /// `words(lang)` fetches a language's table, as a promise of its text.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, words: Option<js_sys::Function>) -> Result<Widget, JsValue> {
        let root = dom::shadow_root(&host).map_err(|e| JsValue::from_str(&e.message()))?;
        let (config, origins) = read(&host);
        warn_about(&config.problems);
        // The feed is asked for first: the network works while the words and
        // formatters are made (a page's first formatter takes 10 to 20 ms).
        let subscriptions: Vec<Subscription> =
            origins.iter().map(|origin| source::subscribe(origin, config.settings)).collect();
        let speech = speech(&config).map_err(|e| JsValue::from_str(&e.message()))?;
        let region = dom::announcer(&root)?;
        let instance = Rc::new_cyclic(|me: &Weak<Instance>| Instance {
            me: me.clone(),
            host,
            root,
            config: RefCell::new(config),
            origins: RefCell::new(origins),
            speech: RefCell::new(speech),
            region,
            sources: RefCell::new(Vec::new()),
            shown: RefCell::new(None),
            load: Cell::new(Load::default()),
            heard: Cell::new(false),
            unmatched: Cell::new(false),
            words,
            waiting_for_words: Cell::new(false),
            _ticker: ticker::register({
                let me = me.clone();
                move || alive(&me, |instance: &Instance| instance.paint(Repaint::IfChanged))
            }),
        });
        instance.waiting();
        // A widget in a language whose words are not here yet hears of its
        // feed once they are (or English, should they fail): it never shows
        // a feed in the wrong language first.
        if let Some(lang) = strings::missing(&instance.speech.borrow().formats.locale()) {
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

    /// Fetches the feeds again, unless in flight. Says whether it started a
    /// load (a `loadstart` follows), else the one in flight ends with its
    /// `loadend`.
    pub fn refresh(&self) -> bool {
        let sources = self.0.sources();
        if sources.is_empty() {
            self.0.connect();
            return true;
        }
        // A load already open ends with its `loadend`, which waits for the
        // loads started now too.
        let open = self.0.load.get().is_open();
        let started = sources.iter().fold(false, |any, source| source.load() | any);
        started && !open
    }

    /// Runs `task` in a slice of the page's time (the loader's widgets, a few per task).
    pub fn slice(task: &JsValue) {
        super::slice(task);
    }

    /// Does what one of the widget's buttons (its `data-action`) says:
    /// `dismiss` what the banner shows, or `restore` what was dismissed.
    pub fn act(&self, action: &str) {
        let sources = self.0.sources();
        match Action::parse(action) {
            Some(Action::Dismiss) if self.0.config.borrow().options.dismissible => {
                self.0.dismiss(&sources);
            }
            Some(Action::Restore) => sources.iter().for_each(|s| s.restore()),
            _ => {}
        }
    }

    /// Reads the attributes again: a new `src` shows that feed, anything
    /// else repaints from the feed in hand.
    pub fn update(&self) {
        let (config, origins) = read(&self.0.host);
        let old = self.0.config.replace(config.clone());
        let old_origins = self.0.origins.replace(origins.clone());
        if old == config && old_origins == origins {
            return;
        }
        if old.problems != config.problems {
            warn_about(&config.problems);
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
            if let Some(lang) = strings::missing(&self.0.speech.borrow().formats.locale()) {
                self.0.learn(lang);
            }
            how = Repaint::Always;
        }
        if old.options.mode != config.options.mode && self.0.shown.borrow().is_none() {
            self.0.waiting();
        }
        if old_origins != origins {
            return self.0.reconnect();
        }
        if old.settings != config.settings {
            for subscription in &*self.0.sources.borrow() {
                subscription.set(config.settings);
            }
        }
        later_on(Rc::downgrade(&self.0), move |instance| instance.paint(how));
    }
}

/// The element's config, and its feeds resolved against the document's
/// base URL (one feed, one name, however written; kept as written if no
/// URL), with the element's own `fetch` function.
fn read(host: &HtmlElement) -> (Config, Vec<Origin>) {
    let mut config = Config::read(|name| host.get_attribute(name), object_entries);
    // The nearest `[lang]` speaks for the element when it has no locale.
    let lang = || {
        let lang = host.closest("[lang]").ok()??.get_attribute("lang")?;
        Some(lang.trim().to_owned()).filter(|l| !l.is_empty())
    };
    config.locale = config.locale.take().or_else(lang);
    let fetcher = js_sys::Reflect::get(host, &JsValue::from_str("fetch")).ok();
    let fetcher = fetcher.and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let base = host.base_uri().ok().flatten();
    let absolute = |src: &str| {
        let url = base.as_ref().and_then(|base| web_sys::Url::new_with_base(src, base).ok());
        url.map_or_else(|| src.to_owned(), |url| url.href())
    };
    let origins = config
        .feeds
        .iter()
        .map(|feed| Origin {
            url: absolute(&feed.url),
            format: feed.format,
            fetcher: fetcher.clone(),
        })
        .collect();
    (config, origins)
}

fn warn_about(problems: &[String]) {
    for problem in problems {
        warn(problem);
    }
}

/// The widget's words and formatters, for its locale, zone and overrides.
fn speech(config: &Config) -> Result<Speech, Error> {
    let (formatters, problem) =
        Formatters::new(config.locale.as_deref(), config.time_zone.as_deref())?;
    if let Some(problem) = problem {
        warn(&["locale or time-zone not used: ", &problem].concat());
    }
    let (speech, unknown) = Speech::new(formatters, config.strings.clone());
    for key in unknown {
        warn(&["`strings`: \"", &key, "\" is none of ours; ignored"].concat());
    }
    Ok(speech)
}

impl Instance {
    /// The sources of the feeds shown (no borrow is kept).
    fn sources(&self) -> Vec<Rc<Source>> {
        self.sources.borrow().iter().map(|s| s.source().clone()).collect()
    }

    fn attach(&self, subscriptions: Vec<Subscription>) {
        for subscription in &subscriptions {
            let me: Weak<dyn Subscriber> = self.me.clone();
            subscription.attach(me);
        }
        drop(self.sources.replace(subscriptions));
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // The sources let go as `sources` drops (the last widget to go stops
        // each), the ticker forgets the widget as `ticker` drops, the click
        // listener goes; what was shown goes.
        self.root.replace_children_with_node_0();
    }
}
