import { describe, expect, it } from 'vitest';
import { domainMatcher, emailDomain } from './domains.ts';

describe('emailDomain', () => {
  it.each([
    ['Ada@Acme.COM', 'acme.com'],
    ['a@b@acme.io', 'acme.io'],
    ['no-at-sign', undefined],
    ['trailing@', undefined],
    [undefined, undefined],
  ])('%s → %s', (email, expected) => expect(emailDomain(email)).toBe(expected));
});

describe('domainMatcher', () => {
  const matches = domainMatcher(['acme.com', '*.edu', '*.ac.*']);
  it.each([
    ['acme.com', true],
    ['eu.ACME.com', true],
    ['notacme.com', false],
    ['mit.edu', true],
    ['cs.mit.edu', true],
    ['edu', false],
    ['ox.ac.uk', true],
    ['zodiac.com', false],
  ])('%s → %s', (domain, expected) => expect(matches(domain)).toBe(expected));

  it('matches nothing when the list is empty', () => expect(domainMatcher([])('acme.com')).toBe(false));
});
