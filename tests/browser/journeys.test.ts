/**
 * Issue 6: buyer journeys end to end, in real Chromium, on the demo site, against the real
 * collector (stack.ts). Each journey is a person using the site as a person does — links,
 * forms, downloads — and is checked only through what sales sees: the admin REST API and the
 * webhook. Journeys share one stack and run in order: later ones build on earlier leads (6
 * reopens journey 1's person on a second browser, 4 brings them back a month later) and the
 * clock only moves forward.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../collector/src/webhooks/sign.ts';
import { haveChromium, launchChromium } from './chromium.ts';
import { eventually, startStack, WEBHOOK_SECRET, type Delivery, type Stack } from './stack.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A journey takes 5-15 s here; the margin is for a loaded 2-core CI machine. */
const JOURNEY_TIMEOUT = 60_000;

/** The Director at a tier-1 target account (acme-logistics.example in demo-site/accounts.csv). */
const DANA = {
  email: 'dana.whitfield@acme-logistics.example',
  first_name: 'Dana',
  last_name: 'Whitfield',
  company: 'Acme Logistics',
  job_title: 'Director of Operations',
  company_size: '1001-5000',
  country: 'US',
};

/** What the API answers; only the fields the journeys read. */
interface Reason {
  rule: string;
  kind: 'fit' | 'intent';
  points: number;
  pointsAtTime: number;
}
interface LeadSummary {
  id: string;
  status: string;
  email: string | null;
  fit: number;
  intent: number;
  grade: string;
  qualifiedAt: number | null;
  firstTouch: Record<string, string> | null;
  exclusions: { code: string; reason: string }[];
  reasons: Reason[];
}
interface StoryItem {
  at: number;
  type: string;
  url: string;
  title: string | null;
  detail: string | null;
}
interface LeadDetail extends LeadSummary {
  qualifies: boolean;
  account: { domain: string; tier?: string } | null;
  lifecycle: { from: string; to: string; at: number; reason: string | null }[];
  story: StoryItem[];
  cooldownUntil: number | null;
}
interface Paged<T> {
  data: T[];
  nextCursor: string | null;
}

describe.skipIf(!haveChromium('the real-browser journey tests'))('buyer journeys in Chromium, end to end', () => {
  let stack: Stack;
  let browser: Browser;
  /** Open contexts: each follows the test clock when a journey moves time. */
  const open = new Set<BrowserContext>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // This file's screenshots of an earlier run would pass for this one's.
    for (const file of readdirSync(SCREENSHOTS)) if (/^j\d-/.test(file)) rmSync(join(SCREENSHOTS, file));
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  // ---- the visitor's side --------------------------------------------------------------------

  /**
   * A new browser profile (or a returning one, from `storageState`) on the test clock, with
   * every request to a non-loopback host aborted: the site links out (customer login, status,
   * docs), and nothing may leave the machine.
   */
  async function newVisitor(options: BrowserContextOptions & { gpc?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const { gpc, ...contextOptions } = options;
    const context = await browser.newContext(contextOptions);
    await context.route(
      (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
      (route) => route.abort('blockedbyclient'),
    );
    // The collector trusts a client time only when it is not in the future and at most 7 days
    // old: the browser must live on the same (moved) clock.
    await context.clock.install({ time: stack.clock.now() });
    if (gpc) {
      // The Sec-GPC header alone is not enough: the tracker reads navigator.globalPrivacyControl.
      await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
    }
    open.add(context);
    return { context, page: await context.newPage() };
  }

  /** Closes a visitor's browser profile (what it had not sent yet is lost, as when a laptop is shut). */
  async function leave(context: BrowserContext) {
    open.delete(context);
    await context.close();
  }

  /** Moves time for the collector and every open browser. */
  async function moveTime(ms: number) {
    stack.clock.advance(ms);
    await Promise.all([...open].map((context) => context.clock.setSystemTime(stack.clock.now())));
  }

  async function shot(page: Page, journey: string, step: string) {
    await page.screenshot({ path: join(SCREENSHOTS, `${journey}-${step}.png`) });
  }

  /** Opens a path of the demo site by typing it (or arriving from a link elsewhere). */
  async function visit(page: Page, path: string) {
    await page.goto(stack.site.url + path);
  }

  /** Follows a link on the page, as a click, and waits for the page it leads to. */
  async function follow(page: Page, link: string, path: string) {
    await Promise.all([page.waitForURL((u) => u.pathname === path), page.locator(link).first().click()]);
  }
  const nav = (label: string) => `nav.main-nav a:text-is("${label}")`;

  /**
   * Waits until ext.js, which follows SPA routes, has plugged in (it sets `tells.v`). It loads after
   * the page's load event; a route changed before it arrives is counted on arrival, and not at all
   * if the visitor leaves first (tracker/README.md), which a click a few ms after load would test.
   */
  async function extReady(page: Page) {
    await page.waitForFunction(() => typeof (window as unknown as { tells?: { v?: unknown } }).tells?.v === 'function', undefined, { timeout: 10_000 });
  }

  /** Clicks a PDF link: Chromium opens its viewer (no download), then the visitor comes back. */
  async function downloadGuide(page: Page, file: string) {
    const back = page.url();
    await follow(page, `a[href="/resources/${file}"]`, `/resources/${file}`);
    await page.goto(back);
  }

  /** Fills a form of the site field by field, submits it, and waits for its thank-you page. */
  async function submitForm(page: Page, formId: string, values: Record<string, string>, thanks: string) {
    const form = page.locator(`form#${formId}`);
    for (const [name, value] of Object.entries(values)) {
      const field = form.locator(`[name="${name}"]`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await Promise.all([page.waitForURL((u) => u.pathname === thanks), form.locator('[type=submit]').click()]);
  }

  /** Resolves with the body of the first beacon whose body passes `match`, once the collector answered 202. */
  function beacon(page: Page, match: (body: string) => boolean): Promise<string> {
    return page
      .waitForResponse((r) => r.url() === `${stack.collector.url}/collect` && match(r.request().postData() ?? ''), { timeout: 10_000 })
      .then((r) => {
        expect(r.status()).toBe(202);
        return r.request().postData()!;
      });
  }

  /**
   * Resolves with the body of the first beacon whose body passes `match` once it has left the
   * browser: for a beacon sent as the page goes away, whose answer Playwright cannot see (the
   * collector gets it; the journey's API checks show that).
   */
  function beaconSent(page: Page, match: (body: string) => boolean): Promise<string> {
    return page
      .context()
      .waitForEvent('request', { predicate: (r) => r.url() === `${stack.collector.url}/collect` && match(r.postData() ?? ''), timeout: 10_000 })
      .then((r) => r.postData()!);
  }

  /** Waits until the tracker has handed every queued event to the network (its outbox is empty). */
  async function outboxEmpty(page: Page) {
    await page.waitForFunction(() => ['[]', null].includes(localStorage.getItem('tells_q')), undefined, { timeout: 10_000 });
  }

  // ---- sales' side: the admin API and the webhook --------------------------------------------

  async function allLeads(query = ''): Promise<LeadSummary[]> {
    const out: LeadSummary[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: Paged<LeadSummary> = await stack.api(`/api/leads?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...page.data);
      cursor = page.nextCursor;
    }
    return out;
  }
  const leadsWithEmail = async (email: string, query = '') => (await allLeads(query)).filter((l) => l.email === email);
  const lead = (id: string) => stack.api<LeadDetail>(`/api/leads/${id}`);
  const mqls = async (query = '') => (await stack.api<Paged<LeadSummary>>(`/api/mqls?limit=200${query}`)).data;

  /** Polls until the lead with this email exists and its story shows `done` (the journey's last act was scored). */
  const leadOnceScored = (email: string, done: (story: StoryItem[]) => boolean, query = '') =>
    eventually(`the lead of ${email} with its last action scored`, async () => {
      const [found] = await leadsWithEmail(email, query);
      if (!found) return undefined;
      const detail = await lead(found.id);
      return done(detail.story) ? detail : undefined;
    });

  const submitted = (formId: string, after = 0) => (story: StoryItem[]) => story.some((s) => s.type === 'form_submit' && s.detail === formId && s.at >= after);
  const path = (item: StoryItem) => new URL(item.url).pathname;
  const webhooksFor = (leadId: string) => stack.webhooks.deliveries.filter((d) => d.json.lead.id === leadId);

  async function expectSigned(delivery: Delivery) {
    const signature = delivery.headers['tells-signature'];
    expect(typeof signature).toBe('string');
    expect(await verifySignature(WEBHOOK_SECRET, delivery.body, signature as string, stack.clock.now())).toBe(true);
    expect(await verifySignature('some-other-secret-value', delivery.body, signature as string, stack.clock.now())).toBe(false);
    expect(delivery.headers['tells-event-id']).toBe(delivery.json.id);
    expect(delivery.json.type).toBe('lead.mql');
  }

  // ---- the journeys --------------------------------------------------------------------------

  /** Journey 1's lead and browser profile, for journeys 6 and 4. */
  let dana: { id: string; storage: Awaited<ReturnType<BrowserContext['storageState']>> } | undefined;

  it('1. a Director at a target account, from a LinkedIn ad to a demo request, becomes an MQL with the reasons and the story, and the CRM gets one signed webhook', async () => {
    const started = stack.clock.now();
    const { context, page } = await newVisitor();
    await visit(page, '/?utm_source=linkedin&utm_medium=paid&utm_campaign=q4');
    await shot(page, 'j1', '01-home-from-linkedin');
    await follow(page, nav('Blog'), '/blog');
    await shot(page, 'j1', '02-blog');
    await follow(page, 'a[href="/blog/alert-fatigue-is-a-routing-problem"]', '/blog/alert-fatigue-is-a-routing-problem');
    await shot(page, 'j1', '03-post-alert-fatigue');
    await follow(page, nav('Blog'), '/blog');
    await follow(page, 'a[href="/blog/postmortems-that-change-things"]', '/blog/postmortems-that-change-things');
    await shot(page, 'j1', '04-post-postmortems');
    await follow(page, nav('Resources'), '/resources');
    await shot(page, 'j1', '05-resources');
    await downloadGuide(page, 'incident-response-playbook.pdf');
    await follow(page, nav('Pricing'), '/pricing');
    await shot(page, 'j1', '06-pricing');
    await follow(page, nav('Product'), '/product');
    await shot(page, 'j1', '07-product');
    // Pricing counts once per session: Dana leaves for a meeting and comes back to it later.
    await moveTime(45 * MINUTE);
    await follow(page, nav('Pricing'), '/pricing');
    await shot(page, 'j1', '08-pricing-again');
    await follow(page, 'a.btn:text-is("Book a demo")', '/demo');
    await shot(page, 'j1', '09-demo');
    await submitForm(page, 'demo-request', DANA, '/demo/thanks');
    await shot(page, 'j1', '10-demo-thanks');

    const mql = await eventually('Dana in GET /api/mqls', async () => (await mqls()).find((l) => l.email === DANA.email));
    expect(mql).toMatchObject({ status: 'mql', grade: 'A1', firstTouch: { utm_source: 'linkedin', utm_medium: 'paid', utm_campaign: 'q4' }, exclusions: [] });
    expect(mql.fit).toBeGreaterThanOrEqual(75);
    expect(mql.intent).toBeGreaterThanOrEqual(60);
    expect(mql.qualifiedAt).toBeGreaterThanOrEqual(started);
    expect(mql.reasons.length).toBeGreaterThan(0);

    const detail = await lead(mql.id);
    const reason = (rule: string) => detail.reasons.find((r) => r.rule === rule);
    expect(reason('demo-request')).toMatchObject({ kind: 'intent', pointsAtTime: 40 });
    // Two visits in two sessions, 15 points each (one alone holds at most 15).
    expect(reason('pricing-page')).toMatchObject({ kind: 'intent', pointsAtTime: expect.closeTo(30, 0) });
    expect(reason('senior-title')).toMatchObject({ kind: 'fit', points: 30 });
    expect(reason('tier1-account')).toMatchObject({ kind: 'fit', points: 30 });
    expect(reason('guide-download')).toMatchObject({ kind: 'intent', pointsAtTime: 8 });
    expect(reason('blog-reading')).toMatchObject({ kind: 'intent', pointsAtTime: 4 });
    expect(detail.account).toMatchObject({ domain: 'acme-logistics.example', tier: 'tier1' });
    expect(detail.lifecycle.at(-1)?.to).toBe('mql');
    const story = detail.story;
    const pageviews = story.filter((s) => s.type === 'pageview').map(path);
    expect(pageviews).toEqual(expect.arrayContaining(['/', '/blog/alert-fatigue-is-a-routing-problem', '/blog/postmortems-that-change-things', '/demo', '/product']));
    expect(pageviews.filter((p) => p === '/pricing')).toHaveLength(2);
    expect(story).toContainEqual(expect.objectContaining({ type: 'download', detail: `${stack.site.url}/resources/incident-response-playbook.pdf` }));
    expect(story).toContainEqual(expect.objectContaining({ type: 'form_submit', detail: 'demo-request' }));

    const stats = await stack.api<{ mqls: number; bySource: { source: string; mqls: number }[] }>('/api/stats');
    expect(stats.bySource).toContainEqual(expect.objectContaining({ source: 'linkedin', mqls: 1 }));

    // The CRM: delivered in the background right after the beacon that qualified the lead.
    const [delivery] = await eventually('the MQL webhook for Dana', () => (webhooksFor(mql.id).length ? webhooksFor(mql.id) : undefined));
    await expectSigned(delivery!);
    expect(delivery!.json.lead).toMatchObject({ id: mql.id, email: DANA.email, status: 'mql' });

    // Keep Dana's browser for her return in journey 4, with nothing left unsent in it.
    await outboxEmpty(page);
    dana = { id: mql.id, storage: await context.storageState() };
    await leave(context);
    // Exactly one delivery: checked again after journeys 2, 3, 5 and 6 have given a repeat time to show.
    expect(webhooksFor(mql.id)).toHaveLength(1);
  }, JOURNEY_TIMEOUT);

  it('2. a student with a gmail address reads the blog and careers, takes a guide and writes in: known, never an MQL, and says why', async () => {
    const student = 'sam.okafor.uni@gmail.com';
    const { context, page } = await newVisitor();
    await visit(page, '/blog');
    await shot(page, 'j2', '01-blog');
    await follow(page, 'a[href="/blog/automating-the-first-five-minutes"]', '/blog/automating-the-first-five-minutes');
    await shot(page, 'j2', '02-post');
    await submitForm(page, 'newsletter', { email: student }, '/newsletter/thanks');
    await shot(page, 'j2', '03-newsletter-thanks');
    await follow(page, 'footer a[href="/careers"]', '/careers');
    await shot(page, 'j2', '04-careers');
    await follow(page, nav('Resources'), '/resources');
    await downloadGuide(page, 'on-call-health-benchmark-2025.pdf');
    await follow(page, 'footer a[href="/contact"]', '/contact');
    await shot(page, 'j2', '05-contact');
    await submitForm(
      page,
      'contact-sales',
      { email: student, first_name: 'Sam', last_name: 'Okafor', company: 'State University', job_title: 'Student', message: 'Could I use Runwell for my thesis project?' },
      '/contact/thanks',
    );
    await shot(page, 'j2', '06-contact-thanks');
    await leave(context);

    const detail = await leadOnceScored(student, submitted('contact-sales'), '&status=known');
    expect(detail.status).toBe('known');
    expect(detail.qualifies).toBe(false);
    expect(detail.exclusions.map((e) => e.code).sort()).toEqual(['free_mail', 'student']);
    for (const e of detail.exclusions) expect(e.reason).toMatch(/\S/);
    // Contacting sales is a buying action, yet the exclusions hold.
    expect(detail.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['contact-sales', 'careers-page', 'guide-download', 'newsletter']));
    expect(detail.reasons.find((r) => r.rule === 'careers-page')!.points).toBeLessThan(0);
    expect(detail.story.filter((s) => s.type === 'pageview').map(path)).toEqual(expect.arrayContaining(['/careers', '/blog/automating-the-first-five-minutes']));
    expect(await mqls('&status=any')).not.toContainEqual(expect.objectContaining({ email: student }));
  }, JOURNEY_TIMEOUT);

  it('3. an anonymous visitor looks at pricing one day and contacts sales the next: one lead, whose story starts with the anonymous visit', async () => {
    const email = 'priya.natarajan@brightlane.example';
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await shot(page, 'j3', '01-home-day1');
    const pricingStored = beacon(page, (body) => body.includes('"type":"pageview"') && body.includes('/pricing"'));
    await follow(page, nav('Pricing'), '/pricing');
    await shot(page, 'j3', '02-pricing-day1');
    await pricingStored;
    const day1 = stack.clock.now();
    // Closing the tab (pagehide sends what is left); settled before the clocks move.
    await Promise.all([page.waitForEvent('close'), page.close({ runBeforeUnload: true })]);

    await moveTime(DAY);
    const next = await context.newPage();
    await visit(next, '/');
    await shot(next, 'j3', '03-home-day2');
    await follow(next, 'footer a[href="/contact"]', '/contact');
    await shot(next, 'j3', '04-contact-day2');
    await submitForm(
      next,
      'contact-sales',
      { email, first_name: 'Priya', last_name: 'Natarajan', company: 'Brightlane', job_title: 'Head of Platform', message: 'We would like to talk about pricing for 40 engineers.' },
      '/contact/thanks',
    );
    await shot(next, 'j3', '05-contact-thanks-day2');
    await leave(context);

    const detail = await leadOnceScored(email, submitted('contact-sales'));
    expect(await leadsWithEmail(email)).toHaveLength(1);
    const pricing = detail.story.filter((s) => s.type === 'pageview' && path(s) === '/pricing');
    const form = detail.story.find((s) => s.type === 'form_submit')!;
    expect(pricing).toHaveLength(1);
    expect(pricing[0]!.at).toBeLessThanOrEqual(day1);
    expect(form.at - pricing[0]!.at).toBeGreaterThan(DAY - 5 * MINUTE);
    expect(detail.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['pricing-page', 'contact-sales', 'returning-visitor']));
  }, JOURNEY_TIMEOUT);

  it('7. pricing seen while the collector was unreachable still counts as its own visit when it is sent hours later', async () => {
    const email = 'lee.marchetti@orbitra.example';
    const { context, page } = await newVisitor();
    // On a train: the site is cached, the collector is out of reach.
    const unreachable = (route: Route) => route.abort('internetdisconnected');
    await context.route(`${stack.collector.url}/collect`, unreachable);
    const failed = page.waitForEvent('requestfailed', { predicate: (r) => r.url() === `${stack.collector.url}/collect` });
    await visit(page, '/pricing');
    await shot(page, 'j7', '01-pricing-offline');
    await failed;
    // The tracker keeps what it could not send for the next page.
    await page.waitForFunction(() => (localStorage.getItem('tells_q') ?? '').includes('"type":"pageview"'), undefined, { timeout: 10_000 });
    await Promise.all([page.waitForEvent('close'), page.close({ runBeforeUnload: true })]);

    await context.unroute(`${stack.collector.url}/collect`, unreachable);
    await moveTime(2 * 60 * MINUTE);
    const later = await context.newPage();
    await visit(later, '/pricing');
    await shot(later, 'j7', '02-pricing-online');
    await submitForm(later, 'newsletter', { email }, '/newsletter/thanks');
    await leave(context);

    const detail = await leadOnceScored(email, submitted('newsletter'));
    const pricing = detail.story.filter((s) => s.type === 'pageview' && path(s) === '/pricing');
    expect(pricing).toHaveLength(2);
    expect(pricing[0]!.at - pricing[1]!.at).toBeGreaterThan(119 * MINUTE);
    // Two visits: pricing counts once in each, and the second is a return.
    expect(detail.reasons.find((r) => r.rule === 'pricing-page')).toMatchObject({ pointsAtTime: expect.closeTo(30, 0) });
    expect(detail.reasons.map((r) => r.rule)).toContain('returning-visitor');
  }, JOURNEY_TIMEOUT);

  it('5. a visitor with Global Privacy Control requests a demo: the behaviour is counted, nothing identifying is stored', async () => {
    const email = 'gina.moreau@halcyon-bank.example';
    const before = await stack.api<{ knownLeads: number }>('/api/stats');
    const { context, page } = await newVisitor({ gpc: true });
    await visit(page, '/pricing');
    await shot(page, 'j5', '01-pricing');
    await follow(page, 'a.btn:text-is("Book a demo")', '/demo');
    await shot(page, 'j5', '02-demo');
    const formSent = beaconSent(page, (body) => body.includes('"type":"form_submit"'));
    await submitForm(page, 'demo-request', { ...DANA, email, first_name: 'Gina', last_name: 'Moreau', company: 'Halcyon Bank', job_title: 'VP Risk' }, '/demo/thanks');
    await shot(page, 'j5', '03-demo-thanks');
    const sent = await formSent;
    await leave(context);

    // What left the browser: flagged, and without the answers.
    expect(JSON.parse(sent)).toMatchObject({ gpc: true });
    expect(sent).not.toContain(email);
    expect(sent).not.toContain('Moreau');
    // What sales can see: the demo request counted, anonymously (no other journey makes one)…
    await eventually('the anonymous demo request', async () => (await allLeads('&status=anonymous')).some((l) => l.reasons.some((r) => r.rule === 'demo-request')) || undefined);
    // …and no person.
    const all = [...(await allLeads()), ...(await allLeads('&status=merged'))];
    expect(all.filter((l) => l.email === email)).toEqual([]);
    const after = await stack.api<{ knownLeads: number }>('/api/stats');
    expect(after.knownLeads).toBe(before.knownLeads);
    // Stronger, below the API: the email is nowhere in the database.
    const sqlite = stack.collector.store.sqlite;
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    for (const { name } of tables) {
      const rows = JSON.stringify(sqlite.prepare(`SELECT * FROM "${name}"`).all()).toLowerCase();
      expect(rows, `table ${name}`).not.toContain(email);
      expect(rows, `table ${name}`).not.toContain('moreau');
    }
  }, JOURNEY_TIMEOUT);

  it('6. the same person on a second browser requests a demo again: one lead, both browsers in its story, no second webhook', async () => {
    expect(dana, 'journey 1 made no lead').toBeDefined();
    const { context, page } = await newVisitor();
    await visit(page, '/integrations');
    await shot(page, 'j6', '01-integrations');
    await follow(page, nav('Tour'), '/tour/overview');
    await shot(page, 'j6', '02-tour-overview');
    // The tour is a single-page app: a tab is a pushState route change, not a page load.
    await extReady(page);
    await follow(page, '#tour-tabs a[data-tab="analytics"]', '/tour/analytics');
    await shot(page, 'j6', '03-tour-analytics');
    // The outbound "Customer login" link: the navigation is aborted here, the click is still tracked.
    const outbound = beaconSent(page, (body) => body.includes('"type":"outbound"'));
    await page.locator('a.login-link').first().click();
    await outbound;
    await visit(page, '/demo');
    await shot(page, 'j6', '04-demo');
    // Story times are the browser's: compare with its clock.
    const started = await page.evaluate(() => Date.now());
    await submitForm(page, 'demo-request', DANA, '/demo/thanks');
    await shot(page, 'j6', '05-demo-thanks');
    await leave(context);

    const detail = await leadOnceScored(DANA.email, submitted('demo-request', started));
    expect(detail.id).toBe(dana!.id);
    expect(await leadsWithEmail(DANA.email)).toHaveLength(1);
    const pageviews = detail.story.filter((s) => s.type === 'pageview').map(path);
    // From the first browser, and from the second.
    expect(pageviews).toEqual(expect.arrayContaining(['/blog/alert-fatigue-is-a-routing-problem', '/integrations', '/tour/overview']));
    expect(detail.story).toContainEqual(expect.objectContaining({ type: 'pageview', url: `${stack.site.url}/tour/analytics`, title: 'Product tour: Analytics — Runwell' }));
    expect(detail.story).toContainEqual(expect.objectContaining({ type: 'outbound', detail: 'https://app.runwell.example/login' }));
    expect(detail.story.filter((s) => s.type === 'form_submit' && s.detail === 'demo-request')).toHaveLength(2);
    expect(detail.status).toBe('mql');
    expect(webhooksFor(dana!.id)).toHaveLength(1);
  }, JOURNEY_TIMEOUT);

  it('4. sales rejects the Director for bad timing: recycled, and a demo request within the cool-down keeps her so; after it, new buying activity qualifies her again', async () => {
    expect(dana, 'journey 1 made no lead').toBeDefined();
    expect(webhooksFor(dana!.id)).toHaveLength(1);
    const rejected = await stack.api<LeadDetail>(`/api/leads/${dana!.id}/feedback`, { method: 'POST', body: { outcome: 'rejected', reason: 'bad_timing' } });
    expect(rejected.status).toBe('recycled');
    expect(rejected.lifecycle.slice(-2)).toMatchObject([
      { from: 'mql', to: 'rejected', reason: 'bad_timing' },
      { from: 'rejected', to: 'recycled' },
    ]);
    expect(rejected.cooldownUntil).toBeGreaterThanOrEqual(stack.clock.now() + 29 * DAY);
    expect(rejected.cooldownUntil).toBeLessThan(stack.clock.now() + 31 * DAY);
    expect(await mqls()).not.toContainEqual(expect.objectContaining({ id: dana!.id }));
    expect(await mqls('&status=recycled')).toContainEqual(expect.objectContaining({ id: dana!.id }));

    // Her own browser. Still keen the next day, within the cool-down: she stays recycled.
    await moveTime(DAY);
    const { context, page } = await newVisitor({ storageState: dana!.storage });
    await visit(page, '/demo');
    await shot(page, 'j4', '01-demo-in-cooldown');
    const tooEarly = await page.evaluate(() => Date.now());
    await submitForm(page, 'demo-request', DANA, '/demo/thanks');
    const cooling = await leadOnceScored(DANA.email, submitted('demo-request', tooEarly), '&status=recycled');
    expect(cooling.status).toBe('recycled');

    // A month later the cool-down is over, and she is back on pricing and asks for a demo again.
    await moveTime(30 * DAY);
    const back = stack.clock.now();
    await visit(page, '/');
    await shot(page, 'j4', '02-home-a-month-later');
    await follow(page, nav('Pricing'), '/pricing');
    await shot(page, 'j4', '03-pricing');
    await follow(page, 'a.btn:text-is("Book a demo")', '/demo');
    await shot(page, 'j4', '04-demo');
    await submitForm(page, 'demo-request', DANA, '/demo/thanks');
    await shot(page, 'j4', '05-demo-thanks');
    await leave(context);

    const detail = await eventually('Dana qualified again', async () => {
      const d = await lead(dana!.id);
      return d.status === 'mql' ? d : undefined;
    });
    expect(detail.lifecycle.at(-1)).toMatchObject({ from: 'recycled', to: 'mql' });
    expect(detail.lifecycle.at(-1)!.at).toBeGreaterThanOrEqual(back);
    expect(detail.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['pricing-page', 'demo-request']));
    expect(await mqls()).toContainEqual(expect.objectContaining({ id: dana!.id, status: 'mql' }));
    // A new MQL, a new delivery (its own event id).
    const deliveries = await eventually('the second MQL webhook for Dana', () => (webhooksFor(dana!.id).length >= 2 ? webhooksFor(dana!.id) : undefined));
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]!.json.id).not.toBe(deliveries[0]!.json.id);
    await expectSigned(deliveries[1]!);
  }, JOURNEY_TIMEOUT);
});
