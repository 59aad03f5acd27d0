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
import type { WriteRunner } from './group-commit'
import type { Database } from './schema'
import type { Store } from './store'

/** The part of Cloudflare's D1Database binding this store uses. */
export interface D1Like {
  prepare(query: string): unknown
}

/**
 * D1 has no interactive transactions: a unit of work cannot read, decide, then write atomically.
 * Here a unit runs its statements one after another, each committed on its own, and units from
 * one isolate run one at a time so they never interleave there. What that means:
 *
 * - every single statement stays atomic, so whatever the shared code does in one statement holds
 *   across isolates too: the day's case number (one upsert with RETURNING) is never handed out
 *   twice, a message id is stored once (unique key), a deadline is flagged once (conditional
 *   UPDATE);
 * - a unit that fails halfway keeps the statements it already ran (nothing rolls back), e.g. a
 *   case row whose message row was never written;
 * - two isolates may run units for the same conversation at the same time, so two deliveries of
 *   one message at the same instant can both act on the conversation before one of them finds
 *   the message id taken.
 *
 * Workers suit a light, mostly single-resident-at-a-time load; where these gaps matter, run the
 * Node server on PostgreSQL.
 */
export function sequentialWrites(db: Kysely<Database>): WriteRunner {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(work: (trx: Kysely<Database>) => Promise<T>) => {
    const run = last.then(
      () => work(db),
      () => work(db),
    )
    last = run.catch(() => undefined)
    return run
  }
}

export function openD1Store(database: D1Like): Store {
  const db = new Kysely<Database>({
    dialect: new CloudflareD1Dialect({ database: database as never }),
  })
  return { db, dialect: 'd1', write: sequentialWrites(db), close: async () => undefined }
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
