/** What the marketer's script tag says, read once at load. */
export interface Config {
  site: string;
  /** Where envelopes are POSTed: `data-api`, else `/collect` on the script's own origin. */
  api: string;
  /** The script's own URL; `ext.js` and `vitals.js` are loaded beside it. */
  src: string;
  /** `data-hash`: the hash is part of the route (hash-routed single-page apps). */
  hash: boolean;
  /** `data-collect-phone`: forms may send a phone number. Off by default: qualifying needs none. */
  phone: boolean;
  /** `data-consent="required"`: send and keep nothing until `tells('consent', true)`. */
  consent: boolean;
}

/** A flag is on when present, unless written out as "false". */
const flag = (v?: string) => v != null && v != 'false';

/**
 * The options of our own script tag; `undefined` without `data-site`, a setup mistake.
 * `currentScript` is our tag while it runs; the query covers the rare loader that runs us
 * without one.
 */
export function readConfig(d: Document): Config | undefined {
  const s = (d.currentScript || d.querySelector('script[data-site][src*="t.js"]')) as HTMLScriptElement | null;
  const o = s && s.dataset;
  if (o && o.site) return { site: o.site, api: new URL(o.api || '/collect', s.src).href, src: s.src, hash: flag(o.hash), phone: flag(o.collectPhone), consent: o.consent == 'required' };
}
