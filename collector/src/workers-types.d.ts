/**
 * `worker-configuration.d.ts` (generated from wrangler.toml by `npm run cf-typegen`) names the
 * binding types as globals. The Workers runtime types are not loaded globally in this repository,
 * because they clash with the DOM and Node types everything else compiles against; these aliases
 * give the generated `Env` the importable equivalents instead.
 */
import type * as Workers from '@cloudflare/workers-types/latest';

declare global {
  type D1Database = Workers.D1Database;
  type Queue<Body = unknown> = Workers.Queue<Body>;
  type RateLimit = Workers.RateLimit;
}
