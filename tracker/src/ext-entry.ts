/**
 * Entry of `dist/ext.js`, the second stage of the tracker, which the core loads at once
 * (async) from beside `t.js`: first-touch attribution, engagement, form fields and
 * `identify`. They live here to keep the core within its size budget; none of them is needed
 * in the first moments of a page view. Until it arrives the core still sends pageviews,
 * clicks and form submissions (without fields), holds `identify` calls, and sends `ft` as soon
 * as it is known (every envelope carries it).
 */
import { attribution } from './attribution.ts';
import { takeEngagement, watchEngagement } from './engagement.ts';
import { formFields } from './forms.ts';
import { profile } from './profile.ts';

/** What this file hands the core through `tells.x`. */
export interface Ext {
  ft: typeof attribution;
  watch: typeof watchEngagement;
  take: typeof takeEngagement;
  fields: typeof formFields;
  profile: typeof profile;
}

try {
  const t = (window as unknown as { tells?: { x?: (e: Ext) => void } }).tells;
  if (t && typeof t.x == 'function') t.x({ ft: attribution, watch: watchEngagement, take: takeEngagement, fields: formFields, profile });
} catch {}
