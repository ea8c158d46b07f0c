/**
 * Contact and firmographic answers carried by `form_submit` and `identify` events. The newest
 * non-empty answer wins, field by field; an email is normalised so the same person is one lead.
 */
import { PROFILE_FIELDS, type ProfileField } from '../../../shared/wire.ts';

export type Contact = Partial<Record<ProfileField, string>>;

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** A lower-cased email when the text is one, else undefined. */
export function normaliseEmail(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const email = text.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

/** The domain part of an email. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** The contact answers in one event's props (only from form_submit and identify). */
export function contactFromEvent(type: string, props: Record<string, unknown> | null | undefined): Contact {
  if (!props || (type !== 'form_submit' && type !== 'identify')) return {};
  const contact: Contact = {};
  for (const field of PROFILE_FIELDS) {
    const value = props[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value).trim().slice(0, 200);
    if (!text) continue;
    if (field === 'email') {
      const email = normaliseEmail(text);
      if (email) contact.email = email;
    } else contact[field] = text;
  }
  return contact;
}
