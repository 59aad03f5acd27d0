import { afterEach, beforeEach, expect, it } from 'vitest'
import { closeUnrated } from '../src/jobs/close-unrated'
import { remindUnrated } from '../src/jobs/remind-unrated'
import { checkRollups } from '../src/store/rollup-check'
import { staffApp } from './support/staff'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { chatSession } from './support/test-app'

const HOUR = 3_600_000
const DAY = 24 * HOUR

// A case is rated once per resolution (SPEC §5): after 不满意, a reopening and a second
// resolution, the resident judges the new resolution, and its survey clocks start again.
describeEachDialect('a survey for every resolution', (open) => {
  let store: TestStore
  let t: Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open)
    t = await staffApp(store, [
      ['wang', 'handler', 'wujin-branch'],
      ['zhao', 'supervisor', 'wujin-branch'],
      ['chen', 'analyst', null],
    ])
  })
  afterEach(async () => store.cleanup())

  const at = (ms: number) => (t.clock.now = new Date(ms))
  const start = Date.parse('2026-11-28T02:00:00Z')

  async function act(who: string, number: string, body: object) {
    const { body: detail } = await t.call(who, 'GET', `/api/v1/cases/${number}`)
    const res = await t.call(who, 'POST', `/api/v1/cases/${number}/actions`, {
      ...body,
      version: detail.version,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  /** A complaint in 武进区, resolved by its handler at `resolvedAt`. */
  async function resolvedCase(resolvedAt: number) {
    at(start)
    const resident = await chatSession(t.app)
    const number = (await resident.complain('武进区湖塘镇工厂每天冒黑烟')).case.number as string
    await act('wang', number, { action: 'accept' })
    await act('wang', number, { action: 'assign', assignee: 'wang' })
    at(resolvedAt)
    await act('wang', number, { action: 'resolve', reply: '已责令该厂整改' })
    const rateOnWeb = async (rating: string) => {
      const res = await t.app.request(`/api/v1/my/cases/${number}/survey`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${resident.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ rating }),
      })
      return { status: res.status, body: await res.json() }
    }
    const say = async (text: string) =>
      (await (await resident.send({ text })).json()).replies[0].text as string
    return { number, rateOnWeb, say }
  }

  const surveys = () =>
    store.db
      .selectFrom('case_surveys')
      .select(['round', 'rating', 'channel'])
      .orderBy('round')
      .execute()
  const status = async (number: string) =>
    (await t.call('zhao', 'GET', `/api/v1/cases/${number}`)).body.status

  it('takes the rating of each resolution, in the chat and on the web, once each', async () => {
    const c = await resolvedCase(start + HOUR)
    at(start + 2 * HOUR)
    expect(await c.say('不满意，还是有黑烟')).toContain(`${c.number} 已重新办理`)
    expect(await c.rateOnWeb('satisfied')).toMatchObject({
      status: 409,
      body: { error: { code: 'ALREADY_RATED' } },
    })

    at(start + 2 * DAY)
    await act('wang', c.number, { action: 'resolve', reply: '复查后已再次整改' })
    at(start + 3 * DAY)
    expect(await c.rateOnWeb('dissatisfied')).toMatchObject({
      status: 200,
      body: { status: 'assigned', reopened: true },
    })
    expect((await c.rateOnWeb('satisfied')).body.error.code).toBe('ALREADY_RATED')

    at(start + 4 * DAY)
    await act('wang', c.number, { action: 'resolve', reply: '已安装除尘设施' })
    at(start + 5 * DAY)
    expect(await c.say('满意')).toContain(`感谢您对案件 ${c.number} 的评价`)
    // a second answer to the same resolution: thanked, nothing counted
    expect(await c.say('满意')).toBe('感谢您的反馈，我们会认真改进。')
    expect((await c.rateOnWeb('satisfied')).body.error.code).toBe('ALREADY_RATED')

    expect(await status(c.number)).toBe('closed')
    expect(await surveys()).toEqual([
      { round: 1, rating: 'dissatisfied', channel: 'web' },
      { round: 2, rating: 'dissatisfied', channel: 'web' },
      { round: 3, rating: 'satisfied', channel: 'web' },
    ])
    const { body: summary } = await t.call('chen', 'GET', '/api/v1/stats/summary?year=2026')
    expect(summary).toMatchObject({ answered: 3, notRated: 0, satisfactionRate: 33.3 })
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('reminds and closes a second resolution unrated on its own clock', async () => {
    const c = await resolvedCase(start + HOUR)
    at(start + 2 * HOUR)
    await c.say('不满意')
    const again = start + 10 * DAY
    at(again)
    await act('wang', c.number, { action: 'resolve', reply: '复查后已再次整改' })

    expect(await remindUnrated(store, new Date(again + 3 * DAY - HOUR))).toEqual([])
    expect(await remindUnrated(store, new Date(again + 3 * DAY + HOUR))).toEqual([c.number])
    expect(await remindUnrated(store, new Date(again + 4 * DAY))).toEqual([])
    expect(await closeUnrated(store, new Date(again + 7 * DAY - HOUR))).toEqual([])
    expect(await closeUnrated(store, new Date(again + 7 * DAY + HOUR))).toEqual([c.number])

    expect(await status(c.number)).toBe('closed')
    expect(await surveys()).toEqual([
      { round: 1, rating: 'dissatisfied', channel: 'web' },
      { round: 2, rating: 'not_rated', channel: 'system' },
    ])
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('keeps the survey clocks at the resolution when staff add notes to the case', async () => {
    const c = await resolvedCase(start)
    at(start + 2 * DAY)
    await act('wang', c.number, { action: 'note', text: '已电话联系居民' })
    expect(await remindUnrated(store, new Date(start + 3 * DAY + HOUR))).toEqual([c.number])
    at(start + 4 * DAY)
    await act('wang', c.number, { action: 'note', text: '居民未接电话' })
    // one reminder per resolution, however many notes follow it
    expect(await remindUnrated(store, new Date(start + 5 * DAY))).toEqual([])
    expect(await closeUnrated(store, new Date(start + 7 * DAY + HOUR))).toEqual([c.number])
  })

  it('counts a resolution a supervisor closes before the resident answers as not rated', async () => {
    const rated = await resolvedCase(start + HOUR)
    at(start + 2 * HOUR)
    await rated.say('满意')
    const closed = await resolvedCase(start + HOUR)
    at(start + DAY)
    await act('zhao', closed.number, { action: 'close' })

    // read once November is complete: while a year runs the summary covers complete months only
    const summary = async () => {
      const was = t.clock.now
      at(Date.parse('2026-12-01T04:00:00Z'))
      const { body } = await t.call('chen', 'GET', '/api/v1/stats/summary?year=2026')
      t.clock.now = was
      return body
    }
    expect(await summary()).toMatchObject({ answered: 1, notRated: 1, responseRate: 50 })
    expect(await checkRollups(store.db, store.dialect)).toEqual([])

    // reopened by the supervisor and resolved again: the new resolution is rated
    at(start + 2 * DAY)
    await act('zhao', closed.number, { action: 'reopen', reason: '居民来电反映仍有黑烟' })
    await act('wang', closed.number, { action: 'resolve', reply: '已督促该厂停产整改' })
    at(start + 3 * DAY)
    expect(await closed.say('基本满意')).toContain(`感谢您对案件 ${closed.number} 的评价`)
    expect(await summary()).toMatchObject({ answered: 2, notRated: 1, satisfactionRate: 100 })
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })
})
