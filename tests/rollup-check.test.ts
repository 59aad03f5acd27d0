import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CaseAction } from '../src/domain/cases/lifecycle'
import { seededRandom } from '../src/domain/demo/random'
import { closeUnrated } from '../src/jobs/close-unrated'
import { createReferenceCache } from '../src/store/reference-cache'
import { checkRollups, rebuildRollups } from '../src/store/rollup-check'
import { findStaffByUsername } from '../src/store/staff'
import { seedDemoHistory, seedDemoStaff } from '../src/store/seed-demo'
import { actOnCase } from '../src/use-cases/act-on-case'
import { rateCase } from '../src/use-cases/rate-case'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'

const NOW = new Date('2026-11-28T04:00:00Z')

describeEachDialect('the rollup check', (open) => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(open)
    await seedDemoStaff(store, NOW)
  })
  afterEach(async () => store.cleanup())

  const seed = (seed: number) =>
    seedDemoHistory(store, { years: 2, cases: 1200, seed, now: NOW, prefix: 'CZ' })

  it('finds no difference after the demo seed, and the seed is the same for the same seed', async () => {
    const written = await seed(7)
    expect(written).toBeGreaterThan(1100)
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
    const first = await store.db
      .selectFrom('cases')
      .select(['number', 'category', 'district', 'status'])
      .orderBy('id')
      .limit(20)
      .execute()
    await store.cleanup()
    store = await migratedStore(open)
    await seed(7)
    expect(
      await store.db
        .selectFrom('cases')
        .select(['number', 'category', 'district', 'status'])
        .orderBy('id')
        .limit(20)
        .execute(),
    ).toEqual(first)
    await expect(seed(7)).rejects.toThrow(/already holds cases/)
  })

  it('finds no difference after random accepts, resolutions, ratings, reopenings and extensions', async () => {
    await seed(11)
    const admin = (await findStaffByUsername(store.db, 'demo-admin'))!
    const deps = { store, reference: createReferenceCache() }
    const random = seededRandom(3)
    const open = await store.db
      .selectFrom('cases')
      .select(['number'])
      .where('status', 'in', ['new', 'accepted', 'assigned', 'resolved', 'closed'])
      .orderBy('id', 'desc')
      .limit(60)
      .execute()
    let now = NOW.getTime()
    let acted = 0
    for (let round = 0; round < 4; round++) {
      for (const { number } of open) {
        now += random() * 40 * 3_600_000
        const row = (await store.db
          .selectFrom('cases')
          .selectAll()
          .where('number', '=', number)
          .executeTakeFirstOrThrow())!
        // a case is assigned within the department that holds it
        const colleague = await store.db
          .selectFrom('staff')
          .select('username')
          .where('department_id', '=', row.department_id)
          .where('role', '=', 'handler')
          .executeTakeFirst()
        const choices: Record<string, CaseAction[]> = {
          new: [{ action: 'accept' }],
          accepted: colleague ? [{ action: 'assign', assignee: colleague.username }] : [],
          assigned: [
            { action: 'resolve', reply: '已整改' },
            { action: 'extend', days: 3, reason: '需监测' },
          ],
          resolved: [{ action: 'reopen', reason: '复查' }, { action: 'close' }],
          closed: [{ action: 'reopen', reason: '复查' }],
        }
        const options = choices[row.status] ?? []
        if (row.status === 'resolved' && random() < 0.6) {
          const rating = (['satisfied', 'basically_satisfied', 'dissatisfied'] as const)[
            Math.floor(random() * 3)
          ]!
          // each resolution is rated, a case reopened and resolved again included
          await store.write((trx) =>
            rateCase(trx, row, { rating, comment: null, channel: 'web', now: new Date(now) }),
          )
          acted++
        } else if (options.length > 0) {
          const action = options[Math.floor(random() * options.length)]!
          await actOnCase(deps, admin, number, { ...action, version: row.version }, new Date(now))
          acted++
        }
      }
      await closeUnrated(store, new Date(now + 8 * 24 * 3_600_000))
    }
    expect(acted).toBeGreaterThan(150)
    expect(await countRows(store, 'case_surveys')).toBeGreaterThan(0)
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('keeps public survey tallies in step with the answers, and finds one set wrong', async () => {
    await seed(5)
    const tallies = () =>
      store.db
        .selectFrom('public_survey_tallies')
        .selectAll()
        .where('question_id', '=', 'overall')
        .where('answer', '=', 'satisfied')
        .orderBy('survey_id')
        .execute()
    const before = await tallies()
    // the seed answers each October's survey, two years and this one
    expect(before.length).toBeGreaterThanOrEqual(2)
    expect(await checkRollups(store.db, store.dialect)).toEqual([])

    const first = before[0]!
    await store.db
      .updateTable('public_survey_tallies')
      .set({ count: first.count + 1 })
      .where('survey_id', '=', first.survey_id)
      .where('question_id', '=', 'overall')
      .where('answer', '=', 'satisfied')
      .execute()
    expect(await checkRollups(store.db, store.dialect)).toEqual([
      {
        table: 'public_survey_tallies',
        key: { survey_id: String(first.survey_id), question_id: 'overall', answer: 'satisfied' },
        stored: first.count + 1,
        expected: first.count,
      },
    ])
    await rebuildRollups(store.db, store.dialect)
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
    expect(await tallies()).toEqual(before)
  })
})
