/** Journeys of potential customers, from ready-to-buy to anonymous: the traffic scoring should rank. */
import { sizeBucket } from './accounts.ts';
import { POSTS, GUIDES } from './demo-site.ts';
import { HUMAN_AGENTS, MOBILE_AGENT } from './device.ts';
import { entries } from './entries.ts';
import { BUYER_TITLES, COUNTRIES, FREE_MAIL, IC_TITLES, inventedCompany, MANAGER_TITLES, person } from './people.ts';
import { FORM, MEDIUM, PRICING, READ, SHORT, THANKS, viewProductTour } from './session.ts';
import type { Journey } from './visitor-plan.ts';

/** Buying-committee member (Director/VP) at a target account: researches over days, then asks for a demo. */
export const buyer: Journey = (plan) => {
  const { rng } = plan;
  const tier = rng.chance(0.7) ? 'tier1' : 'tier2';
  const pool = plan.opts.accounts.filter((a) => a.tier === tier);
  const account = rng.pick(pool.length ? pool : plan.opts.accounts);
  const profile = person(rng, account.domain, {
    company: account.name,
    jobTitle: rng.pick(BUYER_TITLES),
    companySize: sizeBucket(account.employees),
    country: account.country,
  });
  const laptop = plan.device(rng.pick(HUMAN_AGENTS));
  const days = plan.spread(rng.int(2, 4), true);
  const converts = rng.chance(0.75);
  days.forEach((daysAgo, n) => {
    const last = n === days.length - 1;
    const s = plan.session(laptop, daysAgo, n === 0 ? rng.pick([entries.linkedinAd, entries.organic, entries.g2]) : entries.direct);
    if (n === 0) {
      s.view(rng.pick([...POSTS, '/']), READ).view('/product', MEDIUM);
      if (rng.chance(0.6)) viewProductTour(s);
      s.view('/pricing', PRICING);
    } else if (!last) {
      s.view('/pricing', PRICING).view('/integrations', MEDIUM);
      s.view('/resources', MEDIUM, (p) => p.download(rng.pick(GUIDES)));
      if (rng.chance(0.5)) s.view(rng.pick(POSTS), READ);
    } else {
      s.view('/', SHORT).view('/pricing', PRICING);
      if (!converts) {
        s.view('/integrations', MEDIUM);
      } else if (rng.chance(0.7)) {
        s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
      } else {
        s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
      }
    }
  });
  // Some read the digest on their phone: the same email on another device is the same lead.
  if (converts && rng.chance(0.25)) {
    const phone = plan.device(MOBILE_AGENT);
    plan
      .session(phone, rng.next() * 0.5, entries.linkedin)
      .view(rng.pick(POSTS), READ, (p) => p.submit('newsletter', profile))
      .view('/newsletter/thanks', THANKS)
      .view('/pricing', PRICING);
  }
};

/** Manager at a mid-size company: mostly not on the target list, sometimes a tier-2 or tier-3 account. */
export const manager: Journey = (plan) => {
  const { rng } = plan;
  const listed = plan.opts.accounts.filter((a) => a.tier === 'tier2' || a.tier === 'tier3');
  const account = listed.length && rng.chance(0.4) ? rng.pick(listed) : undefined;
  const company = account ? { name: account.name, domain: account.domain } : inventedCompany(rng);
  const profile = person(rng, company.domain, {
    company: company.name,
    jobTitle: rng.pick(rng.chance(0.7) ? MANAGER_TITLES : IC_TITLES),
    companySize: account ? sizeBucket(account.employees) : rng.pick(['51-200', '201-1000', '201-1000', '1001-5000']),
    country: account?.country ?? rng.pick(COUNTRIES),
  });
  const device = plan.device(rng.pick(HUMAN_AGENTS));
  const days = plan.spread(rng.int(1, 3), true);
  days.forEach((daysAgo, n) => {
    const s = plan.session(device, daysAgo, n === 0 ? rng.pick([entries.googleAd, entries.organic, entries.reddit]) : entries.direct);
    if (n < days.length - 1) {
      s.view(rng.pick(POSTS), READ).view('/product', MEDIUM).view('/pricing', PRICING);
      return;
    }
    s.view(n === 0 ? '/' : '/pricing', n === 0 ? SHORT : PRICING).view('/product', MEDIUM);
    if (rng.chance(0.4)) viewProductTour(s);
    const outcome = rng.next();
    if (outcome < 0.3) s.view('/demo', FORM, (p) => p.submit('demo-request', profile)).view('/demo/thanks', THANKS);
    else if (outcome < 0.5) s.view('/contact', FORM, (p) => p.submit('contact-sales', profile)).view('/contact/thanks', THANKS);
    else if (outcome < 0.75) s.view('/pricing', PRICING, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
    else s.view('/pricing', PRICING);
  });
};

/** Casual reader from social or the newsletter; a few subscribe. */
export const blogReader: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick([...HUMAN_AGENTS, MOBILE_AGENT]), rng.chance(0.05) ? { gpc: true } : {});
  const subscriberDomain = rng.chance(0.5) ? rng.pick(FREE_MAIL) : inventedCompany(rng).domain;
  const profile = person(rng, subscriberDomain, {});
  const days = plan.spread(rng.int(1, 2));
  days.forEach((daysAgo, n) => {
    const fromNewsletter = n > 0 && rng.chance(0.5);
    const s = plan.session(device, daysAgo, fromNewsletter ? entries.newsletter : rng.pick([entries.hackerNews, entries.twitter, entries.reddit, entries.organic]));
    // Links in the digest carry the subscriber, so the site can identify them on arrival.
    s.view(rng.pick(POSTS), READ, fromNewsletter ? (p) => p.identify({ email: profile.email }) : undefined);
    if (rng.chance(0.5)) s.view('/blog', SHORT).view(rng.pick(POSTS), READ);
    if (n === 0 && rng.chance(0.15)) s.view('/blog', SHORT, (p) => p.submit('newsletter', profile)).view('/newsletter/thanks', THANKS);
  });
};

/** Anonymous visitor comparing prices; never fills a form. */
export const pricingBrowser: Journey = (plan) => {
  const { rng } = plan;
  const device = plan.device(rng.pick(HUMAN_AGENTS), rng.chance(0.05) ? { gpc: true } : {});
  for (const daysAgo of plan.spread(rng.int(1, 2))) {
    const s = plan.session(device, daysAgo, rng.pick([entries.googleAd, entries.organic, entries.g2, entries.direct]));
    s.view(rng.pick(['/', '/pricing']), MEDIUM).view('/pricing', PRICING);
    if (rng.chance(0.6)) s.view('/product', MEDIUM);
    if (rng.chance(0.3)) s.view('/integrations', MEDIUM);
  }
};
