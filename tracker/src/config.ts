/** What the marketer's script tag says, read once at load. */
export interface Config {
  site: string;
  /** Where envelopes are POSTed: `data-api`, else `/collect` on the script's own origin. */
  api: string;
  /** The script's own URL; `vitals.js` is loaded beside it. */
  src: string;
  /** `data-hash`: the hash is part of the route (hash-routed single-page apps). */
  hash: boolean;
  /** `data-collect-phone`: forms may send a phone number. Off by default: qualifying needs none. */
  phone: boolean;
  /** `data-consent="required"`: send and keep nothing until `tells('consent', true)`. */
  consent: boolean;
}

/**
 * Our own script tag. `currentScript` is exact when it carries `data-site`; the query covers
 * loaders that re-insert the tag (tag managers).
 */
export function findScript(d: Document): HTMLScriptElement | null {
  const c = d.currentScript as HTMLScriptElement | null;
  return (c && c.getAttribute('data-site') ? c : d.querySelector<HTMLScriptElement>('script[data-site][src*="t.js"]')) || c;
}

/**
 * The `data-*` options, `undefined` without `data-site` (a setup mistake). A flag is on when
 * present, unless written out as "false".
 */
export function readConfig(s: HTMLScriptElement): Config | undefined {
  const a = (n: string) => s.getAttribute('data-' + n);
  const flag = (n: string) => (a(n) || 'false') != 'false' || a(n) == '';
  const site = a('site');
  if (site)
    return { site, api: new URL(a('api') || '/collect', s.src).href, src: s.src, hash: flag('hash'), phone: flag('collect-phone'), consent: a('consent') == 'required' };
}
