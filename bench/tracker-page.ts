/**
 * One headless Chromium page load with a tracker, the CPU throttled (4× by default), traced: how long the
 * renderer's main thread spent in each script (compile, evaluation, and its callbacks until the
 * page settled). Everything is served by request interception on http://127.0.0.1:8999 — no
 * server, no network; beacons are answered 202 and counted.
 */
import type { Browser } from 'playwright-core';

export const PAGE_ORIGIN = 'http://127.0.0.1:8999';

export interface Variant {
  name: string;
  /** The script tag(s) in <head>. */
  head: string;
  /** Path → JavaScript text. */
  scripts: Record<string, string>;
}

export interface ScriptCost {
  /** Main-thread wall time: includes the throttling, waits (e.g. for storage) and any time the OS ran something else. */
  wallMs: number;
  /**
   * Main-thread CPU time (trace thread clock): not inflated by waits or a busy machine, but it is
   * by throttling, which Chromium implements by keeping the thread busy.
   */
  cpuMs: number;
}

export interface PageCost {
  /** Per script path. */
  msByScript: Record<string, ScriptCost>;
  beacons: number;
}

const body = `<h1>Pricing that scales with you</h1>
<p>${'Intent data for B2B teams. '.repeat(40)}</p>
<p><a href="/pricing">Pricing</a> <a href="/resources/guide.pdf">Guide (PDF)</a> <a href="https://partner.example.org/">Partner</a></p>
<form id="demo-request" action="/demo" method="post"><input name="email" type="email"><input name="company"><button>Book a demo</button></form>`;

const html = (variant: Variant) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench page</title>${variant.head}</head><body>${body}</body></html>`;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) duration. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; fileName?: string };
}

/** Main-thread wall time and thread CPU time of each script: the union of its compile / evaluate / call events. */
function costByScript(events: TraceEvent[], paths: string[]): Record<string, ScriptCost> {
  // Every renderer's main thread (the page may have more than one renderer process over its life).
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const spans = new Map<string, TraceEvent[]>(paths.map((p) => [p, []]));
  for (const e of events) {
    if (!mains.has(`${e.pid}:${e.tid}`) || e.ph !== 'X' || !e.dur) continue;
    if (!['EvaluateScript', 'v8.compile', 'FunctionCall'].includes(e.name)) continue;
    const url = e.args?.data?.url ?? e.args?.fileName;
    const path = url ? paths.find((p) => url.startsWith(`${PAGE_ORIGIN}${p}`)) : undefined;
    if (path) spans.get(path)!.push(e);
  }
  const out: Record<string, ScriptCost> = {};
  for (const [path, list] of spans) {
    list.sort((a, b) => a.ts - b.ts);
    let wall = 0;
    let cpu = 0;
    let end = -Infinity;
    for (const e of list) {
      const finish = e.ts + e.dur!;
      if (finish <= end) continue; // nested in one already counted
      wall += finish - Math.max(e.ts, end);
      // Thread time only of events that start after the last counted one ended (not nested, not overlapping).
      if (e.ts >= end) cpu += e.tdur ?? 0;
      end = finish;
    }
    out[path] = { wallMs: wall / 1000, cpuMs: cpu / 1000 };
  }
  return out;
}

/** Loads the page once in a fresh context and measures each script's main-thread time. */
export async function measurePage(browser: Browser, variant: Variant, settleMs: number, throttle = 4): Promise<PageCost> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let beacons = 0;
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== PAGE_ORIGIN) return route.abort();
      if (route.request().method() === 'POST') {
        beacons++;
        return route.fulfill({ status: 202, contentType: 'application/json', body: '{"accepted":1,"duplicates":0,"rejected":0}' });
      }
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html(variant) });
      const script = variant.scripts[url.pathname];
      if (script !== undefined) return route.fulfill({ contentType: 'application/javascript; charset=utf-8', body: script });
      return route.fulfill({ status: 404, body: '' });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute'] });
    let traced: Buffer;
    try {
      await page.goto(`${PAGE_ORIGIN}/`, { waitUntil: 'load' });
      // Long enough for each tracker's start-up work (first beacon, lazily loaded parts) to finish.
      await page.waitForTimeout(settleMs);
    } finally {
      traced = await browser.stopTracing();
    }
    const trace = JSON.parse(traced.toString('utf8')) as { traceEvents: TraceEvent[] };
    const msByScript = costByScript(trace.traceEvents, Object.keys(variant.scripts));
    return { msByScript, beacons };
  } finally {
    await context.close();
  }
}
