//! One feed, shared: every widget of the page that shows the same feed
//! reads it from one [`Source`], and one tab of the browser polls it for all
//! tabs ([`share`](super::share)). A source starts from what it [`Known`]
//! earlier in the page view, or from the answer the last page view saved;
//! it asks the network, then carries out what its [`Schedule`] decides.
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

use super::fetch::{self, Abort};
use super::share::{Channel, Leadership};
use super::{alive, later_on, now, sliced, store, warn};
use crate::dismiss::{self, Dismissals};
use crate::error::Error;
use crate::feed::{Feed, Format};
use crate::known::{Known, Memos};
use crate::message::{Field, Message};
use crate::poll::Settings;
use crate::schedule::Schedule;
use crate::state::Standing;
use crate::time::Timestamp;

mod load;
mod subscription;

pub(crate) use subscription::{subscribe, Origin, Subscription};

/// What a source tells its widgets, from its own tasks only.
pub(crate) trait Subscriber {
    /// A load began.
    fn began(&self);
    /// The load ended (one that began in another tab ends without
    /// beginning here); [`Source::report`] says how.
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

/// Where a source stands, as it reports to its widgets.
pub(crate) struct Report {
    pub(crate) good: Option<Rc<Good>>,
    pub(crate) at: Timestamp,
    pub(crate) failure: Option<Error>,
    pub(crate) confirmed: bool,
    pub(crate) dismissed: Dismissals,
}

impl Report {
    /// As [`state`](crate::state) reads it, for the feed at `url`.
    pub(crate) fn standing<'a>(&'a self, url: &'a str) -> Standing<'a> {
        let feed = self.good.as_deref().map(|good| &good.feed);
        let (at, failure, confirmed) = (self.at, self.failure.as_ref(), self.confirmed);
        Standing { url, feed, at, failure, confirmed, dismissed: &self.dismissed }
    }
}

pub(crate) struct Source {
    origin: Origin,
    /// What it goes by between tabs and page views ([`Origin::name`]).
    name: String,
    me: Weak<Source>,
    widgets: RefCell<Vec<Member>>,
    next_id: Cell<u32>,
    known: RefCell<Known<Rc<Good>>>,
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
}

/// A widget that shows the source, and what it asks for.
struct Member {
    id: u32,
    widget: Weak<dyn Subscriber>,
    settings: Settings,
}

thread_local! {
    /// The page's sources, by what they fetch.
    static SOURCES: RefCell<Vec<(Origin, Weak<Source>)>> = const { RefCell::new(Vec::new()) };
    /// What sources that went knew.
    static MEMOS: RefCell<Memos<Rc<Good>>> = const { RefCell::new(Memos::new()) };
}

impl Source {
    /// A source for `origin`, opened for a widget of `max_size`: an answer
    /// saved or remembered past it is not painted, and asked for again.
    fn open(origin: &Origin, max_size: u32) -> Rc<Source> {
        let (name, private, now) = (origin.name(), origin.private(), now());
        let fits = |body: &JsString| body.length() <= max_size;
        // A page's own fetch function may differ from one source to the next: no memo.
        let memo = MEMOS.with_borrow_mut(|memos| (!private).then(|| memos.take(&name)).flatten());
        let fresh = memo.is_none();
        // A server that asked, in an earlier page view, not to be asked again
        // for a while is not asked before then. The hold is the server's, so
        // it goes by the URL whatever the format (as the classic script,
        // which knows no formats, looks it up).
        let known = memo.map(|memo| memo.fit(|good| fits(&good.body))).unwrap_or_else(|| {
            let hold = store::hold(&origin.url, now);
            Known::new(now, hold.map_or_else(Schedule::default, |until| Schedule::held(until, now)))
        });
        let dismissed = match private {
            true => Dismissals::default(),
            false => store::dismissals(&name, now),
        };
        let source = Rc::new_cyclic(|me: &Weak<Source>| Source {
            origin: origin.clone(),
            name: name.clone(),
            me: me.clone(),
            widgets: RefCell::new(Vec::new()),
            next_id: Cell::new(0),
            known: RefCell::new(known),
            request: RefCell::new(None),
            timer: RefCell::new(None),
            claim: RefCell::new(None),
            leading: Cell::new(false),
            channel: RefCell::new(None),
            dismissed: RefCell::new(dismissed),
            listeners: RefCell::new(Vec::new()),
        });
        // The last page view's answer, painted before the network answers.
        if let Some(saved) = store::feed(&name, now).filter(|s| fresh && !private && fits(&s.body))
        {
            source.resume(saved);
        }
        if !private {
            let weak = Rc::downgrade(&source);
            let heard = move |data| alive(&weak, |source: &Source| source.heard(data));
            source.channel.replace(Channel::open(&name, heard));
        }
        source.listen();
        SOURCES.with_borrow_mut(|all| {
            all.retain(|(_, s)| s.strong_count() > 0);
            all.push((origin.clone(), Rc::downgrade(&source)));
        });
        source
    }

    /// Reads the answer saved by an earlier page view, and shows it unless
    /// the network answered first.
    fn resume(&self, saved: store::Saved) {
        let (weak, reader) = (self.me.clone(), self.reader());
        spawn_local(async move {
            let Ok((good, _)) = reader.take(saved.body, false).await else { return };
            let Some(source) = weak.upgrade() else { return };
            if source.known.borrow_mut().restore(good, saved.at) {
                source.tell(|widget| widget.repaint());
            }
        });
    }

    /// How this source reads a body, for a task that outlives no widget.
    fn reader(&self) -> Reader {
        Reader {
            format: self.origin.format,
            max_size: self.settings().max_size,
            in_hand: self.known.borrow().good.clone(),
            url: self.origin.url.clone(),
        }
    }

    /// What the widgets ask for together.
    fn settings(&self) -> Settings {
        Settings::joint(self.widgets.borrow().iter().map(|w| w.settings))
    }

    pub(crate) fn url(&self) -> &str {
        &self.origin.url
    }

    /// Where the source stands.
    pub(crate) fn report(&self) -> Report {
        let known = self.known.borrow();
        Report {
            good: known.good.clone(),
            at: known.at,
            failure: known.failure.clone(),
            confirmed: known.confirmed,
            dismissed: self.dismissed.borrow().clone(),
        }
    }

    pub(crate) fn in_flight(&self) -> bool {
        self.request.borrow().is_some()
    }

    /// Tells every widget in a microtask, once any borrow is over.
    fn each(&self, tell: fn(&dyn Subscriber)) {
        later_on(self.me.clone(), move |source| source.tell(tell));
    }

    /// Tells every widget, each in a slice of time ([`sliced`]), no borrow held.
    fn tell(&self, tell: fn(&dyn Subscriber)) {
        let widgets: Vec<_> = self.widgets.borrow().iter().map(|m| m.widget.clone()).collect();
        for widget in widgets {
            sliced(Box::new(move || widget.upgrade().into_iter().for_each(|w| tell(&*w))));
        }
    }

    /// [`Known::news`].
    pub(crate) fn news(&self, key: &str) -> bool {
        self.known.borrow_mut().news(key)
    }

    /// Dismisses `item` from the banner, in every widget and tab.
    pub(crate) fn dismiss(&self, item: dismiss::Item) {
        self.dismissed.borrow_mut().dismiss(item, now());
        self.dismissals_changed();
    }

    /// Brings back everything dismissed, in every widget and tab.
    pub(crate) fn restore(&self) {
        self.dismissed.borrow_mut().clear();
        self.dismissals_changed();
    }

    fn dismissals_changed(&self) {
        if !self.origin.private() {
            store::save_dismissals(&self.name, &self.dismissed.borrow(), now());
        }
        self.post(&Message::<JsString>::Dismissed);
        self.each(|widget| widget.repaint());
    }

    /// Tells the other tabs `message`.
    fn post(&self, message: &Message<JsString>) {
        let Some(channel) = &*self.channel.borrow() else { return };
        let fields = message.encode().into_iter().map(|field| match field {
            Field::Text(text) => JsValue::from_str(text),
            Field::Number(n) => JsValue::from(n),
            Field::Body(body) => body.into(),
        });
        channel.post(&fields.collect::<Array>());
    }
}

/// How a source reads a body ([`Source::reader`]).
struct Reader {
    format: Option<Format>,
    max_size: u32,
    in_hand: Option<Rc<Good>>,
    url: String,
}

impl Reader {
    /// The feed in `body` ([`fetch::read`]), or the answer in hand if it is
    /// unchanged (`false` with it). Past `max-size` (another tab's: a UTF-16
    /// unit is at least a byte) it is refused.
    async fn take(self, body: JsString, counted: bool) -> Result<(Rc<Good>, bool), Error> {
        if body.length() > self.max_size {
            return Err(crate::answer::too_large(self.max_size, false));
        }
        if let Some(good) = self.in_hand.filter(|good| good.body == body) {
            return Ok((good, false));
        }
        let feed = fetch::read(&body, self.format, counted).await?;
        if feed.skipped.any() {
            warn(&[&self.url, ": ", &feed.skipped.describe()].concat());
        }
        Ok((Rc::new(Good { feed, body }), true))
    }
}

impl Drop for Source {
    fn drop(&mut self) {
        // Its request, timer, claim, channel and listeners go with it; what
        // it knew stays, for a widget of the same feed mounted again. (A
        // page's own fetch function may differ next time: nothing is kept.)
        SOURCES.with_borrow_mut(|all| all.retain(|(_, s)| s.strong_count() > 0));
        if self.origin.private() {
            return;
        }
        let known = self.known.replace(Known::new(Timestamp::default(), Schedule::default()));
        MEMOS.with_borrow_mut(|memos| memos.keep(std::mem::take(&mut self.name), known));
    }
}
