import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { D1_MIGRATIONS_DIR, d1MigrationFiles } from '../src/store/d1-migrations'

describe('D1 migrations', () => {
  it('are the SQL of every registered migration, as `npm run d1:migrations` writes them', async () => {
    const expected = await d1MigrationFiles()
    const present = readdirSync(D1_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))
    expect(present.sort(), 'run `npm run d1:migrations` and commit migrations/d1').toEqual(
      expected.map((m) => m.file),
    )
    for (const { file, sql } of expected)
      expect(readFileSync(join(D1_MIGRATIONS_DIR, file), 'utf8'), file).toBe(sql)
  })
})
