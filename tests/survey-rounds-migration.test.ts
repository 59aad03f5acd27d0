import { sql } from 'kysely'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { insertCaseEvent } from '../src/store/cases'
import { checkRollups } from '../src/store/rollup-check'
import { countRating } from '../src/store/rollups'
import { staffApp } from './support/staff'
import { describeEachDialect, migrate, migratedStore, type TestStore } from './support/stores'
import { chatSession } from './support/test-app'

const HOUR = 3_600_000

describeEachDialect('migration 0018 (a survey per resolution)', (open) => {
  let store: TestStore
  let t: Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open, '0017-public-survey-tallies')
    t = await staffApp(store, [
      ['wang', 'handler', 'wujin-branch'],
      ['zhao', 'supervisor', 'wujin-branch'],
    ])
  })
  afterEach(async () => store.cleanup())

  async function act(who: string, number: string, body: object, hours: number) {
    t.clock.now = new Date(Date.parse('2026-11-28T02:00:00Z') + hours * HOUR)
    const { body: detail } = await t.call(who, 'GET', `/api/v1/cases/${number}`)
    const res = await t.call(who, 'POST', `/api/v1/cases/${number}/actions`, {
      ...body,
      version: detail.version,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }

  async function resolvedCase() {
    t.clock.now = new Date('2026-11-28T02:00:00Z')
    const resident = await chatSession(t.app)
    const number = (await resident.complain('武进区湖塘镇工厂每天冒黑烟')).case.number as string
    await act('wang', number, { action: 'accept' }, 1)
    await act('wang', number, { action: 'assign', assignee: 'wang' }, 2)
    await act('wang', number, { action: 'resolve', reply: '已责令该厂整改' }, 3)
    return { number, resident }
  }

  /** A rating as the code before 0018 stored it: one row per case, no round. */
  async function rateAsBefore(number: string, rating: 'satisfied' | 'dissatisfied', hours: number) {
    const row = await store.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    const answeredAt = new Date(Date.parse('2026-11-28T02:00:00Z') + hours * HOUR).toISOString()
    await sql`insert into case_surveys (case_id, rating, comment, channel, answered_at)
      values (${row.id}, ${rating}, null, 'web', ${answeredAt})`.execute(store.db)
    await countRating(store.db, { filedDay: row.filed_day, district: row.district, rating })
    await store.db
      .updateTable('cases')
      .set({ status: rating === 'satisfied' ? 'closed' : 'assigned', version: row.version + 1 })
      .where('id', '=', row.id)
      .execute()
  }

  /** A supervisor's reopen as the code before 0018 did it: no survey row for the round it ends. */
  async function reopenAsBefore(number: string, hours: number) {
    const row = await store.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    await store.db
      .updateTable('cases')
      .set({ status: 'assigned', version: row.version + 1 })
      .where('id', '=', row.id)
      .execute()
    await insertCaseEvent(store.db, {
      case_id: row.id,
      actor: 'staff:zhao',
      action: 'reopen',
      from_status: 'resolved',
      to_status: 'assigned',
      note: '整改不到位',
      public: 1,
      created_at: new Date(Date.parse('2026-11-28T02:00:00Z') + hours * HOUR).toISOString(),
      due_at: null,
    })
  }

  it('keeps every rating, numbers its round, and lets a case resolved again be rated again', async () => {
    // rated 不满意, then resolved again: before 0018 its second resolution could never be rated
    const again = await resolvedCase()
    await rateAsBefore(again.number, 'dissatisfied', 4)
    await act('wang', again.number, { action: 'resolve', reply: '复查后已再次整改' }, 30)
    // reopened by the supervisor before any answer, resolved again, then rated: round 2
    const reopened = await resolvedCase()
    await reopenAsBefore(reopened.number, 5)
    await act('wang', reopened.number, { action: 'resolve', reply: '已再次整改' }, 6)
    await rateAsBefore(reopened.number, 'satisfied', 7)

    await migrate(store)

    const rows = await store.db
      .selectFrom('case_surveys')
      .innerJoin('cases', 'cases.id', 'case_surveys.case_id')
      .select(['cases.number', 'round', 'rating', 'answered_at'])
      .orderBy('case_surveys.id')
      .execute()
    expect(rows).toEqual([
      { number: again.number, round: 1, rating: 'dissatisfied', answered_at: expect.any(String) },
      { number: reopened.number, round: 2, rating: 'satisfied', answered_at: expect.any(String) },
    ])
    t.clock.now = new Date('2026-11-29T12:00:00Z')
    const reply = await (await again.resident.send({ text: '满意' })).json()
    expect(reply.replies[0].text).toContain(`感谢您对案件 ${again.number} 的评价`)
    expect(
      await store.db
        .selectFrom('case_surveys')
        .innerJoin('cases', 'cases.id', 'case_surveys.case_id')
        .select(['round', 'rating'])
        .where('cases.number', '=', again.number)
        .orderBy('round')
        .execute(),
    ).toEqual([
      { round: 1, rating: 'dissatisfied' },
      { round: 2, rating: 'satisfied' },
    ])
    // one answer per case and round, still enforced by the database
    await expect(
      store.db
        .insertInto('case_surveys')
        .values({
          case_id: (
            await store.db
              .selectFrom('cases')
              .select('id')
              .where('number', '=', again.number)
              .executeTakeFirstOrThrow()
          ).id,
          round: 2,
          rating: 'satisfied',
          comment: null,
          channel: 'web',
          answered_at: '2026-11-30T00:00:00.000Z',
        })
        .execute(),
    ).rejects.toThrow(/unique/i)
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })
})
