import {
  Kysely,
  sql,
  type DatabaseIntrospector,
  type CompiledQuery,
  type DatabaseMetadata,
  type QueryResult,
  type Driver,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'
import { D1Dialect } from 'kysely-d1'
import { AppError } from '../errors'
import type { WriteRunner } from './group-commit'
import type { Database } from './schema'
import type { Store } from './store'

/** The part of Cloudflare's D1Database binding this store uses. */
export interface D1Like {
  prepare(query: string): D1Statement
}
interface D1Statement {
  bind(...values: unknown[]): D1Statement
  run(): Promise<{ meta: { changes: number } }>
}

/** how long a unit of work may hold the write lease before another isolate may take it */
const LEASE_MS = 10_000
/** how long a unit waits for the lease before the request is answered 503 */
const WAIT_MS = 10_000

/**
 * D1 has no interactive transactions: a unit of work cannot read, decide, then write atomically.
 * Here units take turns instead, across every isolate: a unit first takes a lease on the
 * database (one row, claimed by one atomic UPDATE; it lapses after LEASE_MS should an isolate
 * die holding it), runs its statements one after another, each committed on its own, and gives
 * the lease back. Units in one isolate also queue behind each other before they ask for it.
 * What that gives and what it does not:
 *
 * - no two units interleave, so what the shared code decides from a read still holds when it
 *   writes: a message delivered twice at once files one case; the day's case number is one
 *   atomic upsert besides;
 * - nothing rolls back: a unit that fails halfway keeps the statements it already ran (e.g. a
 *   case row whose message row was never written), which SQLite and PostgreSQL undo;
 * - writes are serial across the whole database, which D1 (one SQLite database behind one
 *   object) is anyway; a unit costs two more round trips.
 *
 * Where a partial unit matters, run the Node server on PostgreSQL.
 */
export function leasedWrites(db: Kysely<Database>, database: D1Like): WriteRunner {
  let last: Promise<unknown> = Promise.resolve()
  let leaseTable: Promise<unknown> | undefined

  async function acquire(holder: string): Promise<void> {
    leaseTable ??= database
      .prepare(
        'create table if not exists write_lease (id integer primary key check (id = 1), holder text, expires_at integer not null)',
      )
      .run()
      .then(() =>
        database
          .prepare('insert or ignore into write_lease (id, holder, expires_at) values (1, null, 0)')
          .run(),
      )
    await leaseTable
    const giveUpAt = Date.now() + WAIT_MS
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      const now = Date.now()
      const { meta } = await database
        .prepare(
          'update write_lease set holder = ?1, expires_at = ?2 where id = 1 and (holder is null or expires_at < ?3)',
        )
        .bind(holder, now + LEASE_MS, now)
        .run()
      if (meta.changes === 1) return
      if (now > giveUpAt) throw new AppError('UNAVAILABLE', '系统繁忙，请稍后再试')
      await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause))
    }
  }

  async function release(holder: string): Promise<void> {
    await database
      .prepare('update write_lease set holder = null where id = 1 and holder = ?1')
      .bind(holder)
      .run()
  }

  return <T>(work: (trx: Kysely<Database>) => Promise<T>) => {
    const run = async () => {
      const holder = crypto.randomUUID()
      await acquire(holder)
      try {
        return await work(db)
      } finally {
        await release(holder).catch(() => undefined)
      }
    }
    const result = last.then(run, run)
    last = result.catch(() => undefined)
    return result
  }
}

export function openD1Store(database: D1Like): Store {
  const db = new Kysely<Database>({
    dialect: new CloudflareD1Dialect({ database: database as never }),
  })
  return { db, dialect: 'd1', write: leasedWrites(db, database), close: async () => undefined }
}

/**
 * kysely-d1's dialect, with an introspector that skips D1's own `_cf_` tables (reading them is
 * not allowed, so Kysely's SQLite introspector fails on D1) and without its deprecated field.
 */
class CloudflareD1Dialect extends D1Dialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    driver.acquireConnection = async () => {
      const connection = await acquire()
      const execute = connection.executeQuery.bind(connection)
      // kysely-d1 still sets the field Kysely renamed, and Kysely warns about it in every isolate
      connection.executeQuery = async <R>(query: CompiledQuery) => {
        const result: QueryResult<R> & { numUpdatedOrDeletedRows?: bigint } = {
          ...(await execute<R>(query)),
        }
        delete result.numUpdatedOrDeletedRows
        return result
      }
      return connection
    }
    return driver
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new D1Introspector(db)
  }
}

class D1Introspector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return []
  }

  async getTables(): Promise<TableMetadata[]> {
    const tables = await sql<{ name: string; type: string }>`
      select name, type from sqlite_master
      where type in ('table', 'view')
        and substr(name, 1, 7) <> 'sqlite_'
        and substr(name, 1, 4) <> '_cf_'
      order by name`.execute(this.db)
    return Promise.all(
      tables.rows.map(async ({ name, type }) => {
        const columns = await sql<{
          name: string
          type: string
          notnull: number
          dflt_value: unknown
        }>`select name, type, "notnull", dflt_value from pragma_table_info(${name})`.execute(
          this.db,
        )
        return {
          name,
          isView: type === 'view',
          columns: columns.rows.map((c) => ({
            name: c.name,
            dataType: c.type,
            isNullable: !c.notnull,
            isAutoIncrementing: false,
            hasDefaultValue: c.dflt_value != null,
          })),
        }
      }),
    )
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}
