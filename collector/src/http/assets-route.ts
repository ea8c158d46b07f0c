/** Serves the tracker (`/t.js`) and the parts it loads lazily (`ext.js`, `vitals.js`) with a strong ETag. */
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { fail } from './errors.ts';

const SERVED = ['t.js', 'ext.js', 'vitals.js'];

async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).subarray(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"${hex}"`;
}

export function assetRoutes(deps: Deps): Hono {
  const app = new Hono();
  for (const name of SERVED) {
    app.get(`/${name}`, async (c) => {
      const asset = await deps.asset(name);
      if (!asset) fail(404, 'not_found', `${name} is not built (run npm run build:tracker)`);
      const headers = {
        ETag: await etagOf(asset.body),
        // The snippet's URL never changes, so browsers revalidate hourly with the ETag.
        'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
        'Content-Type': asset.contentType,
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      if (c.req.header('if-none-match') === headers.ETag) return c.body(null, 304, headers);
      return c.body(asset.body, 200, headers);
    });
  }
  return app;
}
