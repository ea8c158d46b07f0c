// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let store: typeof import('./store.ts');
beforeEach(async () => {
  localStorage.clear();
  vi.resetModules();
  store = await import('./store.ts');
});
afterEach(() => vi.restoreAllMocks());

describe('store', () => {
  it('keeps JSON values under the tells_ prefix', () => {
    expect(store.set('x', { a: [1] })).toEqual({ a: [1] });
    expect(localStorage.getItem('tells_x')).toBe('{"a":[1]}');
    expect(store.get('x')).toEqual({ a: [1] });
  });

  it('reads what another tab wrote', () => {
    localStorage.setItem('tells_v', '"from-elsewhere"');
    expect(store.get('v')).toBe('from-elsewhere');
  });

  it('writes nothing while persistence is off, and everything once it is on', () => {
    store.persist(false);
    store.set('v', 'abc');
    expect(store.get('v')).toBe('abc');
    expect(localStorage.length).toBe(0);
    store.persist(true);
    expect(localStorage.getItem('tells_v')).toBe('"abc"');
  });

  it('can start page memory fresh, using nothing read before', () => {
    store.persist(false);
    store.set('v', 'abc');
    store.persist(false, true);
    expect(store.get('v')).toBeUndefined();
  });

  it('wipes its own keys only', () => {
    localStorage.setItem('site_key', 'keep');
    store.set('v', 1);
    store.set('q', []);
    store.wipe();
    expect(Object.keys(localStorage)).toEqual(['site_key']);
    expect(store.get('v')).toBeUndefined();
  });

  it('swallows quota errors and keeps the value in memory', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => store.set('q', [1, 2])).not.toThrow();
    expect(store.get('q')).toEqual([1, 2]);
  });

  it('survives a localStorage that throws on access and a corrupt value', () => {
    localStorage.setItem('tells_s', '{not json');
    expect(store.get('s')).toBeUndefined();
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    store.set('s', 'mem');
    expect(store.get('s')).toBe('mem');
  });
});
