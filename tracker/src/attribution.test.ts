import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_KEYS } from '../../shared/wire.ts';
import { attribution } from './attribution.ts';

const landing = 'https://site.example/lp?utm_source=linkedin&utm_medium=paid&utm_campaign=q1&utm_term=crm&utm_content=v2&gclid=G&li_fat_id=L&msclkid=M&x=1';

describe('attribution', () => {
  it('keeps UTM parameters, click ids, an external referrer and the landing URL', () => {
    expect(attribution(landing, 'https://www.linkedin.com/feed/', false)).toEqual({
      utm_source: 'linkedin',
      utm_medium: 'paid',
      utm_campaign: 'q1',
      utm_term: 'crm',
      utm_content: 'v2',
      gclid: 'G',
      li_fat_id: 'L',
      msclkid: 'M',
      referrer: 'https://www.linkedin.com/feed/',
      landing,
    });
  });

  it('uses only keys the wire knows', () => {
    for (const k of Object.keys(attribution(landing, 'https://x.example/', false))) expect(ATTRIBUTION_KEYS).toContain(k);
  });

  it('drops click ids in privacy mode, from the landing URL too', () => {
    const a = attribution(landing, '', true);
    expect(a).not.toHaveProperty('gclid');
    expect(a).not.toHaveProperty('li_fat_id');
    expect(a).not.toHaveProperty('msclkid');
    expect(a.utm_source).toBe('linkedin');
    expect(a.landing).toBe('https://site.example/lp?utm_source=linkedin&utm_medium=paid&utm_campaign=q1&utm_term=crm&utm_content=v2&x=1');
  });

  it.each([
    ['an internal referrer', 'https://site.example/other'],
    ['no referrer', ''],
    ['a junk referrer', 'not a url'],
  ])('records no referrer for %s', (_, ref) => {
    expect(attribution('https://site.example/', ref, false)).toEqual({ landing: 'https://site.example/' });
  });

  it('caps long values', () => {
    const a = attribution('https://site.example/?utm_campaign=' + 'c'.repeat(5000), '', false);
    expect(a.utm_campaign!.length).toBe(2048);
    expect(a.landing!.length).toBe(2048);
  });
});
