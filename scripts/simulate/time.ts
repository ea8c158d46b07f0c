/** Durations in milliseconds, the unit of every timestamp the simulator writes. */

/** One second in ms. */
export const SECOND = 1000;
/** One minute in ms. */
export const MINUTE = 60 * SECOND;
/** One day in ms. */
export const DAY = 24 * 60 * MINUTE;
