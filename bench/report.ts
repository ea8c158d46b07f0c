/** The compact console table and bench/RESULTS.md. */
import { writeFileSync } from 'node:fs';
import type { Machine, MachineShare } from './machine.ts';
import { table, type PhaseResult } from './result.ts';
import { fmt } from './stats.ts';

export interface RunInfo {
  quick: boolean;
  command: string;
  seconds: number;
  machine: Machine;
  /** Per phase: machine busy share and load average, to read the noise. */
  noise: Record<string, MachineShare>;
  generalNotes: string[];
}

const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : 'MISSED');

export function consoleTable(phases: PhaseResult[]): string {
  const rows = phases.flatMap((p) => p.headlines.map((h) => [p.title.split(' ')[0]!, h.metric, h.value, h.ratio, h.target ?? '', verdict(h.met)]));
  const header = ['#', 'metric', 'value', 'ratio', 'target', ''];
  const widths = header.map((_, i) => Math.min(i === 1 ? 60 : i === 2 ? 44 : 24, Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length))));
  const cut = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  return [header, ...rows].map((r) => r.map((c, i) => cut(c, widths[i]!)).join('  ')).join('\n');
}

export function writeResults(file: string, phases: PhaseResult[], info: RunInfo): void {
  const m = info.machine;
  const others = (id: string) => (info.noise[id] ? `${fmt(info.noise[id]!.others * 100)}%` : '');
  const headlineRows = phases.flatMap((p) => p.headlines.map((h) => [p.title, h.metric, h.value, h.baseline, h.ratio, h.target ?? '', verdict(h.met), others(p.id)]));
  const sections = phases.map((p) => {
    const noise = info.noise[p.id];
    const noiseLine = noise
      ? `_Machine during this phase (${fmt(p.seconds ?? 0, 0)} s): ${fmt(noise.busy * 100)}% of all CPUs busy, of which ${fmt(noise.others * 100)}% by processes other than this benchmark; load average ${fmt(noise.loadBefore, 1)} → ${fmt(noise.loadAfter, 1)}._`
      : '';
    return [`## ${p.title}`, '', p.details, '', ...p.notes.map((n) => `- ${n}`), '', noiseLine, ''].join('\n');
  });
  const text = [
    `# Tells benchmarks${info.quick ? ' (quick mode: short phases, small data)' : ''}`,
    '',
    `Written by \`${info.command}\` on ${m.date} (commit ${m.commit}); the run took ${fmt(info.seconds / 60, 1)} min.`,
    'Every headline figure is a ratio to a baseline measured in the same run, on the same machine, minutes apart: the machine is shared and noisy, so absolute numbers move between runs while the ratios move less. Benchmarks report; they never fail CI.',
    '',
    table(['machine', ''], [
      ['CPUs (`nproc`)', m.nproc],
      ['CPU model (/proc/cpuinfo)', m.cpuModel],
      ['memory', `${fmt(m.memoryGiB, 1)} GiB`],
      ['Node', m.node],
      ['date', m.date],
    ]),
    '',
    '## Headlines',
    '',
    table(['phase', 'metric', 'value', 'baseline (same run)', 'ratio', 'target', '', 'CPU taken by other processes'], headlineRows),
    '',
    'The last column is the share of all CPUs that processes other than this benchmark used during the phase (from /proc/stat): the higher it is, the less the absolute figures mean.',
    '',
    '## How it was run',
    '',
    '```sh',
    'npm run bench          # full: npx tsx bench/run.ts',
    'npm run bench:quick    # quick: npx tsx bench/run.ts --quick (writes bench/RESULTS-quick.md)',
    'npx tsx bench/run.ts --only ingest,batches   # some phases only',
    'BENCH_CPU_PROF=/tmp/prof npm run bench       # also write the collector\'s --cpu-prof profiles there',
    '```',
    '',
    ...info.generalNotes.map((n) => `- ${n}`),
    '',
    ...sections,
    '',
  ].join('\n');
  writeFileSync(file, text);
}
