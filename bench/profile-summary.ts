/**
 * Where a collector's CPU goes, from a `node --cpu-prof` profile of its main thread: self time by
 * library, and inclusive time of the product's own steps. Start-up (module loading) is left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from './result.ts';
import { fmt } from './stats.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const LIBRARIES: [string, RegExp][] = [
  ['better-sqlite3 (SQLite itself, native)', /better-sqlite3/],
  ['drizzle-orm (query building, row mapping; its frames also hold the native statement runs)', /drizzle-orm/],
  ['hono (router, middleware)', /node_modules\/hono\//],
  ['@hono/node-server (Request/Response bridging)', /@hono\/node-server/],
  ['zod (beacon validation)', /node_modules\/zod/],
  ['Tells scoring (collector/src/scoring)', /collector\/src\/scoring/],
  ['Tells collector, other', /collector\/src|shared\//],
  ['Node http, net, streams, timers, crypto', /^node:/],
];

/** Inclusive steps worth naming: function name → label. */
const STEPS: Record<string, string> = {
  parseBeacon: 'parseBeacon (JSON + zod)',
  leadIdFor: 'leadIdFor (SHA-256 of site+vid)',
  storeBeacons: 'storeBeacons (one transaction: the writes, then the leads read back with their new events)',
  scoreLeads: 'scoreLeads (score, guarded write)',
  applyEvent: 'applyEvent',
  evaluate: 'evaluate',
  findAccount: 'findAccount',
  sqliteTransaction: 'store transactions (drizzle toSQL + statement runs + commit)',
  listMqls: 'listMqls (GET /api/mqls)',
  leadSummary: 'leadSummary (per list item)',
  leadDetail: 'leadDetail (GET /api/leads/:id)',
  currentScore: 'currentScore (evaluate at read time)',
  latestEvents: 'latestEvents (the story)',
  toSQL: 'drizzle toSQL (building SQL text)',
  parse: 'JSON.parse',
  stringify: 'JSON.stringify',
};

const STARTUP = /node:internal\/modules|tsx\/dist|esbuild/;

export function summariseProfile(dir: string, requests: number): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  // The main thread's profile is the larger one (tsx's loader thread writes a small one).
  const file = files.map((f) => join(dir, f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
  if (!file) return 'no profile was written';
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfByLib = new Map<string, number>();
  const steps = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frames: Node[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) frames.push(byId.get(cur)!);
    const leaf = frames[0]!.callFrame;
    if (leaf.functionName === '(idle)' || frames.some((f) => STARTUP.test(f.callFrame.url))) return;
    busy += ms;
    // Native frames have no URL: charge them to the nearest caller that has one.
    const owner = frames.find((f) => f.callFrame.url)?.callFrame.url ?? '';
    const lib = leaf.functionName === '(garbage collector)' ? 'garbage collection' : (LIBRARIES.find(([, re]) => re.test(owner))?.[0] ?? 'other (V8, native)');
    selfByLib.set(lib, (selfByLib.get(lib) ?? 0) + ms);
    const where = owner.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '').replace(/^file:\/\//, '');
    const fn = `${leaf.functionName || '(anonymous)'}${leaf.url ? '' : ' (native)'} — ${where || 'V8'}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (const f of frames) {
      const step = STEPS[f.callFrame.functionName];
      if (step && !seen.has(step)) {
        seen.add(step);
        steps.set(step, (steps.get(step) ?? 0) + ms);
      }
    }
  });
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, `${fmt((ms / busy) * 100)}%`, fmt((ms * 1000) / requests)]);
  return [
    `Busy CPU in the profile: ${fmt(busy)} ms for ${fmt(requests)} requests (${fmt((busy * 1000) / requests)} µs per request, profiler overhead included).`,
    '',
    table(['self time by library', 'share', 'µs / request'], rows(selfByLib)),
    '',
    table(['inclusive time of a step (synchronous stack only: work after an await is not under its caller)', 'share', 'µs / request'], rows(steps)),
    '',
    table(['top functions by self time (native calls charged to their JS caller\'s file)', 'share', 'µs / request'], rows(functions).slice(0, 15)),
  ].join('\n');
}
