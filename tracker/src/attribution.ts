import type { AttributionKey } from '../../shared/wire.ts';
import { CLICK_IDS, stripClickIds } from './privacy.ts';

/** First-touch attribution as sent in the envelope's `ft`. */
export type Attribution = Partial<Record<AttributionKey, string>>;

const UTM = ['source', 'medium', 'campaign', 'term', 'content'].map((k) => 'utm_' + k);

/**
 * Where this page view came from: UTM parameters, ad click ids (not in privacy mode), the
 * referrer when it is another host, and the landing URL.
 */
export function attribution(href: string, referrer: string, priv: boolean): Attribution {
  const u = new URL(href);
  const a: Attribution = {};
  for (const k of priv ? UTM : UTM.concat(CLICK_IDS)) {
    const v = u.searchParams.get(k);
    if (v) a[k as AttributionKey] = v.slice(0, 2048);
  }
  try {
    // Internal navigation is not a source. No referrer is the usual case: skip the throw.
    if (referrer && new URL(referrer).host != u.host) a.referrer = referrer.slice(0, 2048);
  } catch {}
  a.landing = (priv ? stripClickIds(href) : href).slice(0, 2048);
  return a;
}
