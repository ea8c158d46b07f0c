/**
 * Builds the tracker: `dist/t.js` (the core the collector serves at /t.js), `dist/ext.js`
 * (SPA routes, engagement, attribution, form fields, track and identify; loaded by the core
 * once the page has loaded) and `dist/vitals.js` (Core Web Vitals, loaded by ext.js), each file
 * loading the next by a versioned name (`ext.js?v=…`, see shared/asset-version.ts). Prints
 * raw, gzip and brotli bytes of each and fails when t.js is over its gzip budget: every byte of
 * it is downloaded and parsed by every visitor of every customer site before anything is
 * tracked.
 *
 *   npx tsx tracker/build.ts
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { assetVersion } from '../shared/asset-version.ts';

/**
 * Gzip bytes t.js may not exceed: it is about 2,500; Plausible's npm tracker with every option
 * on, bundled the same way, is 2,644 (bench/tracker.ts), and t.js must stay below it.
 */
export const T_JS_GZIP_BUDGET = 2600;

/** How each file is bundled; the bench bundles Plausible's tracker the same way to compare. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: 'iife',
  minify: true,
  // Safari 11+, Chrome/Firefox of 2017+: no down-levelling helpers needed for what we write.
  target: 'es2017',
  platform: 'browser',
  write: false,
  legalComments: 'none',
  logLevel: 'silent',
  // No "use strict" prologue (9 bytes gzipped): the code is written strict and runs the
  // same without it, as Plausible's bundle does.
  tsconfigRaw: { compilerOptions: { alwaysStrict: false, verbatimModuleSyntax: true } },
} satisfies BuildOptions;

const here = dirname(fileURLToPath(import.meta.url));
/** Where the built files go; the collector serves them from here. */
export const DIST = join(here, 'dist');

export interface BuiltFile {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * The files, each built after the one it loads: `constant` is how the loader's source names the
 * file (see src/files.d.ts), given the built file's versioned name.
 */
const FILES = [
  { name: 'vitals.js', entry: 'src/vitals-entry.ts', constant: 'TELLS_VITALS_JS' },
  { name: 'ext.js', entry: 'src/ext-entry.ts', constant: 'TELLS_EXT_JS' },
  { name: 't.js', entry: 'src/index.ts' },
];

/** Builds the files into {@link DIST} and measures them, t.js first. Throws nothing for size; see the CLI. */
export async function buildTracker(): Promise<{ files: BuiltFile[] }> {
  mkdirSync(DIST, { recursive: true });
  const files: BuiltFile[] = [];
  const define: Record<string, string> = {};
  for (const { name, entry, constant } of FILES) {
    const out = await build({ ...BUNDLE_OPTIONS, define, entryPoints: [join(here, entry)] });
    // Chrome's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): nearly every
    // function of our files runs soon after it loads, so V8 compiles them all at once on the
    // background thread that streams the script, instead of one by one on the page's main
    // thread at first call (about 1.5 ms of main-thread CPU per page load; 20 bytes gzipped).
    // Other engines read a comment.
    const code = Buffer.concat([Buffer.from('//# allFunctionsCalledOnLoad\n'), out.outputFiles[0]!.contents]);
    // Write then rename: a collector or test reading the file meanwhile sees the old or the new one, whole.
    const tmp = join(DIST, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, code);
    renameSync(tmp, join(DIST, name));
    if (constant) define[constant] = JSON.stringify(`${name}?v=${await assetVersion(code.toString('utf8'))}`);
    files.unshift({
      name,
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return { files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files } = await buildTracker();
  for (const f of files) console.log(`${f.name.padEnd(10)} ${String(f.raw).padStart(6)} raw ${String(f.gzip).padStart(6)} gzip ${String(f.brotli).padStart(6)} brotli`);
  const t = files.find((f) => f.name == 't.js')!;
  if (t.gzip > T_JS_GZIP_BUDGET) {
    console.error(`t.js is ${t.gzip} bytes gzipped, over the ${T_JS_GZIP_BUDGET}-byte budget.`);
    process.exit(1);
  }
}
