import { describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from '../../shared/wire.ts';
import { addField, cleanValue, FIELD_KEYS, fieldKey, isEmail, luhn, profile } from './profile.ts';

describe('fieldKey', () => {
  it('covers exactly the canonical fields of the wire', () => {
    expect([...FIELD_KEYS].sort()).toEqual([...PROFILE_FIELDS].sort());
  });

  it.each([
    ['email', 'email'],
    ['work_email', 'email'],
    ['businessEmail', 'email'],
    ['lead[email]', 'email'],
    ['first_name', 'firstName'],
    ['fname', 'firstName'],
    ['FirstName', 'firstName'],
    ['last_name', 'lastName'],
    ['lname', 'lastName'],
    ['surname', 'lastName'],
    ['company', 'company'],
    ['company_name', 'company'],
    ['organisation', 'company'],
    ['organization', 'company'],
    ['job_title', 'jobTitle'],
    ['title', 'jobTitle'],
    ['company_size', 'companySize'],
    ['employees', 'companySize'],
    ['NumberOfEmployees', 'companySize'],
    ['industry', 'industry'],
    ['country', 'country'],
    ['phone', 'phone'],
    ['mobile_number', 'phone'],
    ['password', undefined],
    ['message', undefined],
    ['name', undefined],
    ['zip', undefined],
  ])('name %s → %s', (name, want) => {
    expect(fieldKey(name, null, null)).toBe(want);
  });

  it.each([
    ['email', 'email'],
    ['shipping email', 'email'],
    ['given-name', 'firstName'],
    ['family-name', 'lastName'],
    ['organization', 'company'],
    ['organization-title', 'jobTitle'],
    ['country-name', 'country'],
    ['country', 'country'],
    ['tel', 'phone'],
    ['cc-number', undefined],
    ['new-password', undefined],
  ])('autocomplete %s → %s', (ac, want) => {
    expect(fieldKey(null, null, ac)).toBe(want);
  });

  it('uses the id when the name says nothing', () => {
    expect(fieldKey('field_7', 'email', null)).toBe('email');
  });
});

describe('cleanValue', () => {
  it('trims and caps at 200 characters', () => {
    expect(cleanValue('  Acme  ')).toBe('Acme');
    expect(cleanValue('x'.repeat(300))).toHaveLength(200);
    expect(cleanValue('   ')).toBeUndefined();
    expect(cleanValue(42)).toBeUndefined();
  });

  it.each(['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '378282246310005', '6011 0009 9013 9424'])('drops the card number %s', (v) => {
    expect(luhn(v.replace(/\D/g, ''))).toBe(true);
    expect(cleanValue(v)).toBeUndefined();
  });

  it.each(['123-45-6789', '123456789'])('drops the SSN-like %s', (v) => {
    expect(cleanValue(v)).toBeUndefined();
  });

  it.each(['4111 1111 1111 1112', '+1 415 555 0100', '51-200', '1000'])('keeps %s', (v) => {
    expect(cleanValue(v)).toBe(v);
  });
});

describe('addField and profile', () => {
  it('keeps only emails that look like one, and the first value of a key', () => {
    expect(addField({}, 'email', 'mailing address 1')).toEqual({});
    expect(isEmail('ada@acme.io')).toBe(true);
    expect(addField(addField({}, 'email', 'ada@acme.io'), 'email', 'bob@acme.io')).toEqual({ email: 'ada@acme.io' });
  });

  it('keeps the canonical fields of an identify call only', () => {
    expect(profile({ email: ' ada@acme.io ', company: 'Acme', jobTitle: 'CTO', plan: 'pro', password: 'x', phone: '+1 415 555 0100', country: { x: 1 } })).toEqual({
      email: 'ada@acme.io',
      company: 'Acme',
      jobTitle: 'CTO',
      phone: '+1 415 555 0100',
    });
  });
});
