// A hot read (a board or a funnel: one statement, asked again and again) as a server-side prepared statement on
// MySQL/MariaDB: each connection parses and plans the statement's text once, then only executes it. For a board that is
// most of its cost (bench/README.md, P3: the statement ~0.30 ms as text, ~0.19 ms prepared). On the embedded engine, a
// plain query. Inside a transaction it runs on the transaction's connection; outside (withRead), on any of the pool's.
import type { DomainContext } from './with-tx.js';

type Callback = (err: unknown, rows: unknown) => void;
interface Executor { execute(sql: string, params: unknown[], cb: Callback): void }

/** Rows of `sql` (a SELECT with `?` parameters), prepared once per connection. */
export async function preparedRead<T>(c: DomainContext, sql: string, params: unknown[]): Promise<T[]> {
  if (c.db.kind === 'sqlite') return c.tx.query(sql, params);
  const runner = c.tx.queryRunner;
  // The transaction's own connection (withTx), else the pool (withRead): the pool's execute takes a connection, runs
  // the prepared statement on it and gives it back, as TypeORM's query would.
  const on: Executor = runner && !runner.isReleased && (runner as unknown as { databaseConnection?: Executor }).databaseConnection
    ? (runner as unknown as { databaseConnection: Executor }).databaseConnection
    : (c.db.ds.driver as unknown as { pool: Executor }).pool;
  return new Promise((resolve, reject) => on.execute(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}
