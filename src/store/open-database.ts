import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely'
import pg from 'pg'
import { groupCommit, transactionPerCall } from './group-commit'
import type { Database } from './schema'
import type { Store } from './store'

export type { Dialect, Store } from './store'

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
  // 64 MiB of page cache (the default is 2 MiB): the hot chat path then reads no pages from disk
  sqlite.pragma('cache_size = -65536')
  // a batch's savepoint journal outgrew 64 KiB and went to a new file in /var/tmp on every batch
  sqlite.pragma('temp_store = MEMORY')
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(sqlite, path)
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  })
  const close = async () => {
    await checkpointer?.stop()
    await db.destroy()
  }
  return { db, dialect: 'sqlite', write: groupCommit(db), close }
}

/** how soon the next checkpoint runs after one that copied pages, and after one that had none */
const CHECKPOINT_AFTER_MS = { busy: 5, idle: 100 }
/** the writer checkpoints by itself only if the WAL grows this long (pages), e.g. when the thread lags */
const BACKSTOP_WAL_PAGES = 4_000

/**
 * Copying the WAL back into the database (and its fsyncs) took 5–25 ms every ~1,000 pages on the
 * event loop, stalling every request in flight; a thread with its own connection does it instead.
 */
function startCheckpointer(sqlite: SQLite.Database, path: string): { stop(): Promise<void> } {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`)
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { path, busyMs: CHECKPOINT_AFTER_MS.busy, idleMs: CHECKPOINT_AFTER_MS.idle },
  })
  // should the thread fail, the writer goes back to SQLite's own checkpoints every 1,000 pages
  worker.on('error', () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000'))
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop: () => {
      worker.ref() // an unref'd thread would let the process exit before the thread closes
      worker.postMessage('stop')
      return exited
    },
  }
}

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew; on the hot chat path preparing costs as much as running.
 * Statements are reusable, so keep the most recently used ones by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, statement)
      return statement
    },
  }
}

function openPostgres(url: string, options: StoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const schema = options.searchPath ?? 'public'
  return {
    db,
    dialect: 'postgres',
    schema,
    write: transactionPerCall(db),
    close: () => db.destroy(),
  }
}

/**
 * Transactions that read before they write (a turn reads the conversation first) must take the
 * write lock up front: a deferred one fails at once with SQLITE_BUSY when another process wrote
 * in between, instead of waiting out busy_timeout.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'))
    }
    return driver
  }
}
