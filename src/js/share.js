// What the tabs of a browser share about a feed, for src/web/share.rs: the Web Lock that elects
// the tab polling it for all, and the BroadcastChannel on which they tell each other what they
// fetched.

/**
 * Joins the channel `name`: `heard` receives what other tabs post. Returns the channel, or
 * undefined where the browser has none (or refuses one, as in an opaque origin).
 */
export function join(name, heard) {
  let channel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    return undefined;
  }
  channel.onmessage = (event) => heard(event.data);
  return channel;
}

/**
 * Asks for the lock `name`: `settled(true)` once this tab holds it, `settled(false)` if the
 * browser refuses it later. Returns the function that gives it up (releases it, or withdraws the
 * request), or undefined where the browser has no Web Locks or refuses at once.
 */
export function claim(name, settled) {
  const locks = globalThis.navigator?.locks;
  if (typeof locks?.request !== "function") return undefined;
  const withdraw = new AbortController();
  let release;
  let given = false;
  const held = new Promise((resolve) => (release = resolve));
  const granted = () => {
    // Given up meanwhile: let go at once.
    if (given) return undefined;
    settled(true);
    return held;
  };
  try {
    locks.request(name, { signal: withdraw.signal }, granted).catch(() => {
      // Withdrawn, or released, is our own doing; anything else is not.
      if (!given) settled(false);
    });
  } catch {
    return undefined;
  }
  return () => {
    given = true;
    release();
    withdraw.abort();
  };
}
