import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { migrations } from '../../migrations/index'

/** Where `wrangler d1 migrations apply` and the Workers tests read D1's migrations from. */
export const D1_MIGRATIONS_DIR = 'migrations/d1'

/**
 * The migrations registered in migrations/index.ts, as the SQL files D1 applies: each one is
 * run on an empty in-memory SQLite (after the ones before it) and every statement it executes
 * is written down with its parameters inlined. Migrations only create, alter and seed (none
 * reads data to decide what to write), so the recorded SQL does on D1 what the code does here.
 */
export async function d1MigrationFiles(): Promise<{ file: string; sql: string }[]> {
  let recording: string[] = []
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
    log: (event) => {
      if (event.level === 'query')
        recording.push(inlineParameters(event.query.sql, event.query.parameters) + ';')
    },
  })
  const files = []
  try {
    for (const [name, migration] of Object.entries(migrations)) {
      recording = []
      await migration.up(db)
      const header = `-- ${name}: generated from migrations/${name}.ts by \`npm run d1:migrations\`; do not edit`
      files.push({ file: `${name}.sql`, sql: [header, ...recording, ''].join('\n') })
    }
  } finally {
    await db.destroy()
  }
  return files
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`
  throw new Error(`cannot write ${typeof value} into a D1 migration`)
}

/** Puts each `?` outside quotes in place of the next parameter. */
function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  let out = ''
  let quote: string | null = null
  let next = 0
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null
      out += ch
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch
      out += ch
    } else if (ch === '?') {
      if (next >= parameters.length) throw new Error(`more placeholders than parameters: ${sql}`)
      out += literal(parameters[next++])
    } else {
      out += ch
    }
  }
  if (next !== parameters.length) throw new Error(`fewer placeholders than parameters: ${sql}`)
  return out
}
