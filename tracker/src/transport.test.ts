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

  it('retries when the browser refuses the beacon or it throws', async () => {
    vi.spyOn(navigator, 'sendBeacon').mockReturnValueOnce(false);
    expect(await send(URL_, 'x', true)).toBe(Sent.Retry);
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

  it('retries when fetch rejects', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await send(URL_, 'body')).toBe(Sent.Retry);
  });

  it('falls back to XHR without fetch', async () => {
    const sent: string[] = [];
    class FakeXHR {
      status = 0;
      onloadend = () => {};
      open(method: string, url: string) {
        sent.push(method, url);
      }
      send(body: string) {
        sent.push(body);
        this.status = 503;
        setTimeout(() => this.onloadend());
      }
    }
    vi.stubGlobal('fetch', undefined);
    vi.stubGlobal('XMLHttpRequest', FakeXHR);
    expect(await send(URL_, 'body')).toBe(Sent.Retry);
    expect(sent).toEqual(['POST', URL_, 'body']);
  });
});
