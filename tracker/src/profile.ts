import type { ProfileField } from '../../shared/wire.ts';

/** A lead's canonical contact and firmographic fields (`PROFILE_FIELDS` of the wire). */
export type Profile = Partial<Record<ProfileField, string>>;

/** The canonical keys, in the order fields are matched against {@link FIELD_RULES}. */
export const FIELD_KEYS: ProfileField[] = ['email', 'firstName', 'lastName', 'jobTitle', 'companySize', 'company', 'industry', 'country', 'phone'];

/**
 * How a field's name, id or autocomplete token maps to each of {@link FIELD_KEYS}, tested
 * lower-cased with everything but letters removed (`work_email` → `workemail`). Order
 * matters: `organization-title` is a job title, `company_size` is not a company.
 */
export const FIELD_RULES = [
  /mail/,
  /^(first|given|f)name/,
  /^(last|family|sur|l)name/,
  /title|position/,
  /size|employee/,
  /compan|organi[sz]ation|^org$/,
  /industry/,
  /country/,
  /phone|^tel|mobile/,
];

/**
 * The canonical key of a field from its name, id and autocomplete attributes, if any. Only
 * the last token of each counts: autocomplete may start with a section ("shipping email"),
 * frameworks nest names ("lead[first_name]").
 */
export function fieldKey(...attrs: (string | null)[]): ProfileField | undefined {
  const names = attrs.map((a) => (a || '').toLowerCase().replace(/.*[\s[]|[^a-z]/g, ''));
  return FIELD_KEYS.find((_, i) => names.some((n) => FIELD_RULES[i]!.test(n)));
}

/** The Luhn checksum every payment card number passes. */
export const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, c, i) => {
    const d = +c * ((i % 2) + 1);
    return sum + (d > 9 ? d - 9 : d);
  }, 0) %
    10 ==
  0;

export const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

/**
 * A value fit to send: trimmed, at most 200 characters; `undefined` when empty or when it
 * looks like a payment card (13–19 digits, spaces or dashes between, passing Luhn) or a US
 * SSN. Such values end up in any field, whatever its name says.
 */
export function cleanValue(v: unknown): string | undefined {
  if (typeof v == 'string') {
    const s = v.trim().slice(0, 200);
    const d = s.replace(/[ -]/g, '');
    if (s && !(/^\d{13,19}$/.test(d) && luhn(d)) && !/^\d{3}-?\d{2}-?\d{4}$/.test(s)) return s;
  }
}

/**
 * Sets `p[k]` to `v` unless `k` is taken or the value is unfit; an email must look like one
 * (a "mailing address" field also matches /mail/). Returns `p`.
 */
export function addField<P extends Profile>(p: P, k: ProfileField, v: unknown): P {
  const c = cleanValue(v);
  if (c && !p[k] && (k != 'email' || isEmail(c))) p[k] = c;
  return p;
}

/** The canonical fields of an `identify` call; anything else is dropped. */
export const profile = (o: Record<string, unknown>) => FIELD_KEYS.reduce((p, k) => addField(p, k, o[k]), {} as Profile);
