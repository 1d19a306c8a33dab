// The page's localStorage, for src/web/store.rs. Storage is the host's: every value is
// "<ms>\n<value>", and storage that is full, blocked or missing keeps nothing of ours rather
// than failing the host.

function storage() {
  try {
    // Blocked storage (sandboxed frames, some privacy settings) throws.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Removes `key`. */
export function remove(key) {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** The instant and the value saved under `key`, as `[ms, value]`; anything else there goes. */
export function read(key) {
  let value = null;
  try {
    value = storage()?.getItem(key) ?? null;
  } catch {
    return undefined;
  }
  if (value === null) return undefined;
  const newline = value.indexOf("\n");
  const at = newline < 0 ? NaN : Number(value.slice(0, newline));
  if (Number.isSafeInteger(at)) return [at, value.slice(newline + 1)];
  remove(key);
  return undefined;
}

/**
 * Writes `value`, of the instant `at` (ms), under `key`, first removing the oldest keys that
 * start with `prefix` so that at most `max` remain with it.
 */
export function write(prefix, key, at, value, max) {
  const store = storage();
  if (!store) return;
  const ours = [];
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (name?.startsWith(prefix) && name !== key) ours.push([read(name)?.[0] ?? 0, name]);
  }
  ours.sort((a, b) => b[0] - a[0]);
  for (const [, name] of ours.slice(Math.max(0, max - 1))) remove(name);
  try {
    store.setItem(key, `${at}\n${value}`);
  } catch {
    remove(key);
  }
}
