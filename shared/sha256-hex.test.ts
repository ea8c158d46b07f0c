import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256-hex.ts';

describe('sha256Hex', () => {
  it('gives the standard digest (FIPS 180-2 "abc"), or its first bytes', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('abc', 4)).toBe('ba7816bf');
  });

  it('hashes the UTF-8 bytes, as node:crypto does', async () => {
    for (const text of ['', 'é', 'tells-suppression:ana@acme.example', '📈 intent']) expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
