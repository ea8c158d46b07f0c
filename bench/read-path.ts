/**
 * Phase 4: the admin API over a large database (1M events, 100k visitors, 10k leads; quick:
 * 50k / 5k / 1k), served by the Node collector in a child process. p50/p95 of sequential requests
 * to `GET /api/mqls` (first page and a deep cursor page) and `GET /api/leads/:id`, beside
 * `GET /health` on the same server as the baseline (HTTP and framework alone). Target: p95 < 20 ms.
 * Then `EXPLAIN QUERY PLAN` of every query behind them.
 */
import { profiledCollector, startCollectorChild } from './collector-child.ts';
import { BENCH_API_KEY } from './config.ts';
import type { Dataset } from './dataset.ts';
import { explainRequests, type QueryPlan } from './explain.ts';
import { closeConnections, timedRequest } from './http-timing.ts';
import type { BenchOptions } from './options.ts';
import { table, type Headline, type PhaseResult } from './result.ts';
import { fmt, median, quantile } from './stats.ts';

const AUTH = { authorization: `Bearer ${BENCH_API_KEY}` };
const PAGE = 50;

interface Endpoint {
  label: string;
  path: (i: number) => string;
}

async function timeEndpoint(base: string, endpoint: Endpoint, count: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(20, count); i++) await timedRequest(base + endpoint.path(i), { headers: AUTH });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await timedRequest(base + endpoint.path(i), { headers: AUTH });
    if (res.status !== 200) throw new Error(`${endpoint.label}: ${res.status} ${res.body.slice(0, 200)}`);
    times.push(res.ms);
  }
  return { p50: median(times), p95: quantile(times, 0.95) };
}

/** Walks the MQL list to its end; returns the cursor of the deepest full page and its number. */
async function deepestCursor(base: string): Promise<{ cursor: string | null; page: number; pages: number; mqls: number }> {
  let cursor: string | null = null;
  let deepest: { cursor: string | null; page: number } = { cursor: null, page: 1 };
  let pages = 0;
  let mqls = 0;
  do {
    const res = await timedRequest(`${base}/api/mqls?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, { headers: AUTH });
    const page = JSON.parse(res.body) as { data: unknown[]; nextCursor: string | null };
    pages++;
    mqls += page.data.length;
    // A last page may hold a few items only: the deep page timed is the deepest full one.
    if (page.data.length === PAGE) deepest = { cursor, page: pages };
    cursor = page.nextCursor;
  } while (cursor);
  return { ...deepest, pages, mqls };
}

function planMarkdown(plans: QueryPlan[]): string {
  return plans
    .map((p) => [`**${p.request}**${p.fullScans.length ? ` — FULL SCAN of ${p.fullScans.join(', ')}` : ''}${p.tempBTree ? ' — uses a temp B-tree' : ''}`, '```sql', p.sql, '```', '```', ...p.plan, '```'].join('\n'))
    .join('\n\n');
}

export async function readPathPhase(options: BenchOptions, dataset: Dataset): Promise<PhaseResult> {
  const collector = await startCollectorChild(dataset.file);
  let rows: { label: string; p50: number; p95: number }[] = [];
  let deep: Awaited<ReturnType<typeof deepestCursor>>;
  const endpointsByLabel = new Map<string, Endpoint>();
  const ids = dataset.leadIds;
  // A fixed stride through the leads: every request a different lead, MQLs and others alike.
  const leadPath = (i: number) => `/api/leads/${ids[(i * 7919) % ids.length]}`;
  try {
    const base = collector.ready.url;
    deep = await deepestCursor(base);
    const endpoints: Endpoint[] = [
      { label: 'GET /health (baseline)', path: () => '/health' },
      { label: `GET /api/mqls?limit=${PAGE} (first page)`, path: () => `/api/mqls?limit=${PAGE}` },
      { label: `GET /api/mqls?limit=${PAGE}&cursor=… (page ${deep.page} of ${deep.pages})`, path: () => `/api/mqls?limit=${PAGE}${deep.cursor ? `&cursor=${deep.cursor}` : ''}` },
      { label: 'GET /api/leads/:id', path: leadPath },
    ];
    for (const endpoint of endpoints) endpointsByLabel.set(endpoint.label, endpoint);
    for (const endpoint of endpoints) rows.push({ label: endpoint.label, ...(await timeEndpoint(base, endpoint, options.readRequests)) });
  } finally {
    closeConnections();
    await collector.stop();
  }
  const plans = await explainRequests(dataset.file, [
    { label: 'GET /api/mqls (first page)', path: `/api/mqls?limit=${PAGE}` },
    { label: 'GET /api/mqls (deep cursor page)', path: `/api/mqls?limit=${PAGE}${deep.cursor ? `&cursor=${deep.cursor}` : ''}` },
    { label: 'GET /api/mqls?status=any (deep cursor page)', path: `/api/mqls?status=any&limit=${PAGE}${deep.cursor ? `&cursor=${deep.cursor}` : ''}` },
    { label: 'GET /api/leads (first page)', path: `/api/leads?limit=${PAGE}` },
    { label: 'GET /api/leads/:id', path: leadPath(1) },
    {
      label: 'POST /collect (an existing visitor: lead by visitor, its events since the last seq)',
      method: 'POST',
      path: '/collect',
      body: JSON.stringify({ v: 1, site: 'demo', vid: 'bv1', sid: 'bs1-x', events: [{ id: `explain-${Date.now()}`, type: 'pageview', ts: Date.now() - 1000, url: 'https://www.example.com/pricing' }] }),
    },
  ]);
  const health = rows[0]!;
  const slowest = rows.slice(1).sort((a, b) => b.p95 - a.p95)[0]!;
  // Missed: profile the slowest endpoint in a second run (the profiler slows it) for the lead.
  const profiled = rows.find((r) => r === slowest && r.p95 >= 20);
  const endpoint = profiled && endpointsByLabel.get(profiled.label);
  const profile =
    endpoint && options.profileOnMiss
      ? await profiledCollector(dataset.file, async (collector) => {
          for (let i = 0; i < options.readRequests; i++) await timedRequest(collector.ready.url + endpoint.path(i), { headers: AUTH });
          closeConnections();
          return options.readRequests;
        }).catch((err: unknown) => `profiling failed: ${String(err)}`)
      : '';
  const headlines: Headline[] = rows.slice(1).map((row) => ({
    metric: `${row.label} p95`,
    value: `${fmt(row.p95, 1)} ms (p50 ${fmt(row.p50, 1)})`,
    baseline: `/health p95 ${fmt(health.p95, 1)} ms`,
    ratio: `${fmt(row.p95 / health.p95, 1)}×`,
    target: 'p95 < 20 ms',
    met: row.p95 < 20,
  }));
  const scanning = plans.filter((p) => p.fullScans.length);
  headlines.push({
    metric: 'full table SCANs in the read-path queries',
    value: scanning.length ? scanning.map((p) => `${p.request}: ${p.fullScans.join(', ')}`).join('; ') : 'none',
    baseline: `${plans.length} distinct queries`,
    ratio: '',
  });
  return {
    id: 'read-path',
    title: '4. Read path at scale',
    headlines,
    details: [
      `Data set: ${fmt(dataset.size.events)} events, ${fmt(dataset.size.visitors)} visitors, ${fmt(dataset.size.leads)} leads (${fmt(deep.mqls)} MQLs, ${deep.pages} pages of ${PAGE}); loaded in ${fmt(dataset.loadSeconds, 1)} s, scored by rescoreAll.`,
      '',
      table(['request', 'p50 ms', 'p95 ms', 'p95 ÷ /health p95'], rows.map((r) => [r.label, fmt(r.p50, 1), fmt(r.p95, 1), `${fmt(r.p95 / health.p95, 1)}×`])),
      '',
      ...(profile ? [`Where the time goes for "${profiled!.label}", from \`node --cpu-prof\` over a second series of ${options.readRequests} requests (start-up left out):`, '', profile, ''] : []),
      '<details><summary>EXPLAIN QUERY PLAN of every query behind these requests</summary>',
      '',
      planMarkdown(plans),
      '',
      '</details>',
    ].join('\n'),
    notes: [
      `${options.readRequests} sequential requests per endpoint over one kept-alive connection after 20 warm-up requests; /api/leads/:id walks the leads with a fixed stride, a different lead each time.`,
      'The data set is written straight into SQLite with the collector\'s schema: 2,000 target accounts (tiers 1–3, customers), leads with contact answers (15% anonymous, 10% free-mail), visitors spread evenly over the leads, events interleaved in arrival order over 45 days (pages, engagement, downloads, outbound clicks, a demo request for a third of the known leads); then `rescoreAll` gives each lead its stored intent state, scores, status (MQL or not) and lifecycle.',
      'Plans were taken on the data set as loaded, without ANALYZE (the collector never runs it). "SCAN x USING INDEX" walks an index in order (stopped by LIMIT); only "SCAN x" alone reads the whole table.',
    ],
  };
}
