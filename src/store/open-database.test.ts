import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dialects, migratedStore, type TestStore } from '../../tests/support/stores'

describe('SQLite store', () => {
  let store: TestStore
  afterEach(async () => store?.cleanup())

  it('copies the WAL into the database file from its own thread', async () => {
    store = await migratedStore(dialects[0]!.open)
    const file = join(store.dataDir, 'complaints.sqlite')
    // far below the writer's own backstop: only the checkpoint thread moves these pages
    const before = statSync(file).size
    await store.write(async (trx) => {
      for (let i = 0; i < 50; i++)
        await trx
          .insertInto('departments')
          .values({
            id: `d${i}`,
            name: 'x'.repeat(2000),
            kind: 'agency',
            district: null,
            phone: null,
            created_at: 'x',
          })
          .execute()
    })
    await expect.poll(() => statSync(file).size, { timeout: 2000 }).toBeGreaterThan(before + 50_000)
  })
})
