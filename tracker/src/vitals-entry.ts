/**
 * Entry of `dist/vitals.js`, which ext.js loads: measures LCP, INP, CLS, FCP and TTFB with
 * `web-vitals` (from buffered performance entries, so loading after the page loses little) and
 * hands each final value to the core through `window.tells.v`, which ext.js sets. Looked up at
 * report time; if the tracker is missing or disabled, the value is silently dropped.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';

type Reporter = (name: string, value: number, rating: string) => void;

export function report(m: Metric): void {
  try {
    const v = (window as unknown as { tells?: { v?: Reporter } }).tells;
    // CLS is a unitless score around 0.1: rounding to an integer would erase it.
    if (v && typeof v.v == 'function') v.v(m.name, m.name == 'CLS' ? Math.round(m.value * 1e4) / 1e4 : Math.round(m.value), m.rating);
  } catch {}
}

try {
  for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(report);
} catch {}
