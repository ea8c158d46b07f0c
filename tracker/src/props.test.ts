import { describe, expect, it } from 'vitest';
import { flat } from './props.ts';

describe('flat', () => {
  it('keeps flat values and drops the rest', () => {
    expect(flat({ s: 'x', n: 2, b: false, z: null, o: { a: 1 }, a: [1], f: () => 1, u: undefined, inf: Infinity, nan: NaN, big: 1e13 })).toStrictEqual({
      s: 'x',
      n: 2,
      b: false,
      z: null,
    });
  });

  it('bounds keys, key length and string length', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => ['k' + i, i]));
    expect(Object.keys(flat(many))).toHaveLength(32);
    expect(flat({ ['k'.repeat(65)]: 1, ['k'.repeat(64)]: 2 })).toEqual({ ['k'.repeat(64)]: 2 });
    expect((flat({ s: 'x'.repeat(600) }).s as string).length).toBe(500);
  });

  it.each([undefined, null, 'str', 42])('gives {} for %s', (v) => {
    expect(flat(v)).toStrictEqual({});
  });
});
