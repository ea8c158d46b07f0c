/**
 * Phase 5: the tracker. Bytes of t.js (and of ext.js, which t.js loads after the page's load event,
 * and vitals.js, which ext.js loads) raw / gzip / brotli, and main-thread cost in headless Chromium with the
 * CPU throttled 4× (median of 9 page loads; quick: 3), beside Plausible's npm tracker
 * (@plausible-analytics/tracker, every feature on) bundled with the same esbuild settings, same run.
 * Target: smaller and cheaper than Plausible's.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { BUNDLE_OPTIONS, buildTracker, DIST, type BuiltFile } from '../tracker/build.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from './options.ts';
import { table, type Headline, type PhaseResult } from './result.ts';
import { fmt, median, pct } from './stats.ts';
import { measurePage, type ScriptCost, type Variant } from './tracker-page.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Plausible's npm tracker, every option on, bundled as tracker/build.ts bundles t.js. */
const PLAUSIBLE_ENTRY = `import { init } from '@plausible-analytics/tracker';
init({ domain: 'www.example.com', endpoint: '/api/event', autoCapturePageviews: true, hashBasedRouting: true,
  outboundLinks: true, fileDownloads: true, formSubmissions: true, captureOnLocalhost: true, logging: true, bindToWindow: true });`;

async function bundlePlausible(): Promise<string> {
  const out = await build({ ...BUNDLE_OPTIONS, stdin: { contents: PLAUSIBLE_ENTRY, resolveDir: join(import.meta.dirname, '..'), loader: 'js' } });
  return out.outputFiles[0]!.text;
}

/** Measured as tracker/build.ts measures: gzip level 9, brotli quality 11. */
function sizes(name: string, code: string): BuiltFile {
  const bytes = Buffer.from(code);
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

export async function trackerPhase(options: BenchOptions): Promise<PhaseResult> {
  const built = await buildTracker();
  const dist = (name: string) => readFileSync(join(DIST, name), 'utf8');
  const plausibleCode = await bundlePlausible();
  const file = (name: string) => built.files.find((f) => f.name === name)!;
  const t = file('t.js');
  const ext = file('ext.js');
  const vitals = file('vitals.js');
  const plausible = sizes('plausible (npm, bundled)', plausibleCode);
  const both: BuiltFile = { name: 't.js + ext.js', raw: t.raw + ext.raw, gzip: t.gzip + ext.gzip, brotli: t.brotli + ext.brotli };

  const tells: Variant = {
    name: 'tells',
    head: '<script async src="/t.js" data-site="demo"></script>',
    scripts: { '/t.js': dist('t.js'), '/ext.js': dist('ext.js'), '/vitals.js': dist('vitals.js') },
  };
  const plausibleVariant: Variant = { name: 'plausible', head: '<script async src="/plausible.js"></script>', scripts: { '/plausible.js': plausibleCode } };

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const runs: { costs: Record<string, ScriptCost>; beacons: [number, number] }[] = [];
  /** The same loads unthrottled, for the thread CPU (Chromium's throttling keeps the thread busy, so it inflates CPU time too). */
  const plain: { costs: Record<string, ScriptCost> }[] = [];
  try {
    // One warm-up load each (browser caches, first-run work), then alternate so drift hits both.
    await measurePage(browser, tells, 500);
    await measurePage(browser, plausibleVariant, 500);
    for (let i = 0; i < options.trackerRuns; i++) {
      const order = i % 2 === 0 ? [tells, plausibleVariant] : [plausibleVariant, tells];
      const throttled = [];
      const unthrottled = [];
      for (const variant of order) throttled.push(await measurePage(browser, variant, options.trackerSettleMs));
      for (const variant of order) unthrottled.push(await measurePage(browser, variant, options.trackerSettleMs, 1));
      const [tRun, pRun] = order[0] === tells ? throttled : [throttled[1]!, throttled[0]!];
      runs.push({ costs: { ...tRun!.msByScript, ...pRun!.msByScript }, beacons: [tRun!.beacons, pRun!.beacons] });
      plain.push({ costs: Object.assign({}, ...unthrottled.map((u) => u.msByScript)) });
    }
  } finally {
    await browser.close();
  }
  const zero: ScriptCost = { wallMs: 0, cpuMs: 0 };
  const scriptsOf: Record<string, string[]> = {
    't.js': ['/t.js'],
    'ext.js': ['/ext.js'],
    't.js + ext.js': ['/t.js', '/ext.js'],
    'vitals.js (after load)': ['/vitals.js'],
    Plausible: ['/plausible.js'],
  };
  /** Per run, the summed cost of the scripts; then median, min, max over runs. */
  const stat = (name: string, kind: keyof ScriptCost, from: { costs: Record<string, ScriptCost> }[] = runs) => {
    const values = from.map((r) => scriptsOf[name]!.reduce((sum, path) => sum + (r.costs[path] ?? zero)[kind], 0));
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  const wall = (name: string) => stat(name, 'wallMs').median;
  const ms = { t: wall('t.js'), both: wall('t.js + ext.js'), plausible: wall('Plausible') };
  const cpu = (name: string) => stat(name, 'cpuMs', plain).median;
  const headlines: Headline[] = [
    { metric: 't.js gzip bytes', value: fmt(t.gzip), baseline: `Plausible ${fmt(plausible.gzip)}`, ratio: pct(t.gzip / plausible.gzip), target: '< 100%', met: t.gzip < plausible.gzip },
    { metric: 't.js + ext.js gzip bytes', value: fmt(both.gzip), baseline: `Plausible ${fmt(plausible.gzip)}`, ratio: pct(both.gzip / plausible.gzip), target: '< 100%', met: both.gzip < plausible.gzip },
    { metric: 't.js main-thread ms (4× throttled, median)', value: fmt(ms.t, 1), baseline: `Plausible ${fmt(ms.plausible, 1)}`, ratio: pct(ms.t / ms.plausible), target: '< 100%', met: ms.t < ms.plausible },
    { metric: 't.js + ext.js main-thread ms', value: fmt(ms.both, 1), baseline: `Plausible ${fmt(ms.plausible, 1)}`, ratio: pct(ms.both / ms.plausible), target: '< 100%', met: ms.both < ms.plausible },
    // The throttled wall figures swing with the machine; the unthrottled thread CPU barely moves.
    ...(['t.js', 't.js + ext.js'] as const).map((name) => ({
      metric: `${name} main-thread CPU ms (unthrottled, median)`,
      value: fmt(cpu(name), 1),
      baseline: `Plausible ${fmt(cpu('Plausible'), 1)}`,
      ratio: pct(cpu(name) / cpu('Plausible')),
      target: '< 100%',
      met: cpu(name) < cpu('Plausible'),
    })),
  ];
  const costRows = Object.keys(scriptsOf).map((name) => {
    const w = stat(name, 'wallMs');
    const c = stat(name, 'cpuMs', plain);
    return [name, fmt(w.median, 1), `${fmt(w.min, 1)}–${fmt(w.max, 1)}`, fmt(c.median, 1), `${fmt(c.min, 1)}–${fmt(c.max, 1)}`];
  });
  const sizeRows = [t, ext, both, vitals, plausible].map((f) => [f.name, fmt(f.raw), fmt(f.gzip), fmt(f.brotli)]);
  return {
    id: 'tracker',
    title: '5. Tracker size and main-thread cost',
    headlines,
    details: [
      table(['file', 'raw bytes', 'gzip', 'brotli'], sizeRows),
      '',
      table(['script', 'main-thread wall ms (4× throttled), median', 'min–max', 'main-thread CPU ms unthrottled, median', 'min–max'], costRows),
      '',
      `Unthrottled main-thread CPU, the figure least moved by a busy machine: t.js ${pct(cpu('t.js') / cpu('Plausible'))} of Plausible's, t.js + ext.js ${pct(cpu('t.js + ext.js') / cpu('Plausible'))}.`,
      '',
      `Beacons answered per load (Tells / Plausible): ${runs.map((r) => r.beacons.join('/')).join(', ')}.`,
    ].join('\n'),
    notes: [
      `Sizes as tracker/build.ts measures them (gzip level 9, brotli quality 11). Plausible: \`@plausible-analytics/tracker\` with \`init({...})\` and every option on (autoCapturePageviews, hashBasedRouting, outboundLinks, fileDownloads, formSubmissions, captureOnLocalhost, logging, bindToWindow), bundled with tracker/build.ts's esbuild settings (iife, minify, es2017, browser). Tells' features are always on.`,
      't.js loads ext.js (SPA routes, engagement, attribution, form fields, track and identify) after the load event, and ext.js loads vitals.js; ext.js is a second request, compressed on its own, so "t.js + ext.js" adds the two compressed sizes. vitals.js (Core Web Vitals, which Plausible does not collect) is shown apart and left out of the comparison.',
      `Main-thread cost: ${options.trackerRuns} page loads per tracker throttled and as many unthrottled (after one warm-up each), Tells and Plausible alternating, each in a fresh browser context of one Chromium (${CHROMIUM}; ${ARGS.join(' ')}), CPU throttled with CDP \`Emulation.setCPUThrottlingRate {rate: 4}\`. A Chrome trace (devtools.timeline) of the load plus ${options.trackerSettleMs} ms; a script's cost is the union of its renderer-main-thread \`v8.compile\`, \`EvaluateScript\` and \`FunctionCall\` events (its start-up work, its timers and listeners in that window), in wall time, so it includes the 4× throttling, waits (such as the first localStorage access, a synchronous trip to the browser process) and any time the machine took the CPU away. The CPU columns come from the same number of loads without throttling (Chromium throttles by keeping the thread busy, which would count as CPU): the events' thread time, which neither waits nor a busy machine inflate.`,
      'The page is a small static HTML page (heading, text, links, a form) served by request interception on http://127.0.0.1:8999; every POST is answered 202.',
    ],
  };
}
