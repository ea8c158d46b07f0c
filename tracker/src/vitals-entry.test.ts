// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Metric } from 'web-vitals';

const handlers: ((m: Metric) => void)[] = [];
vi.mock('web-vitals', () => {
  const on = (cb: (m: Metric) => void) => void handlers.push(cb);
  return { onCLS: on, onFCP: on, onINP: on, onLCP: on, onTTFB: on };
});

const w = window as unknown as { tells?: { v?: unknown } };
const metric = (name: string, value: number, rating = 'good') => ({ name, value, rating }) as Metric;

beforeEach(async () => {
  handlers.length = 0;
  vi.resetModules();
  await import('./vitals-entry.ts');
});
afterEach(() => delete w.tells);

describe('vitals.js', () => {
  it('measures all five metrics', () => {
    expect(handlers).toHaveLength(5);
  });

  it('hands each value to the core, rounded (CLS to 4 decimals)', () => {
    const v = vi.fn();
    w.tells = { v };
    handlers[0]!(metric('LCP', 1234.56));
    handlers[0]!(metric('CLS', 0.123456, 'needs-improvement'));
    expect(v.mock.calls).toEqual([
      ['LCP', 1235, 'good'],
      ['CLS', 0.1235, 'needs-improvement'],
    ]);
  });

  it('does nothing, and throws nothing, without a working core', () => {
    expect(() => handlers[0]!(metric('FCP', 10))).not.toThrow();
    w.tells = { v: 'not a function' };
    expect(() => handlers[0]!(metric('FCP', 10))).not.toThrow();
    w.tells = {
      v: () => {
        throw new Error('core broke');
      },
    };
    expect(() => handlers[0]!(metric('FCP', 10))).not.toThrow();
  });
});
