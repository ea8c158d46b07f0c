/**
 * Turns a raw beacon body into a validated envelope. The envelope must be valid as a whole
 * (else 400 naming the field, nothing stored); events are checked one by one, so a bad event
 * is rejected and counted while its neighbours are kept.
 */
import { envelopeSchema, eventSchema, PROFILE_FIELDS, type Envelope, type WireEvent } from '../../../shared/wire.ts';
import { jsonPath } from '../config.ts';
import { fail } from '../http/errors.ts';

export interface ParsedBeacon {
  envelope: Envelope;
  rejected: number;
}

const CLICK_IDS = ['gclid', 'li_fat_id', 'msclkid'] as const;

/** Parses and validates the body text of `POST /collect`. */
export function parseBeacon(body: string): ParsedBeacon {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    fail(400, 'invalid_body', 'Body is not valid JSON');
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // Name the field and the rule, never echo the value.
    fail(400, 'invalid_body', `${jsonPath(issue.path)}: ${issue.message}`);
  }
  const events: WireEvent[] = [];
  for (const raw of result.data.events) {
    const event = eventSchema.safeParse(raw);
    if (event.success) events.push(event.data);
  }
  const envelope: Envelope = { ...result.data, events };
  return { envelope: envelope.gpc ? withoutIdentifyingData(envelope) : envelope, rejected: result.data.events.length - events.length };
}

/**
 * Global Privacy Control or Do Not Track: keep the behaviour, drop whatever names a person —
 * contact fields in forms and identify calls, and ad click ids.
 */
export function withoutIdentifyingData(envelope: Envelope): Envelope {
  const ft = envelope.ft ? { ...envelope.ft } : undefined;
  for (const key of CLICK_IDS) delete ft?.[key];
  return {
    ...envelope,
    ft,
    events: envelope.events.map((event) => {
      if (!event.props) return event;
      const props = { ...event.props };
      for (const field of PROFILE_FIELDS) delete props[field];
      return { ...event, props };
    }),
  };
}
