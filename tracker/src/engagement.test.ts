// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let eng: typeof import('./engagement.ts');
let hidden = false;
let focused = true;

beforeEach(async () => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  hidden = false;
  focused = true;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'));
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused && !hidden);
  vi.resetModules();
  eng = await import('./engagement.ts');
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const input = () => window.dispatchEvent(new Event('keydown'));
const wait = (ms: number) => vi.advanceTimersByTime(ms);
const setHidden = (h: boolean) => {
  hidden = h;
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('engagement', () => {
  it('counts visible, focused time with input', () => {
    eng.watchEngagement(window, Date.now());
    for (let i = 0; i < 6; i++) wait(10_000), input();
    expect(eng.takeEngagement()!.engagedMs).toBe(60_000);
  });

  it('goes idle 30 s after the last input', () => {
    eng.watchEngagement(window, Date.now());
    wait(5_000);
    input();
    wait(100_000);
    expect(eng.takeEngagement()!.engagedMs).toBe(5_000 + eng.IDLE_MS);
  });

  it('gives a single-page visit its real duration', () => {
    eng.watchEngagement(window, Date.now());
    wait(12_000);
    setHidden(true);
    expect(eng.takeEngagement()!.engagedMs).toBe(12_000);
  });

  it('stops while hidden or blurred and reports the page total when it grew', () => {
    eng.watchEngagement(window, Date.now());
    wait(10_000);
    setHidden(true);
    wait(60_000);
    expect(eng.takeEngagement()!.engagedMs).toBe(10_000);
    setHidden(false);
    wait(5_000);
    focused = false;
    window.dispatchEvent(new Event('blur'));
    wait(60_000);
    expect(eng.takeEngagement()!.engagedMs).toBe(15_000);
    expect(eng.takeEngagement()).toBeUndefined();
  });

  it('starts the total afresh on an SPA route change', () => {
    eng.watchEngagement(window, Date.now());
    wait(4_000);
    expect(eng.takeEngagement(true)!.engagedMs).toBe(4_000);
    wait(2_000);
    expect(eng.takeEngagement()!.engagedMs).toBe(2_000);
  });

  it('counts from when the core started, if the page is engaged now', () => {
    const start = Date.now();
    wait(2_000);
    eng.watchEngagement(window, start);
    wait(1_000);
    expect(eng.takeEngagement()!.engagedMs).toBe(3_000);
  });

  it('tracks the deepest scroll, afresh for each SPA page', () => {
    vi.spyOn(document.documentElement, 'scrollHeight', 'get').mockReturnValue(4000);
    Object.assign(window, { innerHeight: 1000, scrollY: 0 });
    eng.watchEngagement(window, Date.now());
    Object.assign(window, { scrollY: 1000 });
    window.dispatchEvent(new Event('scroll'));
    Object.assign(window, { scrollY: 200 });
    window.dispatchEvent(new Event('scroll'));
    expect(eng.takeEngagement(true)!.scrollPct).toBe(50);
    expect(eng.takeEngagement()!.scrollPct).toBe(30);
  });

  it('listens passively and reads no layout at start', () => {
    const add = vi.spyOn(window, 'addEventListener');
    const height = vi.spyOn(document.documentElement, 'scrollHeight', 'get');
    eng.watchEngagement(window, Date.now());
    expect(add).toHaveBeenCalled();
    for (const call of add.mock.calls) expect(call[2]).toMatchObject({ passive: true });
    expect(height).not.toHaveBeenCalled();
  });
});
