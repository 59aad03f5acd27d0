import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

export type Dialect = 'sqlite' | 'postgres'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  close(): Promise<void>
}

export interface StoreOptions {
  dataDir: string
  databaseUrl?: string | undefined
  poolSize?: number
  /** PostgreSQL schema to work in (tests use one per file) */
  searchPath?: string
  /** SQLite file name inside dataDir, or ':memory:' */
  sqliteFile?: string
}

/** PostgreSQL when a URL is given, otherwise SQLite in WAL mode under dataDir. */
export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options)
  return openSqlite(options)
}

function openSqlite(options: StoreOptions): Store {
  const file = options.sqliteFile ?? 'complaints.sqlite'
  let path = file
  if (file !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true })
    path = join(options.dataDir, file)
  }
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  // NORMAL keeps WAL durable across a process crash; only a power loss can lose the last commits.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

function openPostgres(url: string, options: StoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
