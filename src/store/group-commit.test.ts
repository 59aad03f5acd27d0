import { afterEach, describe, expect, it } from 'vitest'
import { dialects, migratedStore, type TestStore } from '../../tests/support/stores'

describe('group commit on SQLite', () => {
  let store: TestStore
  afterEach(async () => store?.cleanup())

  const departmentCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('departments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

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
})
