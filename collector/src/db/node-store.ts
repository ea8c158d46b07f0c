/** The Node store: a better-sqlite3 file in WAL mode, migrated at open. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';
import type { Db, Row, Statement, Store } from './store.ts';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface NodeStore extends Store {
  sqlite: Database.Database;
  close(): void;
}

/**
 * drizzle prepares a new statement for every query; compiling the same SQL again costs more than
 * running it. Statements run to completion synchronously here, so one cached statement per SQL
 * text is safe to share; drizzle and `batchThenRead` switch some to raw (array) rows, so that is
 * reset each time.
 */
function cacheStatements(sqlite: Database.Database, max = 1000): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size < max) cache.set(source, stmt);
    } else if (stmt.reader) stmt.raw(false);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * Opens (creating if needed) and migrates the SQLite file.
 * WAL with synchronous=NORMAL: a commit is in the WAL before the call returns, so it survives the
 * process being killed (kill -9); only a power loss can drop the last commits.
 */
export function openNodeStore(file: string): NodeStore {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  cacheStatements(sqlite);

  const runAll = sqlite.transaction((statements: Statement[], reads: Statement[]) => ({
    changes: statements.map((statement) => {
      const { sql, params } = statement.toSQL();
      return sqlite.prepare(sql).run(...params).changes;
    }),
    rows: reads.map((read) => {
      const { sql, params } = read.toSQL();
      return sqlite.prepare(sql).raw(true).all(...params) as Row[];
    }),
  }));

  return {
    db: db as unknown as Db,
    sqlite,
    maxParams: 32_766,
    batch: async (statements) => runAll(statements, []).changes,
    batchThenRead: async (statements, reads) => runAll(statements, reads),
    close: () => sqlite.close(),
  };
}
