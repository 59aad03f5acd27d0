import { Migrator, type Kysely } from 'kysely'
import { migrations } from '../../migrations/index'

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
