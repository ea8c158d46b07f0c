/** The browsers visitors use: their user agents, and the beacons each one queues under its own `vid`. */
import type { EventType, WireEvent } from '../../shared/wire.ts';
import type { Attribution } from './entries.ts';
import type { Rng } from './rng.ts';

/** Desktop browsers people use at work. */
export const HUMAN_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
/** A phone, for reading on the go. */
export const MOBILE_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
/** Crawlers and scripts the collector's bot detection should recognise. */
export const BOT_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'python-requests/2.32.3',
];

/** The props of a wire event. */
export type Props = NonNullable<WireEvent['props']>;

/** An event before it gets its id and its final (shifted) timestamp. */
export interface DraftEvent {
  type: EventType;
  ts: number;
  url: string;
  ref?: string;
  title?: string;
  props?: Props;
}

/** One browser of the visitor: its own vid, first-touch attribution and beacons. */
export class Device {
  readonly vid: string;
  ft: Attribution | undefined;
  readonly beacons: { sid: string; events: DraftEvent[] }[] = [];
  constructor(
    rng: Rng,
    readonly userAgent: string,
    readonly flags: { wd?: boolean; gpc?: boolean } = {},
  ) {
    this.vid = `v${rng.hex(16)}`;
  }
}
