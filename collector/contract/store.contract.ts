/** `Store.batch` semantics the core relies on, on each runtime's real store (see store-scenarios.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Target } from './target.ts';

export function defineStoreContract(target: () => Target): void {
  describe('the store', () => {
    beforeEach(() => target().reset());

    it('runs a batch in order and atomically, and guards writes with changes() across its statements', async () => {
      expect(await target().storeScenarios()).toEqual({
        won: [1, 1, 1],
        lost: [0, 0, 0],
        transitions: ['known'],
        deliveries: ['won'],
        failedBatch: { threw: true, accountsLeft: 0 },
      });
    });
  });
}
