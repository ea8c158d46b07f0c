const asked: Record<string, 1> = {};

/**
 * Loads one of our own extra files (`ext.js`, `vitals.js`) from beside `t.js`, once: same
 * origin as the core, so a CSP that allows the core allows them, and never a third-party host.
 */
export function loadScript(d: Document, file: string, coreSrc: string): void {
  if (!asked[file]) {
    asked[file] = 1;
    const s = d.createElement('script');
    s.src = new URL(file, coreSrc).href;
    d.documentElement.appendChild(s);
  }
}
