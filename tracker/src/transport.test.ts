// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { send, Sent } from './transport.ts';

const URL_ = 'https://c.example/collect';
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('send', () => {
  it('uses sendBeacon with a plain string body when the page may be leaving', async () => {
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    expect(await send(URL_, '{"v":1}', true)).toBe(Sent.Ok);
    expect(beacon).toHaveBeenCalledWith(URL_, '{"v":1}');
  });

  it('falls back to fetch with keepalive when the browser refuses the beacon', async () => {
    vi.spyOn(navigator, 'sendBeacon').mockReturnValueOnce(false);
    const f = vi.fn(async () => new Response(null, { status: 202 }));
    vi.stubGlobal('fetch', f);
    expect(await send(URL_, 'x', true)).toBe(Sent.Ok);
    expect(f).toHaveBeenCalledWith(URL_, { method: 'POST', body: 'x', keepalive: true });
  });

  it('retries when the beacon throws', async () => {
    vi.spyOn(navigator, 'sendBeacon').mockImplementationOnce(() => {
      throw new TypeError('too big');
    });
    expect(await send(URL_, 'x', true)).toBe(Sent.Retry);
  });

  it.each([
    [202, Sent.Ok],
    [200, Sent.Ok],
    [400, Sent.Drop],
    [413, Sent.Drop],
    [429, Sent.Retry],
    [500, Sent.Retry],
    [503, Sent.Retry],
  ])('maps status %i', async (status, want) => {
    const f = vi.fn(async () => new Response(null, { status: status === 200 ? 200 : status }));
    vi.stubGlobal('fetch', f);
    expect(await send(URL_, 'body')).toBe(want);
    expect(f).toHaveBeenCalledWith(URL_, { method: 'POST', body: 'body', keepalive: true });
  });

  it('retries when fetch rejects or throws', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await send(URL_, 'body')).toBe(Sent.Retry);
    vi.stubGlobal('fetch', () => {
      throw new TypeError('a broken page wrapper');
    });
    expect(await send(URL_, 'body')).toBe(Sent.Retry);
  });
});
