//! The words the widget itself says (everything that is not feed text), in
//! every language it speaks.
//!
//! Views refer to them as [`Label`]s, never as literals. Each language is
//! one plain-text table in `src/i18n/` (`key = value`, English is the
//! reference), so that adding a language touches no code. [`Strings`] is
//! one widget's choice: its language's table, English under it for
//! anything missing, and the host's overrides over both.

use crate::feed::{ComponentStatus, Impact, Phase};

/// A string of the widget's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The name of an impact level.
    Impact(Impact),
    /// The name of an incident or maintenance status.
    Phase(Phase),
    /// The name of a component status.
    Component(ComponentStatus),
    /// The overall status of a page at an impact level.
    Overall(Impact),
    /// "Affected: {names}".
    Affected,
    /// "{component}: {old status} → {new status}".
    Change,
    /// "Lasted {duration}".
    Lasted,
    /// Says an incident is still going on.
    Ongoing,
    /// "Scheduled for {from} until {until}".
    Window,
    /// "until {end}".
    Until,
    /// "Starts {in how long}".
    Starts,
    /// The heading of maintenance still to come.
    Upcoming,
    /// The link to an incident's page.
    ViewDetails,
    /// The heading of a postmortem.
    Postmortem,
    /// Shown in a timeline without incidents.
    NoIncidents,
    /// "No incidents in the past {n} days" (counted).
    NoIncidentsIn,
    /// Shown when no component is left to list.
    NoComponents,
    /// "{n} more notices", besides the one the banner shows, or the five
    /// the live region says (counted).
    More,
    /// "{n} more not shown", after a list cut at its limit (counted).
    NotShown,
    /// The accessible name of the banner.
    StatusOf,
    /// The accessible name of the timeline.
    HistoryOf,
    /// The accessible name of the component list.
    ComponentsOf,
    /// Separates the items of a list.
    ListSeparator,
    /// Separates the facts on one line.
    Separator,
    /// The accessible name of the banner's dismiss button.
    Dismiss,
    /// What the dismiss button shows.
    Close,
    /// Says that notices were dismissed from the banner.
    SomeDismissed,
    /// The button that brings dismissed notices back.
    Restore,
    /// "Last updated {how long ago}", when the data is stale.
    LastUpdated,
    /// Said when the status cannot be loaded.
    Unavailable,
    /// "{page}: last updated {how long ago}", for one of several pages.
    PageLastUpdated,
    /// "{page}: status unavailable", for one of several pages.
    PageUnavailable,
}

impl Label {
    /// The label's key in the tables, as a group and a name within it
    /// (`("impact", "major")` is `impact.major`); the name is empty for a
    /// key of its own (`("dismiss", "")` is `dismiss`).
    pub const fn key(self) -> (&'static str, &'static str) {
        match self {
            Label::Impact(impact) => ("impact", impact.as_str()),
            Label::Phase(Phase::Unknown) => ("phase", "update"),
            Label::Phase(phase) => ("phase", phase.as_str()),
            Label::Component(status) => ("component", status.as_str()),
            Label::Overall(impact) => ("overall", impact.as_str()),
            Label::Affected => ("affected", ""),
            Label::Change => ("change", ""),
            Label::Lasted => ("lasted", ""),
            Label::Ongoing => ("ongoing", ""),
            Label::Window => ("window", ""),
            Label::Until => ("until", ""),
            Label::Starts => ("starts", ""),
            Label::Upcoming => ("upcoming", ""),
            Label::ViewDetails => ("view_details", ""),
            Label::Postmortem => ("postmortem", ""),
            Label::NoIncidents => ("no_incidents", ""),
            Label::NoIncidentsIn => ("no_incidents_in", ""),
            Label::NoComponents => ("no_components", ""),
            Label::More => ("more", ""),
            Label::NotShown => ("not_shown", ""),
            Label::StatusOf => ("status_of", ""),
            Label::HistoryOf => ("history_of", ""),
            Label::ComponentsOf => ("components_of", ""),
            Label::ListSeparator => ("list_separator", ""),
            Label::Separator => ("separator", ""),
            Label::Dismiss => ("dismiss", ""),
            Label::Close => ("close", ""),
            Label::SomeDismissed => ("some_dismissed", ""),
            Label::Restore => ("restore", ""),
            Label::LastUpdated => ("last_updated", ""),
            Label::Unavailable => ("unavailable", ""),
            Label::PageLastUpdated => ("page_last_updated", ""),
            Label::PageUnavailable => ("page_unavailable", ""),
        }
    }
}

/// The plural categories of `Intl.PluralRules`.
const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The languages with a table of their own (primary language subtags),
/// English first.
const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "pt", "it", "nl", "ja", "zh", "ar"];

/// The tables compiled in: English, and natively (and in the browser
/// tests) every one. The release module fetches any other table from beside
/// itself when a widget first speaks its language ([`missing`], [`install`]):
/// a page downloads only the words it shows.
#[cfg(all(target_arch = "wasm32", not(test)))]
const BUILT_IN: &[(&str, &str)] = &[("en", include_str!("i18n/en.txt"))];
#[cfg(any(not(target_arch = "wasm32"), test))]
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("i18n/en.txt")),
    ("de", include_str!("i18n/de.txt")),
    ("fr", include_str!("i18n/fr.txt")),
    ("es", include_str!("i18n/es.txt")),
    ("pt", include_str!("i18n/pt.txt")),
    ("it", include_str!("i18n/it.txt")),
    ("nl", include_str!("i18n/nl.txt")),
    ("ja", include_str!("i18n/ja.txt")),
    ("zh", include_str!("i18n/zh.txt")),
    ("ar", include_str!("i18n/ar.txt")),
];

/// The primary language subtags that have a table, English first.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().copied()
}

thread_local! {
    /// Tables installed while the module runs: at most one per language,
    /// kept for the life of the page.
    static INSTALLED: std::cell::RefCell<Vec<(&'static str, &'static str)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The table of `lang`, if it is at hand.
fn table(lang: &str) -> Option<&'static str> {
    let built_in = BUILT_IN.iter().find(|(l, _)| *l == lang).map(|(_, table)| *table);
    built_in.or_else(|| {
        INSTALLED.with_borrow(|tables| tables.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t))
    })
}

/// The language of ours that `locale` speaks, ASCII lowercase.
fn language(locale: &str) -> Option<&'static str> {
    let primary = locale.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES.iter().copied().find(|lang| lang.eq_ignore_ascii_case(primary))
}

/// The language of ours that `locale` speaks, when its table is not at
/// hand yet: fetch it, and [`install`] it.
pub fn missing(locale: &str) -> Option<&'static str> {
    language(locale).filter(|lang| table(lang).is_none())
}

/// Installs the table of `lang` (one of ours), fetched from beside the
/// module. Its lines are read like the built-in ones: anything that is not
/// a `key = value` of ours is never looked up.
pub fn install(lang: &str, text: String) {
    let Some(lang) = language(lang).filter(|lang| table(lang).is_none()) else { return };
    // Kept for the page's life, like the built-in tables: once per language.
    let text: &'static str = Box::leak(text.into_boxed_str());
    INSTALLED.with_borrow_mut(|tables| tables.push((lang, text)));
}

/// The entries of a table: `key = value` lines; blank lines and `#`
/// comments are skipped, and a value in double quotes keeps its spaces.
fn entries(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (key, value) = line.split_once('=')?;
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        Some((key.trim(), value))
    })
}

/// Whether `key` is `group.name` (or `group` when `name` is empty).
fn is_key(key: &str, (group, name): (&str, &str)) -> bool {
    match key.strip_prefix(group) {
        Some("") => name.is_empty(),
        Some(rest) => rest.strip_prefix('.') == Some(name) && !name.is_empty(),
        None => false,
    }
}

/// One widget's words: a language, with English under it and the host's
/// overrides over it.
#[derive(Clone, Debug, PartialEq)]
pub struct Strings {
    lang: &'static str,
    table: Vec<(&'static str, &'static str)>,
    english: Vec<(&'static str, &'static str)>,
    overrides: Vec<(String, String)>,
}

impl Default for Strings {
    fn default() -> Self {
        Strings::for_locale("en")
    }
}

impl Strings {
    /// The words for a BCP 47 `locale` ("de-CH" speaks German): its primary
    /// language's table, else English.
    pub fn for_locale(locale: &str) -> Strings {
        let english = table("en").unwrap_or_default();
        let (lang, words) =
            language(locale).and_then(|lang| Some((lang, table(lang)?))).unwrap_or(("en", english));
        let (table, english) = (entries(words).collect(), entries(english).collect());
        Strings { lang, table, english, overrides: Vec::new() }
    }

    /// The same, with the host's own words for some keys (`"dismiss"`,
    /// `"more.few"`); keys that are none of ours are left out and returned.
    pub fn with_overrides(mut self, overrides: Vec<(String, String)>) -> (Strings, Vec<String>) {
        let (known, unknown): (Vec<_>, Vec<_>) =
            overrides.into_iter().partition(|(key, _)| self.knows(key));
        self.overrides = known;
        (self, unknown.into_iter().map(|(key, _)| key).collect())
    }

    /// Whether `key` is one of ours: English has it, or it is a plural
    /// form of a counted key (English has its `other`).
    fn knows(&self, key: &str) -> bool {
        let english = |k: &str| self.english.iter().any(|(e, _)| *e == k);
        let counted = key.rsplit_once('.').is_some_and(|(group, category)| {
            CATEGORIES.contains(&category) && english(&[group, ".other"].concat())
        });
        key != "dir" && (english(key) || counted)
    }

    /// The language whose table is used: a primary language subtag.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        self.lookup(("dir", "")) == Some("rtl")
    }

    /// The value of `key`: the host's, else the language's, else English.
    fn lookup(&self, key: (&str, &str)) -> Option<&str> {
        self.own(key).or_else(|| Self::find(&self.english, key))
    }

    /// The value of `key` in the host's words or the language's.
    fn own(&self, key: (&str, &str)) -> Option<&str> {
        let overrides = self.overrides.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        overrides.chain(self.table.iter().copied()).find(|(k, _)| is_key(k, key)).map(|(_, v)| v)
    }

    fn find<'a>(table: &'a [(&'static str, &'static str)], key: (&str, &str)) -> Option<&'a str> {
        table.iter().find(|(k, _)| is_key(k, key)).map(|(_, v)| *v)
    }

    /// The words for `label`.
    pub fn get(&self, label: Label) -> &str {
        let key = label.key();
        self.lookup(key).unwrap_or(key.0)
    }

    /// The words for a counted `label` in the plural `category` that the
    /// language's rules give for the count (`one`, `few`, `other`, …): that
    /// form, else the `other` one.
    pub fn counted(&self, label: Label, category: &str) -> &str {
        let (group, _) = label.key();
        // The language's `other` before English's `one`: the language's
        // own rules chose the category.
        self.own((group, category))
            .or_else(|| self.own((group, "other")))
            .or_else(|| self.lookup((group, category)))
            .or_else(|| self.lookup((group, "other")))
            .unwrap_or(group)
    }
}

/// A piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text, as it is.
    Text(&'a str),
    /// The placeholder `{n}`.
    Arg(usize),
}

/// A template's pieces: text, and placeholders `{0}` to `{9}`; a brace
/// that is not a placeholder is text. Empty runs of text are left out.
pub fn pieces(template: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = template;
    let mut arg = None;
    std::iter::from_fn(move || loop {
        if let Some(n) = arg.take() {
            return Some(Piece::Arg(n));
        }
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        let placeholder = loop {
            let Some(open) = rest.get(from..).and_then(|r| r.find('{')).map(|i| i + from) else {
                break None;
            };
            match rest.as_bytes().get(open + 1..open + 3) {
                Some(&[d, b'}']) if d.is_ascii_digit() => {
                    break Some((open, usize::from(d - b'0')))
                }
                _ => from = open + 1,
            }
        };
        let (text, next) = match placeholder {
            Some((open, n)) => {
                arg = Some(n);
                (rest.get(..open), rest.get(open + 3..))
            }
            None => (Some(rest), Some("")),
        };
        rest = next.unwrap_or_default();
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            return Some(Piece::Text(text));
        }
    })
}

/// The English plural category of `n`, for the string backend.
pub fn english_plural(n: u64) -> &'static str {
    if n == 1 {
        "one"
    } else {
        "other"
    }
}

/// Our words followed by the page's name: "Service status: Kestrel Cloud".
pub fn label_with(label: &str, name: &str) -> String {
    if name.trim().is_empty() {
        label.to_owned()
    } else {
        [label, ": ", name].concat()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The placeholders a value uses, sorted.
    fn placeholders(value: &str) -> Vec<usize> {
        let mut found: Vec<usize> = pieces(value)
            .filter_map(|p| match p {
                Piece::Arg(n) => Some(n),
                Piece::Text(_) => None,
            })
            .collect();
        found.sort_unstable();
        found
    }

    /// Every key a table must have: English's, counted ones by group.
    fn english() -> Vec<(&'static str, &'static str)> {
        entries(table("en").unwrap_or_default()).collect()
    }

    fn counted_group(key: &str) -> Option<&str> {
        let (group, category) = key.rsplit_once('.')?;
        CATEGORIES.contains(&category).then_some(group)
    }

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let english = english();
        assert!(english.len() > 50);
        assert!(LANGUAGES.iter().eq(BUILT_IN.iter().map(|(lang, _)| lang)));
        for (lang, table) in BUILT_IN {
            let table: Vec<_> = entries(table).collect();
            for (key, value) in &table {
                assert!(!value.is_empty(), "{lang}: {key} is empty");
                let known = english.iter().any(|(k, _)| k == key)
                    || counted_group(key)
                        .is_some_and(|g| english.iter().any(|(k, _)| k.starts_with(g)));
                assert!(known, "{lang}: {key} is no key of ours");
                assert_eq!(
                    table.iter().filter(|(k, _)| k == key).count(),
                    1,
                    "{lang}: {key} twice"
                );
            }
            for (key, value) in &english {
                match counted_group(key) {
                    // A counted form may leave the number out ("one more").
                    Some(group) => {
                        let other = [group, ".other"].concat();
                        assert!(table.iter().any(|(k, _)| *k == other), "{lang}: no {other}");
                    }
                    None => {
                        let found = table.iter().find(|(k, _)| k == key);
                        let Some((_, translated)) = found else {
                            panic!("{lang}: {key} is missing");
                        };
                        assert_eq!(
                            placeholders(translated),
                            placeholders(value),
                            "{lang}: {key} = {translated}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn picks_the_language_of_a_locale() {
        assert_eq!(Strings::for_locale("de-CH").lang(), "de");
        assert_eq!(Strings::for_locale("pt_BR").lang(), "pt");
        assert_eq!(Strings::for_locale("ZH-Hans").lang(), "zh");
        assert_eq!(Strings::for_locale("he").lang(), "en");
        assert_eq!(Strings::for_locale("").lang(), "en");
        assert!(Strings::for_locale("ar-EG").rtl());
        assert!(!Strings::for_locale("ja").rtl());
        assert_eq!(Strings::for_locale("de").get(Label::Dismiss), "Ausblenden");
    }

    #[test]
    fn overrides_win_and_unknown_keys_are_told() {
        let overrides = vec![
            ("dismiss".to_owned(), "Hide".to_owned()),
            ("more.one".to_owned(), "one other".to_owned()),
            ("nonsense".to_owned(), "x".to_owned()),
            ("dir".to_owned(), "rtl".to_owned()),
            ("more.few".to_owned(), "a few more".to_owned()),
            ("dismiss.few".to_owned(), "x".to_owned()),
        ];
        let (strings, unknown) = Strings::for_locale("fr").with_overrides(overrides);
        assert_eq!(strings.get(Label::Dismiss), "Hide");
        assert_eq!(strings.counted(Label::More, "one"), "one other");
        assert_eq!(strings.counted(Label::More, "few"), "a few more");
        assert_eq!(unknown, ["nonsense", "dir", "dismiss.few"]);
        assert!(!strings.rtl(), "the direction is the language's");
        assert_eq!(strings.get(Label::Separator), " · ");
        assert_eq!(
            strings.get(Label::Phase(Phase::Unknown)),
            strings.get(Label::Phase(Phase::Update))
        );
    }

    #[test]
    fn counts_fall_back_to_other() {
        let ja = Strings::for_locale("ja");
        assert_eq!(ja.counted(Label::More, "one"), ja.counted(Label::More, "other"));
        let ar = Strings::for_locale("ar");
        for category in CATEGORIES {
            assert!(
                ar.table.iter().any(|(k, _)| is_key(k, ("more", category))),
                "ar: more.{category}"
            );
        }
    }

    #[test]
    fn splits_templates_at_placeholders() {
        let all: Vec<Piece<'_>> = pieces("{1} then {0}, {x} {} {").collect();
        assert_eq!(
            all,
            [Piece::Arg(1), Piece::Text(" then "), Piece::Arg(0), Piece::Text(", {x} {} {")]
        );
        assert_eq!(pieces("").count(), 0);
        assert_eq!(pieces("{0}").collect::<Vec<_>>(), [Piece::Arg(0)]);
        assert_eq!(pieces("é {2}").collect::<Vec<_>>(), [Piece::Text("é "), Piece::Arg(2)]);
    }

    #[test]
    fn keys_name_their_group() {
        assert!(is_key("impact.major", Label::Impact(Impact::Major).key()));
        assert!(!is_key("impact.major", ("impact", "")));
        assert!(!is_key("impactful", ("impact", "")));
        assert!(is_key("dismiss", Label::Dismiss.key()));
    }
}
