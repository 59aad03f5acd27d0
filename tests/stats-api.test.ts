import { afterEach, beforeEach, expect, it } from 'vitest'
import { closeUnrated } from '../src/jobs/close-unrated'
import { checkRollups } from '../src/store/rollup-check'
import { signInStaff, STAFF_PASSWORD } from './support/staff'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { surveyBrowser } from './support/survey-browser'
import { chatSession, testApp } from './support/test-app'

const HOUR = 3_600_000

// A small year worked out by hand. Filed (UTC → Asia/Shanghai):
//   A 2025-12-31T17:00Z → 2026-01-01 武进区 air     accepted +3 h, resolved +50 h, 满意
//   B 2025-12-31T15:00Z → 2025-12-31 钟楼区 air     (last year: nothing else happens)
//   C 2026-03-10T02:00Z → 2026-03-10 天宁区 noise   accepted +40 h (late), resolved +100 h, never rated
//   D 2026-05-01T02:00Z → 2026-05-01 新北区 water   accepted +0.5 h
//   E 2026-06-02T02:00Z → 2026-06-02 武进区 air     same place as A (湖塘镇)
describeEachDialect('the statistics API', (open) => {
  let store: TestStore
  let t: ReturnType<typeof testApp>
  let as: (username: string) => Record<string, string>
  let tokens: Record<string, string>

  beforeEach(async () => {
    store = await migratedStore(open)
    t = testApp(store, { LOGIN_ATTEMPTS_PER_MINUTE: '0', STAFF_SESSION_HOURS: '720' })
    tokens = await signInStaff(store, t.app, [
      ['chen', 'analyst', null],
      ['root', 'admin', null],
      ['wang', 'handler', 'wujin-branch'],
      ['li', 'handler', 'tianning-branch'],
    ])
    as = (username) => ({
      Authorization: `Bearer ${tokens[username]}`,
      'Content-Type': 'application/json',
    })
  })
  afterEach(async () => store.cleanup())

  async function file(at: string, text: string) {
    t.clock.now = new Date(at)
    const resident = await chatSession(t.app)
    const body = await resident.complain(text)
    return { number: body.case.number as string, resident, filed: Date.parse(at) }
  }
  async function act(c: { number: string; filed: number }, hours: number, body: object) {
    t.clock.now = new Date(c.filed + hours * HOUR)
    const detail = await (
      await t.app.request(`/api/v1/cases/${c.number}`, { headers: as('root') })
    ).json()
    const res = await t.app.request(`/api/v1/cases/${c.number}/actions`, {
      method: 'POST',
      headers: as('root'),
      body: JSON.stringify({ ...body, version: detail.version }),
    })
    expect(res.status).toBe(200)
  }
  /** Moves the clock past the sessions' month and signs everyone in again. */
  async function later(at: string) {
    t.clock.now = new Date(at)
    for (const username of Object.keys(tokens)) {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: STAFF_PASSWORD }),
      })
      tokens[username] = (await res.json()).token
    }
  }
  const get = async (path: string, who = 'chen') =>
    (await t.app.request(`/api/v1/stats/${path}`, { headers: as(who) })).json()

  async function fixture() {
    const a = await file('2025-12-31T17:00:00Z', '武进区湖塘镇工厂每天冒黑烟')
    await file('2025-12-31T15:00:00Z', '钟楼区五星街道有人烧垃圾，烟很大')
    const c = await file('2026-03-10T02:00:00Z', '天宁区红梅街道工地晚上施工噪音很大')
    const d = await file('2026-05-01T02:00:00Z', '新北区三井街道河里有人排污水，发臭')
    await file('2026-06-02T02:00:00Z', '武进区湖塘镇工厂每天冒黑烟')
    await act(a, 3, { action: 'accept' })
    await act(a, 4, { action: 'assign', assignee: 'wang' })
    await act(a, 50, { action: 'resolve', reply: '已责令整改' })
    t.clock.now = new Date(a.filed + 51 * HOUR)
    await a.resident.send({ text: '满意' })
    await act(c, 40, { action: 'accept' })
    await act(c, 41, { action: 'assign', assignee: 'li' })
    await act(c, 100, { action: 'resolve', reply: '已要求停止夜间施工' })
    await closeUnrated(store, new Date(c.filed + 300 * HOUR))
    await act(d, 0.5, { action: 'accept' })
  }

  it('counts the year by the Shanghai filing date and gives yoy, rates and medians worked by hand', async () => {
    await fixture()
    await later('2027-01-05T02:00:00Z') // 2026 is over: all twelve months compared
    const s = await get('summary?year=2026')
    expect(s).toMatchObject({ comparedThrough: '2026-12', asOf: null, period: '2026年' })
    // A was filed on 2025-12-31 in UTC but 2026-01-01 in Shanghai: it belongs to 2026
    expect(s.categories.air).toEqual({ count: 2, lastYear: 1, yoy: 100 })
    // nothing last year: no change to compute, never Infinity
    expect(s.categories.water).toEqual({ count: 1, lastYear: 0, yoy: null })
    expect(s.total).toEqual({ count: 4, lastYear: 1, yoy: 300 })
    // A 满意; C closed unrated: answered 1, not rated 1 — never counted as satisfied
    expect(s).toMatchObject({ satisfactionRate: 100, answered: 1, notRated: 1, responseRate: 50 })
    // accepted after 0.5 h, 3 h, 40 h: buckets [0,1), [2,4), [24,48); the middle one at 3.0 h
    // C was late (1 working day from Tuesday 10:00 ends Wednesday 24:00, +38 h): 2 of 3 on time
    expect(s).toMatchObject({ accepted: 3, onTimeAcceptanceRate: 66.7, medianHoursToAcceptance: 3 })
    // resolved after 50 h and 100 h, both within 7 working days; the median 1 of 2 reaches the top of [48,72)
    expect(s).toMatchObject({ resolved: 2, onTimeRate: 100, medianHoursToResolution: 72 })
    expect(s.hotspots).toEqual([{ place: '湖塘镇', district: '武进区', count: 2 }])
    expect(s.text).toBe(
      '2026年共受理生态环境投诉4件，同比上升300.0%，大气污染投诉同比上升100.0%，按期办结率100.0%，公众满意率达100.0%。',
    )
  })

  it('adds the year’s public satisfaction surveys to the summary, pooled over their rating questions', async () => {
    const questions = [
      { id: 'air', text: '您对空气质量是否满意？', type: 'rating' },
      { id: 'water', text: '您对水环境是否满意？', type: 'rating' },
      { id: 'concern', text: '您最关心哪类问题？', type: 'choice', options: ['大气', '噪声'] },
    ]
    /** A survey published at `at` (UTC), answered by one browser per set of answers. */
    async function survey(at: string, ...answers: Record<string, string>[]) {
      t.clock.now = new Date(at)
      const post = (path: string, body?: unknown) =>
        t.app.request(`/api/v1/public-surveys${path}`, {
          method: 'POST',
          headers: as('root'),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      const created = await (await post('', { title: `调查 ${at}`, questions })).json()
      expect((await post(`/${created.id}/publish`)).status).toBe(200)
      for (const a of answers) {
        const browser = surveyBrowser((path, init) => t.app.request(path, init))
        expect((await browser(created.slug, a)).status).toBe(201)
      }
    }
    // published 2026-01-01 01:00 in Shanghai: a 2026 survey. Rating answers: 满意 3, 基本满意 1,
    // 不满意 1 → (3 + 1) / 5 = 80.0%; three responses
    await survey(
      '2025-12-31T17:00:00Z',
      { air: 'satisfied', water: 'satisfied', concern: '大气' },
      { air: 'basically_satisfied', water: 'dissatisfied' },
      { air: 'satisfied', concern: '噪声' },
    )
    // published 2025-12-31 in Shanghai: last year's, not counted in 2026
    await survey('2025-12-31T15:00:00Z', { air: 'dissatisfied' })
    await later('2027-01-05T02:00:00Z')
    const s = await get('summary?year=2026')
    expect(s.publicSurveys).toEqual({ surveys: 1, responses: 3, answered: 5, satisfactionRate: 80 })
    expect(s.text).toMatch(/；全年公众满意度调查收回问卷3份，满意率80.0%。$/)
    const en = await get('summary?year=2026&lang=en')
    expect(en.text).toMatch(/public satisfaction surveys: 3 responses, 80.0% satisfied\.$/)
    expect((await get('summary?year=2025')).publicSurveys).toMatchObject({
      surveys: 1,
      satisfactionRate: 0,
    })
    // a district's summary: the surveys are of the whole city
    const wujin = await get('summary?year=2026&district=武进区')
    expect(wujin.publicSurveys).toBeNull()
    expect(wujin.text).not.toMatch(/问卷/)
  })

  it('gives trends of this year and last side by side, by quarter and by district', async () => {
    await fixture()
    await later('2027-01-05T02:00:00Z')
    const byCategory = await get('trends?year=2026&by=category&period=quarter')
    expect(byCategory.periods).toEqual(['Q1', 'Q2', 'Q3', 'Q4'])
    expect(byCategory.series[0]).toMatchObject({
      key: 'air',
      label: '大气',
      thisYear: [1, 1, 0, 0],
      lastYear: [0, 0, 0, 1],
      yoy: 100,
    })
    expect(byCategory.total).toMatchObject({ thisYear: [2, 2, 0, 0], lastYear: [0, 0, 0, 1] })
    const wujin = await get('trends?year=2026&by=subcategory&district=武进区')
    expect(wujin.series).toHaveLength(1)
    expect(wujin.series[0]).toMatchObject({ key: 'air/industrial', label: '大气·工业', count: 2 })
    expect(wujin.series[0].thisYear.slice(0, 6)).toEqual([1, 0, 0, 0, 0, 1])
    // while 2026 runs (28 November), both years are compared through October: B (December) is left out
    t.clock.now = new Date('2026-11-28T02:00:00Z')
    const running = await get('trends?year=2026&by=category&period=quarter')
    expect(running).toMatchObject({ comparedThrough: '2026-10', asOf: '2026-11-28' })
    expect(running.series[0]).toMatchObject({
      key: 'air',
      count: 2,
      lastYear: [0, 0, 0, 1], // drawn in full
      lastYearCount: 0, // compared like for like
      yoy: null,
    })
    const soFar = await get('summary?year=2026&district=武进区')
    expect(soFar.total).toEqual({ count: 2, lastYear: 0, yoy: null })
    expect(soFar.text).toMatch(/^2026年1–10月武进区共受理生态环境投诉2件/)
    const sat = await get('satisfaction?year=2026&district=天宁区')
    expect(sat).toMatchObject({ answered: 0, notRated: 1, satisfactionRate: null, responseRate: 0 })
  })

  it('exports the trends as a CSV that Excel opens in Chinese', async () => {
    await fixture()
    const csv = async (query: string) => {
      const res = await t.app.request(`/api/v1/stats/export.csv?${query}`, { headers: as('chen') })
      expect(res.headers.get('Content-Type')).toContain('text/csv')
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      return new TextDecoder().decode(bytes).trim().split('\n')
    }
    await later('2027-01-05T02:00:00Z')
    const lines = await csv('year=2026&period=quarter')
    expect(lines[0]).toBe('年份,期间,范围,维度,分组,代码,本年投诉件数,上年同期件数,同比(%),说明')
    expect(lines).toContain('2026,Q1,全市,类别,大气,air,1,0,,')
    // 2026 is over: its empty fourth quarter against B in December 2025 is a true −100%
    expect(lines).toContain('2026,Q4,全市,类别,合计,total,0,1,-100.0,')
    // on 28 November 2026 December has not begun and November is counted so far: no change for either
    t.clock.now = new Date('2026-11-28T02:00:00Z')
    const months = await csv('year=2026')
    expect(months).toContain('2026,10,全市,类别,合计,total,0,0,,')
    expect(months).toContain('2026,11,全市,类别,合计,total,0,0,,截至11月28日，不足整月，不计同比')
    expect(months).toContain('2026,12,全市,类别,合计,total,,1,,尚未开始')
    expect(await csv('year=2026&period=quarter')).toContain(
      '2026,Q4,全市,类别,合计,total,0,1,,截至11月28日，不足整季，不计同比',
    )
    const bad = await t.app.request('/api/v1/stats/export.csv?by=town', { headers: as('chen') })
    expect(bad.status).toBe(400)
  })

  it('answers unknown years, districts and breakdowns with 400 naming what is allowed', async () => {
    const district = await t.app.request('/api/v1/stats/trends?district=上海', {
      headers: as('chen'),
    })
    expect(district.status).toBe(400)
    expect((await district.json()).error.message).toContain('天宁区、钟楼区、新北区')
    const by = await t.app.request('/api/v1/stats/trends?by=street', { headers: as('chen') })
    expect((await by.json()).error.message).toContain('category、subcategory 或 district')
    // nothing stored yet: only the current year
    t.clock.now = new Date('2026-11-28T02:00:00Z')
    const empty = await t.app.request('/api/v1/stats/summary?year=2025', { headers: as('chen') })
    expect(empty.status).toBe(400)
    expect((await empty.json()).error.message).toBe('年份应为2026年')
  })

  it('allows the years from the first holding data to the current one, for every statistic', async () => {
    t.clock.now = new Date('2025-03-01T02:00:00Z')
    await file('2025-03-01T02:00:00Z', '钟楼区五星街道有人烧垃圾，烟很大')
    await later('2027-02-10T02:00:00Z')
    for (const path of ['summary', 'trends', 'export.csv', 'satisfaction', 'hotspots'])
      for (const year of ['2024', '2028', '2027.5', 'abc', '']) {
        const res = await t.app.request(`/api/v1/stats/${path}?year=${year}`, {
          headers: as('chen'),
        })
        expect(res.status, `${path}?year=${year}`).toBe(400)
        expect((await res.json()).error.message).toBe('年份应为2025–2027之间')
      }
    for (const year of [2025, 2026, 2027])
      expect((await get(`summary?year=${year}`)).year).toBe(year)
    expect((await get('summary')).years).toEqual([2027, 2026, 2025])
  })

  it('compares a running year with the same complete months of last year, and says which', async () => {
    // 2025: January 1, February 1, March 2 (10th and 25th); 2026: the same pace, on 2 March so far 1
    for (const at of ['2025-01-10', '2025-02-10', '2025-03-10', '2025-03-25', '2026-01-10'])
      await file(`${at}T02:00:00Z`, '武进区湖塘镇工厂每天冒黑烟')
    // in January no month is complete: no change, and the paragraph says so
    await later('2026-01-15T02:00:00Z')
    const january = await get('summary?year=2026')
    expect(january).toMatchObject({ comparedThrough: null, asOf: '2026-01-15' })
    expect(january.total).toEqual({ count: 1, lastYear: null, yoy: null })
    expect(january.text).toBe(
      '2026年1月1日至15日共受理生态环境投诉1件。本年尚无完整月份，暂不计算同比。',
    )
    expect((await get('summary?year=2026&lang=en')).text).toBe(
      'In 2026 to 15 January the bureau handled 1 environmental complaint. No month of 2026 is complete yet, so there is no year-on-year comparison.',
    )
    const januaryTrends = await get('trends?year=2026')
    expect(januaryTrends.total).toMatchObject({ count: 1, lastYearCount: null, yoy: null })

    for (const at of ['2026-02-10', '2026-03-02'])
      await file(`${at}T02:00:00Z`, '武进区湖塘镇工厂每天冒黑烟')
    await later('2026-03-02T06:00:00Z')
    // January–February against January–February: 2 against 2, unchanged (counting March: 3 against 4, −25%)
    const s = await get('summary?year=2026')
    expect(s).toMatchObject({
      comparedThrough: '2026-02',
      asOf: '2026-03-02',
      period: '2026年1–2月',
    })
    expect(s.total).toEqual({ count: 2, lastYear: 2, yoy: 0 })
    expect(s.text).toBe('2026年1–2月共受理生态环境投诉2件，同比持平，大气污染投诉同比持平。')
    expect((await get('summary?year=2026&lang=en')).text).toBe(
      'In January–February 2026 the bureau handled 2 environmental complaints, unchanged on the same months of the year before; air complaints unchanged.',
    )
    // the bars keep March so far; the comparison does not
    const trends = await get('trends?year=2026')
    expect(trends).toMatchObject({ comparedThrough: '2026-02', asOf: '2026-03-02' })
    expect(trends.total).toMatchObject({
      thisYear: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      lastYear: [1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      count: 2,
      lastYearCount: 2,
      yoy: 0,
    })
    // a finished year compares all twelve months: 2025 had 4, 2024 none
    expect((await get('summary?year=2025')).text).toBe('2025年共受理生态环境投诉4件。')
  })

  it('lets analysts and admins read, not handlers', async () => {
    expect((await t.app.request('/api/v1/stats/summary', { headers: as('root') })).status).toBe(200)
    expect((await t.app.request('/api/v1/stats/summary', { headers: as('wang') })).status).toBe(403)
    expect((await t.app.request('/api/v1/stats/trends')).status).toBe(401)
  })

  it('keeps the rollups equal to a recount from the raw cases', async () => {
    await fixture()
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
    await store.db
      .updateTable('case_rollups')
      .set({ count: 7 })
      .where('category', '=', 'water')
      .execute()
    expect(await checkRollups(store.db, store.dialect)).toEqual([
      expect.objectContaining({ table: 'case_rollups', stored: 7, expected: 1 }),
    ])
  })
})
