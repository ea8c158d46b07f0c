// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../shared/wire.ts';

let ids: typeof import('./ids.ts');
beforeEach(async () => {
  localStorage.clear();
  vi.resetModules();
  ids = await import('./ids.ts');
});

const T = Date.UTC(2026, 0, 1);

describe('eventId', () => {
  it('is a wire token', () => {
    const id = ids.eventId(T);
    expect(id).toMatch(/^[A-Za-z0-9_.:-]+$/);
    expect(id.length).toBeLessThanOrEqual(LIMITS.maxIdLength);
  });

  it('sorts by time, then by creation order within a millisecond', () => {
    const made = [ids.eventId(T + 5), ids.eventId(T + 5), ids.eventId(T + 5), ids.eventId(T + 1000), ids.eventId(T + 100_000_000)];
    expect([...made].sort()).toEqual(made);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => ids.eventId(T)));
    expect(seen.size).toBe(10_000);
  });
});

describe('visitor and session', () => {
  it('keeps one visitor id', () => {
    const v = ids.visitorId();
    expect(v).toMatch(/^[a-z0-9]{16}$/);
    expect(ids.visitorId()).toBe(v);
    expect(localStorage.getItem('tells_v')).toBe(JSON.stringify(v));
  });

  it('keeps the session while active and rotates it after 30 idle minutes', () => {
    const s = ids.sessionId(T);
    expect(ids.sessionId(T + 29 * 60_000)).toBe(s);
    // Activity at +29 min moved the deadline.
    expect(ids.sessionId(T + 58 * 60_000)).toBe(s);
    const next = ids.sessionId(T + 58 * 60_000 + ids.SESSION_IDLE_MS + 1);
    expect(next).not.toBe(s);
  });

  it('keeps the latest time when an earlier event is stored late', () => {
    localStorage.setItem('tells_s', JSON.stringify(['sess', T + 10_000]));
    expect(ids.sessionId(T)).toBe('sess');
    expect(JSON.parse(localStorage.getItem('tells_s')!)).toEqual(['sess', T + 10_000]);
  });

  it('rotates a malformed stored session', () => {
    localStorage.setItem('tells_s', '"garbage"');
    expect(ids.sessionId(T)).toMatch(/^[a-z0-9]{12}$/);
  });
});
