// Scheduling for src/web/mod.rs: a task of its own, and idle time that a page going away does
// not lose.

/** Calls `task` (called once) when the page is idle, or as it is hidden or left, if sooner. */
export function idle(task) {
  const run = () => {
    removeEventListener("pagehide", run);
    document.removeEventListener("visibilitychange", run);
    const once = task;
    task = null;
    once?.();
  };
  addEventListener("pagehide", run);
  document.addEventListener("visibilitychange", run);
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run);
}

/** Calls `task` in a 0 ms timer. */
export function timer(task) {
  setTimeout(task);
}
