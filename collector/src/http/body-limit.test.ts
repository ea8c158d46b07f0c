import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.ts';
import { fail, renderError } from './errors.ts';

function limitedApp() {
  const reads: string[] = [];
  const app = new Hono();
  app.onError(renderError);
  app.post('/', limitBody(10, () => fail(413, 'payload_too_large', 'too big')), async (c) => {
    reads.push(await c.req.text());
    return c.text('ok');
  });
  return { app, reads };
}

function chunked(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('limitBody', () => {
  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { app, reads } = limitedApp();
    const res = await app.request('/', { method: 'POST', headers: { 'content-length': '11' }, body: '01234567890' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(reads).toEqual([]);
  });

  it('passes a body within the limit to the handler, declared or chunked', async () => {
    const { app, reads } = limitedApp();
    expect((await app.request('/', { method: 'POST', headers: { 'content-length': '10' }, body: '0123456789' })).status).toBe(200);
    expect((await app.request('/', { method: 'POST', body: chunked('01234', '56789'), duplex: 'half' } as RequestInit)).status).toBe(200);
    expect(reads).toEqual(['0123456789', '0123456789']);
  });

  it('counts a chunked body as it streams and refuses it once over the limit', async () => {
    const { app, reads } = limitedApp();
    const res = await app.request('/', { method: 'POST', body: chunked('012345', '678901'), duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(reads).toEqual([]);
  });
});
