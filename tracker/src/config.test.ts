// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

/** A document whose currently running script is a tag with these attributes. */
function running(attrs: Record<string, string>): Document {
  const s = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  return { currentScript: s, querySelector: () => null } as unknown as Document;
}

describe('readConfig', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('defaults the endpoint to /collect beside the script and every flag to off', () => {
    expect(readConfig(running({ src: 'https://c.example/t.js', 'data-site': 'demo' }))).toEqual({
      site: 'demo',
      api: 'https://c.example/collect',
      src: 'https://c.example/t.js',
      hash: false,
      phone: false,
      consent: false,
    });
  });

  it.each([
    ['https://other.example/in', 'https://other.example/in'],
    ['/api/in', 'https://c.example/api/in'],
  ])('takes data-api %s as %s', (api, want) => {
    expect(readConfig(running({ src: 'https://c.example/t.js', 'data-site': 'demo', 'data-api': api }))!.api).toBe(want);
  });

  it('reads flags as on when present, off when "false"', () => {
    const on = readConfig(running({ src: 'https://c.example/t.js', 'data-site': 'd', 'data-hash': '', 'data-collect-phone': 'true', 'data-consent': 'required' }))!;
    expect([on.hash, on.phone, on.consent]).toEqual([true, true, true]);
    const off = readConfig(running({ src: 'https://c.example/t.js', 'data-site': 'd', 'data-hash': 'false', 'data-consent': 'optional' }))!;
    expect([off.hash, off.phone, off.consent]).toEqual([false, false, false]);
  });

  it('finds the tag by query when there is no current script', () => {
    document.head.innerHTML = '<script src="https://c.example/t.js" data-site="viaquery"></script>';
    expect(readConfig(document)!.site).toBe('viaquery');
  });

  it.each([
    ['no data-site', { src: 'https://c.example/t.js' }],
    ['an empty data-site', { src: 'https://c.example/t.js', 'data-site': '' }],
  ])('is undefined with %s', (_, attrs) => {
    expect(readConfig(running(attrs))).toBeUndefined();
  });
});
