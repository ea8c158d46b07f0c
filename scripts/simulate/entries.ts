/** How a visit arrives: the referrer and UTM tags of each traffic source. */
import type { AttributionKey } from '../../shared/wire.ts';

/** First-touch attribution, as the tracker keeps it in the envelope's `ft`. */
export type Attribution = Partial<Record<AttributionKey, string>>;

/** Where a session comes from: the landing page's referrer and its UTM query. */
export interface Entry {
  referrer?: string;
  utm?: Attribution;
}

/** The traffic sources the journeys pick from. */
export const entries = {
  organic: { referrer: 'https://www.google.com/' },
  linkedinAd: { referrer: 'https://www.linkedin.com/', utm: { utm_source: 'linkedin', utm_medium: 'paid-social', utm_campaign: 'sre-abm-q4' } },
  googleAd: { referrer: 'https://www.google.com/', utm: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'incident-automation', utm_term: 'incident management software' } },
  g2: { referrer: 'https://www.g2.com/categories/incident-management' },
  hackerNews: { referrer: 'https://news.ycombinator.com/' },
  reddit: { referrer: 'https://www.reddit.com/r/sre/' },
  twitter: { referrer: 'https://t.co/' },
  linkedin: { referrer: 'https://www.linkedin.com/' },
  newsletter: { utm: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'on-call-digest' } },
  direct: {},
} satisfies Record<string, Entry>;
