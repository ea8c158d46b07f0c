/**
 * `npm run simulate`: drives realistic visitor traffic into a RUNNING collector, exactly as the
 * tracker on the demo site would send it, so a newcomer sees a populated MQL list a minute after
 * `npm start`.
 *
 *   npx tsx scripts/simulate.ts [--visitors 300] [--site demo] [--seed 42] [--concurrency 8]
 *
 * Environment: COLLECTOR_URL (default http://127.0.0.1:8787), DEMO_URL (the page origin the
 * beacons claim, default http://localhost:3000), TELLS_API_KEY or `<folder of TELLS_DB>/admin-key`
 * (to import demo-site/accounts.csv first).
 *
 * The journey generator is pure (seeded PRNG, explicit clock): same seed and `now`, same beacons.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AttributionKey, CollectResult, Envelope, EventType, WireEvent } from '../shared/wire.ts';

// ─── Seeded randomness ──────────────────────────────────────────────────────────────────────

/** A small deterministic PRNG with the helpers the journeys need. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
}

/** mulberry32: 32-bit state, good enough statistics for traffic, and trivially reproducible. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    hex: (length) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
  return rng;
}

/** Each visitor gets its own stream, so its journey does not depend on concurrency or order. */
export function visitorSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

// ─── Target accounts ────────────────────────────────────────────────────────────────────────

/** One row of demo-site/accounts.csv. */
export interface Account {
  domain: string;
  name: string;
  industry: string;
  employees: number;
  revenue: number;
  country: string;
  tier: 'tier1' | 'tier2' | 'tier3' | 'customer';
}

/** Parses the simple, quote-free accounts CSV of the demo site. */
export function parseAccountsCsv(text: string): Account[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  return rows.map((row) => {
    const cells = Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell.trim()]));
    return {
      domain: cells.domain ?? '',
      name: cells.name ?? '',
      industry: cells.industry ?? '',
      employees: Number(cells.employees),
      revenue: Number(cells.revenue),
      country: cells.country ?? '',
      tier: cells.tier as Account['tier'],
    };
  });
}

/** The demo form's company-size buckets. */
export function sizeBucket(employees: number): string {
  if (employees <= 10) return '1-10';
  if (employees <= 50) return '11-50';
  if (employees <= 200) return '51-200';
  if (employees <= 1000) return '201-1000';
  if (employees <= 5000) return '1001-5000';
  return '5000+';
}

// ─── The demo site, as the journeys see it ──────────────────────────────────────────────────

const BLOG_POSTS: Record<string, string> = {
  'alert-fatigue-is-a-routing-problem': 'Alert fatigue is a routing problem, not a volume problem',
  'postmortems-that-change-things': 'Writing postmortems that actually change things',
  'automating-the-first-five-minutes': 'Automating the first five minutes of every incident',
  'introducing-reliability-analytics': 'Introducing Reliability Analytics',
};
const GUIDES = ['incident-response-playbook', 'on-call-health-benchmark-2025', 'runbook-automation-checklist'];
const JOB_SLUGS = ['senior-backend-engineer-automation-platform', 'product-designer-incident-experience', 'enterprise-account-executive'];

/** Every page path of demo-site/public with its `<title>`, as the tracker would read it. */
export const PAGE_TITLES: Record<string, string> = {
  '/': 'Runwell — Incident response on autopilot',
  '/product': 'Product — Runwell',
  '/pricing': 'Pricing — Runwell',
  '/integrations': 'Integrations — Runwell',
  '/resources': 'Guides and resources — Runwell',
  '/demo': 'Book a demo — Runwell',
  '/demo/thanks': 'Demo requested — Runwell',
  '/contact': 'Contact sales — Runwell',
  '/contact/thanks': 'Message sent — Runwell',
  '/newsletter/thanks': 'Subscribed — Runwell',
  '/blog': 'Blog — Runwell',
  '/careers': 'Careers — Runwell',
  '/tour/overview': 'Product tour: Overview — Runwell',
  '/tour/automations': 'Product tour: Automations — Runwell',
  '/tour/analytics': 'Product tour: Analytics — Runwell',
  ...Object.fromEntries(Object.entries(BLOG_POSTS).map(([slug, title]) => [`/blog/${slug}`, `${title} — Runwell blog`])),
};
const POSTS = Object.keys(BLOG_POSTS).map((slug) => `/blog/${slug}`);
const LOGIN_URL = 'https://app.runwell.example/login';
const FORM_ACTIONS = { 'demo-request': '/demo/thanks', 'contact-sales': '/contact/thanks', newsletter: '/newsletter/thanks' } as const;
type FormId = keyof typeof FORM_ACTIONS;

/** Domains of the fictional competitors; a scoring config can list them as exclusions. */
export const COMPETITOR_DOMAINS = ['pagerhero.example', 'firedrill.example'] as const;
const FREE_MAIL = ['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'];

// ─── People ─────────────────────────────────────────────────────────────────────────────────

const FIRST = ['Maya', 'Daniel', 'Priya', 'Lucas', 'Sofia', 'Kenji', 'Amara', 'Jonas', 'Elena', 'Omar', 'Hannah', 'Mateo', 'Grace', 'Arjun', 'Chloé', 'Liam', 'Fatima', 'Noah', 'Zoë', 'Ethan', 'Ingrid', 'Tariq', 'Rosa', 'Felix', 'Aisha', 'Marek', 'Julia', 'Samuel', 'Leila', 'Henrik'];
const LAST = ['Okafor', 'Schneider', 'Raman', 'Moreau', 'García', 'Tanaka', 'Nwosu', 'Lindqvist', 'Rossi', 'Haddad', 'Becker', 'Fernández', 'Walsh', 'Patel', 'Dubois', 'Murphy', 'Khan', 'Novak', 'Ó Briain', 'Chen', 'Larsen', 'Mensah', 'Silva', 'Kowalski', 'Ahmed', 'Weber', 'Costa', 'Brennan', 'Yilmaz', 'Johansson'];
const BUYER_TITLES = ['Director of Site Reliability Engineering', 'VP of Engineering', 'Head of Platform Engineering', 'Director of Infrastructure', 'CTO', 'VP Technology Operations', 'Director of DevOps'];
const MANAGER_TITLES = ['Engineering Manager', 'SRE Team Lead', 'DevOps Manager', 'Platform Engineering Manager', 'IT Operations Manager'];
const IC_TITLES = ['Senior Site Reliability Engineer', 'Platform Engineer', 'DevOps Engineer', 'Software Engineer', 'Staff Engineer'];
const COMPANY_WORDS = ['Fernhill', 'Bluestone', 'Copperleaf', 'Driftwood', 'Evergreen', 'Foxglove', 'Granite', 'Harborline', 'Ironwood', 'Juniper', 'Keystone', 'Larkspur', 'Northgate', 'Oakridge', 'Quarry', 'Riverside', 'Silverline', 'Timberlake'];
const COMPANY_KINDS = ['Systems', 'Software', 'Analytics', 'Networks', 'Labs', 'Health', 'Payments', 'Cloud', 'Media', 'Commerce'];
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'CA', 'NL', 'FR', 'IE', 'SE', 'AU', 'IN', 'ES'];
const UNIVERSITIES = ['Northfield University', 'Lakeside Institute of Technology', 'Westbrook College', 'University of Eastmoor'];

/** The canonical profile keys the tracker sends in `form_submit` and `identify` props. */
interface Profile {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  jobTitle?: string;
  companySize?: string;
  country?: string;
}

/** ASCII local part: what people actually type for names with accents or spaces. */
function emailLocal(first: string, last: string): string {
  const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}

function person(rng: Rng, domain: string, extra: Omit<Profile, 'email' | 'firstName' | 'lastName'>): Profile {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  return { email: `${emailLocal(firstName, lastName)}@${domain}`, firstName, lastName, ...extra };
}

function inventedCompany(rng: Rng): { name: string; domain: string } {
  const name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)}`;
  return { name, domain: `${name.toLowerCase().replace(/\s+/g, '-')}.example` };
}

// ─── Browsers ───────────────────────────────────────────────────────────────────────────────

const HUMAN_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
const MOBILE_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const BOT_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'python-requests/2.32.3',
];

// ─── Beacon building ────────────────────────────────────────────────────────────────────────

/** Options of {@link generateVisitor}. */
export interface GeneratorOptions {
  site: string;
  /** Origin of the demo site the pages are on, e.g. `http://localhost:3000`. */
  demoOrigin: string;
  /** Clock of the simulation (ms); no event is later than this. */
  now: number;
  accounts: Account[];
}

/** One simulated person: their beacons in send order, and the browser each device identifies as. */
export interface SimulatedVisitor {
  persona: PersonaName;
  envelopes: Envelope[];
  /** User-Agent header per `vid`: the collector's bot detection reads it. */
  userAgents: Record<string, string>;
}

type Attribution = Partial<Record<AttributionKey, string>>;
type Props = NonNullable<WireEvent['props']>;
interface DraftEvent {
  type: EventType;
  ts: number;
  url: string;
  ref?: string;
  title?: string;
  props?: Props;
}
interface Entry {
  referrer?: string;
  utm?: Attribution;
}
interface PageTiming {
  /** Seconds on the page, min and max. */
  dwell: [number, number];
  /** Whether the page is read to the end. */
  reads?: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const WINDOW_DAYS = 14;

/** One browser of the visitor: its own vid, first-touch attribution and beacons. */
class Device {
  readonly vid: string;
  ft: Attribution | undefined;
  readonly beacons: { sid: string; events: DraftEvent[] }[] = [];
  constructor(
    rng: Rng,
    readonly userAgent: string,
    readonly flags: { wd?: boolean; gpc?: boolean } = {},
  ) {
    this.vid = `v${rng.hex(16)}`;
  }
}

/** What can happen while a page is open. */
class PageActions {
  readonly events: DraftEvent[] = [];
  constructor(
    private readonly session: Session,
    readonly url: string,
    readonly at: number,
  ) {}
  download(slug: string): void {
    this.events.push({ type: 'download', ts: this.at, url: this.url, props: { href: `${this.session.origin}/resources/${slug}.pdf` } });
  }
  outbound(href: string): void {
    this.events.push({ type: 'outbound', ts: this.at, url: this.url, props: { href } });
  }
  submit(form: FormId, profile: Profile): void {
    const fields: Profile = form === 'newsletter' ? { email: profile.email } : { ...profile };
    if (form === 'contact-sales') {
      delete fields.companySize;
      delete fields.country;
    }
    // Like the tracker: `action` is the path the form posts to.
    const props: Props = { form, action: FORM_ACTIONS[form] };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) props[key] = value;
    this.events.push({ type: 'form_submit', ts: this.at, url: this.url, props });
  }
  identify(profile: Partial<Profile>): void {
    const props: Props = {};
    for (const [key, value] of Object.entries(profile)) if (value !== undefined) props[key] = value;
    this.events.push({ type: 'identify', ts: this.at, url: this.url, props });
  }
}

/** One visit: pages in order, each answered by a pageview beacon and a leave beacon. */
class Session {
  private t: number;
  private previousUrl: string | undefined;
  private landed = false;
  private readonly sid: string;
  constructor(
    private readonly rng: Rng,
    private readonly device: Device,
    readonly origin: string,
    start: number,
    private readonly entry: Entry,
    private readonly bot = false,
  ) {
    this.t = start;
    this.sid = `s${rng.hex(12)}`;
  }

  /** Opens `path`, spends a realistic time on it, and runs `act` before leaving. */
  view(path: string, timing: PageTiming, act?: (page: PageActions) => void): this {
    let url = this.origin + path;
    let ref = this.previousUrl;
    if (!this.landed) {
      this.landed = true;
      ref = this.entry.referrer;
      const query = new URLSearchParams(this.entry.utm as Record<string, string>).toString();
      if (query) url += `?${query}`;
      // The tracker keeps the first touch of a browser forever (DESIGN.md, wire format `ft`).
      this.device.ft ??= { ...this.entry.utm, ...(this.entry.referrer ? { referrer: this.entry.referrer } : {}), landing: url };
    }
    const pageview: DraftEvent = { type: 'pageview', ts: this.t, url, title: PAGE_TITLES[path] ?? 'Runwell' };
    if (ref) pageview.ref = ref;
    this.device.beacons.push({ sid: this.sid, events: [pageview] });

    const [min, max] = timing.dwell;
    const dwellMs = this.bot ? this.rng.int(150, 1200) : this.rng.int(min * SECOND, max * SECOND);
    const page = new PageActions(this, url, this.t + Math.floor(dwellMs * (0.6 + 0.35 * this.rng.next())));
    // Vitals arrive within the first seconds, before anything the visitor does on the page.
    if (!this.bot && this.rng.chance(0.5)) page.events.push(...this.vitals(url, this.t + Math.floor(Math.min(dwellMs / 2, 3 * SECOND))));
    act?.(page);
    const leaveAt = this.t + dwellMs;
    const engagement: DraftEvent = {
      type: 'engagement',
      ts: leaveAt,
      url,
      props: this.bot
        ? { engagedMs: this.rng.int(0, 200), scrollPct: this.rng.pick([0, 100]) }
        : {
            engagedMs: Math.floor(dwellMs * (0.45 + 0.5 * this.rng.next())),
            scrollPct: timing.reads ? this.rng.int(75, 100) : this.rng.int(20, 90),
          },
    };
    this.device.beacons.push({ sid: this.sid, events: [...page.events, engagement] });
    this.previousUrl = url;
    this.t = leaveAt + (this.bot ? this.rng.int(50, 400) : this.rng.int(400, 4000));
    return this;
  }

  /** Core Web Vitals as the tracker's vitals.js reports them, rated with the web-vitals thresholds. */
  private vitals(url: string, ts: number): DraftEvent[] {
    return VITALS.map(({ name, range, good, poor }) => {
      const value = this.rng.int(range[0], range[1]);
      const rating = value <= good ? 'good' : value <= poor ? 'needs-improvement' : 'poor';
      return { type: 'vitals', ts, url, props: { name, value, rating } };
    });
  }

  /** When the next page would open; the next session starts after this. */
  get endsAt(): number {
    return this.t;
  }
}

const VITALS = [
  { name: 'TTFB', range: [40, 1200], good: 800, poor: 1800 },
  { name: 'FCP', range: [300, 3400], good: 1800, poor: 3000 },
  { name: 'LCP', range: [600, 4800], good: 2500, poor: 4000 },
] as const;
const SHORT: PageTiming = { dwell: [8, 45] };
const MEDIUM: PageTiming = { dwell: [25, 120] };
const READ: PageTiming = { dwell: [90, 420], reads: true };
const PRICING: PageTiming = { dwell: [45, 300], reads: true };
const FORM: PageTiming = { dwell: [40, 160], reads: true };
const THANKS: PageTiming = { dwell: [4, 20], reads: true };

/** Everything one visitor's journey needs, with helpers to open sessions at realistic times. */
class VisitorPlan {
  readonly devices: Device[] = [];
  private previous: Session | undefined;
  constructor(
    readonly rng: Rng,
    readonly opts: GeneratorOptions,
  ) {}

  device(userAgent: string, flags?: Device['flags']): Device {
    const device = new Device(this.rng, userAgent, flags);
    this.devices.push(device);
    return device;
  }

  /**
   * A session `daysAgo` (fraction of days) before now, never overlapping the previous one.
   * Journeys call this in chronological order.
   */
  session(device: Device, daysAgo: number, entry: Entry = {}, bot = false): Session {
    const wanted = Math.floor(this.opts.now - daysAgo * DAY);
    // At least half an hour after the previous visit ended: otherwise it would be the same session.
    const start = this.previous ? Math.max(wanted, this.previous.endsAt + 30 * MINUTE) : wanted;
    this.previous = new Session(this.rng, device, this.opts.demoOrigin, start, entry, bot);
    return this.previous;
  }

  /** Days-ago values for `count` sessions, oldest first; `recent` pulls the last one into the last two days. */
  spread(count: number, recent = false): number[] {
    const days = Array.from({ length: count }, () => this.rng.next() * WINDOW_DAYS * 0.95).sort((a, b) => b - a);
    if (recent && days.length) days[days.length - 1] = Math.min(days.at(-1) ?? 0, this.rng.next() * 2);
    return days.sort((a, b) => b - a);
  }
}

// ─── Personas ───────────────────────────────────────────────────────────────────────────────

const GOOGLE: Entry = { referrer: 'https://www.google.com/' };
const entries = {
  organic: GOOGLE,
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

type Journey = (plan: VisitorPlan) => void;
const tour = (s: Session) => s.view('/tour/overview', MEDIUM).view('/tour/automations', MEDIUM).view('/tour/analytics', MEDIUM);

/** Buying-committee member (Director/VP) at a target account: researches over days, then asks for a demo. */
const buyer: Journey = (plan) => {
  const { rng } = plan;
  const tier = rng.chance(0.7) ? 'tier1' : 'tier2';
  const pool = plan.opts.accounts.filter((a) => a.tier === tier);
  const account = rng.pick(pool.length ? pool : plan.opts.accounts);
  const profile = person(rng, account.domain, {
    company: account.name,
    jobTitle: rng.pick(BUYER_TITLES),
    companySize: sizeBucket(account.employees),
    country: account.country,
  });
  const laptop = plan.device(rng.pick(HUMAN_AGENTS));
  const days = plan.spread(rng.int(2, 4), true);
  const converts = rng.chance(0.75);
  days.forEach((daysAgo, n) => {
    const last = n === days.length - 1;
    const s = plan.session(laptop, daysAgo, n === 0 ? rng.pick([entries.linkedinAd, entries.organic, entries.g2]) : entries.direct);
    if (n === 0) {
      s.view(rng.pick([...POSTS, '/']), READ).view('/product', MEDIUM);
      if (rng.chance(0.6)) tour(s);
      s.view('/pricing', PRICING);
    } else if (!last) {
      s.view('/pricing', PRICING).view('/integrations', MEDIUM);
      s.view('/resources', MEDIUM, (p) => p.download(rng.pick(GUIDES)));
      if (rng.chance(0.5)) s.view(rng.pick(POSTS), READ);
    } else {
      s.view('/', SHORT).view('/pricing', PRICING);
      if (!converts) {
        s.view('/integrations', MEDIUM);
      } else if (rng.chance(0.7)) {
        s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
      } else {
        s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
      }
    }
  });
  // Some read the digest on their phone: the same email on another device is the same lead.
  if (converts && rng.chance(0.25)) {
    const phone = plan.device(MOBILE_AGENT);
    plan
      .session(phone, rng.next() * 0.5, entries.linkedin)
      .view(rng.pick(POSTS), READ, (p) => p.submit('newsletter', profile))
      .view('/newsletter/thanks', THANKS)
      .view('/pricing', PRICING);
  }
};

/** Manager at a mid-size company: mostly not on the target list, sometimes a tier-2 or tier-3 account. */
const manager: Journey = (plan) => {
  const { rng } = plan;
  const listed = plan.opts.accounts.filter((a) => a.tier === 'tier2' || a.tier === 'tier3');
  const account = listed.length && rng.chance(0.4) ? rng.pick(listed) : undefined;
  const company = account ? { name: account.name, domain: account.domain } : inventedCompany(rng);
  const profile = person(rng, company.domain, {
    company: company.name,
    jobTitle: rng.pick(rng.chance(0.7) ? MANAGER_TITLES : IC_TITLES),
    companySize: account ? sizeBucket(account.employees) : rng.pick(['51-200', '201-1000', '201-1000', '1001-5000']),
    country: account?.country ?? rng.pick(COUNTRIES),
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  const days = plan.spread(rng.int(1, 3), true);
  days.forEach((daysAgo, n) => {
    const s = plan.session(device, daysAgo, n === 0 ? rng.pick([entries.googleAd, entries.organic, entries.reddit]) : entries.direct);
    if (n < days.length - 1) {
      s.view(rng.pick(POSTS), READ).view('/product', MEDIUM).view('/pricing', PRICING);
      return;
    }
    s.view(n === 0 ? '/' : '/pricing', n === 0 ? SHORT : PRICING).view('/product', MEDIUM);
    if (rng.chance(0.4)) tour(s);
    const outcome = rng.next();
    if (outcome < 0.3) s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
    else if (outcome < 0.5) s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
    else if (outcome < 0.75) s.view('/pricing', PRICING, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
    else s.view('/pricing', PRICING);
  });
};

/** Student with a free-mail address: reads and downloads everything, sometimes asks for a demo. */
const student: Journey = (plan) => {
  const { rng } = plan;
  const university = rng.pick(UNIVERSITIES);
  const profile = person(rng, rng.pick(FREE_MAIL), {
    company: university,
    jobTitle: rng.pick(['Student', 'Computer Science Student', 'MSc Student', 'PhD Candidate']),
    companySize: rng.pick(['1-10', '5000+']),
    country: rng.pick(COUNTRIES),
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  const s = plan.session(device, plan.spread(1)[0] ?? 3, rng.pick([entries.organic, entries.reddit]));
  s.view(rng.pick(POSTS), READ).view('/resources', MEDIUM, (p) => p.download(rng.pick(GUIDES)));
  s.view('/resources', SHORT, (p) => p.download(rng.pick(GUIDES))).view(rng.pick(POSTS), READ);
  if (rng.chance(0.4)) s.view('/pricing', MEDIUM).view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
  else if (rng.chance(0.5)) s.view('/blog', SHORT, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
};

/** Job seeker: careers page again and again, a bit of product, then the application form off-site. */
const jobSeeker: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick([...HUMAN_AGENTS, MOBILE_AGENT]));
  const days = plan.spread(rng.int(1, 3));
  days.forEach((daysAgo, n) => {
    const s = plan.session(device, daysAgo, n === 0 ? rng.pick([entries.linkedin, entries.organic]) : entries.direct);
    s.view('/careers', READ).view(rng.pick(['/', '/product', '/blog']), MEDIUM);
    if (rng.chance(0.4)) s.view('/pricing', SHORT);
    s.view('/careers', MEDIUM, (p) => {
      if (n === days.length - 1) p.outbound(`https://jobs.runwell.example/apply?role=${rng.pick(JOB_SLUGS)}`);
    });
  });
};

/** Employee of a competitor: studies pricing and features, sometimes books a demo to see more. */
const competitor: Journey = (plan) => {
  const { rng } = plan;
  const domain = rng.pick(COMPETITOR_DOMAINS);
  const profile = person(rng, domain, {
    company: domain === 'pagerhero.example' ? 'PagerHero' : 'FireDrill',
    jobTitle: rng.pick(['Product Marketing Manager', 'Competitive Intelligence Analyst', 'Product Manager']),
    companySize: '51-200',
    country: 'US',
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  for (const [n, daysAgo] of plan.spread(rng.int(2, 3), true).entries()) {
    const s = plan.session(device, daysAgo, entries.direct);
    s.view('/pricing', PRICING).view('/product', READ).view('/integrations', READ);
    if (n === 0) tour(s);
    if (n === 1 && rng.chance(0.6)) s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
  }
};

/** Casual reader from social or the newsletter; a few subscribe. */
const blogReader: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick([...HUMAN_AGENTS, MOBILE_AGENT]), rng.chance(0.05) ? { gpc: true } : {});
  const subscriberDomain = rng.chance(0.5) ? rng.pick(FREE_MAIL) : inventedCompany(rng).domain;
  const profile = person(rng, subscriberDomain, {});
  const days = plan.spread(rng.int(1, 2));
  days.forEach((daysAgo, n) => {
    const fromNewsletter = n > 0 && rng.chance(0.5);
    const s = plan.session(device, daysAgo, fromNewsletter ? entries.newsletter : rng.pick([entries.hackerNews, entries.twitter, entries.reddit, entries.organic]));
    // Links in the digest carry the subscriber, so the site can identify them on arrival.
    s.view(rng.pick(POSTS), READ, fromNewsletter ? (p) => p.identify({ email: profile.email }) : undefined);
    if (rng.chance(0.5)) s.view('/blog', SHORT).view(rng.pick(POSTS), READ);
    if (n === 0 && rng.chance(0.15)) s.view('/blog', SHORT, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
  });
};

/** Anonymous visitor comparing prices; never fills a form. */
const pricingBrowser: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick(HUMAN_AGENTS), rng.chance(0.05) ? { gpc: true } : {});
  for (const daysAgo of plan.spread(rng.int(1, 2))) {
    const s = plan.session(device, daysAgo, rng.pick([entries.googleAd, entries.organic, entries.g2, entries.direct]));
    s.view(rng.pick(['/', '/pricing']), MEDIUM).view('/pricing', PRICING);
    if (rng.chance(0.6)) s.view('/product', MEDIUM);
    if (rng.chance(0.3)) s.view('/integrations', MEDIUM);
  }
};

/** Existing customer: mostly on the way to the app; some ask sales about expanding. */
const customer: Journey = (plan) => {
  const { rng } = plan;
  const accounts = plan.opts.accounts.filter((a) => a.tier === 'customer');
  const account = rng.pick(accounts.length ? accounts : plan.opts.accounts);
  const profile = person(rng, account.domain, { company: account.name, jobTitle: rng.pick([...IC_TITLES, ...MANAGER_TITLES]) });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  for (const daysAgo of plan.spread(rng.int(1, 3))) {
    const s = plan.session(device, daysAgo, entries.direct);
    if (rng.chance(0.7)) {
      s.view('/', SHORT, (p) => p.outbound(LOGIN_URL));
    } else {
      s.view('/integrations', MEDIUM).view('/pricing', PRICING);
      if (rng.chance(0.5)) s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
    }
  }
};

/** Crawler or headless script: many pages in seconds, sometimes spams the demo form. */
const bot: Journey = (plan) => {
  const { rng } = plan;
  const userAgent = rng.pick(BOT_AGENTS);
  const device = plan.device(userAgent, userAgent.includes('Headless') ? { wd: true } : {});
  const s = plan.session(device, plan.spread(1)[0] ?? 1, {}, true);
  const paths = Object.keys(PAGE_TITLES);
  for (let n = rng.int(8, 25); n > 0; n--) s.view(rng.pick(paths), SHORT);
  if (rng.chance(0.3)) {
    const junk = { email: `test${rng.int(1, 999)}@example.com`, firstName: 'test', lastName: 'test', company: 'test', jobTitle: 'test', companySize: '1-10', country: 'US' };
    s.view('/demo', SHORT, (p) => p.submit('demo-request', junk));
  }
};

/** Personas and their share of traffic (weights, not percentages). */
export const PERSONAS = {
  buyer: { weight: 10, journey: buyer },
  manager: { weight: 12, journey: manager },
  student: { weight: 8, journey: student },
  jobSeeker: { weight: 7, journey: jobSeeker },
  competitor: { weight: 4, journey: competitor },
  blogReader: { weight: 26, journey: blogReader },
  pricingBrowser: { weight: 15, journey: pricingBrowser },
  customer: { weight: 8, journey: customer },
  bot: { weight: 10, journey: bot },
} satisfies Record<string, { weight: number; journey: Journey }>;
export type PersonaName = keyof typeof PERSONAS;

function pickPersona(rng: Rng): PersonaName {
  const names = Object.keys(PERSONAS) as PersonaName[];
  let roll = rng.next() * names.reduce((sum, n) => sum + PERSONAS[n].weight, 0);
  for (const name of names) {
    roll -= PERSONAS[name].weight;
    if (roll < 0) return name;
  }
  return 'blogReader';
}

/**
 * One simulated visitor: a persona, a journey through the demo site over the last two weeks,
 * and the beacons the tracker would have sent, valid against `envelopeSchema` and `eventSchema`.
 * Pure: the same `rng` state, index and options give the same result.
 */
export function generateVisitor(rng: Rng, index: number, opts: GeneratorOptions): SimulatedVisitor {
  const persona = pickPersona(rng);
  const plan = new VisitorPlan(rng, opts);
  PERSONAS[persona].journey(plan);

  // Sessions may run past `now`; shift the whole visitor back so nothing is in the future.
  const latest = Math.max(...plan.devices.flatMap((d) => d.beacons.flatMap((b) => b.events.map((e) => e.ts))));
  const shift = Math.max(0, latest - (opts.now - SECOND));

  let counter = 0;
  const envelopes: Envelope[] = [];
  const userAgents: Record<string, string> = {};
  for (const device of plan.devices) {
    userAgents[device.vid] = device.userAgent;
    for (const beacon of device.beacons) {
      const events = beacon.events.map((draft): WireEvent => {
        const ts = draft.ts - shift;
        // Time first, so ids sort in time order (DESIGN.md: "unique, time-ordered").
        const id = `${ts.toString(36)}-${index.toString(36)}-${(counter++).toString(36)}-${rng.hex(6)}`;
        return { id, ...draft, ts };
      });
      const envelope: Envelope = { v: 1, site: opts.site, vid: device.vid, sid: beacon.sid, events };
      if (device.ft) envelope.ft = device.ft;
      if (device.flags.wd) envelope.wd = true;
      if (device.flags.gpc) envelope.gpc = true;
      envelopes.push(envelope);
    }
  }
  return { persona, envelopes, userAgents };
}

// ─── Sending ────────────────────────────────────────────────────────────────────────────────

/** Totals of a run, as printed at the end. */
export interface SimulationSummary {
  visitors: number;
  beacons: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Beacons that never got a 202, by HTTP status or `network`. */
  failures: Record<string, number>;
  /** 429 answers that were retried after waiting. */
  retries: number;
  personas: Partial<Record<PersonaName, number>>;
}

/** Options of {@link runSimulation}. */
export interface SimulationConfig {
  collectorUrl: string;
  demoOrigin: string;
  site: string;
  visitors: number;
  seed: number;
  concurrency: number;
  accountsCsv: string;
  apiKey?: string;
  now?: number;
  /** Called after each visitor. */
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

const MAX_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Imports the target accounts; failures are reported, not fatal (the traffic is still useful). */
async function importAccounts(config: SimulationConfig, log: (line: string) => void): Promise<void> {
  if (!config.apiKey) {
    log('accounts: no admin key (TELLS_API_KEY or data/admin-key), skipping the import of demo-site/accounts.csv');
    return;
  }
  try {
    const res = await fetch(`${config.collectorUrl}/api/accounts`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${config.apiKey}`, 'Content-Type': 'text/csv' },
      body: config.accountsCsv,
    });
    const text = (await res.text()).slice(0, 500);
    log(res.ok ? `accounts: imported (${res.status}) ${text}` : `accounts: import failed with ${res.status}: ${text}`);
  } catch (err) {
    log(`accounts: import failed: ${(err as Error).message}`);
  }
}

/** Sends one beacon, waiting out 429s; returns the 202 counts or the failure key. */
async function sendBeacon(config: SimulationConfig, envelope: Envelope, userAgent: string, summary: SimulationSummary): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${config.collectorUrl}/collect`, {
        method: 'POST',
        // text/plain, like navigator.sendBeacon: a "simple" request that needs no CORS preflight.
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: config.demoOrigin, 'User-Agent': userAgent },
        body: JSON.stringify(envelope),
      });
    } catch {
      summary.failures.network = (summary.failures.network ?? 0) + 1;
      return;
    }
    if (res.status === 202) {
      const body = (await res.json().catch(() => ({}))) as Partial<CollectResult>;
      summary.accepted += body.accepted ?? 0;
      summary.duplicates += body.duplicates ?? 0;
      summary.rejected += body.rejected ?? 0;
      return;
    }
    await res.body?.cancel();
    if (res.status === 429 && attempt < MAX_ATTEMPTS) {
      summary.retries++;
      const header = res.headers.get('retry-after');
      const retryAfter = header === null ? NaN : Number(header);
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter, 10) * SECOND : 250 * 2 ** attempt);
      continue;
    }
    summary.failures[res.status] = (summary.failures[res.status] ?? 0) + 1;
    return;
  }
}

/** Imports the accounts, then sends every visitor's beacons with bounded concurrency. */
export async function runSimulation(config: SimulationConfig): Promise<SimulationSummary> {
  const log = config.log ?? ((line: string) => console.error(line));
  const now = config.now ?? Date.now();
  await importAccounts(config, log);

  const opts: GeneratorOptions = { site: config.site, demoOrigin: config.demoOrigin, now, accounts: parseAccountsCsv(config.accountsCsv) };
  const summary: SimulationSummary = { visitors: 0, beacons: 0, events: 0, accepted: 0, duplicates: 0, rejected: 0, failures: {}, retries: 0, personas: {} };
  let nextIndex = 0;

  async function worker(): Promise<void> {
    while (nextIndex < config.visitors) {
      const index = nextIndex++;
      const visitor = generateVisitor(createRng(visitorSeed(config.seed, index)), index, opts);
      summary.personas[visitor.persona] = (summary.personas[visitor.persona] ?? 0) + 1;
      // In order: a visitor's pageview must arrive before the engagement that closes it.
      for (const envelope of visitor.envelopes) {
        summary.beacons++;
        summary.events += envelope.events.length;
        await sendBeacon(config, envelope, visitor.userAgents[envelope.vid] ?? HUMAN_AGENTS[0]!, summary);
      }
      summary.visitors++;
      config.onProgress?.(summary.visitors, config.visitors);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, config.visitors)) }, worker));
  return summary;
}

// ─── Command line ───────────────────────────────────────────────────────────────────────────

/** `\r[#####.....] 120/300` on a terminal; a line every 10% otherwise (CI logs stay readable). */
function progressReporter(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    if (stream.isTTY) {
      const filled = Math.round((done / total) * 30);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${done}/${total} visitors\n`);
    }
  };
}

/** The admin key: TELLS_API_KEY, else the file `npm start` writes beside the database. */
function readAdminKey(env: NodeJS.ProcessEnv): string | undefined {
  if (env.TELLS_API_KEY?.trim()) return env.TELLS_API_KEY.trim();
  const file = join(dirname(env.TELLS_DB ?? './data/tells.db'), 'admin-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

function formatSummary(s: SimulationSummary, config: SimulationConfig, seconds: number): string {
  const failures = Object.entries(s.failures).map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
  const personas = Object.entries(s.personas).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `Simulated ${s.visitors} visitors in ${seconds.toFixed(1)} s (seed ${config.seed}) → ${config.collectorUrl}`,
    `  beacons     ${s.beacons}`,
    `  events      ${s.events}`,
    `  accepted    ${s.accepted}`,
    `  duplicates  ${s.duplicates}`,
    `  rejected    ${s.rejected}`,
    `  failures    ${failures}${s.retries ? ` (${s.retries} retries after 429)` : ''}`,
    `  personas    ${personas}`,
    '',
    `MQLs: curl -H "Authorization: Bearer <admin key>" ${config.collectorUrl}/api/mqls`,
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      visitors: { type: 'string', default: '300' },
      site: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run simulate -- [--visitors 300] [--site demo] [--seed N] [--concurrency 8]\n' +
      'Env: COLLECTOR_URL (http://127.0.0.1:8787), DEMO_URL (http://localhost:3000), TELLS_API_KEY or TELLS_DB');
    return 0;
  }
  const visitors = Number(values.visitors);
  const concurrency = Number(values.concurrency);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(visitors) || visitors < 1 || visitors > 100_000) throw new Error('--visitors must be an integer 1..100000');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be an integer 1..64');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

  const collectorUrl = (process.env.COLLECTOR_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const demoOrigin = new URL(process.env.DEMO_URL ?? 'http://localhost:3000').origin;
  try {
    await fetch(`${collectorUrl}/health`);
  } catch (err) {
    console.error(`Cannot reach the collector at ${collectorUrl} (${(err as Error).message}). Is it running? Try: npm start`);
    return 1;
  }
  const config: SimulationConfig = {
    collectorUrl,
    demoOrigin,
    site: values.site ?? 'demo',
    visitors,
    seed,
    concurrency,
    accountsCsv: readFileSync(fileURLToPath(new URL('../demo-site/accounts.csv', import.meta.url)), 'utf8'),
    apiKey: readAdminKey(process.env),
    onProgress: progressReporter(process.stderr),
  };
  const started = performance.now();
  const summary = await runSimulation(config);
  console.log(formatSummary(summary, config, (performance.now() - started) / 1000));
  const failed = Object.values(summary.failures).reduce((sum, n) => sum + n, 0);
  return summary.beacons > 0 && failed === summary.beacons ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}
