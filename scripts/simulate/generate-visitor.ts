/** One simulated visitor, from persona to the exact beacons the tracker would have sent. */
import type { Envelope, WireEvent } from '../../shared/wire.ts';
import { PERSONAS, pickPersona, type PersonaName } from './personas.ts';
import type { Rng } from './rng.ts';
import { SECOND } from './time.ts';
import { VisitorPlan, type GeneratorOptions } from './visitor-plan.ts';

/** One simulated person: their beacons in send order, and the browser each device identifies as. */
export interface SimulatedVisitor {
  persona: PersonaName;
  envelopes: Envelope[];
  /** User-Agent header per `vid`: the collector's bot detection reads it. */
  userAgents: Record<string, string>;
}

/**
 * One simulated visitor: a persona, a journey through the demo site over the last two weeks,
 * and the beacons the tracker would have sent, valid against `envelopeSchema` and `eventSchema`.
 * Pure: the same `rng` state, index and options give the same result.
 */
export function generateVisitor(rng: Rng, index: number, opts: GeneratorOptions): SimulatedVisitor {
  const persona = pickPersona(rng);
  const plan = new VisitorPlan(rng, opts);
  PERSONAS[persona].journey(plan);

  // Sessions may run past `now`; shift the whole visitor back so nothing is in the future.
  const latest = Math.max(...plan.devices.flatMap((d) => d.beacons.flatMap((b) => b.events.map((e) => e.ts))));
  const shift = Math.max(0, latest - (opts.now - SECOND));

  let counter = 0;
  const envelopes: Envelope[] = [];
  const userAgents: Record<string, string> = {};
  for (const device of plan.devices) {
    userAgents[device.vid] = device.userAgent;
    for (const beacon of device.beacons) {
      const events = beacon.events.map((draft): WireEvent => {
        const ts = draft.ts - shift;
        // Time first, so ids sort in time order (DESIGN.md: "unique, time-ordered").
        const id = `${ts.toString(36)}-${index.toString(36)}-${(counter++).toString(36)}-${rng.hex(6)}`;
        return { id, ...draft, ts };
      });
      const envelope: Envelope = { v: 1, site: opts.site, vid: device.vid, sid: beacon.sid, events };
      if (device.ft) envelope.ft = device.ft;
      if (device.flags.wd) envelope.wd = true;
      if (device.flags.gpc) envelope.gpc = true;
      envelopes.push(envelope);
    }
  }
  return { persona, envelopes, userAgents };
}
