/**
 * The demo marketing site ("Runwell"): static pages from `public/` with the Tells snippet pasted
 * in, served by plain `node:http` so the demo needs nothing beyond Node.
 *
 * What a real customer's site would do, and what the browser tests rely on: clean URLs,
 * full-page form POSTs answered with 303 See Other, a single-page-app section under /tour,
 * and a strict Content-Security-Policy that allows the collector and nothing else.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options of {@link startDemoSite}. */
export interface DemoSiteOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to bind; default `localhost`. */
  host?: string;
  /** Where the collector runs, e.g. `http://localhost:8787`; the pages load `<collectorUrl>/t.js`. */
  collectorUrl: string;
  /** The `data-site` value of the snippet. */
  site: string;
  /** Folder of the static pages; default `demo-site/public`. */
  root?: string;
  /** Folder of the shared page pieces ({@link PARTIAL_NAMES}); default `demo-site/partials`. */
  partials?: string;
}

/** A running demo site. */
export interface DemoSite {
  /** Origin of the site, e.g. `http://localhost:3000`. */
  url: string;
  /** Stops listening and closes open (keep-alive) connections. */
  close(): Promise<void>;
}

/** Form endpoints: POST answers 303 to the GET thank-you page of the same path. */
export const THANKS_ROUTES = ['/demo/thanks', '/contact/thanks', '/newsletter/thanks'] as const;

/** Form bodies are small; anything bigger is not a form from this site. */
const MAX_FORM_BYTES = 64 * 1024;

const DEFAULT_ROOT = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_PARTIALS = fileURLToPath(new URL('./partials/', import.meta.url));

/** The pieces every page shares, included with `{{> name}}`; `<name>.html` in the partials folder. */
export const PARTIAL_NAMES = ['head', 'header', 'footer'] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

const SITE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Escapes a value for an HTML attribute; the inputs are validated too, this is belt and braces. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Validates the collector URL: http(s) only, no credentials, trailing slash dropped. */
export function parseCollectorUrl(collectorUrl: string): { base: string; origin: string } {
  let url: URL;
  try {
    url = new URL(collectorUrl);
  } catch {
    throw new Error(`collectorUrl is not a URL: ${JSON.stringify(collectorUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('collectorUrl must be http(s)');
  if (url.username || url.password || url.search || url.hash) {
    throw new Error('collectorUrl must not carry credentials, a query or a fragment');
  }
  return { base: url.origin + url.pathname.replace(/\/+$/, ''), origin: url.origin };
}

/** Reads the partials once; they may not include other partials, so expansion is a single pass. */
export function loadPartials(dir: string): Map<string, string> {
  const partials = new Map<string, string>();
  for (const name of PARTIAL_NAMES) {
    const text = readFileSync(join(dir, `${name}.html`), 'utf8').replace(/\r?\n$/, '');
    if (text.includes('{{>')) throw new Error(`partial ${name} must not include another partial`);
    partials.set(name, text);
  }
  return partials;
}

/** What a page is rendered with. */
interface RenderContext {
  collectorBase: string;
  site: string;
  partials: Map<string, string>;
  /** First path segment of the page file (`blog` for `blog/x.html`): the nav link marked `{{active blog}}` is current. */
  section: string;
}

/** The section of a page file under `root`, for the nav's `aria-current`. */
function pageSection(root: string, file: string): string {
  return (relative(root, file).split(sep)[0] ?? '').replace(/\.html$/, '');
}

/** Fills one page: partials (known names only, not re-scanned), the nav's current link, the snippet placeholders. */
function renderHtml(template: string, ctx: RenderContext): string {
  return template
    .replace(/\{\{> ([a-z]+)\}\}/g, (_, name: string) => {
      const partial = ctx.partials.get(name);
      if (partial === undefined) throw new Error(`unknown partial {{> ${name}}}`);
      return partial;
    })
    .replace(/\{\{active ([a-z]+)\}\}/g, (_, section: string) => (section === ctx.section ? ' aria-current="page"' : ''))
    .replaceAll('{{COLLECTOR_URL}}', escapeHtml(ctx.collectorBase))
    .replaceAll('{{SITE}}', escapeHtml(ctx.site));
}

/** CSP sources for every inline `<script>` body, so the snippet's stub runs without 'unsafe-inline'. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim()) hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The policy for every page: our own files, the collector's script and beacons, nothing else. */
export function buildCsp(
  root: string,
  collectorBase: string,
  collectorOrigin: string,
  site: string,
  partials: Map<string, string> = loadPartials(DEFAULT_PARTIALS),
): string {
  const hashes = new Set<string>();
  for (const file of htmlFiles(root)) {
    const ctx = { collectorBase, site, partials, section: pageSection(root, file) };
    for (const hash of inlineScriptHashes(renderHtml(readFileSync(file, 'utf8'), ctx))) hashes.add(hash);
  }
  return [
    `default-src 'self'`,
    `script-src 'self' ${[...hashes].sort().join(' ')} ${collectorOrigin}`,
    `connect-src ${collectorOrigin}`,
    `img-src 'self' data:`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

/**
 * The decoded segments of a URL path, or null when the path could escape the site root:
 * dot segments, dotfiles, backslashes, NUL or malformed escapes are refused before any disk access.
 */
export function safeSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  return segments.some((s) => s.startsWith('.')) ? null : segments;
}

/**
 * Maps a URL path to a file under `root`, or null. Clean URLs: `/pricing` → `pricing.html`
 * or `pricing/index.html`; every `/tour/<tab>` deep link → `tour.html` (the SPA routes itself).
 */
export async function resolvePublicFile(root: string, pathname: string): Promise<string | null> {
  const segments = safeSegments(pathname);
  if (!segments) return null;
  if (segments[0] === 'tour' && segments.length <= 2) segments.splice(0, segments.length, 'tour.html');

  const base = resolve(root);
  const relative = segments.join('/');
  const candidates = relative ? [relative, `${relative}.html`, `${relative}/index.html`] : ['index.html'];
  for (const candidate of candidates) {
    const file = resolve(base, candidate);
    // safeSegments() already refused dot segments; this guard is for anything we did not foresee.
    if (!file.startsWith(base + sep)) return null;
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // not this candidate
    }
  }
  return null;
}

/** Reads and discards a form body up to the limit; false when it was too large. */
function drainBody(req: IncomingMessage, limit: number): Promise<boolean> {
  return new Promise((done) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return done(false);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        req.removeAllListeners('data');
        req.pause();
        done(false);
      }
    });
    req.on('end', () => done(true));
    req.on('error', () => done(false));
  });
}

/** Starts the demo site; resolves once it listens. */
export async function startDemoSite(opts: DemoSiteOptions): Promise<DemoSite> {
  if (!SITE_ID.test(opts.site)) throw new Error('site must be 1-64 letters, digits or _ . : -');
  const collector = parseCollectorUrl(opts.collectorUrl);
  const root = resolve(opts.root ?? DEFAULT_ROOT);
  const partials = loadPartials(resolve(opts.partials ?? DEFAULT_PARTIALS));
  const csp = buildCsp(root, collector.base, collector.origin, opts.site, partials);
  const notFoundPage = join(root, '404.html');

  const baseHeaders = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, status = 200): Promise<void> {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer | string = await readFile(file);
    const headers: Record<string, string | number> = { ...baseHeaders, 'Content-Type': type };
    if (type.startsWith('text/html')) {
      const ctx = { collectorBase: collector.base, site: opts.site, partials, section: pageSection(root, file) };
      body = renderHtml(body.toString('utf8'), ctx);
      headers['Content-Security-Policy'] = csp;
    }
    headers['Content-Length'] = Buffer.byteLength(body);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The raw path, not `new URL()`: the WHATWG parser would read `//host` and `/\host` as authorities.
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (!safeSegments(pathname)) return sendFile(req, res, notFoundPage, 404);
    const isThanks = (THANKS_ROUTES as readonly string[]).includes(pathname);

    if (req.method === 'POST' && isThanks) {
      if (!(await drainBody(req, MAX_FORM_BYTES))) {
        return sendText(res, 413, 'Form too large', { Connection: 'close' });
      }
      // 303 turns the POST into a GET, so a reload of the thank-you page never re-submits.
      res.writeHead(303, { ...baseHeaders, Location: pathname, 'Content-Length': 0 });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed', { Allow: isThanks ? 'GET, HEAD, POST' : 'GET, HEAD' });
    }
    // One URL per page: /pricing/ and /pricing.html redirect to /pricing.
    const canonical = pathname.length > 1 ? pathname.replace(/\/+$/, '').replace(/(\/index)?\.html$/, '') || '/' : pathname;
    if (canonical !== pathname) {
      res.writeHead(301, { ...baseHeaders, Location: canonical, 'Content-Length': 0 });
      return void res.end();
    }
    const file = await resolvePublicFile(root, pathname);
    if (file) return sendFile(req, res, file);
    return sendFile(req, res, notFoundPage, 404);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('demo-site: request failed', err);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host ?? 'localhost', () => {
      server.off('error', fail);
      done();
    });
  });

  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? 'localhost';
  const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${displayHost}:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeAllConnections();
      }),
  };
}
