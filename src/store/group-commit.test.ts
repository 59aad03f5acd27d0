import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { countRows, dialects, migratedStore, type TestStore } from '../../tests/support/stores'
import { groupCommit } from './group-commit'
import type { Database } from './schema'

describe('group commit on SQLite', () => {
  let store: TestStore
  afterEach(async () => store?.cleanup())

  const departmentCount = () => countRows(store, 'departments')

  const addDepartment = (id: string) =>
    store.write(async (trx) => {
      await trx
        .insertInto('departments')
        .values({ id, name: id, kind: 'agency', district: null, phone: null, created_at: 'x' })
        .execute()
      return id
    })

  it('commits units that arrive together, and rolls back only the one that fails', async () => {
    store = await migratedStore(dialects[0]!.open)
    const before = await departmentCount()
    const failing = store.write(async (trx) => {
      await trx
        .insertInto('departments')
        .values({
          id: 'half-done',
          name: 'x',
          kind: 'agency',
          district: null,
          phone: null,
          created_at: 'x',
        })
        .execute()
      throw new Error('changed its mind')
    })
    const results = await Promise.allSettled([addDepartment('a'), failing, addDepartment('b')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await departmentCount()).toBe(before + 2)
    const ids = await store.db.selectFrom('departments').select('id').execute()
    expect(ids.map((d) => d.id)).not.toContain('half-done')
  })

  it('keeps serving after a unit fails', async () => {
    store = await migratedStore(dialects[0]!.open)
    await expect(addDepartment('police')).rejects.toThrow()
    await expect(addDepartment('fresh')).resolves.toBe('fresh')
  })

  it('puts units that arrive in separate callbacks of one event-loop turn into one transaction', async () => {
    let commits = 0
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      log: (event) => void (event.query.sql === 'commit' && commits++),
    })
    const write = groupCommit(db)
    // like HTTP requests read from several sockets: each unit comes from its own callback in
    // one phase of the loop. Immediates queued together run in one check phase for certain;
    // timers would not (each reads the clock, so a busy machine can split them across turns)
    const arrivals = [1, 2, 3].map(
      (n) =>
        new Promise<number>((resolve, reject) =>
          setImmediate(() =>
            write((trx) => sql<number>`select ${n}`.execute(trx).then(() => n)).then(
              resolve,
              reject,
            ),
          ),
        ),
    )
    expect(await Promise.all(arrivals)).toEqual([1, 2, 3])
    expect(commits).toBe(1)
    await db.destroy()
  })
})

describe('group commit when the write lock cannot be had', () => {
  it('fails that batch with an error and keeps serving', async () => {
    const store = await migratedStore(dialects[0]!.open)
    const blocker = new SQLite(join(store.dataDir, 'complaints.sqlite'))
    try {
      blocker.exec('begin immediate')
      // the store waits out its busy_timeout (5 s) for the lock, then must give up cleanly
      const write = store.write(async (trx) => trx.selectFrom('departments').select('id').execute())
      await expect(write).rejects.toThrow(/locked|busy/i)
      blocker.exec('rollback')
      await expect(
        store.write(async (trx) => trx.selectFrom('departments').select('id').execute()),
      ).resolves.toHaveLength(12)
    } finally {
      blocker.close()
      await store.cleanup()
    }
  }, 20_000)
})
