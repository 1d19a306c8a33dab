// The states page: under each <status-widget data-demo>, its `state` attribute, the events it
// fired, its height in the layout, and what its status-change or error said. Runs after
// status-widget.mjs (module scripts run in order), before the widget's .wasm has loaded, so no
// event is missed; the state is also watched with a MutationObserver.

const EVENTS = ["loadstart", "load", "error", "loadend", "status-change"];

for (const widget of document.querySelectorAll("status-widget[data-demo]")) {
  const readout = document.querySelector(`.readout[data-for="${widget.id}"]`);
  if (!readout) continue;
  const field = (name) => readout.querySelector(`[data-field="${name}"]`);
  const seen = [];

  const showState = () => {
    const state = widget.getAttribute("state");
    const target = field("state");
    target.textContent = "";
    const pill = document.createElement("span");
    pill.className = "pill";
    pill.dataset.state = state || "";
    pill.textContent = state == null ? "(no attribute)" : `state="${state}"`;
    target.append(pill);
  };

  // Is the light-DOM fallback content laid out (visible), or hidden by the shadow root?
  const showFallback = () => {
    const target = field("fallback");
    const fallback = widget.querySelector(".fallback");
    if (!target || !fallback) return;
    const visible = fallback.getClientRects().length > 0;
    target.textContent = visible
      ? "visible"
      : "hidden: the element has a shadow root that does not show its children";
  };

  const showHeight = () => {
    const height = widget.getBoundingClientRect().height;
    const shown = widget.shadowRoot ? widget.shadowRoot.childElementCount : 0;
    field("height").textContent =
      `${Math.round(height)} px in the page` + (shown ? "" : "; nothing rendered in its shadow root");
  };

  new MutationObserver(showState).observe(widget, { attributes: true, attributeFilter: ["state"] });
  showState();

  for (const name of EVENTS) {
    widget.addEventListener(name, (event) => {
      seen.push(name);
      field("events").textContent = seen.slice(-8).join(" → ");
      if (name === "status-change" && field("status")) {
        const d = event.detail || {};
        const items = [...(d.incidents || []), ...(d.maintenance || [])].map((i) => i.title);
        field("status").textContent = `"${d.status}"` + (items.length ? `: ${items.join("; ")}` : "");
      }
      if (name === "error" && field("message")) {
        field("message").textContent = (event.detail && event.detail.message) || "(no message)";
      }
      if (name === "loadend") {
        showState();
        if (field("status") && !seen.includes("status-change")) {
          field("status").textContent = "no status-change fired (nothing shown, nothing changed)";
        }
        // After the paint that follows the load.
        requestAnimationFrame(() => {
          showHeight();
          showFallback();
        });
      }
    });
  }
}
