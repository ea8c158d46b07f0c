/** What a journey works with: the visitor's devices, and sessions opened at realistic times. */
import type { Account } from './accounts.ts';
import { Device } from './device.ts';
import type { Entry } from './entries.ts';
import type { Rng } from './rng.ts';
import { Session } from './session.ts';
import { DAY, MINUTE } from './time.ts';

/** How far back the simulated traffic goes. */
const WINDOW_DAYS = 14;

/** Options of {@link generateVisitor}. */
export interface GeneratorOptions {
  site: string;
  /** Origin of the demo site the pages are on, e.g. `http://localhost:3000`. */
  demoOrigin: string;
  /** Clock of the simulation (ms); no event is later than this. */
  now: number;
  accounts: Account[];
}

/** Everything one visitor's journey needs, with helpers to open sessions at realistic times. */
export class VisitorPlan {
  readonly devices: Device[] = [];
  private previous: Session | undefined;
  constructor(
    readonly rng: Rng,
    readonly opts: GeneratorOptions,
  ) {}

  /** A new browser of this visitor. */
  device(userAgent: string, flags?: Device['flags']): Device {
    const device = new Device(this.rng, userAgent, flags);
    this.devices.push(device);
    return device;
  }

  /**
   * A session `daysAgo` (fraction of days) before now, never overlapping the previous one.
   * Journeys call this in chronological order.
   */
  session(device: Device, daysAgo: number, entry: Entry = {}, bot = false): Session {
    const wanted = Math.floor(this.opts.now - daysAgo * DAY);
    // At least half an hour after the previous visit ended: otherwise it would be the same session.
    const start = this.previous ? Math.max(wanted, this.previous.endsAt + 30 * MINUTE) : wanted;
    this.previous = new Session(this.rng, device, this.opts.demoOrigin, start, entry, bot);
    return this.previous;
  }

  /** Days-ago values for `count` sessions, oldest first; `recent` pulls the last one into the last two days. */
  spread(count: number, recent = false): number[] {
    const days = Array.from({ length: count }, () => this.rng.next() * WINDOW_DAYS * 0.95).sort((a, b) => b - a);
    // Only ever lowers the last (smallest) value, so the list stays sorted.
    if (recent && days.length) days[days.length - 1] = Math.min(days.at(-1) ?? 0, this.rng.next() * 2);
    return days;
  }
}

/** A persona's behaviour: opens the sessions and views the pages of one visitor. */
export type Journey = (plan: VisitorPlan) => void;
