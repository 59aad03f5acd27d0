import pg from 'pg'
import { Migrator } from 'kysely'
import { describe } from 'vitest'
import { migrations } from '../../migrations/index'
import { migrateToLatest } from '../../src/store/migrate'
import { openStore, type Dialect, type Store } from '../../src/store/open-database'
import type { Database } from '../../src/store/schema'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test'

/** The PostgreSQL on this machine, when one answers: tests run wherever it is present. */
async function probeLocalPostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: LOCAL_POSTGRES, connectionTimeoutMillis: 1000 })
  try {
    await client.connect()
    return LOCAL_POSTGRES
  } catch {
    return undefined
  } finally {
    await client.end().catch(() => undefined)
  }
}

const DATABASE_URL = process.env.DATABASE_URL || (await probeLocalPostgres())

if (!DATABASE_URL && process.env.REQUIRE_POSTGRES) {
  throw new Error(
    'REQUIRE_POSTGRES is set but DATABASE_URL is not: CI must run the PostgreSQL tests',
  )
}
if (!DATABASE_URL) {
  console.warn(
    '\n*** PostgreSQL storage tests are SKIPPED: DATABASE_URL is not set and nothing answers at ' +
      `${LOCAL_POSTGRES}. .ci/run provides one; locally: DATABASE_URL=postgres://… npm test ***\n`,
  )
}

/** A store on an empty database: a fresh SQLite file, or a fresh schema on the PostgreSQL server. */
export interface TestStore extends Store {
  dataDir: string
  /** how to open another connection to the same database, as a second server would */
  reopen(): Store
  cleanup(): Promise<void>
}

async function openSqliteStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cz-test-'))
  const store = openStore({ dataDir })
  return {
    ...store,
    dataDir,
    reopen: () => openStore({ dataDir }),
    cleanup: async () => {
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function openPostgresStore(): Promise<TestStore> {
  const url = DATABASE_URL!
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const options = { dataDir: '', databaseUrl: url, searchPath: schema, poolSize: 10 }
  const store = openStore(options)
  return {
    ...store,
    dataDir: mkdtempSync(join(tmpdir(), 'cz-test-')),
    reopen: () => openStore(options),
    cleanup: async () => {
      await store.close()
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`drop schema ${schema} cascade`)
      await client.end()
    },
  }
}

export const dialects: { dialect: Dialect; open: () => Promise<TestStore>; available: boolean }[] =
  [
    { dialect: 'sqlite', open: openSqliteStore, available: true },
    { dialect: 'postgres', open: openPostgresStore, available: Boolean(DATABASE_URL) },
  ]

/** Opens an empty store of a dialect, migrated to the latest (or only up to `through`). */
export async function migratedStore(
  open: () => Promise<TestStore>,
  through?: string,
): Promise<TestStore> {
  const store = await open()
  try {
    await migrate(store, through)
    return store
  } catch (err) {
    await store.cleanup()
    throw err
  }
}

/** Runs the migrations a store has not had, up to `through` or the latest. */
export async function migrate(store: TestStore, through?: string): Promise<void> {
  // Kysely's migrator lists the tables of every schema, by name; another test file dropping its
  // schema at that moment fails the listing (invalid_schema_name, or undefined_table from a
  // parallel worker). Nothing here was wrong, and no migration has run yet: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      if (through === undefined) return await migrateToLatest(store.db, store.schema)
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: async () => migrations },
        ...(store.schema ? { migrationTableSchema: store.schema } : {}),
      })
      const { error } = await migrator.migrateTo(through)
      if (error) throw new Error(`migrating to ${through} failed`, { cause: error })
      return
    } catch (err) {
      const code = ((err as Error).cause as { code?: string } | undefined)?.code
      if (attempt >= 5 || (code !== '3F000' && code !== '42P01')) throw err
    }
  }
}

/** Runs a suite once per dialect; PostgreSQL is skipped, loudly, without DATABASE_URL. */
export function describeEachDialect(
  title: string,
  suite: (open: () => Promise<TestStore>, dialect: Dialect) => void,
): void {
  for (const d of dialects) {
    const run = d.available ? describe : describe.skip
    run(`${title} [${d.dialect}]`, () => suite(d.open, d.dialect))
  }
}

/** How many rows a table holds: tests use it to show that bad input wrote nothing. */
export async function countRows(store: Store, table: keyof Database): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
