//! Which source a widget's feed is: one per feed per page, found by its
//! [`Origin`], and a widget's hold on it.

use std::rc::{Rc, Weak};

use super::{Member, Source, Subscriber, SOURCES};
use crate::feed::Format;
use crate::poll::Settings;
use crate::web::{later, now};

/// What a source fetches, and how: the URL, the format to read it in
/// (`None`: detected), and the page's own fetch function (`mount({fetch})`),
/// if it gave one: the same source only for the same function.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Origin {
    pub(crate) url: String,
    pub(crate) format: Option<Format>,
    pub(crate) fetcher: Option<js_sys::Function>,
}

impl Origin {
    /// The name its lock, channel and saved answers go by: the URL, and the
    /// format when one is forced.
    pub(super) fn name(&self) -> String {
        match self.format {
            Some(format) => [&self.url, " as ", format.name()].concat(),
            None => self.url.clone(),
        }
    }

    /// Fetched with the page's own function: its answers (perhaps private)
    /// are neither saved nor shared with other tabs.
    pub(super) fn private(&self) -> bool {
        self.fetcher.is_some()
    }
}

/// A widget's hold on its source; dropping it lets go (the last one to go
/// stops everything the source started).
#[must_use = "dropping a Subscription lets go of the source at once"]
pub(crate) struct Subscription {
    source: Rc<Source>,
    id: u32,
}

/// Takes a place for a widget at `origin`'s feed: the page's source for it,
/// or a new one, which asks the network at once; the widget, made
/// meanwhile, then [`Subscription::attach`]es.
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
    let due = source.known.borrow().schedule.is_due(now());
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
    /// Makes `widget` the one this subscription tells: it hears of the load
    /// in flight, or of the last one, unless it heard already.
    pub(crate) fn attach(&self, widget: Weak<dyn Subscriber>) {
        self.each_mine(|member| member.widget = widget.clone());
        let weak = Rc::downgrade(&self.source);
        let id = self.id;
        later(Box::new(move || {
            let (Some(source), Some(widget)) = (weak.upgrade(), widget.upgrade()) else { return };
            if source.widgets.borrow().iter().any(|m| m.id == id) {
                widget.joined(source.in_flight());
            }
        }));
    }

    pub(crate) fn source(&self) -> &Rc<Source> {
        &self.source
    }

    /// Changes what this widget asks for (a new poll interval or time limit).
    pub(crate) fn set(&self, settings: Settings) {
        self.each_mine(|member| member.settings = settings);
        self.source.arrange();
    }

    fn each_mine(&self, mut change: impl FnMut(&mut Member)) {
        let mut widgets = self.source.widgets.borrow_mut();
        widgets.iter_mut().filter(|m| m.id == self.id).for_each(&mut change);
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
