import { afterEach, beforeEach, expect, it } from 'vitest'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'
import { chatSession } from './support/test-app'

// 2027 as the State Council would publish it, National Day part: 10-01..10-07 off, make-up
// workdays on Sunday 09-26 and Saturday 10-09
const nationalDay2027 = {
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `2027-10-${d}`,
    name: '国庆节',
  })),
  workdays: [
    { date: '2027-09-26', name: '国庆节补班' },
    { date: '2027-10-09', name: '国庆节补班' },
  ],
}

describeEachDialect('the working-day calendar admins keep', (open) => {
  let store: TestStore
  let { app, clock, call } = {} as Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open)
    ;({ app, clock, call } = await staffApp(store, [
      ['root', 'admin', null],
      ['wang', 'handler', 'wujin-branch'],
    ]))
  })
  afterEach(async () => store.cleanup())

  it('warns in November that 2027 is missing, and counts its statutory holidays meanwhile', async () => {
    const { body } = await call('wang', 'GET', '/api/v1/calendar/status')
    expect(body).toMatchObject({
      today: '2026-11-28',
      years: [
        { year: 2026, source: 'published' },
        { year: 2027, source: 'statutory' },
      ],
      warning: expect.stringMatching(/^2027年节假日安排尚未载入/),
    })
    const year = await call('wang', 'GET', '/api/v1/calendar/2027')
    expect(year.body).toMatchObject({ source: 'statutory', workdays: [] })
    expect(year.body.holidays).toHaveLength(13)
  })

  it('takes a published schedule from an admin and counts deadlines on it', async () => {
    const loaded = await call('root', 'PUT', '/api/v1/calendar/2027', nationalDay2027)
    expect(loaded).toMatchObject({ status: 200, body: { source: 'loaded', holidays: 7 } })
    expect((await call('wang', 'GET', '/api/v1/calendar/status')).body.warning).toBeNull()
    // filed Thursday 2027-09-30: accept on Friday 10-08; seven working days count Saturday 10-09
    clock.now = new Date('2027-09-30T02:00:00Z')
    await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      accept_due_at: '2027-10-08T15:59:59.000Z',
      resolve_due_at: '2027-10-15T15:59:59.000Z',
    })
  })

  it('refuses a schedule that cannot be right, and keeps handlers from loading one', async () => {
    const bad = [
      { holidays: [{ date: '2028-01-01' }] },
      { holidays: [{ date: '2027-02-30' }] },
      { holidays: [{ date: '2027-10-01' }], workdays: [{ date: '2027-10-01' }] },
      { holidays: [{ date: '2027-10-01' }], workdays: [{ date: '2027-10-08' }] },
      { holidays: [] },
    ]
    for (const body of bad)
      expect((await call('root', 'PUT', '/api/v1/calendar/2027', body)).status).toBe(400)
    expect((await call('root', 'PUT', '/api/v1/calendar/20x7', nationalDay2027)).status).toBe(400)
    expect((await call('wang', 'PUT', '/api/v1/calendar/2027', nationalDay2027)).status).toBe(403)
    expect(await countRows(store, 'calendar_days')).toBe(0)
  })
})
