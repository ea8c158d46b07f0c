import { describe, expect, it } from 'vitest';
import { employeesFromCompanySize } from './company-size.ts';

describe('employeesFromCompanySize', () => {
  it.each([
    ['51-200', 125.5],
    ['1000+', 1000],
    ['12', 12],
    ['1,001 – 5,000', 3000.5],
    ['10k+', 10_000],
    ['about 40 people', 40],
    ['lots', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, expected) => expect(employeesFromCompanySize(text)).toBe(expected));
});
