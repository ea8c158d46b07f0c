/**
 * Phase 8: kill -9 under load, many times. The Node collector runs in a child process over one
 * SQLite file; six senders post single-event beacons; at a random moment the child gets SIGKILL
 * and is started again on the same file. A beacon cut off by the kill is not acknowledged, so it
 * is sent again after the restart, as the tracker does (it may have been committed: then it must
 * come back as a duplicate, never be stored twice). At the end: every event answered 202 must be
 * in the file exactly once, `PRAGMA integrity_check` must say ok, and every MQL must still have
 * its webhook delivery in the outbox (the webhook points at a closed loopback port, so deliveries
 * stay queued). The CI test (collector/src/node.test.ts) does 10 kills; this does more.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startChild, type ChildServer } from './child.ts';
import { BENCH_API_KEY, BENCH_ORIGIN, BENCH_SITE } from './config.ts';
import type { BenchOptions } from './options.ts';
import { table, type PhaseResult } from './result.ts';
import { fmt, median, pct, quantile } from './stats.ts';
import { withTempDir } from './workdir.ts';

const SENDERS = 6;
const VISITORS = 60;
/**
 * The kill comes this long (uniformly at random) after the restarted collector answers its first
 * beacon, so that it lands among writes, not in the idle start-up; at most FIRST_ANSWER_WAIT_MS
 * is spent waiting for that answer.
 */
const MAX_KILL_DELAY_MS = 800;
const FIRST_ANSWER_WAIT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 5000;
/** Starts of the bare server behind the restart baseline (median). */
const BARE_STARTS = 3;

type Collector = ChildServer<{ type: 'ready'; url: string }>;

/** The bench config plus a webhook nobody answers (port 9 on loopback): MQL deliveries stay in the outbox. */
function crashConfig(): string {
  const unlimited = { burst: 1_000_000, perSecond: 1_000_000 };
  return JSON.stringify({
    sites: [{ id: BENCH_SITE, origins: [BENCH_ORIGIN] }],
    webhooks: [{ url: 'http://127.0.0.1:9/unreachable', secret: 'crash-bench-secret-0123' }],
    allowAutomation: true,
    limits: { ingestPerIp: unlimited, ingestPerSite: unlimited, adminPerKey: unlimited },
  });
}

/**
 * Single-event beacons: each visitor walks home → read → pricing → read → form → blog, again and
 * again. A third of them request a demo as a Director at a mid-size company (an MQL and a webhook
 * delivery); the rest subscribe to the newsletter (known leads). Engagement readings keep them
 * clear of the "no engaged time" bot signal.
 */
function beaconSource(tag: string) {
  let n = 0;
  return (): Beacon => {
    const i = n++;
    const visitor = i % VISITORS;
    const vid = `crash-${tag}-${visitor}`;
    const id = `crash-${tag}-${i}`;
    const ts = Date.now() - 500;
    const at = (path: string) => `${BENCH_ORIGIN}${path}`;
    const step = Math.floor(i / VISITORS) % 6;
    const email = `${vid}@acme-logistics.example`;
    const event =
      step === 0 ? { id, type: 'pageview', ts, url: at('/') }
      : step === 1 ? { id, type: 'engagement', ts, url: at('/'), props: { engagedMs: 12_000, scrollPct: 60 } }
      : step === 2 ? { id, type: 'pageview', ts, url: at('/pricing') }
      : step === 3 ? { id, type: 'engagement', ts, url: at('/pricing'), props: { engagedMs: 30_000, scrollPct: 90 } }
      : step === 4
        ? visitor % 3 === 0
          ? { id, type: 'form_submit', ts, url: at('/demo'), props: { form: 'demo-request', email, jobTitle: 'Director of Operations', companySize: '201-1000' } }
          : { id, type: 'form_submit', ts, url: at('/blog'), props: { form: 'newsletter', email } }
      : { id, type: 'pageview', ts, url: at('/blog/b2b-funnels') };
    return { id, body: JSON.stringify({ v: 1, site: BENCH_SITE, vid, sid: `s-${vid}`, events: [event] }) };
  };
}

interface Tally {
  sent: number;
  /** Beacons answered 4xx other than 429: the tracker drops those (none expected). */
  rejected: number;
  /** Event ids answered 202. */
  acknowledged: string[];
  /** Beacons cut off by a kill (or answered other than 202), to send again after the restart. */
  pending: { id: string; body: string }[];
  retried: number;
  /** Retried beacons the collector answered as duplicates: committed before the kill, not answered. */
  retriedAlreadyStored: number;
}

type Beacon = { id: string; body: string };

/** Posts one beacon and books the answer, as the tracker would act on it. */
async function send(url: string, beacon: Beacon, retry: boolean, tally: Tally): Promise<void> {
  tally.sent++;
  if (retry) tally.retried++;
  try {
    const res = await fetch(`${url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: BENCH_ORIGIN },
      body: beacon.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 202) {
      await res.body?.cancel();
      if (res.status >= 400 && res.status < 500 && res.status !== 429) tally.rejected++;
      else tally.pending.push(beacon);
      return;
    }
    const answer = (await res.json()) as { duplicates: number };
    tally.acknowledged.push(beacon.id);
    if (retry && answer.duplicates > 0) tally.retriedAlreadyStored++;
  } catch {
    // Cut off by the kill: not acknowledged, so not promised; the tracker would send it again.
    tally.pending.push(beacon);
  }
}

/** `SENDERS` loops posting beacons (retries first) until `stop()`. */
function sendUntilStopped(url: string, next: () => Beacon, tally: Tally) {
  let running = true;
  const loops = Array.from({ length: SENDERS }, async () => {
    while (running) {
      const retry = tally.pending.shift();
      await send(url, retry ?? next(), retry !== undefined, tally);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

const start = (dbPath: string) =>
  startChild<{ type: 'ready'; url: string }>('collector', { BENCH_DB: dbPath, BENCH_CONFIG: crashConfig(), BENCH_API_KEY });

/** Spawn → ready of a bare Hono server the same way: what any restart costs before the collector's own work. */
async function bareStartMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < BARE_STARTS; i++) {
    const from = performance.now();
    const hello = await startChild<{ type: 'ready'; url: string }>('hello', {});
    times.push(performance.now() - from);
    await hello.stop();
  }
  return median(times);
}

/** A collector serving on the file, and how long it took from spawn. */
async function timedStart(dbPath: string): Promise<{ collector: Collector; ms: number }> {
  const from = performance.now();
  const collector = await start(dbPath);
  return { collector, ms: performance.now() - from };
}

interface FileCheck {
  lost: number;
  duplicates: number;
  integrity: string;
  mqls: number;
  outbox: number;
  mqlsWithoutDelivery: number;
  leadsBehind: number;
  storedEvents: number;
}

/** What the file says, after the last restart closed it cleanly. */
function checkFile(dbPath: string, acknowledged: string[]): FileCheck {
  const db = new Database(dbPath, { readonly: true });
  try {
    const stored = new Set(db.prepare('select id from events where site = ?').pluck().all(BENCH_SITE) as string[]);
    const duplicates = db.prepare('select count(*) from (select 1 from events group by site, id having count(*) > 1)').pluck().get() as number;
    const mqls = db.prepare("select id from leads where status = 'mql'").pluck().all() as string[];
    const queued = new Set(db.prepare('select lead_id from outbox').pluck().all() as string[]);
    const outbox = db.prepare('select count(*) from outbox').pluck().get() as number;
    // Committed events whose lead was not re-scored before a kill: caught up by the lead's next beacon.
    const leadsBehind = db
      .prepare(
        `select count(*) from leads l where l.status != 'merged' and exists (
           select 1 from visitors v join events e on e.site = v.site and e.vid = v.vid
           where v.lead_id = l.id and e.seq > max(l.last_seq, l.intent_since_seq))`,
      )
      .pluck()
      .get() as number;
    return {
      lost: acknowledged.filter((id) => !stored.has(id)).length,
      duplicates,
      integrity: String(db.pragma('integrity_check', { simple: true })),
      mqls: mqls.length,
      outbox,
      mqlsWithoutDelivery: mqls.filter((id) => !queued.has(id)).length,
      leadsBehind,
      storedEvents: stored.size,
    };
  } finally {
    db.close();
  }
}

const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

export async function crashPhase(options: BenchOptions): Promise<PhaseResult> {
  const { kills, maxSeconds } = options.crash;
  return withTempDir('crash', async (dir) => {
    const dbPath = join(dir, 'tells.db');
    const next = beaconSource(Math.random().toString(36).slice(2, 8));
    const tally: Tally = { sent: 0, rejected: 0, acknowledged: [], pending: [], retried: 0, retriedAlreadyStored: 0 };
    const restarts: number[] = [];
    const killDelays: number[] = [];
    const deadline = performance.now() + maxSeconds * 1000;

    const bare = await bareStartMs();
    const first = await timedStart(dbPath);
    let collector: Collector | undefined = first.collector;
    let killed = 0;
    let survived = 0;
    let health = 0;
    try {
      while (killed < kills && performance.now() < deadline) {
        const answeredBefore = tally.acknowledged.length;
        const stop = sendUntilStopped(collector.ready.url, next, tally);
        const waitUntil = performance.now() + FIRST_ANSWER_WAIT_MS;
        while (tally.acknowledged.length === answeredBefore && performance.now() < waitUntil) {
          await new Promise((done) => setTimeout(done, 5));
        }
        const delay = Math.random() * MAX_KILL_DELAY_MS;
        killDelays.push(delay);
        await new Promise((done) => setTimeout(done, delay));
        const killedAt = performance.now();
        process.kill(collector.pid, 'SIGKILL');
        await collector.stop(); // only waits for the exit: the process is gone
        const exitMs = performance.now() - killedAt;
        collector = undefined;
        killed++;
        await stop();
        const restarted = await timedStart(dbPath);
        collector = restarted.collector;
        restarts.push(exitMs + restarted.ms);
        survived++;
      }
      // What the last kill cut off is sent once more, then the last restart closes cleanly.
      for (const beacon of tally.pending.splice(0)) await send(collector.ready.url, beacon, true, tally);
      health = (await fetch(`${collector.ready.url}/health`)).status;
    } finally {
      await collector?.stop();
    }

    const file = checkFile(dbPath, tally.acknowledged);
    const ok = file.lost === 0 && file.duplicates === 0;
    const cutOff = tally.pending.length;
    return {
      id: 'crash',
      title: '8. Crash: kill -9 under load',
      headlines: [
        {
          metric: `events answered 202 through ${killed} kill -9, lost / stored twice`,
          value: `${fmt(file.lost)} / ${fmt(file.duplicates)} of ${fmt(tally.acknowledged.length)}`,
          baseline: `${survived} of ${killed} restarts served again`,
          ratio: pct((file.lost + file.duplicates) / Math.max(1, tally.acknowledged.length), 2),
          target: '0 lost, 0 twice',
          met: ok,
        },
        {
          metric: 'PRAGMA integrity_check after the kills',
          value: file.integrity,
          baseline: `${fmt(file.mqls)} MQLs, ${fmt(file.mqlsWithoutDelivery)} without their queued webhook`,
          ratio: '',
          target: 'ok, every MQL queued',
          met: file.integrity === 'ok' && file.mqlsWithoutDelivery === 0,
        },
        {
          metric: 'restart after kill -9 (kill → serving, node --import tsx)',
          value: `p50 ${seconds(median(restarts))}, p95 ${seconds(quantile(restarts, 0.95))}`,
          baseline: `bare Hono server start the same way ${seconds(bare)}`,
          ratio: `${fmt(median(restarts) / bare, 2)}×`,
        },
      ],
      details: table(
        ['what', 'figure'],
        [
          ['kills (SIGKILL) / restarts that served again', `${killed} / ${survived}${killed < kills ? ` (stopped at the ${maxSeconds} s bound; ${kills} planned)` : ''}`],
          ['kill moment after the (re)started collector answered its first beacon', `0–${MAX_KILL_DELAY_MS} ms at random (median ${fmt(median(killDelays))} ms)`],
          ['beacons sent (single event each, retries included)', fmt(tally.sent)],
          ['events answered 202', fmt(tally.acknowledged.length)],
          ['… lost (answered 202, not in the file)', fmt(file.lost)],
          ['… stored more than once', fmt(file.duplicates)],
          ['beacons cut off by a kill and sent again after the restart', fmt(tally.retried)],
          ['… of which already stored (answered as duplicates)', fmt(tally.retriedAlreadyStored)],
          ['beacons still unanswered at the end (never promised) / rejected 4xx', `${fmt(cutOff)} / ${fmt(tally.rejected)}`],
          ['events in the file', fmt(file.storedEvents)],
          ['`PRAGMA integrity_check`', file.integrity],
          ['MQLs / outbox rows / MQLs without a queued delivery', `${fmt(file.mqls)} / ${fmt(file.outbox)} / ${fmt(file.mqlsWithoutDelivery)}`],
          ['leads with committed events not yet scored (the next beacon catches up)', fmt(file.leadsBehind)],
          ['restart, kill → serving: p50 / p95 / max', `${seconds(median(restarts))} / ${seconds(quantile(restarts, 0.95))} / ${seconds(Math.max(...restarts))}`],
          ['first start on an empty file (creates the schema)', seconds(first.ms)],
          [`bare Hono server (\`bench/servers/hello.ts\`), spawn → serving, median of ${BARE_STARTS}`, seconds(bare)],
          ['`GET /health` after the last restart', String(health)],
        ],
      ),
      notes: [
        `The collector is \`bench/servers/collector.ts\` (\`startCollector\`, as \`npm start\` runs it: WAL, synchronous=NORMAL) started with \`node --import tsx\` in a child process on 127.0.0.1; its config adds a webhook to 127.0.0.1:9, where nothing listens, so every MQL's delivery stays in the outbox. ${SENDERS} senders post single-event beacons over ${VISITORS} visitors with fetch; a beacon whose request fails or is not answered 202 is sent again after the restart, as the tracker does.`,
        'Restart time runs from the SIGKILL to the restarted child reporting it is listening: process start, tsx loading the TypeScript, opening the file (SQLite recovers the WAL), migrations (none to apply) and listen. The first start also creates the schema. The baseline is a bare Hono server started the same way (node, tsx, listen): the difference is the collector\'s own start-up.',
        'After the last restart the collector answers /health and is stopped with SIGTERM; the file is then opened read-only and checked. "Lost" compares every id answered 202 with the stored ids; "stored more than once" groups events by (site, id).',
        '"Leads not yet scored" counts leads with committed events after their last scoring write: 0 when a beacon\'s events and its lead update commit together; otherwise a kill between the two commits leaves the lead behind until its next beacon. Reported, not a loss (the events are stored).',
      ],
    };
  });
}
