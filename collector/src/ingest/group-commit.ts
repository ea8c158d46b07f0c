/**
 * Group commit: items that arrive while a flush is running (or in the same turn of the event loop)
 * are flushed together, so many concurrent beacons share one transaction and one commit instead
 * of paying one each. Each caller still waits for its own result, i.e. for the commit that holds
 * its item.
 */

/** Runs a flush once the I/O callbacks of the current turn have run (Node: `setImmediate`). */
export type Schedule = (run: () => void) => void;

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/**
 * Wraps `flush` (many items in, one result per item out, in order) into a one-item function.
 * A flush takes at most `maxItems`; a failed flush fails each of its items.
 */
export function groupCommit<T, R>(flush: (items: T[]) => Promise<R[]>, schedule: Schedule, maxItems = 500): (item: T) => Promise<R> {
  let waiting: Waiting<T, R>[] = [];
  let flushing = false;

  async function drain(): Promise<void> {
    while (waiting.length) {
      const group = waiting.slice(0, maxItems);
      waiting = waiting.slice(maxItems);
      try {
        const results = await flush(group.map((w) => w.item));
        group.forEach((w, i) => w.resolve(results[i]!));
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    flushing = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (flushing) return;
      flushing = true;
      schedule(() => void drain());
    });
}
