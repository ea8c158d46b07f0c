/** The people behind the visits: names, job titles, companies, and the profile they type into forms. */
import type { ProfileField } from '../../shared/wire.ts';
import type { Rng } from './rng.ts';

const FIRST = ['Maya', 'Daniel', 'Priya', 'Lucas', 'Sofia', 'Kenji', 'Amara', 'Jonas', 'Elena', 'Omar', 'Hannah', 'Mateo', 'Grace', 'Arjun', 'Chloé', 'Liam', 'Fatima', 'Noah', 'Zoë', 'Ethan', 'Ingrid', 'Tariq', 'Rosa', 'Felix', 'Aisha', 'Marek', 'Julia', 'Samuel', 'Leila', 'Henrik'];
const LAST = ['Okafor', 'Schneider', 'Raman', 'Moreau', 'García', 'Tanaka', 'Nwosu', 'Lindqvist', 'Rossi', 'Haddad', 'Becker', 'Fernández', 'Walsh', 'Patel', 'Dubois', 'Murphy', 'Khan', 'Novak', 'Ó Briain', 'Chen', 'Larsen', 'Mensah', 'Silva', 'Kowalski', 'Ahmed', 'Weber', 'Costa', 'Brennan', 'Yilmaz', 'Johansson'];
const COMPANY_WORDS = ['Fernhill', 'Bluestone', 'Copperleaf', 'Driftwood', 'Evergreen', 'Foxglove', 'Granite', 'Harborline', 'Ironwood', 'Juniper', 'Keystone', 'Larkspur', 'Northgate', 'Oakridge', 'Quarry', 'Riverside', 'Silverline', 'Timberlake'];
const COMPANY_KINDS = ['Systems', 'Software', 'Analytics', 'Networks', 'Labs', 'Health', 'Payments', 'Cloud', 'Media', 'Commerce'];

/** Titles of the buying committee: Directors, VPs, the CTO. */
export const BUYER_TITLES = ['Director of Site Reliability Engineering', 'VP of Engineering', 'Head of Platform Engineering', 'Director of Infrastructure', 'CTO', 'VP Technology Operations', 'Director of DevOps'];
/** Titles of team leads who champion a purchase. */
export const MANAGER_TITLES = ['Engineering Manager', 'SRE Team Lead', 'DevOps Manager', 'Platform Engineering Manager', 'IT Operations Manager'];
/** Titles of individual contributors. */
export const IC_TITLES = ['Senior Site Reliability Engineer', 'Platform Engineer', 'DevOps Engineer', 'Software Engineer', 'Staff Engineer'];
/** Country codes, weighted towards the US by repetition. */
export const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'CA', 'NL', 'FR', 'IE', 'SE', 'AU', 'IN', 'ES'];
/** Where the students study. */
export const UNIVERSITIES = ['Northfield University', 'Lakeside Institute of Technology', 'Westbrook College', 'University of Eastmoor'];
/** Free-mail domains, weighted towards Gmail by repetition. */
export const FREE_MAIL = ['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'];

/** The canonical profile keys the tracker sends in `form_submit` and `identify` props. */
export type Profile = { email: string } & Partial<Record<ProfileField, string>>;

/** ASCII local part: what people actually type for names with accents or spaces. */
function emailLocal(first: string, last: string): string {
  const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}

/** A random person with an email at `domain`, and the rest of their profile from `extra`. */
export function person(rng: Rng, domain: string, extra: Omit<Profile, 'email' | 'firstName' | 'lastName'>): Profile {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  return { email: `${emailLocal(firstName, lastName)}@${domain}`, firstName, lastName, ...extra };
}

/** A company that is not on the target list, with a matching `.example` domain. */
export function inventedCompany(rng: Rng): { name: string; domain: string } {
  const name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)}`;
  return { name, domain: `${name.toLowerCase().replace(/\s+/g, '-')}.example` };
}
