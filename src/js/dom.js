// The DOM of src/web/dom.rs: a view tree written flat (opcodes and one string of its texts) is
// built in one call. Feed text becomes text nodes and attribute values set with setAttribute,
// nothing else.

const OPEN = 0;
const ATTR = 1;
const TEXT = 2;

// What each <details> was drawn as, to tell what the reader opened or folded since.
const drawn = new WeakMap();

// A <details> found again after a repaint: its summary, under the title of its incident.
function key(details) {
  const incident = details.parentElement.closest("[part=incident]");
  const title = incident ? incident.querySelector("[part=title]")?.textContent + "\n" : "";
  return title + (details.querySelector("summary")?.textContent ?? "");
}

function folds(root) {
  const changed = [...root.querySelectorAll("details")].filter((d) => d.open !== drawn.get(d));
  return new Map(changed.map((d) => [key(d), d.open]));
}

function refold(root, folds) {
  for (const d of root.querySelectorAll("details")) {
    drawn.set(d, d.open);
    const open = folds.get(key(d));
    if (open !== undefined) d.open = open;
  }
}

function build(doc, ops, text) {
  const made = doc.createDocumentFragment();
  const open = [made];
  let i = 0;
  let at = 0;
  const take = () => text.slice(at, (at += ops[i++]));
  while (i < ops.length) {
    const op = ops[i++];
    const parent = open[open.length - 1];
    if (op === OPEN) open.push(parent.appendChild(doc.createElement(take())));
    else if (op === ATTR) parent.setAttribute(take(), take());
    else if (op === TEXT) parent.append(take());
    else open.pop();
  }
  return made;
}

function speak(el, lang, dir) {
  el.setAttribute("lang", lang);
  el.setAttribute("dir", dir);
}

/** The widget's live region, first in `root`, visually hidden. */
export function announcer(root) {
  const region = root.ownerDocument.createElement("div");
  region.setAttribute("class", "announcer");
  region.setAttribute("part", "announcer");
  region.setAttribute("aria-live", "polite");
  root.replaceChildren(region);
  return region;
}

/**
 * Replaces what `root` shows after its live region with what `ops` and `text` describe, its
 * first element in `lang` written `dir`. A <details> the reader opened or folded stays so.
 */
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

/** Makes `region` say what `ops` and `text` describe, `live` being its `aria-live`. */
export function say(region, ops, text, live, lang, dir) {
  region.setAttribute("aria-live", live);
  speak(region, lang, dir);
  region.replaceChildren(build(region.ownerDocument, ops, text));
}
