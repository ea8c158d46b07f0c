/**
 * Writes the three downloadable guides of the demo site as small, valid PDF files
 * (`demo-site/public/resources/<slug>.pdf`). Run with `npx tsx demo-site/make-pdfs.ts`.
 *
 * Hand-written PDF 1.4: standard Type 1 fonts (nothing embedded), one content stream per
 * page, and a byte-exact xref table so strict readers open the files without repair.
 * Output is deterministic (fixed dates), so re-running changes no committed bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One guide: its URL slug and the text of its title page and summary page. */
export interface Guide {
  slug: string;
  title: string;
  subtitle: string;
  /** RGB 0..1 of the cover band. */
  color: [number, number, number];
  intro: string;
  contents: string[];
}

/** The guides listed on /resources, in page order. */
export const GUIDES: Guide[] = [
  {
    slug: 'incident-response-playbook',
    title: 'The Incident Response Playbook',
    subtitle: 'From first alert to published postmortem in twelve steps',
    color: [0.31, 0.27, 0.9],
    intro:
      'Incidents are stressful because they are rare for each person and frequent for the organisation. ' +
      'This playbook collects the roles, checklists and templates we see in the best-run SRE teams, so that ' +
      'the first minutes of every incident look the same no matter who is on call.',
    contents: [
      '1. Declare early: severity levels that anyone can apply',
      '2. Roles: commander, operations lead, communications, scribe',
      '3. The first five minutes: a context checklist',
      '4. Communicating with stakeholders and customers',
      '5. Mitigate first, diagnose second',
      '6. Writing a blameless postmortem that changes things',
    ],
  },
  {
    slug: 'on-call-health-benchmark-2025',
    title: 'On-Call Health Benchmark 2025',
    subtitle: 'How 1,400 engineering teams page, escalate and recover',
    color: [0.06, 0.46, 0.43],
    intro:
      'We analysed anonymised incident data from 1,400 engineering teams between January and December 2024. ' +
      'This report shows median time to acknowledge and to resolve by team size, how much of the night-time ' +
      'load lands on a few people, and which practices separate the top quartile from the rest.',
    contents: [
      'Key findings at a glance',
      'Response times by team size and industry',
      'Night-time pages and on-call fatigue',
      'The effect of ownership-based routing',
      'Automation coverage in top-quartile teams',
      'Methodology',
    ],
  },
  {
    slug: 'runbook-automation-checklist',
    title: 'Runbook Automation Checklist',
    subtitle: 'Twenty-five incident tasks to automate before your next outage',
    color: [0.76, 0.25, 0.05],
    intro:
      'The safest automations gather context; the most valuable ones remediate. This checklist orders ' +
      'twenty-five common incident tasks from the first kind to the second, with the guards and approvals ' +
      'each one needs, and a simple way to measure the toil you remove.',
    contents: [
      'Stage 1: context (graphs, deploys, related incidents)',
      'Stage 2: communication (channels, roles, status updates)',
      'Stage 3: remediation (restart, scale, roll back, feature flags)',
      'Guards, dry runs and approvals',
      'Measuring minutes saved per incident',
    ],
  },
];

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;

/** Escapes text for a PDF literal string; the guides are ASCII, anything else becomes '?'. */
function pdfString(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Greedy word wrap by character count: Helvetica averages about half an em per character. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function textLines(lines: string[], font: string, size: number, x: number, y: number, leading: number): string {
  const body = lines.map((l, i) => (i === 0 ? `${pdfString(l)} Tj` : `T* ${pdfString(l)} Tj`)).join('\n');
  return `BT /${font} ${size} Tf ${leading} TL ${x} ${y} Td\n${body}\nET`;
}

function coverPage(guide: Guide): string {
  const [r, g, b] = guide.color;
  const title = wrap(guide.title, 24);
  const subtitle = wrap(guide.subtitle, 48);
  return [
    `${r} ${g} ${b} rg 0 432 ${PAGE_WIDTH} 360 re f`,
    `0.98 0.45 0.09 rg 56 420 120 6 re f`,
    `1 1 1 rg`,
    textLines(['RUNWELL GUIDE'], 'F2', 11, 56, 730, 14),
    textLines(title, 'F2', 34, 56, 640, 40),
    textLines(subtitle, 'F1', 15, 56, 640 - title.length * 40 - 8, 20),
    `0.06 0.09 0.16 rg`,
    textLines(wrap(guide.intro, 82), 'F1', 11.5, 56, 380, 17),
    `0.39 0.45 0.55 rg`,
    textLines(['runwell.example  |  (c) 2025 Runwell, Inc. A fictional company for the Tells demo.'], 'F1', 9, 56, 48, 12),
  ].join('\n');
}

function contentsPage(guide: Guide): string {
  return [
    `0.06 0.09 0.16 rg`,
    textLines(['Inside this guide'], 'F2', 22, 56, 720, 26),
    textLines(guide.contents, 'F1', 13, 56, 670, 26),
    `0.31 0.27 0.9 rg`,
    textLines(['Want to see this applied to your own alerts? Book a demo at runwell.example/demo.'], 'F2', 11, 56, 120, 14),
    `0.39 0.45 0.55 rg`,
    textLines([guide.title + '  |  page 2'], 'F1', 9, 56, 48, 12),
  ].join('\n');
}

/** Builds the bytes of one guide: a cover page and a contents page. */
export function buildGuidePdf(guide: Guide): Buffer {
  const streams = [coverPage(guide), contentsPage(guide)];
  const pageIds = streams.map((_, i) => 5 + i * 2);
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  streams.forEach((content, i) => {
    const pageId = 5 + i * 2;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  const infoId = objects.length;
  objects[infoId] =
    `<< /Title ${pdfString(guide.title)} /Author (Runwell, Inc.) /Producer (demo-site/make-pdfs.ts) ` +
    `/CreationDate (D:20250301000000Z) >>`;

  // A binary comment in the header tells transfer tools the file is binary (PDF 32000-1, 7.5.2).
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(pdf, 'latin1');
  // Each xref entry is exactly 20 bytes, its end of line included (PDF 32000-1, 7.5.4).
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Writes every guide into `outDir`; returns the written paths. */
export function writeGuides(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return GUIDES.map((guide) => {
    const file = join(outDir, `${guide.slug}.pdf`);
    writeFileSync(file, buildGuidePdf(guide));
    return file;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), 'public', 'resources');
  for (const file of writeGuides(outDir)) console.log(`wrote ${file}`);
}
