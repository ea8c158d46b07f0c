import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows } from './csv.ts';

describe('parseCsv', () => {
  it('reads a header and rows, trimming and lower-casing names', () => {
    expect(parseCsv('Domain, Name\nacme.example,Acme\r\nglobex.example,Globex\n')).toEqual([
      { line: 2, values: { domain: 'acme.example', name: 'Acme' } },
      { line: 3, values: { domain: 'globex.example', name: 'Globex' } },
    ]);
  });

  it('handles quotes, doubled quotes, commas and newlines inside fields', () => {
    const rows = parseCsvRows('a,"b, ""c""\nd"\nx,y');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b, "c"\nd'] },
      { line: 3, fields: ['x', 'y'] },
    ]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(parseCsv('\uFEFFdomain\n\nacme.example\n\n')).toEqual([{ line: 3, values: { domain: 'acme.example' } }]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsvRows('a,"b\nc')).toThrow(/line 1: unterminated/);
  });
});
