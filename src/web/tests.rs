//! Browser tests of the shell (`wasm-pack test --headless --chrome`): the
//! parts that only the browser can check. The decisions behind them are
//! tested natively; these check the glue.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{AddEventListenerOptions, Blob, BlobPropertyBag, Document, Event, HtmlElement, Url};

use super::dom;
use super::fetch::JsDocument;
use super::intl::{Formatters, Speech};
use super::{ticker, Widget};
use crate::error::ErrorKind;
use crate::feed;
use crate::time::Timestamp;
use crate::view::flat::Voice;
use crate::view::{self, Context, Mode, Options};

wasm_bindgen_test_configure!(run_in_browser);

type Listener = Closure<dyn FnMut(Event)>;

const SUMMARY: &str = include_str!("../../tests/fixtures/statuspage/summary.json");
const HOSTILE_V1: &str = include_str!("../../tests/fixtures/hostile/v1.json");
const HOSTILE_STATUSPAGE: &str = include_str!("../../tests/fixtures/hostile/statuspage.json");

/// How a widget in `locale` and `zone` speaks, with no overrides.
fn speech(locale: &str, zone: &str) -> Speech {
    let (clock, problem) = Formatters::new(Some(locale), Some(zone)).expect("a clock");
    assert_eq!(problem, None);
    Speech::new(clock, Vec::new()).0
}

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

fn host() -> HtmlElement {
    let el = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&el).expect("appended");
    el.unchecked_into()
}

fn parse(json: &str) -> JsDocument {
    JsDocument::parse(&JsString::from(json), false).expect("JSON")
}

/// A `blob:` URL serving `body`, so that tests fetch without a network.
fn blob_url(body: &str, content_type: &str) -> String {
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let blob =
        Blob::new_with_str_sequence_and_options(&Array::of1(&body.into()), &options).expect("blob");
    Url::create_object_url_with_blob(&blob).expect("url")
}

/// Resolves with the next `name` event on `target`; listens from the call
/// on, not from the first poll, so no event is missed in between.
fn next_event(target: &HtmlElement, name: &str) -> impl std::future::Future<Output = Event> {
    let mut listener = None;
    let promise = Promise::new(&mut |resolve, _reject| {
        let closure = Listener::new(move |event: Event| {
            let _ = resolve.call1(&JsValue::NULL, &event);
        });
        let options = AddEventListenerOptions::new();
        options.set_once(true);
        target
            .add_event_listener_with_callback_and_add_event_listener_options(
                name,
                closure.as_ref().unchecked_ref(),
                &options,
            )
            .expect("listener");
        listener = Some(closure);
    });
    async move {
        let event = JsFuture::from(promise).await.expect("event");
        drop(listener);
        event.unchecked_into()
    }
}

/// Records the names of the widget's events, in order.
struct Recorder {
    seen: Rc<RefCell<Vec<String>>>,
    _listeners: Vec<Listener>,
}

impl Recorder {
    fn on(target: &HtmlElement) -> Recorder {
        let seen: Rc<RefCell<Vec<String>>> = Rc::default();
        let listeners = ["loadstart", "load", "error", "abort", "loadend", "status-change"]
            .into_iter()
            .map(|name| {
                let seen = seen.clone();
                let closure = Listener::new(move |e: Event| seen.borrow_mut().push(e.type_()));
                target
                    .add_event_listener_with_callback(name, closure.as_ref().unchecked_ref())
                    .expect("listener");
                closure
            })
            .collect();
        Recorder { seen, _listeners: listeners }
    }

    fn names(&self) -> Vec<String> {
        self.seen.borrow().clone()
    }
}

#[wasm_bindgen_test]
fn both_json_backends_read_every_fixture_the_same() {
    let fixtures = [
        SUMMARY,
        HOSTILE_V1,
        HOSTILE_STATUSPAGE,
        include_str!("../../tests/fixtures/statuspage/incidents.json"),
        include_str!("../../tests/fixtures/statuspage/scheduled-maintenances.json"),
        include_str!("../../tests/fixtures/statuspage/components.json"),
        include_str!("../../tests/fixtures/v1/full.json"),
        include_str!("../../tests/fixtures/tolerant/malformed-entries.json"),
        include_str!("../../tests/fixtures/tolerant/unknown-values.json"),
    ];
    for text in fixtures {
        let native: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let expected = feed::read(&native).expect("a feed");
        let in_browser = feed::read(parse(text)).expect("a feed");
        assert_eq!(in_browser, expected);
    }
}

#[wasm_bindgen_test]
fn bodies_that_are_not_json_say_why() {
    for (body, says) in [
        ("", "empty"),
        ("  \n ", "empty"),
        ("<!doctype html><h1>502</h1>", "HTML"),
        (r#"{"version":1,"page":{"na"#, "JSON"),
    ] {
        let error = JsDocument::parse(&JsString::from(body), false).err().expect("an error");
        assert_eq!(error.kind(), ErrorKind::NotJson);
        assert!(error.message().contains(says), "{body:?}: {}", error.message());
    }
    // Nesting is refused past the limit before `JSON.parse`, counted as the
    // native reader counts it: brackets in strings are text.
    let nested = |depth: usize| {
        let extra = ["[".repeat(depth - 1), "]".repeat(depth - 1)].concat();
        format!(r#"{{"version":1,"page":{{"name":"[{{\"[["}},"x":{extra}}}"#)
    };
    let feed = feed::read(parse(&nested(feed::MAX_DEPTH))).expect("at the limit");
    assert_eq!(feed.page.name, "[{\"[[");
    for depth in [feed::MAX_DEPTH + 1, 100_000] {
        let error =
            JsDocument::parse(&JsString::from(nested(depth)), false).err().expect("too deep");
        assert_eq!(error.kind(), ErrorKind::Limit);
        assert!(error.message().contains("nested more than 64"), "{}", error.message());
    }
}

#[wasm_bindgen_test]
fn times_are_in_the_chosen_zone_with_the_zone_named() {
    let (clock, problem) =
        Formatters::new(Some("en-US"), Some("America/Los_Angeles")).expect("a clock");
    let clock = Speech::new(clock, Vec::new()).0;
    assert!(problem.is_none());
    let at = Timestamp::parse("2024-03-05T22:02:07Z").expect("time");
    let now = Timestamp::parse("2024-03-06T01:02:07Z").expect("time");
    assert_eq!(clock.absolute(at, now), "Mar 5, 2:02 PM PST");
    assert_eq!(clock.relative(at, now), "3 hours ago");
    assert!(clock.full(at).contains("Pacific Standard Time"), "{}", clock.full(at));
    let far = Timestamp::parse("2021-03-05T22:02:07Z").expect("time");
    assert!(clock.relative(far, now).contains("2021"), "a date beyond a week, with its year");
    assert!(clock.duration(125 * 60_000).contains('2'), "{}", clock.duration(125 * 60_000));

    let (clock, problem) = Formatters::new(Some("de-DE"), Some("Europe/Berlin")).expect("a clock");
    let clock = Speech::new(clock, Vec::new()).0;
    assert!(problem.is_none());
    assert_eq!(clock.relative(at, now), "vor 3 Stunden");

    let (clock, problem) =
        Formatters::new(Some("en-US"), Some("Mars/Olympus_Mons")).expect("a fallback clock");
    let clock = Speech::new(clock, Vec::new()).0;
    assert!(problem.is_some(), "the bad zone is reported");
    assert!(!clock.absolute(at, now).is_empty());
    // One bad attribute does not cost the good one.
    let (clock, problem) =
        Formatters::new(Some("not a locale!!"), Some("Asia/Tokyo")).expect("a clock");
    let clock = Speech::new(clock, Vec::new()).0;
    assert!(problem.is_some());
    let tokyo = clock.absolute(at, now);
    assert!(tokyo.contains("GMT+9") || tokyo.contains("JST"), "{tokyo}");
    let (clock, problem) =
        Formatters::new(Some("de-DE"), Some("Nowhere/Special")).expect("a clock");
    let clock = Speech::new(clock, Vec::new()).0;
    assert!(problem.is_some());
    assert_eq!(clock.relative(at, now), "vor 3 Stunden");
}

#[wasm_bindgen_test]
fn hostile_text_makes_no_element_and_no_unsafe_link() {
    let speech = speech("en-US", "UTC");
    let now = Timestamp::parse("2026-11-22T00:00:00Z").expect("time");
    for text in [HOSTILE_V1, HOSTILE_STATUSPAGE] {
        let feed = feed::read(parse(text)).expect("a feed");
        for mode in [Mode::Banner, Mode::Timeline, Mode::Components] {
            let host = host();
            let root = dom::shadow_root(&host).expect("root");
            let region = dom::announcer(&root).expect("a live region");
            let node = view::render(
                &feed,
                &Options { mode, ..Options::default() },
                now,
                &Context::default(),
            );
            dom::show(&root, &region, node.as_ref(), &speech, now).expect("shown");
            let all = root.query_selector_all("*").expect("elements");
            assert!(all.length() > 5);
            for i in 0..all.length() {
                let el: web_sys::Element = all.item(i).expect("element").unchecked_into();
                let tag = el.tag_name().to_ascii_lowercase();
                let allowed = [
                    "a", "button", "details", "div", "h3", "li", "ol", "p", "section", "span",
                    "strong", "summary", "time", "ul",
                ];
                assert!(allowed.contains(&tag.as_str()), "unexpected <{tag}>");
                for name in el.get_attribute_names().iter() {
                    let name = name.as_string().unwrap_or_default();
                    assert!(!name.starts_with("on"), "an event handler attribute: {name}");
                    if name == "href" {
                        let href = el.get_attribute("href").unwrap_or_default();
                        assert!(
                            href.starts_with("https://") || href.starts_with("http://"),
                            "{href}"
                        );
                        assert_eq!(el.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
                    }
                }
            }
            let shown = root.text_content().unwrap_or_default();
            assert!(shown.contains('<') && shown.contains("alert("), "the markup is shown as text");
            host.remove();
        }
    }
}

#[wasm_bindgen_test]
fn times_are_time_elements_with_the_full_time_on_hover() {
    let speech = speech("en-US", "America/Los_Angeles");
    let feed = feed::read(parse(SUMMARY)).expect("a feed");
    let now = Timestamp::parse("2024-03-05T22:30:00Z").expect("time");
    let host = host();
    let root = dom::shadow_root(&host).expect("root");
    let region = dom::announcer(&root).expect("a live region");
    let view = view::render(&feed, &Options::default(), now, &Context::default());
    dom::show(&root, &region, view.as_ref(), &speech, now).expect("shown");
    let time = root.query_selector("time").expect("query").expect("a <time>");
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2024-03-05T22:02:07.236Z"));
    assert_eq!(time.text_content().as_deref(), Some("28 minutes ago"));
    assert!(time.get_attribute("title").unwrap_or_default().contains("March 5, 2024"));
    // The same view an hour later: only the relative time moves on.
    let later = Timestamp::from_millis(now.as_millis() + 3_600_000);
    dom::retime(&root, &speech, later).expect("retimed");
    assert_eq!(time.text_content().as_deref(), Some("1 hour ago"));
    // Showing nothing leaves only the live region.
    dom::show(&root, &region, None, &speech, now).expect("shown");
    assert_eq!(root.child_nodes().length(), 1);
    assert!(root.first_child().is_some_and(|c| c.is_same_node(Some(&region))));
    host.remove();
}

#[wasm_bindgen_test]
fn texts_outside_the_basic_plane_keep_their_places() {
    // The view reaches the DOM as one string of texts cut at UTF-16
    // lengths: a character outside the basic plane is two units, and one
    // miscounted would shift every text after it.
    let texts = ["🔥 Fire in 🏢 B", "Ünïcödé — ok", "数据库 slow 🐢🐢", "plain", "👩🏽‍🚒 crew"];
    let incidents: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let at = format!("2026-11-1{i}T00:00:00Z");
            format!(
                r#"{{"id":"i{i}","title":"{t}","impact":"minor","status":"investigating",
                "started_at":"{at}","updates":[{{"status":"investigating","at":"{at}","body":"{t}!"}}]}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"version":1,"page":{{"name":"P 🌍"}},"incidents":[{}]}}"#,
        incidents.join(",")
    );
    let feed = feed::read(parse(&json)).expect("a feed");
    let speech = speech("en-US", "UTC");
    let now = Timestamp::parse("2026-11-22T00:00:00Z").expect("time");
    let host = host();
    let root = dom::shadow_root(&host).expect("root");
    let region = dom::announcer(&root).expect("a live region");
    let options = Options { mode: Mode::Timeline, ..Options::default() };
    let view = view::render(&feed, &options, now, &Context::default());
    dom::show(&root, &region, view.as_ref(), &speech, now).expect("shown");
    let shown = |selector: &str| {
        let all = root.query_selector_all(selector).expect("query");
        (0..all.length())
            .filter_map(|i| all.item(i).and_then(|n| n.text_content()))
            .collect::<Vec<_>>()
    };
    let (titles, bodies) = (shown("[part=title]"), shown("[part=body]"));
    assert_eq!(bodies.len(), texts.len(), "{bodies:?}");
    for t in texts {
        assert!(titles.iter().any(|title| title.trim() == t), "{t} in {titles:?}");
        assert!(bodies.contains(&format!("{t}!")), "{t} in {bodies:?}");
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn a_widget_loads_its_feed_and_tells_the_page() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    host.set_attribute("mode", "timeline").expect("mode");
    let events = Recorder::on(&host);
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    assert_eq!(host.get_attribute("state").as_deref(), Some("ready"));
    assert_eq!(events.names(), ["loadstart", "status-change", "load", "loadend"]);
    let root = host.shadow_root().expect("an open shadow root");
    assert!(root.text_content().unwrap_or_default().contains("Elevated payment failures"));
    assert!(root.query_selector("section[part=timeline]").expect("query").is_some());

    // A new mode repaints from the feed in hand, without fetching.
    host.set_attribute("mode", "banner").expect("mode");
    let changed = next_event(&host, "status-change");
    widget.update();
    changed.await;
    assert!(root.query_selector("section[part=banner]").expect("query").is_some());
    assert_eq!(events.names().len(), 5, "no new load: {:?}", events.names());

    // Freeing the widget (the element leaving the page) clears what it drew.
    drop(widget);
    assert_eq!(root.child_nodes().length(), 0);
    host.remove();
}

#[wasm_bindgen_test]
async fn the_first_load_is_announced_even_when_nothing_is_shown() {
    let operational = include_str!("../../tests/fixtures/v1/operational.json");
    let host = host();
    host.set_attribute("src", &blob_url(operational, "application/json")).expect("src");
    let events = Recorder::on(&host);
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    assert_eq!(events.names(), ["loadstart", "status-change", "load", "loadend"]);
    // Nothing but the live region, which has nothing to say.
    let root = host.shadow_root().expect("a root");
    assert_eq!(root.child_nodes().length(), 1);
    assert_eq!(root.text_content().as_deref(), Some(""));
    // The same feed again: nothing changed, nothing announced.
    let ended = next_event(&host, "loadend");
    widget.refresh();
    ended.await;
    assert_eq!(events.names().iter().filter(|n| *n == "status-change").count(), 1);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_new_time_zone_redraws_the_same_view() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    host.set_attribute("mode", "timeline").expect("mode");
    host.set_attribute("time-zone", "America/Los_Angeles").expect("zone");
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    let root = host.shadow_root().expect("root");
    let first_time =
        || root.query_selector("[part=update] time").ok().flatten().and_then(|t| t.text_content());
    assert!(first_time().unwrap_or_default().contains("PST"));
    host.set_attribute("time-zone", "Asia/Tokyo").expect("zone");
    widget.update();
    pause(20).await;
    let text = first_time().unwrap_or_default();
    assert!(text.contains("GMT+9") || text.contains("JST"), "{text}");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_status_change_detail_is_plain_json() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let changed = next_event(&host, "status-change");
    let _widget = Widget::new(host.clone(), None).expect("a widget");
    let event: web_sys::CustomEvent = changed.await.unchecked_into();
    let json =
        js_sys::JSON::stringify(&event.detail()).expect("JSON").as_string().unwrap_or_default();
    let detail: serde_json::Value = serde_json::from_str(&json).expect("plain JSON");
    assert_eq!(detail["status"], "major");
    assert_eq!(detail["incidents"][0]["title"], "Elevated payment failures");
    assert_eq!(detail["incidents"][0]["impact"], "major");
    assert!(detail["maintenance"].as_array().is_some_and(Vec::is_empty));
    assert!(event.bubbles() && event.composed());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_broken_feed_is_an_error_state_with_a_reason() {
    for (body, content_type, says) in [
        ("<!doctype html><title>Sign in</title>", "text/html", "HTML"),
        ("", "application/json", "empty"),
        ("[1, 2, 3]", "application/json", "not a status feed"),
        (r#"{"page":{"name":"x"},"incidents":"#, "application/json", "not JSON"),
    ] {
        let host = host();
        host.set_attribute("src", &blob_url(body, content_type)).expect("src");
        host.set_attribute("mode", "timeline").expect("mode");
        let events = Recorder::on(&host);
        let failed = next_event(&host, "error");
        let ended = next_event(&host, "loadend");
        let _widget = Widget::new(host.clone(), None).expect("a widget");
        let error: web_sys::CustomEvent = failed.await.unchecked_into();
        ended.await;
        assert_eq!(host.get_attribute("state").as_deref(), Some("error"));
        assert_eq!(events.names(), ["loadstart", "error", "loadend"]);
        let message = js_sys::Reflect::get(&error.detail(), &"message".into()).expect("message");
        let message = message.as_string().unwrap_or_default();
        assert!(message.contains(says), "{body:?}: {message}");
        let root = host.shadow_root().expect("root");
        let text = root.text_content().unwrap_or_default();
        assert_eq!(text, "Status unavailable.", "nothing half-drawn");
        let slot = root.query_selector("slot").ok().flatten();
        assert!(slot.is_some(), "the element's own content is shown too");
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn without_src_the_widget_says_so() {
    let host = host();
    let failed = next_event(&host, "error");
    let _widget = Widget::new(host.clone(), None).expect("a widget");
    let error: web_sys::CustomEvent = failed.await.unchecked_into();
    let message = js_sys::Reflect::get(&error.detail(), &"message".into()).expect("message");
    assert!(message.as_string().unwrap_or_default().contains("src"));
    let root = host.shadow_root().expect("root");
    assert_eq!(root.child_nodes().length(), 1, "a banner stays hidden: only the live region");
    assert_eq!(host.get_attribute("state").as_deref(), Some("error"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_last_good_feed_as_stale() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    assert_eq!(host.get_attribute("state").as_deref(), Some("ready"));
    // The feed goes away (a revoked blob: URL fails like a network error).
    let src = host.get_attribute("src").unwrap_or_default();
    Url::revoke_object_url(&src).expect("revoked");
    let ended = next_event(&host, "loadend");
    widget.refresh();
    ended.await;
    assert_eq!(host.get_attribute("state").as_deref(), Some("stale"));
    let root = host.shadow_root().expect("root");
    assert!(root.text_content().unwrap_or_default().contains("Elevated payment failures"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_listener_may_remove_the_element_mid_load() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let widget = Rc::new(RefCell::new(Some(Widget::new(host.clone(), None).expect("a widget"))));
    // A `loadstart` listener removes the element, and the loader frees the widget.
    let (listener_host, listener_widget) = (host.clone(), widget.clone());
    let listener = Listener::new(move |_: Event| {
        listener_host.remove();
        listener_widget.borrow_mut().take();
    });
    host.add_event_listener_with_callback("loadstart", listener.as_ref().unchecked_ref())
        .expect("listener");
    next_event(&host, "loadstart").await;
    assert!(widget.borrow().is_none());
    // The load ends quietly: nothing is drawn into the detached root.
    pause(50).await;
    assert_eq!(host.shadow_root().map(|r| r.child_nodes().length()), Some(0));
    drop(listener);
}

#[wasm_bindgen_test]
async fn a_bad_locale_or_zone_costs_a_warning_not_the_widget() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    host.set_attribute("locale", "not a locale!!").expect("locale");
    host.set_attribute("time-zone", "Nowhere/Special").expect("zone");
    let ended = next_event(&host, "loadend");
    let _widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    assert_eq!(host.get_attribute("state").as_deref(), Some("ready"));
    host.remove();
}

#[wasm_bindgen_test]
fn the_stylesheet_is_one_constructed_sheet_shared_by_all() {
    let (a, b) = (host(), host());
    let (ra, rb) = (dom::shadow_root(&a).expect("root"), dom::shadow_root(&b).expect("root"));
    let (sa, sb) = (ra.adopted_style_sheets(), rb.adopted_style_sheets());
    assert_eq!((sa.length(), sb.length()), (1, 1));
    assert!(js_sys::Object::is(&sa.get(0), &sb.get(0)), "the same sheet object");
    assert_eq!(ra.query_selector("style").expect("query"), None, "no <style> element");
    a.remove();
    b.remove();
}

/// Waits for the browser to run other tasks for `ms`.
async fn pause(ms: i32) {
    let later = Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    JsFuture::from(later).await.expect("paused");
}

#[wasm_bindgen_test]
async fn a_status_change_listener_may_change_the_src() {
    let other = include_str!("../../tests/fixtures/statuspage/incidents.json");
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let widget = Rc::new(Widget::new(host.clone(), None).expect("a widget"));
    // What the loader does on attributeChangedCallback, from inside the event.
    let (listener_host, listener_widget, next) =
        (host.clone(), widget.clone(), blob_url(other, "application/json"));
    let once = Cell::new(false);
    let listener = Listener::new(move |_: Event| {
        if !once.replace(true) {
            listener_host.set_attribute("src", &next).expect("src");
            listener_widget.update();
        }
    });
    host.add_event_listener_with_callback("status-change", listener.as_ref().unchecked_ref())
        .expect("listener");
    let events = Recorder::on(&host);
    for _ in 0..20 {
        if events.names().iter().filter(|n| *n == "loadend").count() >= 2 {
            break;
        }
        pause(20).await;
    }
    assert_eq!(host.get_attribute("state").as_deref(), Some("ready"));
    let root = host.shadow_root().expect("root");
    assert!(
        root.text_content().unwrap_or_default().contains("Nordlicht Hosting")
            || root.child_nodes().length() == 1
    );
    assert!(
        !root.text_content().unwrap_or_default().contains("Elevated payment failures"),
        "the old feed is gone"
    );
    drop(listener);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_overtaken_load_ends_with_abort_then_loadend() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let events = Recorder::on(&host);
    let widget = Widget::new(host.clone(), None).expect("a widget");
    next_event(&host, "loadstart").await;
    // A new src while the first load is in flight.
    host.set_attribute("src", &blob_url(HOSTILE_V1, "application/json")).expect("src");
    let ended = next_event(&host, "load");
    widget.update();
    ended.await;
    let names = events.names();
    let first_end = names.iter().position(|n| n == "loadend").expect("a loadend");
    assert_eq!(
        names.get(..first_end + 1),
        Some(&["loadstart".to_owned(), "abort".to_owned(), "loadend".to_owned()][..]),
        "{names:?}"
    );
    assert_eq!(names.iter().filter(|n| *n == "loadstart").count(), 2);
    host.remove();
}

#[wasm_bindgen_test]
async fn refresh_says_whether_it_started_a_load() {
    let host = host();
    host.set_attribute("src", &blob_url(SUMMARY, "application/json")).expect("src");
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    assert!(!widget.refresh(), "the first load is in flight: joined");
    ended.await;
    let ended = next_event(&host, "loadend");
    assert!(widget.refresh(), "idle: a new load");
    ended.await;
    host.remove();
}

#[wasm_bindgen_test]
async fn one_ticker_runs_while_widgets_live() {
    let (before, _) = ticker::census();
    let (a, b) = (host(), host());
    let wa = Widget::new(a.clone(), None).expect("a widget");
    let wb = Widget::new(b.clone(), None).expect("a widget");
    assert_eq!(ticker::census(), (before + 2, true));
    drop(wa);
    drop(wb);
    assert_eq!(ticker::census().0, before);
    pause(0).await;
    if before == 0 {
        assert_eq!(ticker::census(), (0, false), "the last widget stops the interval");
    }
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
fn saved_feeds_are_bounded_in_number_size_and_age() {
    use super::store;
    let storage =
        web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("storage");
    storage.clear().expect("cleared");
    let now = Timestamp::parse("2026-11-22T12:00:00Z").expect("time");
    let url = |n: usize| ["https://status.example/", &n.to_string(), ".json"].concat();
    for n in 0..store::MAX_FEEDS + 3 {
        let at = Timestamp::from_millis(now.as_millis() - 1000 * (20 - n as i64));
        store::save_feed(&url(n), at, &JsString::from(SUMMARY));
    }
    let kept: Vec<usize> =
        (0..store::MAX_FEEDS + 3).filter(|&n| store::feed(&url(n), now).is_some()).collect();
    assert_eq!(kept, (3..store::MAX_FEEDS + 3).collect::<Vec<_>>(), "the newest are kept");
    let saved = store::feed(&url(5), now).expect("saved");
    assert_eq!(String::from(saved.body), SUMMARY);
    // Too big: not kept (and an older copy goes).
    let huge = JsString::from("x").repeat(store::MAX_CHARS as i32 + 1);
    store::save_feed(&url(5), now, &huge);
    assert!(store::feed(&url(5), now).is_none());
    // Too old: not painted.
    let later = Timestamp::from_millis(now.as_millis() + store::MAX_AGE_MS);
    assert!(store::feed(&url(6), later).is_none());
    // Garbage in storage is no saved feed, and goes.
    let key = ["status-widget:feed:", &url(6)].concat();
    storage.set_item(&key, "garbage").expect("set");
    assert!(store::feed(&url(6), now).is_none());
    assert_eq!(storage.get_item(&key).expect("read"), None);
    storage.clear().expect("cleared");
}

#[wasm_bindgen_test]
fn dismissals_are_saved_and_read_back() {
    use super::store;
    use crate::dismiss::{Dismissals, Item, Kind};
    let now = Timestamp::parse("2026-11-22T12:00:00Z").expect("time");
    let url = "https://status.example/dismissed.json";
    let item = Item { kind: Kind::Maintenance, id: "m-\"1\"".into(), severity: 0, changed: now };
    let mut dismissed = Dismissals::default();
    dismissed.dismiss(item.clone(), now);
    store::save_dismissals(url, &dismissed, now);
    assert_eq!(store::dismissals(url, now), dismissed);
    store::save_dismissals(url, &Dismissals::default(), now);
    assert!(store::dismissals(url, now).is_empty());
}

#[wasm_bindgen_test]
fn each_language_speaks_its_own_words_counts_and_direction() {
    let now = Timestamp::parse("2026-11-21T18:00:00Z").expect("time");
    let feed = feed::read(parse(include_str!("../../tests/fixtures/v1/full.json"))).expect("feed");
    let shown = |locale: &str, options: &Options| {
        let speech = speech(locale, "UTC");
        let host = host();
        let root = dom::shadow_root(&host).expect("root");
        let region = dom::announcer(&root).expect("a live region");
        let view = view::render(&feed, options, now, &Context::default());
        dom::show(&root, &region, view.as_ref(), &speech, now).expect("shown");
        let top = region.next_element_sibling().expect("a view");
        let said = (
            top.get_attribute("lang").unwrap_or_default(),
            top.get_attribute("dir").unwrap_or_default(),
            root.text_content().unwrap_or_default(),
        );
        host.remove();
        said
    };
    let banner = Options::default();
    let (lang, dir, text) = shown("de-CH", &banner);
    assert_eq!((lang.as_str(), dir.as_str()), ("de-CH", "ltr"));
    assert!(text.contains("Identifiziert") || text.contains("Ursache"), "{text}");
    let (lang, dir, text) = shown("ar", &banner);
    assert_eq!((lang.as_str(), dir.as_str()), ("ar", "rtl"));
    assert!(!text.contains("Identified"), "{text}");
    // A language without words of ours: English words, its dates.
    let (lang, dir, _) = shown("he", &banner);
    assert_eq!((lang.as_str(), dir.as_str()), ("en", "ltr"));

    // Plural forms by the language's own rules, numbers in its digits.
    let counted =
        |locale: &str, n: u64| speech(locale, "UTC").count(crate::strings::Label::More, n);
    assert_eq!(counted("en", 1), "1 more notice");
    assert_eq!(counted("en", 2), "2 more notices");
    let arabic: Vec<String> = [0, 1, 2, 3, 11, 100].iter().map(|&n| counted("ar", n)).collect();
    for (i, a) in arabic.iter().enumerate() {
        for b in arabic.iter().skip(i + 1) {
            assert_ne!(a, b, "six plural forms: {arabic:?}");
        }
    }
    assert_eq!(counted("ja", 1), counted("ja", 2).replace('2', "1"), "no plural in Japanese");
}

#[wasm_bindgen_test]
async fn the_live_region_is_there_from_the_start_and_says_news_once() {
    let full = include_str!("../../tests/fixtures/v1/full.json");
    let host = host();
    host.set_attribute("src", &blob_url(full, "application/json")).expect("src");
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    let root = host.shadow_root().expect("a root");
    let region = root.query_selector("[aria-live]").expect("query").expect("a live region");
    assert_eq!(region.text_content().as_deref(), Some(""), "silent until the feed is in");
    ended.await;
    assert_eq!(root.query_selector_all("[aria-live]").expect("query").length(), 1);
    let said = region.text_content().unwrap_or_default();
    assert!(said.contains("Delayed deployments"), "{said}");
    // A major incident is said at once.
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("assertive"));
    // The next load of the same feed and the minute's tick say nothing
    // again: the region is not touched.
    let before = region.first_child();
    let ended = next_event(&host, "loadend");
    widget.refresh();
    ended.await;
    crate::web::ticker::tick_now();
    assert!(region.first_child().is_some_and(|c| before.is_some_and(|b| c.is_same_node(Some(&b)))));
    assert_eq!(region.text_content().unwrap_or_default(), said);
    // A second widget of the feed shows it, but the page has heard it.
    let second = self::host();
    second.set_attribute("src", &host.get_attribute("src").unwrap_or_default()).expect("src");
    let shown = next_event(&second, "status-change");
    let other = Widget::new(second.clone(), None).expect("a second widget");
    shown.await;
    let root2 = second.shadow_root().expect("a root");
    assert!(root2.text_content().unwrap_or_default().contains("Delayed deployments"));
    let region2 = root2.query_selector("[aria-live]").expect("query").expect("its live region");
    assert_eq!(region2.text_content().as_deref(), Some(""), "said once per page");
    drop(other);
    second.remove();
    drop(widget);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_group_the_reader_folded_stays_folded_through_a_repaint() {
    let full = include_str!("../../tests/fixtures/v1/full.json");
    let host = host();
    host.set_attribute("src", &blob_url(full, "application/json")).expect("src");
    host.set_attribute("mode", "components").expect("mode");
    let ended = next_event(&host, "loadend");
    let widget = Widget::new(host.clone(), None).expect("a widget");
    ended.await;
    let root = host.shadow_root().expect("root");
    let group = || {
        let details = root.query_selector("details[part=component-group]").expect("query");
        details.expect("a group").unchecked_into::<web_sys::HtmlDetailsElement>()
    };
    assert!(group().open(), "a group in trouble opens");
    group().set_open(false);
    // A new label repaints: the group the reader folded stays folded.
    host.set_attribute("label", "Our services").expect("label");
    widget.update();
    let repainted = || root.query_selector("[aria-label='Our services']").expect("query").is_some();
    for _ in 0..50 {
        if repainted() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert!(repainted(), "repainted with the new label");
    assert!(!group().open(), "still folded");
    host.remove();
}

/// The `status-change` detail is the summary as plain JSON: the same text
/// as the native serialization gives (`null` for what is missing, an
/// item's `page` only when it has one).
#[wasm_bindgen_test]
fn the_summary_becomes_the_detail_field_for_field() {
    use crate::summary::{Item, Summary};
    let item = |url: Option<&str>, page: Option<&str>| Item {
        id: "a".into(),
        title: "<b>\"Slow\"</b> ✓".into(),
        impact: "major",
        status: "identified",
        updated_at: "2026-11-22T16:16:00.000Z".into(),
        url: url.map(Into::into),
        page: page.map(Into::into),
    };
    let summary = Summary {
        page: "Kestrel".into(),
        status: "major",
        description: None,
        incidents: vec![item(Some("https://x.example/a"), None), item(None, Some("Vendor"))],
        maintenance: Vec::new(),
    };
    let json = js_sys::JSON::stringify(&super::widget::summary_js(&summary)).expect("plain JSON");
    assert_eq!(
        String::from(json),
        concat!(
            r#"{"page":"Kestrel","status":"major","description":null,"incidents":["#,
            r#"{"id":"a","title":"<b>\"Slow\"</b> ✓","impact":"major","status":"identified","#,
            r#""updated_at":"2026-11-22T16:16:00.000Z","url":"https://x.example/a"},"#,
            r#"{"id":"a","title":"<b>\"Slow\"</b> ✓","impact":"major","status":"identified","#,
            r#""updated_at":"2026-11-22T16:16:00.000Z","url":null,"page":"Vendor"}],"maintenance":[]}"#
        )
    );
}
