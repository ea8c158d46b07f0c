import { describe, expect, it } from 'vitest';
import { envelopeSchema, eventSchema, LIMITS } from './wire.ts';

const event = { id: 'e1', type: 'pageview', ts: Date.UTC(2026, 0, 1), url: 'https://a.example/pricing' };

describe('wire schema', () => {
  it('accepts a minimal event and envelope', () => {
    expect(eventSchema.safeParse(event).success).toBe(true);
    expect(envelopeSchema.safeParse({ v: 1, site: 'demo', vid: 'v1', sid: 's1', events: [event] }).success).toBe(true);
  });

  it.each([
    ['unknown type', { ...event, type: 'nope' }],
    ['ts before 2020', { ...event, ts: 0 }],
    ['non-integer ts', { ...event, ts: 1.5 }],
    ['url not a URL', { ...event, url: 'pricing' }],
    ['url too long', { ...event, url: 'https://a.example/' + 'x'.repeat(LIMITS.maxUrlLength) }],
    ['id with spaces', { ...event, id: 'a b' }],
    ['unknown key', { ...event, extra: 1 }],
    ['nested prop', { ...event, props: { a: { b: 1 } } }],
    ['too many props', { ...event, props: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])) }],
  ])('rejects an event with %s', (_, bad) => {
    expect(eventSchema.safeParse(bad).success).toBe(false);
  });

  it('bounds the batch size', () => {
    const events = Array.from({ length: LIMITS.maxEventsPerBatch + 1 }, () => event);
    expect(envelopeSchema.safeParse({ v: 1, site: 'demo', vid: 'v', sid: 's', events }).success).toBe(false);
    expect(envelopeSchema.safeParse({ v: 1, site: 'demo', vid: 'v', sid: 's', events: [] }).success).toBe(false);
  });
});
