/** Both runtimes serve the built tracker: build it once if this checkout has not yet. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildTracker, DIST } from '../../tracker/build.ts';

/** The files the collector serves from tracker/dist (Node reads them, the Worker bundles them). */
export const TRACKER_FILES = ['t.js', 'ext.js', 'vitals.js'];

export async function ensureTrackerBuilt(): Promise<void> {
  if (TRACKER_FILES.every((name) => existsSync(join(DIST, name)))) return;
  await buildTracker();
}
