import { PostgresAdapter, type ColumnDataType, type Kysely } from 'kysely'

/** Migrations are frozen in time, so they carry their own small dialect switch instead of importing src/. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-numbered integer key: serial on PostgreSQL, the rowid alias on SQLite and D1. */
export function idType(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? 'serial' : 'integer'
}
