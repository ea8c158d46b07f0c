import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assetVersion } from '../shared/asset-version.ts';
import { buildTracker, DIST, T_JS_GZIP_BUDGET, type BuiltFile } from './build.ts';

describe('tracker build', () => {
  let files: BuiltFile[];
  beforeAll(async () => {
    ({ files } = await buildTracker());
  });

  it('builds t.js within its gzip budget, plus ext.js and vitals.js', () => {
    expect(files.map((f) => f.name)).toEqual(['t.js', 'ext.js', 'vitals.js']);
    for (const f of files) expect(f.gzip).toBeGreaterThan(0), expect(f.brotli).toBeLessThan(f.raw);
    expect(files[0]!.gzip).toBeLessThanOrEqual(T_JS_GZIP_BUDGET);
  });

  it('asks Chrome to compile each file off the main thread', () => {
    for (const name of ['t.js', 'ext.js', 'vitals.js']) expect(readFileSync(join(DIST, name), 'utf8')).toMatch(/^\/\/# allFunctionsCalledOnLoad\n/);
  });

  it('loads ext.js and vitals.js by the version of the file built beside it', async () => {
    const read = (name: string) => readFileSync(join(DIST, name), 'utf8');
    expect(read('t.js')).toContain(`"ext.js?v=${await assetVersion(read('ext.js'))}"`);
    expect(read('ext.js')).toContain(`"vitals.js?v=${await assetVersion(read('vitals.js'))}"`);
  });

  it('ships no validator, no eval and no third-party host', () => {
    for (const name of ['t.js', 'ext.js', 'vitals.js']) {
      const code = readFileSync(join(DIST, name), 'utf8');
      expect(code).not.toMatch(/\beval\(|new Function|ZodError|https?:\/\/(?!www\.w3\.org)/);
    }
  });
});
