/** One visit to the demo site: pages in order, what happens on each, and the beacons they send. */
import type { Device, DraftEvent, Props } from './device.ts';
import { FORM_ACTIONS, PAGE_TITLES, type FormId } from './demo-site.ts';
import type { Entry } from './entries.ts';
import type { Profile } from './people.ts';
import type { Rng } from './rng.ts';
import { SECOND } from './time.ts';

/** How long a page holds the visitor. */
export interface PageTiming {
  /** Seconds on the page, min and max. */
  dwell: [number, number];
  /** Whether the page is read to the end. */
  reads?: boolean;
}

/** A glance. */
export const SHORT: PageTiming = { dwell: [8, 45] };
/** A look around. */
export const MEDIUM: PageTiming = { dwell: [25, 120] };
/** A long read to the end. */
export const READ: PageTiming = { dwell: [90, 420], reads: true };
/** Comparing plans. */
export const PRICING: PageTiming = { dwell: [45, 300], reads: true };
/** Filling a form. */
export const FORM: PageTiming = { dwell: [40, 160], reads: true };
/** A thank-you page. */
export const THANKS: PageTiming = { dwell: [4, 20], reads: true };

/** Web-vitals ranges the simulator draws from, and the web-vitals thresholds that rate them. */
const VITALS = [
  { name: 'TTFB', range: [40, 1200], good: 800, poor: 1800 },
  { name: 'FCP', range: [300, 3400], good: 1800, poor: 3000 },
  { name: 'LCP', range: [600, 4800], good: 2500, poor: 4000 },
] as const;

/** Copies the defined values of `fields` into props, in order. */
function definedProps(fields: Partial<Profile>, props: Props = {}): Props {
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) props[key] = value;
  return props;
}

/** What can happen while a page is open. */
export class PageActions {
  readonly events: DraftEvent[] = [];
  constructor(
    private readonly session: Session,
    readonly url: string,
    readonly at: number,
  ) {}
  /** Clicks a guide's PDF. */
  download(slug: string): void {
    this.events.push({ type: 'download', ts: this.at, url: this.url, props: { href: `${this.session.origin}/resources/${slug}.pdf` } });
  }
  /** Follows a link off the site. */
  outbound(href: string): void {
    this.events.push({ type: 'outbound', ts: this.at, url: this.url, props: { href } });
  }
  /** Submits `form` with the fields it has. */
  submit(form: FormId, profile: Profile): void {
    const fields: Profile = form === 'newsletter' ? { email: profile.email } : { ...profile };
    if (form === 'contact-sales') {
      delete fields.companySize;
      delete fields.country;
    }
    // Like the tracker: `action` is the path the form posts to.
    this.events.push({ type: 'form_submit', ts: this.at, url: this.url, props: definedProps(fields, { form, action: FORM_ACTIONS[form] }) });
  }
  /** The site identifies the visitor (e.g. from a newsletter link). */
  identify(profile: Partial<Profile>): void {
    this.events.push({ type: 'identify', ts: this.at, url: this.url, props: definedProps(profile) });
  }
}

/** One visit: pages in order, each answered by a pageview beacon and a leave beacon. */
export class Session {
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

/** The three tabs of the product tour, in order. */
export const viewProductTour = (s: Session): Session =>
  s.view('/tour/overview', MEDIUM).view('/tour/automations', MEDIUM).view('/tour/analytics', MEDIUM);
