import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { testCollector } from '../test-support.ts';

describe('GET /openapi.json', () => {
  it('describes every route the app serves', async () => {
    const t = testCollector();
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = (t.app as ReturnType<typeof createApp>).routes
      .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && r.path !== '/openapi.json')
      .map((r) => `${r.method} ${r.path}`);
    expect(new Set(documented)).toEqual(new Set(served));
    t.close();
  });
});
