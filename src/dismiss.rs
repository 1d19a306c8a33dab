//! Dismissing the banner: what a reader said they have seen.
//!
//! A dismissal names one incident, one maintenance or the page's overall
//! status, and remembers how severe it was and when it last changed. It
//! covers that item until the item gets a newer update or its impact rises;
//! incidents and maintenance are dismissed separately. The browser keeps
//! dismissals per feed across page views, bounded in number and age.

use crate::feed::{self, Feed, Impact, Incident};
use crate::json::Json;
use crate::time::Timestamp;

/// The most dismissals kept per feed; the oldest go first.
pub const MAX_ENTRIES: usize = 50;

/// How long a dismissal is kept: 30 days.
pub const MAX_AGE_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// The longest id remembered; an item with a longer one cannot be
/// dismissed (the feed's ids are its own, and storage is the host's).
pub const MAX_ID_BYTES: usize = 256;

/// What a dismissal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An incident.
    Incident,
    /// Maintenance.
    Maintenance,
    /// The page's overall status, when no incident explains it.
    Overall,
}

impl Kind {
    const fn code(self) -> u8 {
        match self {
            Kind::Incident => 0,
            Kind::Maintenance => 1,
            Kind::Overall => 2,
        }
    }

    fn from_code(code: f64) -> Option<Kind> {
        [Kind::Incident, Kind::Maintenance, Kind::Overall]
            .into_iter()
            .find(|k| f64::from(k.code()) == code)
    }
}

/// The item a banner shows, as a dismissal sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// The feed's id (empty for the overall status).
    pub id: String,
    /// How severe, as [`Impact::severity`].
    pub severity: u8,
    /// When it last changed.
    pub changed: Timestamp,
}

impl Item {
    /// An incident or a maintenance.
    pub fn of(kind: Kind, incident: &Incident) -> Item {
        Item {
            kind,
            id: incident.id.clone(),
            severity: incident.impact.severity(),
            changed: incident.last_change(),
        }
    }

    /// The page's overall status at `impact`.
    pub fn overall(impact: Impact) -> Item {
        Item {
            kind: Kind::Overall,
            id: String::new(),
            severity: impact.severity(),
            changed: Timestamp::from_millis(0),
        }
    }
}

/// One dismissal: the item as it was, and when it was dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dismissal {
    /// The item as it was when dismissed.
    pub item: Item,
    /// When it was dismissed.
    pub at: Timestamp,
}

/// The dismissals of one feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dismissals(Vec<Dismissal>);

impl Dismissals {
    /// None.
    pub const EMPTY: Dismissals = Dismissals(Vec::new());

    /// The dismissals of several feeds shown as one ([`feed::merge`]): each
    /// item named as the merged feed names it, but the overall status,
    /// which is every feed's.
    pub fn merged<'a>(each: impl IntoIterator<Item = &'a Dismissals>) -> Dismissals {
        let mut out = Dismissals::default();
        for (index, dismissals) in each.into_iter().enumerate() {
            for entry in &dismissals.0 {
                let mut item = entry.item.clone();
                if item.kind != Kind::Overall {
                    item.id = feed::prefixed(index, &item.id);
                }
                out.dismiss(item, entry.at);
            }
        }
        out
    }

    /// Whether `item` is dismissed: the same item, no newer change and no
    /// higher impact than when it was dismissed.
    pub fn covers(&self, item: &Item) -> bool {
        self.0.iter().any(|d| {
            d.item.kind == item.kind
                && d.item.id == item.id
                && item.changed <= d.item.changed
                && item.severity <= d.item.severity
        })
    }

    /// Whether anything is dismissed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Dismisses `item` at `now`, replacing an older dismissal of it.
    pub fn dismiss(&mut self, item: Item, now: Timestamp) {
        if item.id.len() > MAX_ID_BYTES {
            return;
        }
        self.0.retain(|d| d.item.kind != item.kind || d.item.id != item.id);
        self.0.push(Dismissal { item, at: now });
        if let Some(excess) = self.0.len().checked_sub(MAX_ENTRIES) {
            self.0.drain(..excess);
        }
    }

    /// Forgets every dismissal.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Forgets what is over: dismissals older than [`MAX_AGE_MS`], and, for
    /// incidents and maintenance, those no longer active in `feed` (an
    /// incident that comes back is news again). An overall status dismissal
    /// goes when the page is operational again. Says whether any went.
    pub fn prune(&mut self, feed: &Feed, now: Timestamp) -> bool {
        let active = |kind: Kind, id: &str| match kind {
            Kind::Incident => feed.incidents.iter().any(|i| i.id == id && i.is_active()),
            Kind::Maintenance => {
                feed.maintenance.iter().chain(&feed.incidents).any(|m| m.id == id && m.is_active())
            }
            Kind::Overall => feed.indicator().severity() > Impact::None.severity(),
        };
        let before = self.0.len();
        self.0.retain(|d| {
            now.as_millis().saturating_sub(d.at.as_millis()) < MAX_AGE_MS
                && active(d.item.kind, &d.item.id)
        });
        self.0.len() != before
    }

    /// The dismissals, oldest first.
    pub fn entries(&self) -> &[Dismissal] {
        &self.0
    }

    /// As JSON text, for saving: an array of `[kind, id, severity, changed,
    /// dismissed]` arrays, which [`Dismissals::read`] reads back.
    pub fn to_json(&self) -> String {
        let mut json = Json::default();
        json.open('[');
        for d in &self.0 {
            let item = &d.item;
            json.open('[').integer(item.kind.code().into()).string(&item.id);
            json.integer(item.severity.into()).integer(item.changed.as_millis());
            json.integer(d.at.as_millis()).close(']');
        }
        json.close(']');
        json.finish()
    }

    /// Reads saved dismissals: an array of `[kind, id, severity, changed,
    /// dismissed]` arrays. Anything malformed is left out; at most
    /// [`MAX_ENTRIES`] are kept, and none older than [`MAX_AGE_MS`].
    pub fn read<J: feed::Json>(saved: &J, now: Timestamp) -> Dismissals {
        let entry = |e: J| {
            let fields = e.elements()?;
            let mut fields = fields.into_iter();
            let kind = Kind::from_code(fields.next()?.number()?)?;
            let id = fields.next()?.string().filter(|id| id.len() <= MAX_ID_BYTES)?;
            let severity = fields.next()?.number()?;
            let changed = fields.next()?.number()?;
            let at = fields.next()?.number()?;
            if !(0.0..=255.0).contains(&severity) || !changed.is_finite() || !at.is_finite() {
                return None;
            }
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked to be in range; instants are whole milliseconds"
            )]
            let dismissal = Dismissal {
                item: Item {
                    kind,
                    id,
                    severity: severity as u8,
                    changed: Timestamp::from_millis(changed as i64),
                },
                at: Timestamp::from_millis(at as i64),
            };
            (now.as_millis().saturating_sub(dismissal.at.as_millis()) < MAX_AGE_MS)
                .then_some(dismissal)
        };
        let mut list: Vec<Dismissal> =
            saved.elements().unwrap_or_default().into_iter().filter_map(entry).collect();
        if let Some(excess) = list.len().checked_sub(MAX_ENTRIES) {
            list.drain(..excess);
        }
        Dismissals(list)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);

    fn item(id: &str, severity: u8, changed: i64) -> Item {
        Item {
            kind: Kind::Incident,
            id: id.to_owned(),
            severity,
            changed: Timestamp::from_millis(changed),
        }
    }

    #[test]
    fn covers_until_a_newer_update_or_a_higher_impact() {
        let mut d = Dismissals::default();
        d.dismiss(item("a", 2, 100), NOW);
        assert!(d.covers(&item("a", 2, 100)));
        assert!(d.covers(&item("a", 1, 100)), "a lower impact stays dismissed");
        assert!(!d.covers(&item("a", 2, 101)), "a newer update is news");
        assert!(!d.covers(&item("a", 3, 100)), "a higher impact is news");
        assert!(!d.covers(&item("b", 2, 100)));
        let maintenance = Item { kind: Kind::Maintenance, ..item("a", 2, 100) };
        assert!(!d.covers(&maintenance), "maintenance is dismissed on its own");
    }

    #[test]
    fn keeps_one_per_item_and_a_bounded_number() {
        let mut d = Dismissals::default();
        d.dismiss(item("a", 2, 100), NOW);
        d.dismiss(item("a", 3, 200), NOW);
        assert_eq!(d.entries().len(), 1);
        assert!(d.covers(&item("a", 3, 200)));
        for n in 0..MAX_ENTRIES + 5 {
            d.dismiss(item(&n.to_string(), 2, 1), NOW);
        }
        assert_eq!(d.entries().len(), MAX_ENTRIES);
        assert!(!d.covers(&item("0", 2, 1)), "the oldest went first");
        assert!(d.covers(&item(&(MAX_ENTRIES + 4).to_string(), 2, 1)));
    }

    #[test]
    fn reads_what_it_saved_and_drops_the_malformed_and_the_old() {
        let saved = serde_json::json!([
            [0, "a", 2, 100, NOW.as_millis()],
            [1, "m", 0, 5, NOW.as_millis() - 10],
            [2, "", 3, 0, NOW.as_millis()],
            [0, "old", 2, 100, NOW.as_millis() - MAX_AGE_MS],
            [7, "bad kind", 2, 100, NOW.as_millis()],
            [0, "bad severity", 300, 100, NOW.as_millis()],
            ["0", "a", 2, 100],
            "junk",
            null
        ]);
        let d = Dismissals::read(&&saved, NOW);
        let ids: Vec<&str> = d.entries().iter().map(|e| e.item.id.as_str()).collect();
        assert_eq!(ids, ["a", "m", ""]);
        let second = &d.entries()[1];
        assert_eq!(
            second.item,
            Item {
                kind: Kind::Maintenance,
                id: "m".into(),
                severity: 0,
                changed: Timestamp::from_millis(5)
            }
        );
        assert_eq!(second.at, Timestamp::from_millis(NOW.as_millis() - 10));
        // What it writes, it reads back: the same dismissals.
        let written: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(Dismissals::read(&&written, NOW), d);
        assert_eq!(d.to_json().chars().next(), Some('['));
        assert_eq!(Dismissals::default().to_json(), "[]");
        assert!(d.covers(&Item::overall(Impact::Major)));
        assert!(!d.covers(&Item::overall(Impact::Critical)));
        assert_eq!(Dismissals::read(&&serde_json::json!({"a": 1}), NOW), Dismissals::default());
    }
}
