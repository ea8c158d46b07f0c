/** `Store.batch` and `batchThenRead` semantics the core relies on, on each runtime's real store (see store-scenarios.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Target } from './target.ts';

export function defineStoreContract(target: () => Target): void {
  describe('the store', () => {
    beforeEach(() => target().reset());

    it('runs a batch in order and atomically, guards writes with changes() across its statements, and reads its own writes', async () => {
      expect(await target().storeScenarios()).toEqual({
        won: [1, 1, 1],
        lost: [0, 0, 0],
        transitions: ['known'],
        deliveries: ['won'],
        failedBatch: { threw: true, accountsLeft: 0 },
        thenRead: { changes: [1, 1], rows: [[['globex.example', 'tier1']], []] },
        failedRead: { threw: true, accountsLeft: 0 },
      });
    });
  });
}
