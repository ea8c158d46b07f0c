import { describe, expect, it } from 'vitest';
import { isPrivate, stripClickIds } from './privacy.ts';

describe('isPrivate', () => {
  it.each([
    [{ globalPrivacyControl: true }, true],
    [{ doNotTrack: '1' }, true],
    [{ doNotTrack: '0' }, false],
    [{ doNotTrack: 'unspecified', globalPrivacyControl: false }, false],
    [{}, false],
  ])('%o → %s', (nav, want) => {
    expect(!!isPrivate(nav as unknown as Navigator)).toBe(want);
  });
});

describe('stripClickIds', () => {
  it('removes gclid, li_fat_id and msclkid and keeps the rest as written', () => {
    expect(stripClickIds('https://a.example/p?utm_source=x&gclid=1&q=a%20b&li_fat_id=2&msclkid=3#h')).toBe('https://a.example/p?utm_source=x&q=a+b#h');
    expect(stripClickIds('https://a.example/p?q=a%20b')).toBe('https://a.example/p?q=a%20b');
  });
});
