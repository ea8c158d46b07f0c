/**
 * What the core assumes of `Store.batch`, exercised inside each runtime on its real store
 * (better-sqlite3 transaction, D1 `db.batch`): it runs in order, answers the rows each statement
 * changed, is all or nothing, and SQLite's `changes()` carries from one statement to the next —
 * the guard that keeps a writer who lost a race from recording a transition or a webhook.
 */
import { and, asc, eq } from 'drizzle-orm';
import { accounts, leads, outbox, transitions } from '../src/db/schema.ts';
import type { Store } from '../src/db/store.ts';
import { guardedDeliveries, guardedTransition } from '../src/leads/transition-statements.ts';

export interface StoreScenarioResults {
  /** Rows changed per statement when the guarded update wins, and when it has lost. */
  won: number[];
  lost: number[];
  transitions: string[];
  deliveries: string[];
  /** A batch whose second statement fails: did it throw, and did the first one stay undone? */
  failedBatch: { threw: boolean; accountsLeft: number };
  /** `batchThenRead`: what each write changed, and what the reads saw (its writes, values in select order). */
  thenRead: { changes: number[]; rows: unknown[][][] };
  /** `batchThenRead` whose read fails: did it throw, and did its write stay undone? */
  failedRead: { threw: boolean; accountsLeft: number };
}

/** Runs on an empty, migrated database. */
export async function storeScenarios(store: Store): Promise<StoreScenarioResults> {
  const { db } = store;
  const countAccounts = async (domain: string) => (await db.select().from(accounts).where(eq(accounts.domain, domain))).length;
  const leadId = 'ld_0123456789abcdef';
  const lead = { id: leadId, site: 'demo', createdAt: 1, updatedAt: 1 };
  await store.batch([db.insert(leads).values(lead)]);

  // Optimistic update from version 0: the first writer wins, the second read version 0 too and loses.
  const guardedWrite = (to: 'known' | 'mql', eventKey: string) => [
    db.update(leads).set({ status: to, version: 1 }).where(and(eq(leads.id, leadId), eq(leads.version, 0))),
    guardedTransition(db, { leadId, from: 'anonymous', to, at: 2 }),
    ...guardedDeliveries(db, leadId, eventKey, ['https://crm.example/hook'], 2),
  ];
  const won = await store.batch(guardedWrite('known', 'won'));
  const lost = await store.batch(guardedWrite('mql', 'lost'));

  let threw = false;
  try {
    await store.batch([db.insert(accounts).values({ domain: 'acme.example', updatedAt: 1 }), db.insert(leads).values(lead)]);
  } catch {
    threw = true;
  }
  const thenRead = await store.batchThenRead(
    [db.insert(accounts).values({ domain: 'globex.example', name: 'Globex', updatedAt: 3 }), db.update(accounts).set({ tier: 'tier1' }).where(eq(accounts.domain, 'globex.example'))],
    [db.select({ domain: accounts.domain, tier: accounts.tier }).from(accounts), db.select({ id: leads.id }).from(leads).where(eq(leads.id, 'nobody'))],
  );
  let readThrew = false;
  try {
    await store.batchThenRead([db.insert(accounts).values({ domain: 'initech.example', updatedAt: 4 })], [{ toSQL: () => ({ sql: 'select no_such_column from accounts', params: [] }) }]);
  } catch {
    readThrew = true;
  }
  return {
    thenRead,
    failedRead: { threw: readThrew, accountsLeft: await countAccounts('initech.example') },
    won,
    lost,
    transitions: (await db.select({ to: transitions.to }).from(transitions).orderBy(asc(transitions.id))).map((row) => row.to),
    deliveries: (await db.select({ key: outbox.eventKey }).from(outbox).orderBy(asc(outbox.id))).map((row) => row.key),
    failedBatch: { threw, accountsLeft: await countAccounts('acme.example') },
  };
}
