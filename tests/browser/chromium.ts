/**
 * The one Chromium every browser test file uses: Debian's `/usr/bin/chromium`, or CHROMIUM_PATH.
 * Missing on a developer machine, the file is skipped with a loud message; missing under
 * `CI=true`, it is a failure (a skipped suite must never pass CI silently).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether Chromium is there. When it is not: throws under CI, else warns loudly (naming `what`
 * is skipped) and answers false, for `describe.skipIf(!haveChromium(...))`.
 */
export function haveChromium(what: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING ${what}. ${msg}\n${'!'.repeat(80)}\n`);
  return false;
}

/** Launches headless Chromium with nothing that phones home (updates, sync, QUIC probes). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
