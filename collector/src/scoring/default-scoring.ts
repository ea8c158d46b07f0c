/**
 * Rules that work for a typical B2B SaaS site without editing, and match the demo site's URLs.
 * The bar: fit ≥ 50 and intent ≥ 40 with a buying action (pricing, demo, contact). So a
 * Director at a tier-1 account who views pricing and requests a demo qualifies; content alone
 * (guides, blog, product pages: at most 78 points) never does, however good the fit.
 */
import type { FitRule } from './schema-fit.ts';
import type { IntentRule } from './schema-intent.ts';

/**
 * The shape of `ScoringConfig`, spelled out because rules.ts takes its defaults from this
 * object (inferring the type from the schema here would be circular). A test checks the two agree.
 */
export interface DefaultScoring {
  fit: FitRule[];
  intent: IntentRule[];
  exclusions: {
    freeMail: boolean;
    competitors: string[];
    students: { titles: string[]; domains: string[] };
    customers: { tiers: string[]; domains: string[] };
    bots: boolean;
    botPagesWithoutEngagement: number;
  };
  mql: { minFit: number; minIntent: number };
  grade: { fit: { A: number; B: number; C: number }; intent: { 1: number; 2: number; 3: number } };
  recycle: { cooldownDays: number };
}

const oncePerSession = { max: 1, perDays: 1, by: 'session' } as const;
const oncePerPagePerDay = { max: 1, perDays: 1, by: 'page' } as const;
const halfLife = (days: number) => ({ halfLifeDays: days });
const page = (path: string | string[]) => ({ kind: 'page', path }) as const;
const form = (id: string) => ({ kind: 'form', form: id }) as const;

/** The defaults `scoringSchema.parse({})` yields. */
export const defaultScoring: DefaultScoring = {
  fit: [
    { id: 'senior-title', label: 'Senior decision maker (Director, Head, VP, C-level)', points: 30,
      when: { seniority: ['c_level', 'vp', 'head', 'director'] } },
    { id: 'manager-title', label: 'Manager', points: 15, when: { seniority: ['manager'] } },
    { id: 'company-size', label: 'Company of 50–5,000 employees', points: 20,
      when: { employees: { min: 50, max: 5000 } } },
    { id: 'target-industry', label: 'Target industry', points: 15, when: { industry: [
      'Software', 'SaaS', 'Internet', 'Information Technology', 'Financial Services', 'Fintech', 'Banking',
      'Insurance', 'Logistics', 'Supply Chain', 'Transportation'] } },
    { id: 'tier1-account', label: 'Tier 1 target account', points: 30, when: { tier: ['tier1'] } },
    { id: 'tier2-account', label: 'Tier 2 target account', points: 20, when: { tier: ['tier2'] } },
    { id: 'business-email', label: 'Business email address', points: 10, when: { businessEmail: true } },
  ],
  intent: [
    // Buying actions: only these can make an MQL.
    { id: 'demo-request', label: 'Requested a demo', points: 40, cap: 40, highIntent: true,
      decay: halfLife(30), match: form('demo-request') },
    { id: 'contact-sales', label: 'Contacted sales', points: 35, cap: 35, highIntent: true,
      decay: halfLife(30), match: form('contact-sales') },
    { id: 'pricing-page', label: 'Viewed pricing', points: 15, cap: 30, highIntent: true,
      frequency: oncePerSession, decay: halfLife(14), match: page('/pricing/**') },
    { id: 'demo-page', label: 'Viewed the demo page', points: 10, cap: 20, highIntent: true,
      frequency: oncePerSession, decay: halfLife(14), match: page('/demo/**') },
    { id: 'contact-page', label: 'Viewed the contact page', points: 8, cap: 16, highIntent: true,
      frequency: oncePerSession, decay: halfLife(14), match: page('/contact/**') },
    // Research and content: they raise intent but never qualify on their own.
    { id: 'product-research', label: 'Explored the product (tour, integrations, docs)', points: 4, cap: 12,
      frequency: oncePerPagePerDay, decay: halfLife(21),
      match: page(['/product/**', '/tour/**', '/integrations/**', '/docs/**']) },
    { id: 'guide-download', label: 'Downloaded a guide', points: 8, cap: 16,
      frequency: { max: 1, perDays: 30, by: 'page' }, decay: halfLife(30),
      match: { kind: 'download', file: '/resources/*.pdf' } },
    { id: 'newsletter', label: 'Subscribed to the newsletter', points: 5, cap: 5,
      decay: halfLife(60), match: form('newsletter') },
    { id: 'blog-reading', label: 'Read the blog', points: 2, cap: 10,
      frequency: oncePerPagePerDay, decay: halfLife(14), match: page('/blog/*') },
    { id: 'engaged-time', label: 'Spent a minute or more on a page', points: 3, cap: 12,
      frequency: oncePerPagePerDay, decay: halfLife(14), match: { kind: 'engaged', minSeconds: 60 } },
    { id: 'deep-scroll', label: 'Read most of a page (scrolled 75%+)', points: 2, cap: 8,
      frequency: oncePerPagePerDay, decay: halfLife(14), match: { kind: 'scroll', minPercent: 75 } },
    { id: 'returning-visitor', label: 'Came back (2+ visits in 30 days)', points: 5, cap: 15,
      decay: { windowDays: 30 }, match: { kind: 'returning', minSessions: 2 } },
    // A job-seeker signal. Negative rules do not fade (see schema-intent.ts).
    { id: 'careers-page', label: 'Viewed careers (job-seeker signal)', points: -10, cap: 20,
      frequency: oncePerSession, match: page('/careers/**') },
  ],
  exclusions: {
    freeMail: true,
    competitors: [],
    students: {
      titles: [
        '\\bstudents?\\b', '\\bintern(ship)?\\b', '\\bjob ?seek', '\\bunemployed\\b', '\\bopen to work\\b',
        '\\b(looking for|seeking) (a )?(new )?(job|work|role|position|opportunit)',
      ],
      domains: ['*.edu', '*.edu.*', '*.ac.*'],
    },
    customers: { tiers: ['customer'], domains: [] },
    bots: true,
    // A typical B2B session is 2–4 pages; by its 8th page a person has left 7 pages, each leaving
    // an engagement reading, so none above zero means nobody was there. Lower would catch tab
    // hoarders (pages opened in the background, read later) before their reading arrives.
    botPagesWithoutEngagement: 8,
  },
  mql: { minFit: 50, minIntent: 40 },
  grade: { fit: { A: 75, B: 50, C: 25 }, intent: { 1: 60, 2: 40, 3: 15 } },
  recycle: { cooldownDays: 30 },
};
