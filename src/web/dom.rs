//! The view tree, made DOM: the only place that creates elements.
//!
//! Feed text becomes text nodes and nothing else; the only attribute values
//! that come from the feed are checked links
//! ([`SafeUrl`](crate::link::SafeUrl)) and the page's name in an
//! `aria-label`, both set with `setAttribute`.
//! The widget's styles live in one constructable stylesheet shared by every
//! widget on the page, adopted by each shadow root (no `<style>` element,
//! so a strict `style-src` needs nothing extra).

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

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

/// The widget's live region: the first child of its shadow root, there
/// from the start and kept through every repaint (a region added with
/// its news is not heard). Visually hidden; it only ever says what
/// [`announce`] gives it.
pub(crate) fn announcer(root: &ShadowRoot) -> Result<web_sys::Element, JsValue> {
    let doc = root.owner_document().ok_or_else(|| JsValue::from_str("detached"))?;
    let region = doc.create_element("div")?;
    region.set_attribute("class", "announcer")?;
    region.set_attribute("part", "announcer")?;
    region.set_attribute("aria-live", "polite")?;
    root.replace_children_with_node_1(&region);
    Ok(region)
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
    let doc = region.owner_document().ok_or_else(|| JsValue::from_str("detached"))?;
    let builder = Builder { doc: &doc, speech, now };
    region.set_attribute("aria-live", if urgent { "assertive" } else { "polite" })?;
    region.set_attribute("lang", &speech.lang)?;
    region.set_attribute("dir", speech.dir())?;
    let said = doc.create_document_fragment();
    for notice in notices {
        said.append_child(&builder.node(notice)?)?;
    }
    region.replace_children_with_node_1(&said);
    Ok(())
}

#[wasm_bindgen(inline_js = "
const drawn = new WeakMap();
function key(details) {
  const incident = details.parentElement.closest('[part=incident]');
  const title = incident ? incident.querySelector('[part=title]')?.textContent + '\\n' : '';
  return title + (details.querySelector('summary')?.textContent ?? '');
}
export function folds(root) {
  const changed = [...root.querySelectorAll('details')].filter((d) => d.open !== drawn.get(d));
  return new Map(changed.map((d) => [key(d), d.open]));
}
export function refold(root, folds) {
  for (const d of root.querySelectorAll('details')) {
    drawn.set(d, d.open);
    const open = folds.get(key(d));
    if (open !== undefined) d.open = open;
  }
}")]
extern "C" {
    /// The `<details>` under `root` that the reader opened or folded (no
    /// longer as they were drawn), by what each is about (its summary, and
    /// the title of its incident).
    fn folds(root: &ShadowRoot) -> JsValue;
    /// Remembers how each `<details>` under `root` was drawn, then opens or
    /// folds it as `folds` says: the rest follow the view (a group whose
    /// trouble begins opens, one whose trouble ends folds).
    fn refold(root: &web_sys::Element, folds: &JsValue);
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
    let built = match view {
        Some(node) => {
            let doc = root.owner_document().ok_or_else(|| JsValue::from_str("detached"))?;
            let built = Builder { doc: &doc, speech, now }.node(node)?;
            if let Some(el) = built.dyn_ref::<web_sys::Element>() {
                el.set_attribute("lang", &speech.lang)?;
                el.set_attribute("dir", speech.dir())?;
                refold(el, &folds(root));
            }
            Some(built)
        }
        None => None,
    };
    while let Some(last) = root.last_child() {
        if last.is_same_node(Some(region)) {
            break;
        }
        root.remove_child(&last)?;
    }
    if region.parent_node().is_none() {
        root.prepend_with_node_1(region)?;
    }
    if let Some(built) = built {
        root.append_child(&built)?;
    }
    Ok(())
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

struct Builder<'a> {
    doc: &'a Document,
    speech: &'a Speech,
    now: Timestamp,
}

impl Builder<'_> {
    fn clock(&self) -> &Clock {
        &self.speech.clock
    }

    fn node(&self, node: &Node) -> Result<web_sys::Node, JsValue> {
        match node {
            Node::Element(element) => self.element(element).map(Into::into),
            Node::Text(text) => Ok(self.doc.create_text_node(&self.text(text)).into()),
            Node::Time(at, style) => self.time(*at, *style).map(Into::into),
            Node::Phrase(label, args) => {
                let phrase = self.doc.create_document_fragment();
                for piece in pieces(self.speech.strings.get(*label)) {
                    match piece {
                        Piece::Text(text) => phrase.append_with_str_1(text)?,
                        Piece::Arg(i) => {
                            if let Some(arg) = args.get(i) {
                                phrase.append_with_node_1(&self.node(arg)?)?;
                            }
                        }
                    }
                }
                Ok(phrase.into())
            }
        }
    }

    /// `<time datetime title>`, relative ones marked for [`retime`].
    fn time(&self, at: Timestamp, style: TimeStyle) -> Result<web_sys::Element, JsValue> {
        let el = self.doc.create_element("time")?;
        el.set_attribute("class", Part::Time.as_str())?;
        el.set_attribute("part", Part::Time.as_str())?;
        el.set_attribute("datetime", &at.to_iso())?;
        el.set_attribute("title", &self.clock().full(at))?;
        let text = match style {
            TimeStyle::Relative => {
                el.set_attribute(RELATIVE, "")?;
                self.clock().relative(at, self.now)
            }
            TimeStyle::Absolute => self.clock().absolute(at, self.now),
        };
        el.set_text_content(Some(&text));
        Ok(el)
    }

    fn element(&self, view: &Element) -> Result<web_sys::Element, JsValue> {
        let el = self.doc.create_element(view.tag.as_str())?;
        if view.tag == Tag::Button {
            // Not a form's submit button, should the host wrap us in a form.
            el.set_attribute("type", "button")?;
        }
        el.set_attribute("class", view.part.as_str())?;
        el.set_attribute("part", view.part.as_str())?;
        for attr in &view.attrs {
            match attr {
                Attr::Href(url) => {
                    el.set_attribute("href", url.as_str())?;
                    el.set_attribute("target", "_blank")?;
                    el.set_attribute("rel", "noopener noreferrer")?;
                }
                Attr::Impact(impact) => el.set_attribute("data-impact", impact.as_str())?,
                Attr::Status(phase) => el.set_attribute("data-status", phase.as_str())?,
                Attr::Label(label, name) => {
                    el.set_attribute(
                        "aria-label",
                        &label_with(self.speech.strings.get(*label), name),
                    )?;
                }
                Attr::Action(action) => el.set_attribute("data-action", action.as_str())?,
                Attr::Condition(status) => el.set_attribute("data-status", status.as_str())?,
                Attr::Open => el.set_attribute("open", "")?,
                Attr::Name(name) => el.set_attribute("aria-label", name)?,
            }
        }
        for child in &view.children {
            el.append_child(&self.node(child)?)?;
        }
        Ok(el)
    }

    fn text(&self, text: &Text) -> String {
        let strings = &self.speech.strings;
        match text {
            Text::Feed(s) => s.clone(),
            Text::Label(label) => strings.get(*label).to_owned(),
            Text::Duration(ms) => self.clock().duration(*ms),
            Text::Count(label, n) => {
                let (number, category) = self.clock().count(*n);
                strings.counted(*label, &category).replace("{0}", &number)
            }
            Text::List(items) => items.join(strings.get(Label::ListSeparator)),
        }
    }
}
