import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGuidePdf, GUIDES } from './make-pdfs.ts';
import { startDemoSite, type DemoSite } from './server.ts';

const COLLECTOR = 'http://127.0.0.1:8787';
const STUB = 'window.tells=window.tells||function(){(tells.q=tells.q||[]).push(arguments)}';
const SNIPPET =
  `<script>${STUB}</script>\n` + `<script async src="${COLLECTOR}/t.js" data-site="demo"></script>`;

const PAGES = [
  '/',
  '/product',
  '/pricing',
  '/integrations',
  '/resources',
  '/demo',
  '/demo/thanks',
  '/contact',
  '/contact/thanks',
  '/newsletter/thanks',
  '/blog',
  '/blog/alert-fatigue-is-a-routing-problem',
  '/blog/postmortems-that-change-things',
  '/blog/automating-the-first-five-minutes',
  '/careers',
  '/tour',
  '/tour/overview',
  '/tour/automations',
  '/tour/analytics',
];
const PDFS = GUIDES.map((g) => `/resources/${g.slug}.pdf`);

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ port: 0, host: '127.0.0.1', collectorUrl: `${COLLECTOR}/`, site: 'demo' });
});
afterAll(() => site.close());

/** A raw request, because fetch() normalises `..` out of the path before sending it. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Checks the byte offsets of the xref table against the objects they point at. */
function checkPdfStructure(bytes: Buffer): void {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  expect(Number(first)).toBe(0);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
  entries.forEach((entry, id) => {
    expect(entry.length + 1).toBe(20); // each entry is 20 bytes with its end of line
    if (id === 0) return;
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
  });
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
  }
}

describe('demo site pages', () => {
  it.each(PAGES)('%s is an HTML page with the snippet pasted in its head', async (path) => {
    const res = await fetch(site.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(SNIPPET);
    expect(html).not.toContain('{{');
    expect(html).toContain('<form id="newsletter" class="newsletter-form" method="post" action="/newsletter/thanks">');
    expect(html).toContain('href="https://app.runwell.example/login"');
  });

  it('keeps markup CSP-clean: no inline styles or event handlers', async () => {
    for (const path of PAGES) {
      const html = await (await fetch(site.url + path)).text();
      expect(html, path).not.toMatch(/\sstyle=/i);
      expect(html, path).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('serves every /tour deep link with the same single-page app', async () => {
    const bodies = await Promise.all(['/tour', '/tour/overview', '/tour/analytics'].map(async (p) => (await fetch(site.url + p)).text()));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('<script src="/assets/tour.js" defer></script>');
  });

  it('has every internal link and asset resolving', async () => {
    const seen = new Set<string>();
    for (const path of PAGES) {
      const html = await (await fetch(site.url + path)).text();
      for (const m of html.matchAll(/(?:href|src)="(\/[^"#?]*)/g)) seen.add(m[1] ?? '/');
    }
    for (const path of seen) expect((await fetch(site.url + path)).status, path).toBe(200);
    expect(seen.size).toBeGreaterThan(PAGES.length);
  });

  it('has the demo and contact forms with the fields the tracker allow-lists', async () => {
    const demo = await (await fetch(`${site.url}/demo`)).text();
    expect(demo).toContain('<form id="demo-request" method="post" action="/demo/thanks">');
    for (const name of ['email', 'first_name', 'last_name', 'company', 'job_title', 'company_size', 'country']) {
      expect(demo).toMatch(new RegExp(`name="${name}"[^>]* required`));
    }
    expect(demo).toMatch(/name="email" type="email"/);
    for (const size of ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+']) {
      expect(demo).toContain(`<option value="${size}">`);
    }
    const contact = await (await fetch(`${site.url}/contact`)).text();
    expect(contact).toContain('<form id="contact-sales" method="post" action="/contact/thanks">');
    expect(contact).toContain('<textarea id="contact-message" name="message" required');
  });

  it('answers unknown paths with the 404 page', async () => {
    const res = await fetch(`${site.url}/no-such-page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('We could not find that page');
  });

  it('redirects /pricing/ and /pricing.html to the clean URL', async () => {
    for (const path of ['/pricing/', '/pricing.html']) {
      const res = await fetch(site.url + path, { redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/pricing');
    }
  });
});

describe('demo site security', () => {
  it('sends nosniff and a CSP that allows the stub by hash and the collector by origin', async () => {
    const res = await fetch(`${site.url}/pricing`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    const stubHash = createHash('sha256').update(STUB).digest('base64');
    expect(csp).toContain(`default-src 'self'`);
    expect(csp).toContain(`script-src 'self' 'sha256-${stubHash}' ${COLLECTOR}`);
    expect(csp).toContain(`connect-src ${COLLECTOR}`);
    expect(csp).toContain(`img-src 'self' data:`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it.each([
    '/../package.json',
    '/../../etc/passwd',
    '/%2e%2e/server.ts',
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2fserver.ts',
    '/assets/%5c..%5c..%5cserver.ts',
    '//evil.example/',
    '/%00index.html',
  ])('refuses path traversal: %s', async (path) => {
    const res = await rawGet(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('startDemoSite');
    expect(res.body).not.toContain('"name": "tells"');
  });

  it('rejects a collector URL or site id that could break out of the attribute', async () => {
    await expect(startDemoSite({ port: 0, collectorUrl: 'javascript:alert(1)', site: 'demo' })).rejects.toThrow();
    await expect(startDemoSite({ port: 0, collectorUrl: COLLECTOR, site: 'x" onload="alert(1)' })).rejects.toThrow();
  });
});

describe('demo site forms', () => {
  it.each(['/demo/thanks', '/contact/thanks', '/newsletter/thanks'])('POST %s answers 303 to the thank-you page', async (path) => {
    const res = await fetch(site.url + path, {
      method: 'POST',
      body: new URLSearchParams({ email: 'jane.doe@acme-logistics.example', first_name: 'Jane' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(path);
  });

  it('refuses a form body over 64 KB', async () => {
    const res = await fetch(`${site.url}/demo/thanks`, { method: 'POST', body: 'x'.repeat(65 * 1024), redirect: 'manual' });
    expect(res.status).toBe(413);
  });

  it('answers other methods with 405', async () => {
    expect((await fetch(`${site.url}/pricing`, { method: 'POST', body: '' })).status).toBe(405);
    expect((await fetch(`${site.url}/demo/thanks`, { method: 'PUT', body: '' })).status).toBe(405);
  });
});

describe('downloadable guides', () => {
  it.each(PDFS)('%s is served as a structurally valid PDF', async (path) => {
    const res = await fetch(site.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    checkPdfStructure(Buffer.from(await res.arrayBuffer()));
  });

  it('matches what make-pdfs.ts generates (the committed files are up to date)', async () => {
    for (const guide of GUIDES) {
      const served = Buffer.from(await (await fetch(`${site.url}/resources/${guide.slug}.pdf`)).arrayBuffer());
      expect(served.equals(buildGuidePdf(guide)), guide.slug).toBe(true);
    }
  });

  it('is linked from /resources', async () => {
    const html = await (await fetch(`${site.url}/resources`)).text();
    for (const pdf of PDFS) expect(html).toContain(`href="${pdf}"`);
  });
});

describe('close()', () => {
  it('also closes idle keep-alive connections', async () => {
    const other = await startDemoSite({ port: 0, host: '127.0.0.1', collectorUrl: COLLECTOR, site: 'demo' });
    await fetch(other.url); // undici keeps this connection open
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
