/** The demo site (demo-site/public) as the journeys see it: its pages, downloads, forms and links. */

const BLOG_POSTS: Record<string, string> = {
  'alert-fatigue-is-a-routing-problem': 'Alert fatigue is a routing problem, not a volume problem',
  'postmortems-that-change-things': 'Writing postmortems that actually change things',
  'automating-the-first-five-minutes': 'Automating the first five minutes of every incident',
  'introducing-reliability-analytics': 'Introducing Reliability Analytics',
};

/** Every page path of demo-site/public with its `<title>`, as the tracker would read it. */
export const PAGE_TITLES: Record<string, string> = {
  '/': 'Runwell — Incident response on autopilot',
  '/product': 'Product — Runwell',
  '/pricing': 'Pricing — Runwell',
  '/integrations': 'Integrations — Runwell',
  '/resources': 'Guides and resources — Runwell',
  '/demo': 'Book a demo — Runwell',
  '/demo/thanks': 'Demo requested — Runwell',
  '/contact': 'Contact sales — Runwell',
  '/contact/thanks': 'Message sent — Runwell',
  '/newsletter/thanks': 'Subscribed — Runwell',
  '/blog': 'Blog — Runwell',
  '/careers': 'Careers — Runwell',
  '/tour/overview': 'Product tour: Overview — Runwell',
  '/tour/automations': 'Product tour: Automations — Runwell',
  '/tour/analytics': 'Product tour: Analytics — Runwell',
  ...Object.fromEntries(Object.entries(BLOG_POSTS).map(([slug, title]) => [`/blog/${slug}`, `${title} — Runwell blog`])),
};

/** Paths of the blog posts. */
export const POSTS = Object.keys(BLOG_POSTS).map((slug) => `/blog/${slug}`);
/** Slugs of the downloadable guides (`/resources/<slug>.pdf`). */
export const GUIDES = ['incident-response-playbook', 'on-call-health-benchmark-2025', 'runbook-automation-checklist'];
/** Slugs of the open positions on the off-site job board. */
export const JOB_SLUGS = ['senior-backend-engineer-automation-platform', 'product-designer-incident-experience', 'enterprise-account-executive'];
/** Where customers leave the site for the product. */
export const LOGIN_URL = 'https://app.runwell.example/login';
/** Each form of the demo site and the path it posts to. */
export const FORM_ACTIONS = { 'demo-request': '/demo/thanks', 'contact-sales': '/contact/thanks', newsletter: '/newsletter/thanks' } as const;
/** The id of a demo-site form. */
export type FormId = keyof typeof FORM_ACTIONS;

/** Domains of the fictional competitors; a scoring config can list them as exclusions. */
export const COMPETITOR_DOMAINS = ['pagerhero.example', 'firedrill.example'] as const;
