import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A schedule the test runs by hand, so what "arrives together" is explicit. */
function manualSchedule() {
  const runs: (() => void)[] = [];
  return { schedule: (run: () => void) => void runs.push(run), runNext: () => runs.shift()!(), pending: () => runs.length };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('groupCommit', () => {
  it('flushes the items that arrived together in one call, answering each with its own result', async () => {
    const flushes: number[][] = [];
    const clock = manualSchedule();
    const add = groupCommit(async (items: number[]) => (flushes.push(items), items.map((n) => n * 10)), clock.schedule);
    const answers = Promise.all([add(1), add(2), add(3)]);
    expect(clock.pending()).toBe(1);
    clock.runNext();
    expect(await answers).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('groups what arrives during a flush into the next one, without scheduling again', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const clock = manualSchedule();
    const add = groupCommit(async (items: number[]) => {
      flushes.push(items);
      if (flushes.length === 1) await new Promise<void>((done) => (release = done));
      return items;
    }, clock.schedule);
    const first = add(1);
    clock.runNext();
    await settle();
    const later = Promise.all([add(2), add(3)]);
    expect(clock.pending()).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(await later).toEqual([2, 3]);
    expect(flushes).toEqual([[1], [2, 3]]);
  });

  it('caps a flush at maxItems', async () => {
    const sizes: number[] = [];
    const add = groupCommit(async (items: number[]) => (sizes.push(items.length), items), setImmediate, 2);
    await Promise.all([1, 2, 3, 4, 5].map(add));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('fails every item of a failed flush, and goes on with the next', async () => {
    let calls = 0;
    const add = groupCommit(async (items: number[]) => {
      if (calls++ === 0) throw new Error('disk full');
      return items;
    }, setImmediate);
    const failed = Promise.allSettled([add(1), add(2)]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await add(3)).toBe(3);
  });
});
