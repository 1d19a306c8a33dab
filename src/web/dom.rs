//! The view tree, made DOM: the only place that creates elements. A tree
//! is written [`Flat`] and `src/js/shell.js` builds it in one call; feed text
//! becomes text nodes, and attribute values from the feed (a checked link,
//! the page's name) are set with `setAttribute`. One constructable
//! stylesheet is shared by every widget (no `<style>`: a strict `style-src`
//! needs nothing extra).

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::intl::Speech;
use crate::error::{Error, ErrorKind};
use crate::time::Timestamp;
use crate::view::flat::Voice;
use crate::view::flat::{Flat, RELATIVE};
use crate::view::Node;

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

/// The host's open shadow root (the one it has, if moved), with the
/// widget's stylesheet adopted.
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

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// The live region, first in the shadow root from the start and kept
    /// through every repaint (a region added with its news is not heard).
    #[wasm_bindgen(catch)]
    pub(crate) fn announcer(root: &ShadowRoot) -> Result<web_sys::Element, JsValue>;
    /// Replaces what `root` shows after its live region with a [`Flat`]
    /// view; a `<details>` the reader opened or folded stays so.
    #[wasm_bindgen(catch, js_name = show)]
    fn paint(
        root: &ShadowRoot,
        region: &web_sys::Element,
        ops: &[u32],
        text: &str,
        lang: &str,
        dir: &str,
    ) -> Result<(), JsValue>;
    /// Makes `region` say a [`Flat`] view, `live` being its `aria-live`.
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
    notices: &[Node],
    urgent: bool,
    speech: &Speech,
    now: Timestamp,
) -> Result<(), JsValue> {
    let flat = Flat::of(notices, speech, now);
    let live = if urgent { "assertive" } else { "polite" };
    say(region, &flat.ops, &flat.text, live, &speech.lang, speech.dir())
}

/// Replaces what `root` shows after its live region with `view`, in one
/// call: the page never sees a half-drawn widget.
pub(crate) fn show(
    root: &ShadowRoot,
    region: &web_sys::Element,
    view: Option<&Node>,
    speech: &Speech,
    now: Timestamp,
) -> Result<(), JsValue> {
    let flat = Flat::of(view, speech, now);
    paint(root, region, &flat.ops, &flat.text, &speech.lang, speech.dir())
}

/// Brings every relative time up to `now` ("3 minutes ago" an hour later
/// is "1 hour ago"), writing only the texts that changed.
pub(crate) fn retime(root: &ShadowRoot, speech: &Speech, now: Timestamp) -> Result<(), JsValue> {
    let times = root.query_selector_all(&["time[", RELATIVE, "]"].concat())?;
    for i in 0..times.length() {
        let Some(time) = times.item(i) else { continue };
        let at = time.unchecked_ref::<web_sys::Element>().get_attribute("datetime");
        let Some(at) = at.as_deref().and_then(Timestamp::parse) else {
            continue;
        };
        let text = speech.relative(at, now);
        if time.text_content().as_deref() != Some(text.as_str()) {
            time.set_text_content(Some(&text));
        }
    }
    Ok(())
}
