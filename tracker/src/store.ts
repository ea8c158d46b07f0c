/**
 * A small JSON store over localStorage that can fall back to page memory. Every storage call
 * is guarded: localStorage can be missing, throw on access (sandboxed iframes, blocked
 * cookies) or throw on write (quota), and none of that may reach the host page. Values are
 * read afresh each time: another tab of the visitor may have written since.
 */

/** Every key the tracker writes starts with this, so revoking consent can find them all. */
export const PREFIX = 'tells_';

let mem: Record<string, unknown> = {};
let on = true;

/** A stored value: from localStorage while persistence is on, else from page memory. */
export const get = <T>(k: string): T | undefined => {
  try {
    const v = on && localStorage.getItem(PREFIX + k);
    if (v) return JSON.parse(v);
  } catch {}
  return mem[k] as T | undefined;
};

/** Stores and returns `v`: in page memory, and in localStorage while persistence is on. */
export const set = <T>(k: string, v: T): T => {
  mem[k] = v;
  try {
    if (on) localStorage.setItem(PREFIX + k, JSON.stringify(v));
  } catch {}
  return v;
};

/**
 * Turns localStorage on or off. While off (privacy mode, consent pending) everything lives in
 * page memory only; turning it on writes what memory holds, so nothing of this page is lost.
 * `fresh`: page memory starts empty, so nothing read from storage before is used.
 */
export const persist = (o: boolean, fresh?: boolean) => {
  on = o;
  if (fresh) mem = {};
  for (const k in mem) set(k, mem[k]);
};

/** Forgets everything: page memory and every `tells_` key in localStorage. */
export const wipe = () => {
  mem = {};
  try {
    for (const k of Object.keys(localStorage)) if (!k.indexOf(PREFIX)) localStorage.removeItem(k);
  } catch {}
};
