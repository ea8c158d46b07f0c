/**
 * Serves the tracker (`/t.js`) and the parts it loads lazily (`ext.js`, `vitals.js`), each with its
 * version (shared/asset-version.ts) as a strong ETag. The snippet's URL never changes, so browsers
 * revalidate it hourly; the parts are asked for by their version (`ext.js?v=…`), and that URL's
 * content never changes, so they keep it a year.
 */
import { Hono } from 'hono';
import { assetVersion } from '../../../shared/asset-version.ts';
import type { Deps } from '../deps.ts';
import { fail } from './errors.ts';

const SERVED = ['t.js', 'ext.js', 'vitals.js'];

export function assetRoutes(deps: Deps): Hono {
  const app = new Hono();
  for (const name of SERVED) {
    app.get(`/${name}`, async (c) => {
      const asset = await deps.asset(name);
      if (!asset) fail(404, 'not_found', `${name} is not built (run npm run build:tracker)`);
      const version = await assetVersion(asset.body);
      const headers = {
        ETag: `"${version}"`,
        // Any other version (a t.js cached from before a deploy) gets today's file, kept an hour.
        'Cache-Control': c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'public, max-age=3600, stale-while-revalidate=86400',
        'Content-Type': asset.contentType,
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      if (c.req.header('if-none-match') === headers.ETag) return c.body(null, 304, headers);
      return c.body(asset.body, 200, headers);
    });
  }
  return app;
}
