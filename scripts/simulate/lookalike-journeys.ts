/**
 * Journeys of visitors who act like leads but are not new business (students, job seekers,
 * competitors, customers, bots): the traffic scoring must not mistake for buyers.
 */
import { COMPETITOR_DOMAINS, GUIDES, JOB_SLUGS, LOGIN_URL, PAGE_TITLES, POSTS } from './demo-site.ts';
import { BOT_AGENTS, HUMAN_AGENTS, MOBILE_AGENT } from './device.ts';
import { entries } from './entries.ts';
import { COUNTRIES, FREE_MAIL, IC_TITLES, MANAGER_TITLES, person, UNIVERSITIES } from './people.ts';
import { FORM, MEDIUM, PRICING, READ, SHORT, THANKS, viewProductTour } from './session.ts';
import type { Journey } from './visitor-plan.ts';

/** Student with a free-mail address: reads and downloads everything, sometimes asks for a demo. */
export const student: Journey = (plan) => {
  const { rng } = plan;
  const university = rng.pick(UNIVERSITIES);
  const profile = person(rng, rng.pick(FREE_MAIL), {
    company: university,
    jobTitle: rng.pick(['Student', 'Computer Science Student', 'MSc Student', 'PhD Candidate']),
    companySize: rng.pick(['1-10', '5000+']),
    country: rng.pick(COUNTRIES),
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  const s = plan.session(device, plan.spread(1)[0] ?? 3, rng.pick([entries.organic, entries.reddit]));
  s.view(rng.pick(POSTS), READ).view('/resources', MEDIUM, (p) => p.download(rng.pick(GUIDES)));
  s.view('/resources', SHORT, (p) => p.download(rng.pick(GUIDES))).view(rng.pick(POSTS), READ);
  if (rng.chance(0.4)) s.view('/pricing', MEDIUM).view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
  else if (rng.chance(0.5)) s.view('/blog', SHORT, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
};

/** Job seeker: careers page again and again, a bit of product, then the application form off-site. */
export const jobSeeker: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick([...HUMAN_AGENTS, MOBILE_AGENT]));
  const days = plan.spread(rng.int(1, 3));
  days.forEach((daysAgo, n) => {
    const s = plan.session(device, daysAgo, n === 0 ? rng.pick([entries.linkedin, entries.organic]) : entries.direct);
    s.view('/careers', READ).view(rng.pick(['/', '/product', '/blog']), MEDIUM);
    if (rng.chance(0.4)) s.view('/pricing', SHORT);
    s.view('/careers', MEDIUM, (p) => {
      if (n === days.length - 1) p.outbound(`https://jobs.runwell.example/apply?role=${rng.pick(JOB_SLUGS)}`);
    });
  });
};

/** Employee of a competitor: studies pricing and features, sometimes books a demo to see more. */
export const competitor: Journey = (plan) => {
  const { rng } = plan;
  const domain = rng.pick(COMPETITOR_DOMAINS);
  const profile = person(rng, domain, {
    company: domain === 'pagerhero.example' ? 'PagerHero' : 'FireDrill',
    jobTitle: rng.pick(['Product Marketing Manager', 'Competitive Intelligence Analyst', 'Product Manager']),
    companySize: '51-200',
    country: 'US',
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  for (const [n, daysAgo] of plan.spread(rng.int(2, 3), true).entries()) {
    const s = plan.session(device, daysAgo, entries.direct);
    s.view('/pricing', PRICING).view('/product', READ).view('/integrations', READ);
    if (n === 0) viewProductTour(s);
    if (n === 1 && rng.chance(0.6)) s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
  }
};

/** Existing customer: mostly on the way to the app; some ask sales about expanding. */
export const customer: Journey = (plan) => {
  const { rng } = plan;
  const accounts = plan.opts.accounts.filter((a) => a.tier === 'customer');
  const account = rng.pick(accounts.length ? accounts : plan.opts.accounts);
  const profile = person(rng, account.domain, { company: account.name, jobTitle: rng.pick([...IC_TITLES, ...MANAGER_TITLES]) });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  for (const daysAgo of plan.spread(rng.int(1, 3))) {
    const s = plan.session(device, daysAgo, entries.direct);
    if (rng.chance(0.7)) {
      s.view('/', SHORT, (p) => p.outbound(LOGIN_URL));
    } else {
      s.view('/integrations', MEDIUM).view('/pricing', PRICING);
      if (rng.chance(0.5)) s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
    }
  }
};

/** Crawler or headless script: many pages in seconds, sometimes spams the demo form. */
export const bot: Journey = (plan) => {
  const { rng } = plan;
  const userAgent = rng.pick(BOT_AGENTS);
  const device = plan.device(userAgent, userAgent.includes('Headless') ? { wd: true } : {});
  const s = plan.session(device, plan.spread(1)[0] ?? 1, {}, true);
  const paths = Object.keys(PAGE_TITLES);
  for (let n = rng.int(8, 25); n > 0; n--) s.view(rng.pick(paths), SHORT);
  if (rng.chance(0.3)) {
    const junk = { email: `test${rng.int(1, 999)}@example.com`, firstName: 'test', lastName: 'test', company: 'test', jobTitle: 'test', companySize: '1-10', country: 'US' };
    s.view('/demo', SHORT, (p) => p.submit('demo-request', junk));
  }
};
