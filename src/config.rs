//! What a widget is configured with: its element's attributes, read once
//! into a [`Config`], with a sentence for everything it did not understand.
//!
//! The attributes come through a function (`web::widget` asks the element;
//! the tests, a table), so that every rule here runs natively. A value that
//! is not understood never fails the widget: it costs a warning, and the
//! default is used.

use crate::feed::Format;
use crate::filter::Filter;
use crate::poll::{self, Settings};
use crate::view::{Mode, Options};

/// Every attribute of `<status-widget>`, in the order the README lists
/// them. The loader observes these, takes them as `data-*` on its script
/// tag and as options of `mount()`; the element manifest, the type
/// declarations and the README describe the same list (`tests/surface.rs`
/// holds them to it).
pub const ATTRIBUTES: &[&str] = &[
    "src",
    "format",
    "mode",
    "components",
    "kinds",
    "days",
    "limit",
    "hide-when-operational",
    "lookahead",
    "locale",
    "time-zone",
    "strings",
    "label",
    "theme",
    "position",
    "offset",
    "z-index",
    "poll",
    "timeout",
    "max-size",
    "dismissible",
];

/// The most feeds one widget shows.
pub const MAX_SOURCES: usize = 10;

/// The most strings a host can override: more than there are.
pub const MAX_OVERRIDES: usize = 200;

/// One feed of `src`: its URL as written, and the format it is read in
/// (`None`: detected).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedUrl {
    /// As written; the shell resolves it against the document's base URL.
    pub url: String,
    /// The format named by `format`, if one is.
    pub format: Option<Format>,
}

/// The settings read from a widget's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The feeds to show (`src` and `format`), at most [`MAX_SOURCES`].
    pub feeds: Vec<FeedUrl>,
    /// How to render.
    pub options: Options,
    /// What it asks of its feeds' sources.
    pub settings: Settings,
    /// `locale`; the shell falls back to the nearest `[lang]`.
    pub locale: Option<String>,
    /// `time-zone`.
    pub time_zone: Option<String>,
    /// The host's own words for some of ours (`strings`).
    pub strings: Vec<(String, String)>,
    /// What was not understood, one sentence each, to warn about.
    pub problems: Vec<String>,
}

/// The entries of a JSON object's text: each key with its value when that
/// is a string; `None` when the text is no JSON object. The browser's
/// `JSON.parse` in the shell, `serde_json` in the tests.
pub type Entries = Option<Vec<(String, Option<String>)>>;

impl Config {
    /// Reads the attributes `attr` gives (as written, `None` when absent);
    /// `entries` reads the JSON object of `strings`.
    pub fn read(
        attr: impl Fn(&str) -> Option<String>,
        entries: impl FnOnce(&str) -> Entries,
    ) -> Config {
        // Blank is absent, but for the flags, which are present when empty.
        let value = |name: &str| attr(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut problems = Vec::new();
        let mode = value("mode");
        let parsed = mode.as_deref().map_or(Some(Mode::Banner), Mode::parse);
        if let Some(mode) = mode.filter(|_| parsed.is_none()) {
            problems.push(["unknown mode \"", &mode, "\"; showing the banner"].concat());
        }
        let ((incidents, maintenance), unknown_kinds) = Filter::kinds(value("kinds").as_deref());
        for kind in unknown_kinds {
            problems.push(["unknown kind \"", &kind, "\" in `kinds` ignored"].concat());
        }
        for (name, values) in
            [("theme", &["auto", "light", "dark"]), ("position", &["top", "bottom", "inline"])]
        {
            if let Some(value) = value(name).filter(|v| !values.contains(&v.as_str())) {
                problems.push(
                    ["`", name, "` \"", &value, "\" is none of ", &values.join(", ")].concat(),
                );
            }
        }
        let strings =
            value("strings").map_or_else(Vec::new, |json| overrides(entries(&json), &mut problems));
        let feeds = feeds(value("src"), value("format"), &mut problems);
        Config {
            feeds,
            options: Options {
                mode: parsed.unwrap_or_default(),
                filter: Filter {
                    components: Filter::components(value("components").as_deref()),
                    incidents,
                    maintenance,
                    days: Filter::days(value("days").as_deref()),
                },
                limit: Options::limit(value("limit").as_deref()),
                dismissible: Options::flag(value("dismissible").as_deref()) != Some(false),
                hide_when_operational: Options::flag(attr("hide-when-operational").as_deref()),
                lookahead_hours: Options::lookahead(value("lookahead").as_deref()),
                label: value("label"),
            },
            settings: Settings {
                poll_ms: poll::interval(value("poll").as_deref()),
                timeout_ms: poll::timeout(value("timeout").as_deref()),
                max_size: poll::max_size(value("max-size").as_deref()),
            },
            locale: value("locale"),
            time_zone: value("time-zone"),
            strings,
            problems,
        }
    }
}

/// The feeds of `src` (URLs separated by white space), each with its
/// format: `format` names one for all, or one per feed in the same order
/// (`auto` detects it).
fn feeds(src: Option<String>, format: Option<String>, problems: &mut Vec<String>) -> Vec<FeedUrl> {
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
    urls.into_iter()
        .take(MAX_SOURCES)
        .enumerate()
        .map(|(index, url)| FeedUrl {
            url: url.to_owned(),
            format: match formats.as_slice() {
                [one] => *one,
                several => several.get(index).copied().flatten(),
            },
        })
        .collect()
}

/// The `strings` attribute's entries: our keys and the host's words for
/// them, at most [`MAX_OVERRIDES`].
fn overrides(entries: Entries, problems: &mut Vec<String>) -> Vec<(String, String)> {
    let Some(entries) = entries else {
        problems.push("`strings` is not a JSON object; ignored".to_owned());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries.into_iter().take(MAX_OVERRIDES) {
        match value {
            Some(value) => out.push((key, value)),
            None => problems
                .push(["`strings`: the value of \"", &key, "\" is not text; ignored"].concat()),
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The entries of a JSON object, as the shell's `JSON.parse` gives them.
    fn entries(text: &str) -> Entries {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        Some(object.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned))).collect())
    }

    /// The config of an element with these attributes.
    fn config(attributes: &[(&str, &str)]) -> Config {
        let attr =
            |name: &str| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned());
        Config::read(attr, entries)
    }

    /// Reads `attributes` and checks what `got` takes of the config, and
    /// the warnings.
    fn check<T: PartialEq + std::fmt::Debug>(
        attributes: &[(&str, &str)],
        got: impl Fn(&Config) -> T,
        expected: T,
        problems: &[&str],
    ) {
        let config = config(attributes);
        assert_eq!(got(&config), expected, "{attributes:?}");
        assert_eq!(config.problems, problems, "{attributes:?}");
    }

    fn feed(url: &str, format: Option<Format>) -> FeedUrl {
        FeedUrl { url: url.to_owned(), format }
    }

    #[test]
    fn an_element_without_attributes_is_a_banner_with_the_defaults() {
        let config = config(&[]);
        assert_eq!(config.options, Options::default());
        assert_eq!(
            config.settings,
            Settings { poll_ms: 60_000, timeout_ms: poll::TIMEOUT_MS, max_size: poll::MAX_SIZE }
        );
        assert!(config.feeds.is_empty() && config.problems.is_empty());
        assert_eq!((config.locale, config.time_zone), (None, None));
    }

    #[test]
    fn src_and_format_give_the_feeds() {
        use Format::{Cachet, Statuspage};
        let feeds = |c: &Config| c.feeds.clone();
        check(&[("src", " /a.json ")], feeds, vec![feed("/a.json", None)], &[]);
        check(&[("src", "   ")], feeds, vec![], &[]);
        check(
            &[("src", "/a /b"), ("format", "statuspage")],
            feeds,
            vec![feed("/a", Some(Statuspage)), feed("/b", Some(Statuspage))],
            &[],
        );
        check(
            &[("src", "/a /b"), ("format", "auto cachet")],
            feeds,
            vec![feed("/a", None), feed("/b", Some(Cachet))],
            &[],
        );
        check(
            &[("src", "/a"), ("format", "rss")],
            feeds,
            vec![feed("/a", None)],
            &["`format` \"rss\" is none of auto, status-feed, statuspage, incident.io, instatus, cachet"],
        );
        check(
            &[("src", "/a /b /c"), ("format", "auto cachet")],
            feeds,
            vec![feed("/a", None), feed("/b", Some(Cachet)), feed("/c", None)],
            &["`format` names neither one format nor one per feed of `src`"],
        );
        let eleven = (0..11).map(|i| format!("/{i}")).collect::<Vec<_>>().join(" ");
        check(
            &[("src", &eleven)],
            |c| c.feeds.len(),
            MAX_SOURCES,
            &["`src` lists more than 10 feeds; the first 10 are shown"],
        );
    }

    #[test]
    fn mode_kinds_theme_and_position_warn_when_unknown() {
        let mode = |c: &Config| c.options.mode;
        check(&[("mode", "Timeline")], mode, Mode::Timeline, &[]);
        check(&[("mode", "")], mode, Mode::Banner, &[]);
        check(
            &[("mode", "ticker")],
            mode,
            Mode::Banner,
            &["unknown mode \"ticker\"; showing the banner"],
        );
        let kinds = |c: &Config| (c.options.filter.incidents, c.options.filter.maintenance);
        check(&[("kinds", "maintenance")], kinds, (false, true), &[]);
        check(
            &[("kinds", "incidents, outages")],
            kinds,
            (true, false),
            &["unknown kind \"outages\" in `kinds` ignored"],
        );
        let none = |_: &Config| ();
        check(&[("theme", "dark"), ("position", "top")], none, (), &[]);
        check(
            &[("theme", "sepia"), ("position", "left")],
            none,
            (),
            &[
                "`theme` \"sepia\" is none of auto, light, dark",
                "`position` \"left\" is none of top, bottom, inline",
            ],
        );
    }

    #[test]
    fn flags_are_present_unless_they_say_false() {
        let flags = |c: &Config| (c.options.dismissible, c.options.hide_when_operational);
        check(&[], flags, (true, None), &[]);
        check(&[("hide-when-operational", "")], flags, (true, Some(true)), &[]);
        check(&[("hide-when-operational", " FALSE ")], flags, (true, Some(false)), &[]);
        check(&[("dismissible", "false")], flags, (false, None), &[]);
        check(&[("dismissible", "")], flags, (true, None), &[]);
    }

    #[test]
    fn numbers_fall_back_to_their_defaults() {
        let numbers = |c: &Config| {
            let o = &c.options;
            (o.limit, o.lookahead_hours, o.filter.days, c.settings.poll_ms, c.settings.timeout_ms)
        };
        check(&[], numbers, (50, 24, None, 60_000, 15_000), &[]);
        check(
            &[("limit", "5"), ("lookahead", "2"), ("days", "7"), ("poll", "0"), ("timeout", "3")],
            numbers,
            (5, 2, Some(7), 0, 3_000),
            &[],
        );
        check(
            &[
                ("limit", "x"),
                ("lookahead", "-1"),
                ("days", "0"),
                ("poll", "1.5"),
                ("timeout", "0"),
            ],
            numbers,
            (50, 24, None, 60_000, 15_000),
            &[],
        );
        check(&[("max-size", "512k")], |c| c.settings.max_size, 512 * 1024, &[]);
    }

    #[test]
    fn words_zone_label_and_components_are_taken_as_written() {
        let taken = |c: &Config| {
            (
                c.locale.clone(),
                c.time_zone.clone(),
                c.options.label.clone(),
                c.options.filter.components.clone(),
            )
        };
        check(
            &[
                ("locale", " de-CH "),
                ("time-zone", "Europe/Zurich"),
                ("label", "Ops"),
                ("components", "API, ,Web"),
            ],
            taken,
            (
                Some("de-CH".to_owned()),
                Some("Europe/Zurich".to_owned()),
                Some("Ops".to_owned()),
                vec!["API".to_owned(), "Web".to_owned()],
            ),
            &[],
        );
    }

    #[test]
    fn strings_is_a_json_object_of_text() {
        let strings = |c: &Config| c.strings.clone();
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        check(
            &[("strings", r#"{"dismiss": "Hide"}"#)],
            strings,
            vec![pair("dismiss", "Hide")],
            &[],
        );
        check(
            &[("strings", r#"{"dismiss": 3, "more": "Plus"}"#)],
            strings,
            vec![pair("more", "Plus")],
            &["`strings`: the value of \"dismiss\" is not text; ignored"],
        );
        for bad in ["[1]", "not json", "\"text\""] {
            check(
                &[("strings", bad)],
                strings,
                vec![],
                &["`strings` is not a JSON object; ignored"],
            );
        }
        let many: Vec<String> = (0..300).map(|i| format!("\"k{i}\": \"v\"")).collect();
        let many = ["{", &many.join(","), "}"].concat();
        check(&[("strings", &many)], |c| c.strings.len(), MAX_OVERRIDES, &[]);
    }
}
