/** The machine and the moment a run happened on, and how busy the machine was. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  date: string;
  commit: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function machine(): Machine {
  let nproc = availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // keep availableParallelism
  }
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) ? ' + uncommitted changes' : '';
  return {
    nproc,
    cpuModel: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    date: new Date().toISOString(),
    commit: `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty}`,
  };
}

/** 1-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Busy and total CPU jiffies of the whole machine (every process, ours included). */
function cpuJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((s, n) => s + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Jiffies this process and its finished (waited-for) children used: utime, stime, cutime, cstime. */
function ownTreeJiffies(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0);
}

export interface MachineShare {
  /** Share of all CPUs busy, every process. */
  busy: number;
  /** Share of all CPUs used by processes other than this run (its children counted once they ended). */
  others: number;
  loadBefore: number;
  loadAfter: number;
}

/** Starts watching how busy the machine is; the returned function tells the shares since then. */
export function watchMachine(): () => MachineShare {
  const before = cpuJiffies();
  const ownBefore = ownTreeJiffies();
  const loadBefore = loadAverage();
  return () => {
    const after = cpuJiffies();
    const total = Math.max(1, after.total - before.total);
    const busy = (after.busy - before.busy) / total;
    // /proc/stat counts every CPU; our jiffies are per process, in the same unit.
    const own = (ownTreeJiffies() - ownBefore) / total;
    return { busy, others: Math.max(0, busy - own), loadBefore, loadAfter: loadAverage() };
  };
}
