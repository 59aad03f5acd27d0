import { Migrator, sql, type Kysely } from 'kysely'
import { migrations } from '../../migrations/index'
import type { Store } from './store'

/**
 * Brings the schema to the latest migration; throws with the failing migration's name.
 * On PostgreSQL, `schema` names where Kysely keeps its bookkeeping: without it Kysely takes a
 * migration table in any schema as its own.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${String(error)}`, { cause: error })
  }
}

/**
 * The registered migrations this database has not had yet (none when it is at the latest), read
 * from Kysely's bookkeeping on Node and from wrangler's d1_migrations table on D1. Writes nothing.
 */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const table =
    store.dialect === 'd1'
      ? sql.table('d1_migrations')
      : store.schema
        ? sql.table(`${store.schema}.kysely_migration`)
        : sql.table('kysely_migration')
  const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(store.db)
  const applied = new Set(rows.map((r) => r.name.replace(/\.sql$/, '')))
  return Object.keys(migrations).filter((name) => !applied.has(name))
}
