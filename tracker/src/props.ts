/** A flat prop value, as the wire accepts it. */
export type PropValue = string | number | boolean | null;
export type Props = Record<string, PropValue>;

/**
 * Custom props made safe for the wire: flat (nested values are dropped, never serialized, so
 * nothing ships by accident), at most 32 keys of 1–64 characters, strings cut to 500
 * characters, numbers finite and within ±1e12.
 */
export function flat(o: unknown): Props {
  const r: Props = {};
  let n = 0;
  // Only an object has props: a string would spread into one prop per character.
  if (typeof o == 'object')
    for (const k in o) {
      const v = (o as Record<string, unknown>)[k];
      const t = typeof v;
      if (n < 32 && k && k.length <= 64 && (v === null || t == 'boolean' || t == 'string' || (t == 'number' && Math.abs(v as number) <= 1e12)))
        (r[k] = t == 'string' ? (v as string).slice(0, 500) : (v as PropValue)), n++;
    }
  return r;
}
