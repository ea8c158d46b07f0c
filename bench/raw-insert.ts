/**
 * The ceiling for batch ingestion: better-sqlite3 inserting event rows straight into a fresh file
 * that has the collector's schema and indexes (the migration SQL applied as is), with the
 * collector's pragmas (WAL, synchronous=NORMAL), 1,000 rows per transaction, a prepared statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../collector/src/db/node-store.ts';
import { beaconFactory } from './beacons.ts';

/** The migration files' statements, in order, as `wrangler d1 migrations apply` runs them. */
export function migrationStatements(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{4}_.*\.sql$/.test(file))
    .sort()
    .flatMap((file) => readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint'))
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** A fresh file with the schema, opened as the collector opens it. */
export function openMigrated(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const statement of migrationStatements()) db.exec(statement);
  return db;
}

export const INSERT_EVENT =
  'insert into events (site, id, vid, sid, type, ts, received_at, url, path, ref, title, name, props) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing';

type Row = [string, string, string, string, string, number, number, string, string, string | null, string | null, string | null, string | null];

/** The rows the collector would write for `count` events of beacons of `batch` events. */
function eventRows(count: number, batch: number): Row[] {
  const factory = beaconFactory(batch, 500);
  const rows: Row[] = [];
  const receivedAt = Date.now();
  while (rows.length < count) {
    const beacon = JSON.parse(factory.next()) as { site: string; vid: string; sid: string; events: { id: string; type: string; ts: number; url: string; ref?: string; title?: string; props?: object }[] };
    for (const e of beacon.events) {
      rows.push([beacon.site, e.id, beacon.vid, beacon.sid, e.type, e.ts, receivedAt, e.url, new URL(e.url).pathname, e.ref ?? null, e.title ?? null, null, e.props ? JSON.stringify(e.props) : null]);
    }
  }
  return rows.slice(0, count);
}

/** Events per second inserting `count` rows, 1,000 per transaction, into `file`. */
export function rawInsertRate(file: string, count: number, batch: number): { eventsPerSec: number; seconds: number } {
  const db = openMigrated(file);
  try {
    const rows = eventRows(count, batch);
    const insert = db.prepare(INSERT_EVENT);
    const insertMany = db.transaction((chunk: Row[]) => {
      for (const row of chunk) insert.run(...row);
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) insertMany(rows.slice(i, i + 1000));
    const seconds = (performance.now() - started) / 1000;
    return { eventsPerSec: count / seconds, seconds };
  } finally {
    db.close();
  }
}
