/** Who visits the demo site, and how often: the mix of personas in a simulated run. */
import { blogReader, buyer, manager, pricingBrowser } from './prospect-journeys.ts';
import { bot, competitor, customer, jobSeeker, student } from './lookalike-journeys.ts';
import type { Rng } from './rng.ts';
import type { Journey } from './visitor-plan.ts';

/** Personas and their share of traffic (weights, not percentages). */
export const PERSONAS = {
  buyer: { weight: 10, journey: buyer },
  manager: { weight: 12, journey: manager },
  student: { weight: 8, journey: student },
  jobSeeker: { weight: 7, journey: jobSeeker },
  competitor: { weight: 4, journey: competitor },
  blogReader: { weight: 26, journey: blogReader },
  pricingBrowser: { weight: 15, journey: pricingBrowser },
  customer: { weight: 8, journey: customer },
  bot: { weight: 10, journey: bot },
} satisfies Record<string, { weight: number; journey: Journey }>;

/** The name of a persona in {@link PERSONAS}. */
export type PersonaName = keyof typeof PERSONAS;

/** Draws a persona by weight. */
export function pickPersona(rng: Rng): PersonaName {
  const names = Object.keys(PERSONAS) as PersonaName[];
  let roll = rng.next() * names.reduce((sum, n) => sum + PERSONAS[n].weight, 0);
  for (const name of names) {
    roll -= PERSONAS[name].weight;
    if (roll < 0) return name;
  }
  return 'blogReader';
}
