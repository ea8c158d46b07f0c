import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { watchRoutes } from './pageviews.ts';

/** What the back button fires (after the URL has changed). */
const popstate = (w: globalThis.Window) => w.dispatchEvent(new (w as unknown as typeof globalThis).PopStateEvent('popstate'));

/** A fresh page, so every test has its own history to patch. */
function page(url = 'https://site.example/a?x=1') {
  const w = new Window({ url }) as unknown as globalThis.Window;
  const onRoute = vi.fn();
  return { w, h: w.history, onRoute };
}

describe('watchRoutes', () => {
  it('fires on pushState to another path or query, not to the same URL', () => {
    const { w, h, onRoute } = page();
    watchRoutes(w, false, onRoute);
    h.pushState({}, '', '/b');
    h.pushState({}, '', '/b?tab=2');
    h.pushState({ s: 1 }, '', '/b?tab=2');
    expect(onRoute).toHaveBeenCalledTimes(2);
  });

  it('fires on replaceState only when the path changes', () => {
    const { w, h, onRoute } = page();
    watchRoutes(w, false, onRoute);
    h.replaceState({ s: 1 }, '', '/a?x=2');
    expect(onRoute).not.toHaveBeenCalled();
    h.replaceState({}, '', '/c');
    expect(onRoute).toHaveBeenCalledOnce();
  });

  it('fires on popstate to another route', () => {
    const { w, h, onRoute } = page();
    const unpatchedReplace = h.replaceState;
    watchRoutes(w, false, onRoute);
    h.pushState({}, '', '/b');
    onRoute.mockClear();
    // The back button: the URL is already the previous one when popstate fires.
    unpatchedReplace.call(h, {}, '', '/a?x=1');
    popstate(w);
    expect(onRoute).toHaveBeenCalledOnce();
    // An anchor jump also fires popstate, but is the same page.
    unpatchedReplace.call(h, {}, '', '/a?x=1#faq');
    popstate(w);
    expect(onRoute).toHaveBeenCalledOnce();
  });

  it('treats the hash as the same page, unless hash routing is on', () => {
    const plain = page();
    watchRoutes(plain.w, false, plain.onRoute);
    plain.h.pushState({}, '', '/a?x=1#section');
    expect(plain.onRoute).not.toHaveBeenCalled();

    const hashed = page();
    watchRoutes(hashed.w, true, hashed.onRoute);
    hashed.h.pushState({}, '', '/a?x=1#/settings');
    expect(hashed.onRoute).toHaveBeenCalledOnce();
  });

  it('is idempotent: a second install swaps the callback and nothing fires twice', () => {
    const { w, h } = page();
    const first = vi.fn();
    const second = vi.fn();
    watchRoutes(w, false, first);
    const patched = h.pushState;
    watchRoutes(w, false, second);
    expect(h.pushState).toBe(patched);
    h.pushState({}, '', '/b');
    popstate(w);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
  });

  it('chains to a patch installed before it and keeps working under one installed after it', () => {
    const { w, h, onRoute } = page();
    const before = vi.fn();
    const orig = h.pushState;
    h.pushState = function (this: History, ...a: Parameters<History['pushState']>) {
      before(a[2]);
      return orig.apply(this, a);
    };
    watchRoutes(w, false, onRoute);
    const ours = h.pushState;
    const after = vi.fn();
    h.pushState = function (this: History, ...a: Parameters<History['pushState']>) {
      after(a[2]);
      return ours.apply(this, a);
    };
    h.pushState({}, '', '/b');
    expect(before).toHaveBeenCalledWith('/b');
    expect(after).toHaveBeenCalledWith('/b');
    expect(onRoute).toHaveBeenCalledOnce();
    expect(w.location.pathname).toBe('/b');
  });

  it('fires at once when the path changed since the last view counted', () => {
    const moved = page('https://site.example/b?x=1');
    watchRoutes(moved.w, false, moved.onRoute, 'https://site.example/a?x=1');
    expect(moved.onRoute).toHaveBeenCalledOnce();
    // Only the query rewritten (routers do so at start): the same page.
    const same = page('https://site.example/a?x=2');
    watchRoutes(same.w, false, same.onRoute, 'https://site.example/a?x=1');
    expect(same.onRoute).not.toHaveBeenCalled();
  });

  it('lets the page navigate even when the callback throws', () => {
    const { w, h } = page();
    watchRoutes(w, false, () => {
      throw new Error('boom');
    });
    expect(() => h.pushState({}, '', '/b')).not.toThrow();
    expect(w.location.pathname).toBe('/b');
  });
});
