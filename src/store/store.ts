import type { Kysely } from 'kysely'
import type { WriteRunner } from './group-commit'
import type { Database } from './schema'

/** SQLite and PostgreSQL under Node; D1 (SQLite without interactive transactions) on Workers. */
export type Dialect = 'sqlite' | 'postgres' | 'd1'

/**
 * The database as the rest of the code sees it. Kept apart from the code that opens one, so that
 * the Workers bundle imports this without better-sqlite3, pg or worker_threads.
 */
export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  /** the PostgreSQL schema the store works in; undefined on SQLite and D1 */
  schema?: string
  /**
   * Runs a unit of work in a transaction (grouped with concurrent ones on SQLite). On D1 there
   * are no interactive transactions: see src/store/d1.ts for what a unit of work promises there.
   */
  write: WriteRunner
  close(): Promise<void>
}
