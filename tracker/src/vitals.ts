/**
 * Core side of Core Web Vitals. The measuring code (the `web-vitals` package) is a second
 * file, `vitals.js`, loaded from the same origin as `t.js` once the page has loaded, so it
 * neither counts against the core's size budget nor competes with the page for bandwidth.
 * It reports through `tells.v(name, value, rating)`, see `vitals-entry.ts`.
 */
export function loadVitals(d: Document, scriptSrc: string): void {
  const s = d.createElement('script');
  s.src = new URL('vitals.js', scriptSrc).href;
  s.async = true;
  (d.head || d.documentElement).appendChild(s);
}
