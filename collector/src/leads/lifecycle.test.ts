import { describe, expect, it } from 'vitest';
import type { LeadStatus } from '../db/schema.ts';
import { nextStatus, type LifecycleInput } from './lifecycle.ts';

const base: Omit<LifecycleInput, 'status'> = { hasEmail: true, qualifies: false, cooldownUntil: null, now: 1000 };

describe('nextStatus', () => {
  it.each<[string, LeadStatus, Partial<typeof base>, LeadStatus]>([
    ['anonymous stays anonymous without an email', 'anonymous', { hasEmail: false, qualifies: true }, 'anonymous'],
    ['anonymous becomes known with an email', 'anonymous', {}, 'known'],
    ['known qualifies', 'known', { qualifies: true }, 'mql'],
    ['anonymous with email qualifies straight away', 'anonymous', { qualifies: true }, 'mql'],
    ['an mql stays one when intent decays', 'mql', { qualifies: false }, 'mql'],
    ['accepted is final', 'accepted', { qualifies: true }, 'accepted'],
    ['merged is final', 'merged', { qualifies: true }, 'merged'],
    ['recycled waits out the cool-down', 'recycled', { qualifies: true, cooldownUntil: 2000 }, 'recycled'],
    ['recycled qualifies again after it', 'recycled', { qualifies: true, cooldownUntil: 500 }, 'mql'],
    ['recycled without qualifying stays recycled', 'recycled', { cooldownUntil: 500 }, 'recycled'],
  ])('%s', (_, status, overrides, expected) => {
    expect(nextStatus({ ...base, status, ...overrides })).toBe(expected);
  });
});
