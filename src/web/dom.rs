//! The view tree, made DOM: the only place that creates elements.
//!
//! A tree is written flat ([`Program`]: opcodes, and one string of every
//! text), and the few lines of JavaScript below build it in one call.
//! Feed text becomes text nodes and nothing else; the only attribute values
//! that come from the feed are checked links
//! ([`SafeUrl`](crate::link::SafeUrl)) and the page's name in an
//! `aria-label`, both set with `setAttribute`.
//! The widget's styles live in one constructable stylesheet shared by every
//! widget on the page, adopted by each shadow root (no `<style>` element,
//! so a strict `style-src` needs nothing extra).

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::intl::{Clock, Speech};
use crate::error::{Error, ErrorKind};
use crate::strings::{label_with, pieces, Label, Piece};
use crate::time::Timestamp;
use crate::view::{Attr, Element, Node, Part, Tag, Text, TimeStyle};

/// The widget's stylesheet.
const CSS: &str = include_str!("../style.css");

thread_local! {
    static SHEET: OnceCell<CssStyleSheet> = const { OnceCell::new() };
}

/// The shared stylesheet, built on first use.
fn sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        Ok(cell.get_or_init(|| sheet).clone())
    })
}

/// The host's open shadow root, with the widget's stylesheet adopted: the
/// one it has (an element moved in the page keeps its root) or a new one.
pub(crate) fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, Error> {
    let refused = |e: JsValue| {
        let reason = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        Error::new(ErrorKind::Browser, reason.unwrap_or_else(|| "no shadow root".to_owned()))
    };
    let sheet = sheet().map_err(refused)?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(refused)?,
    };
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(root)
}

#[wasm_bindgen(inline_js = "
const drawn = new WeakMap();
function key(details) {
  const incident = details.parentElement.closest('[part=incident]');
  const title = incident ? incident.querySelector('[part=title]')?.textContent + '\\n' : '';
  return title + (details.querySelector('summary')?.textContent ?? '');
}
function folds(root) {
  const changed = [...root.querySelectorAll('details')].filter((d) => d.open !== drawn.get(d));
  return new Map(changed.map((d) => [key(d), d.open]));
}
function refold(root, folds) {
  for (const d of root.querySelectorAll('details')) {
    drawn.set(d, d.open);
    const open = folds.get(key(d));
    if (open !== undefined) d.open = open;
  }
}
function build(doc, ops, text) {
  const made = doc.createDocumentFragment();
  const open = [made];
  let i = 0, at = 0;
  const take = () => text.slice(at, (at += ops[i++]));
  while (i < ops.length) {
    const op = ops[i++], parent = open[open.length - 1];
    if (op === 0) open.push(parent.appendChild(doc.createElement(take())));
    else if (op === 1) parent.setAttribute(take(), take());
    else if (op === 2) parent.append(take());
    else open.pop();
  }
  return made;
}
function speak(el, lang, dir) {
  el.setAttribute('lang', lang);
  el.setAttribute('dir', dir);
}
export function announcer(root) {
  const region = root.ownerDocument.createElement('div');
  region.setAttribute('class', 'announcer');
  region.setAttribute('part', 'announcer');
  region.setAttribute('aria-live', 'polite');
  root.replaceChildren(region);
  return region;
}
export function show(root, region, ops, text, lang, dir) {
  const was = folds(root);
  const made = build(root.ownerDocument, ops, text);
  const view = made.firstElementChild;
  if (view) {
    speak(view, lang, dir);
    refold(view, was);
  }
  while (root.lastChild && root.lastChild !== region) root.lastChild.remove();
  if (!region.parentNode) root.prepend(region);
  root.append(made);
}
export function say(region, ops, text, live, lang, dir) {
  region.setAttribute('aria-live', live);
  speak(region, lang, dir);
  region.replaceChildren(build(region.ownerDocument, ops, text));
}")]
extern "C" {
    /// The widget's live region: the first child of its shadow root, there
    /// from the start and kept through every repaint (a region added with
    /// its news is not heard). Visually hidden; it only ever says what
    /// [`announce`] gives it.
    #[wasm_bindgen(catch)]
    pub(crate) fn announcer(root: &ShadowRoot) -> Result<web_sys::Element, JsValue>;
    /// Replaces what `root` shows after its live region with what `ops` and
    /// `text` describe (see [`Program`]), its first element in `lang`
    /// written `dir`. A `<details>` the reader opened or folded (no longer
    /// as it was drawn) stays so, found again by what it is about (its
    /// summary, and the title of its incident); the rest follow the view
    /// (a group whose trouble begins opens, one whose trouble ends folds).
    #[wasm_bindgen(catch, js_name = show)]
    fn paint(
        root: &ShadowRoot,
        region: &web_sys::Element,
        ops: &[u32],
        text: &str,
        lang: &str,
        dir: &str,
    ) -> Result<(), JsValue>;
    /// Makes `region` say what `ops` and `text` describe, `live` being its
    /// `aria-live`.
    #[wasm_bindgen(catch)]
    fn say(
        region: &web_sys::Element,
        ops: &[u32],
        text: &str,
        live: &str,
        lang: &str,
        dir: &str,
    ) -> Result<(), JsValue>;
}

/// Says `notices` in the live region: at once (`assertive`) when `urgent`,
/// else when the reader is idle.
pub(crate) fn announce(
    region: &web_sys::Element,
    notices: &[&Node],
    urgent: bool,
    speech: &Speech,
    now: Timestamp,
) -> Result<(), JsValue> {
    let mut program = Program::new(speech, now);
    for notice in notices {
        program.node(notice);
    }
    let live = if urgent { "assertive" } else { "polite" };
    say(region, &program.ops, &program.text, live, &speech.lang, speech.dir())
}

/// Replaces what `root` shows after its live region with `view` (nothing
/// for `None`), in one task: the page never sees a half-drawn widget. A
/// group or a postmortem the reader opened or folded stays so.
pub(crate) fn show(
    root: &ShadowRoot,
    region: &web_sys::Element,
    view: Option<&Node>,
    speech: &Speech,
    now: Timestamp,
) -> Result<(), JsValue> {
    let mut program = Program::new(speech, now);
    if let Some(view) = view {
        program.node(view);
    }
    paint(root, region, &program.ops, &program.text, &speech.lang, speech.dir())
}

/// Marks the `<time>`s that say "how long ago", which [`retime`] updates.
const RELATIVE: &str = "data-relative";

/// Brings every relative time up to `now` ("3 minutes ago" an hour later
/// is "1 hour ago"), writing only the texts that changed.
pub(crate) fn retime(root: &ShadowRoot, clock: &Clock, now: Timestamp) -> Result<(), JsValue> {
    let times = root.query_selector_all(&["time[", RELATIVE, "]"].concat())?;
    for i in 0..times.length() {
        let Some(time) = times.item(i) else { continue };
        let at = time.unchecked_ref::<web_sys::Element>().get_attribute("datetime");
        let Some(at) = at.as_deref().and_then(Timestamp::parse) else {
            continue;
        };
        let text = clock.relative(at, now);
        if time.text_content().as_deref() != Some(text.as_str()) {
            time.set_text_content(Some(&text));
        }
    }
    Ok(())
}

/// Opcodes of a [`Program`].
const OPEN: u32 = 0;
const ATTR: u32 = 1;
const TEXT: u32 = 2;
const CLOSE: u32 = 3;

/// A view tree written flat for the module's `build`, which makes the DOM
/// in one call across the boundary rather than one per element, attribute
/// and text. `ops` is a list of opcodes, each followed by the length (in
/// UTF-16 units, a JavaScript string's) of every string it takes: `OPEN`
/// a tag, `ATTR` a name and a value, `TEXT` a text, `CLOSE` none. The
/// strings are in `text`, one after another in the order taken. Our words
/// and times are put in here, in the widget's language.
struct Program<'a> {
    ops: Vec<u32>,
    text: String,
    speech: &'a Speech,
    now: Timestamp,
}

impl<'a> Program<'a> {
    fn new(speech: &'a Speech, now: Timestamp) -> Self {
        Program { ops: Vec::new(), text: String::new(), speech, now }
    }

    fn clock(&self) -> &'a Clock {
        &self.speech.clock
    }

    fn string(&mut self, s: &str) {
        // A feed is at most 64 MiB, so no length reaches `u32::MAX`.
        self.ops.push(u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX));
        self.text.push_str(s);
    }

    fn open(&mut self, tag: &str) {
        self.ops.push(OPEN);
        self.string(tag);
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.ops.push(ATTR);
        self.string(name);
        self.string(value);
    }

    fn write(&mut self, text: &str) {
        self.ops.push(TEXT);
        self.string(text);
    }

    fn close(&mut self) {
        self.ops.push(CLOSE);
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Element(element) => self.element(element),
            Node::Text(text) => self.text(text),
            Node::Time(at, style) => self.time(*at, *style),
            Node::Phrase(label, args) => {
                for piece in pieces(self.speech.strings.get(*label)) {
                    match piece {
                        Piece::Text(text) => self.write(text),
                        Piece::Arg(i) => {
                            if let Some(arg) = args.get(i) {
                                self.node(arg);
                            }
                        }
                    }
                }
            }
        }
    }

    /// `<time datetime title>`, relative ones marked for [`retime`].
    fn time(&mut self, at: Timestamp, style: TimeStyle) {
        let clock = self.clock();
        self.open("time");
        self.attr("class", Part::Time.as_str());
        self.attr("part", Part::Time.as_str());
        self.attr("datetime", &at.to_iso());
        self.attr("title", &clock.full(at));
        let text = match style {
            TimeStyle::Relative => {
                self.attr(RELATIVE, "");
                clock.relative(at, self.now)
            }
            TimeStyle::Absolute => clock.absolute(at, self.now),
        };
        self.write(&text);
        self.close();
    }

    fn element(&mut self, view: &Element) {
        self.open(view.tag.as_str());
        if view.tag == Tag::Button {
            // Not a form's submit button, should the host wrap us in a form.
            self.attr("type", "button");
        }
        self.attr("class", view.part.as_str());
        self.attr("part", view.part.as_str());
        for attr in &view.attrs {
            match attr {
                Attr::Href(url) => {
                    self.attr("href", url.as_str());
                    self.attr("target", "_blank");
                    self.attr("rel", "noopener noreferrer");
                }
                Attr::Impact(impact) => self.attr("data-impact", impact.as_str()),
                Attr::Status(phase) => self.attr("data-status", phase.as_str()),
                Attr::Label(label, name) => {
                    let label = label_with(self.speech.strings.get(*label), name);
                    self.attr("aria-label", &label);
                }
                Attr::Action(action) => self.attr("data-action", action.as_str()),
                Attr::Condition(status) => self.attr("data-status", status.as_str()),
                Attr::Open => self.attr("open", ""),
                Attr::Name(name) => self.attr("aria-label", name),
            }
        }
        for child in &view.children {
            self.node(child);
        }
        self.close();
    }

    fn text(&mut self, text: &Text) {
        let strings = &self.speech.strings;
        match text {
            Text::Feed(s) => self.write(s),
            Text::Label(label) => self.write(strings.get(*label)),
            Text::Duration(ms) => {
                let duration = self.clock().duration(*ms);
                self.write(&duration);
            }
            Text::Count(label, n) => {
                let (number, category) = self.clock().count(*n);
                let counted = strings.counted(*label, &category).replace("{0}", &number);
                self.write(&counted);
            }
            Text::List(items) => {
                let separator = strings.get(Label::ListSeparator);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.write(separator);
                    }
                    self.write(item);
                }
            }
        }
    }
}
