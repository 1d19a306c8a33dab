// One clock for every widget on the page, for src/web/ticker.rs: one interval, running only while
// some widget listens to it.

const PERIOD_MS = 60000;
const ticks = new Set();
let interval = null;

function tick() {
  // A copy: a widget may go, or come, meanwhile.
  for (const listener of [...ticks]) listener();
}

/** Calls `listener` once a minute until the function returned is called. */
export function listen(listener) {
  ticks.add(listener);
  interval ??= setInterval(tick, PERIOD_MS);
  return () => {
    ticks.delete(listener);
    if (ticks.size === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

/** How many listen, and whether the interval runs (for the tests). */
export function census() {
  return [ticks.size, interval !== null];
}

/** Tells every widget the time now, as the minute's tick does (for the tests). */
export function tickNow() {
  tick();
}
