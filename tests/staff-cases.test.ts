import { afterEach, beforeEach, expect, it } from 'vitest'
import { sweepDeadlines } from '../src/jobs/deadline-sweep'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'
import { chatSession, testApp } from './support/test-app'

describeEachDialect('handlers work cases through the API', (open) => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  let clock: ReturnType<typeof testApp>['clock']
  let tokens: Record<string, string>

  beforeEach(async () => {
    store = await migratedStore(open)
    ;({ app, clock, tokens } = await staffApp(store, [
      ['wang', 'handler', 'wujin-branch'],
      ['zhao', 'supervisor', 'wujin-branch'],
      ['li', 'handler', 'tianning-branch'],
      ['chen', 'analyst', null],
    ]))
  })
  afterEach(async () => store.cleanup())

  const as = (who: string) => ({
    Authorization: `Bearer ${tokens[who]}`,
    'Content-Type': 'application/json',
  })
  const act = (who: string, number: string, body: unknown) =>
    app.request(`/api/v1/cases/${number}/actions`, {
      method: 'POST',
      headers: as(who),
      body: JSON.stringify(body),
    })

  async function fileInWujin() {
    const resident = await chatSession(app)
    const body = await resident.complain('武进区湖塘镇工厂每天冒黑烟')
    return { resident, number: body.case.number as string }
  }

  it('shows a handler the queue of their department only', async () => {
    const { number } = await fileInWujin()
    const mine = await (await app.request('/api/v1/cases', { headers: as('wang') })).json()
    expect(mine.items.map((c: { number: string }) => c.number)).toEqual([number])
    expect(mine.items[0]).toMatchObject({
      version: 1,
      department: 'wujin-branch',
      flags: { overdue: false },
      deadlines: { accept: expect.any(String) },
    })
    const theirs = await (await app.request('/api/v1/cases', { headers: as('li') })).json()
    expect(theirs.items).toEqual([])
    const all = await (await app.request('/api/v1/cases', { headers: as('chen') })).json()
    expect(all.items).toHaveLength(1)
  })

  it('accepts a case, writes the event, and tells the resident', async () => {
    const { number, resident } = await fileInWujin()
    const res = await act('wang', number, { action: 'accept', version: 1 })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'accepted', version: 2 })
    const detail = await (
      await app.request(`/api/v1/cases/${number}`, { headers: as('wang') })
    ).json()
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['file', 'accept'])
    expect(detail.timeline[1]).toMatchObject({ actor: 'staff:wang', from: 'new', to: 'accepted' })
    const rows = await store.db
      .selectFrom('notifications')
      .selectAll()
      .where('conversation_id', '=', resident.sessionId)
      .execute()
    expect(rows.map((r) => r.text)).toEqual([
      expect.stringMatching(new RegExp(`${number} 已受理，由常州市武进生态环境局办理`)),
    ])
  })

  it('tells the resident which agency a transferred case went to, by name, with the reason', async () => {
    const { number, resident } = await fileInWujin()
    const res = await act('wang', number, {
      action: 'transfer',
      version: 1,
      agency: 'police',
      reason: '属社会生活噪声，由公安机关处理',
    })
    expect(res.status).toBe(200)
    const texts = await store.db
      .selectFrom('notifications')
      .select('text')
      .where('conversation_id', '=', resident.sessionId)
      .execute()
    expect(texts.map((r) => r.text)).toEqual([
      `您的投诉 ${number} 已转交公安机关(社会生活噪声)处理：属社会生活噪声，由公安机关处理`,
    ])
  })

  it('answers a stale version with 409 and changes nothing', async () => {
    const { number } = await fileInWujin()
    await act('wang', number, { action: 'accept', version: 1 })
    const before = await countRows(store, 'case_events')
    const stale = await act('wang', number, { action: 'assign', version: 1, assignee: 'wang' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.code).toBe('VERSION_CONFLICT')
    expect(await countRows(store, 'case_events')).toBe(before)
  })

  it('answers a transition the state does not allow with 409 naming what is allowed', async () => {
    const { number } = await fileInWujin()
    const res = await act('wang', number, { action: 'resolve', version: 1, reply: '已处理' })
    expect(res.status).toBe(409)
    const { error } = await res.json()
    expect(error.code).toBe('INVALID_TRANSITION')
    expect(error.message).toMatch(/accept/)
  })

  it('hides another department’s case (404) and keeps analysts to reading (403)', async () => {
    const { number } = await fileInWujin()
    expect((await app.request(`/api/v1/cases/${number}`, { headers: as('li') })).status).toBe(404)
    expect((await act('li', number, { action: 'accept', version: 1 })).status).toBe(404)
    expect((await act('chen', number, { action: 'accept', version: 1 })).status).toBe(403)
  })

  it('keeps a late case late when a handler returns it, and starts afresh only when a lead reroutes it', async () => {
    const { number } = await fileInWujin()
    await act('wang', number, { action: 'accept', version: 1 })
    await act('wang', number, { action: 'assign', version: 2, assignee: 'wang' })
    // Monday 2026-12-14, after the resolution deadline (end of Tuesday 12-08)
    clock.now = new Date('2026-12-14T02:00:00Z')
    await sweepDeadlines(store, clock.now)
    const returned = await act('wang', number, {
      action: 'return',
      version: 3,
      reason: '不属本部门',
    })
    // a working day to dispatch it again; the resolution deadline and the record stay
    expect(await returned.json()).toMatchObject({
      status: 'new',
      flags: { overdue: true, escalated: true },
      deadlines: { accept: '2026-12-15T15:59:59.000Z', resolve: '2026-12-08T15:59:59.000Z' },
    })
    const again = await act('wang', number, { action: 'accept', version: 4 })
    expect(await again.json()).toMatchObject({ flags: { overdue: true } })
    const rerouted = await act('zhao', number, {
      action: 'reroute',
      version: 5,
      department: 'tianning-branch',
      reason: '属天宁',
    })
    expect(await rerouted.json()).toMatchObject({
      status: 'new',
      flags: { overdue: false, escalated: false },
      deadlines: { accept: '2026-12-15T15:59:59.000Z', resolve: '2026-12-23T15:59:59.000Z' },
    })
  })

  it('clears a late acceptance once accepted, and flags the case again when the resolution runs late', async () => {
    const { number } = await fileInWujin()
    // Thursday 2026-12-03: the acceptance deadline has passed, the resolution one has not
    clock.now = new Date('2026-12-03T02:00:00Z')
    expect(await sweepDeadlines(store, clock.now)).toEqual([number])
    const accepted = await act('wang', number, { action: 'accept', version: 1 })
    expect(await accepted.json()).toMatchObject({ flags: { overdue: false } })
    clock.now = new Date('2026-12-14T02:00:00Z')
    expect(await sweepDeadlines(store, clock.now)).toEqual([number])
    const events = await store.db
      .selectFrom('case_events')
      .select('note')
      .where('action', '=', 'overdue')
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.note)).toEqual(['超过受理期限', '超过办理期限'])
  })

  it('lets only a lead take an assigned case from its handler, and only to a colleague', async () => {
    const { number } = await fileInWujin()
    await act('wang', number, { action: 'accept', version: 1 })
    const nobody = await act('wang', number, { action: 'assign', version: 2, assignee: 'nobody' })
    expect(nobody.status).toBe(400)
    expect((await nobody.json()).error.message).toMatch(/承办人须为本部门在岗人员：.*wang/)
    // li works in 天宁: not a colleague of this case
    expect(
      (await act('wang', number, { action: 'assign', version: 2, assignee: 'li' })).status,
    ).toBe(400)
    expect(
      (await act('wang', number, { action: 'assign', version: 2, assignee: 'wang' })).status,
    ).toBe(200)
    const taken = await act('wang', number, { action: 'assign', version: 3, assignee: 'zhao' })
    expect(taken.status).toBe(403)
    expect((await taken.json()).error.message).toContain('负责人')
    expect(
      (await act('zhao', number, { action: 'assign', version: 3, assignee: 'zhao' })).status,
    ).toBe(200)
  })

  it('lets the supervisor send a returned case to the branch that should have it （改派）', async () => {
    const { number } = await fileInWujin()
    await act('wang', number, { action: 'accept', version: 1 })
    await act('wang', number, { action: 'return', version: 2, reason: '地址实为天宁区' })
    clock.now = new Date('2026-12-14T02:00:00Z')
    // a handler asks by returning it; only a lead sends it elsewhere in the bureau
    const byHandler = {
      action: 'reroute',
      version: 3,
      department: 'tianning-branch',
      reason: '属天宁',
    }
    expect((await act('wang', number, byHandler)).status).toBe(403)
    // not to an agency outside the bureau (that is 转办), nor to where it already is
    for (const department of ['police', 'wujin-branch', 'nowhere']) {
      const refused = await act('zhao', number, { ...byHandler, department })
      expect(refused.status).toBe(400)
      expect((await refused.json()).error.message).toMatch(
        /改派只能派给本局的其他部门：.*tianning-branch/,
      )
    }
    const moved = await act('zhao', number, byHandler)
    expect(moved.status).toBe(200)
    expect(await moved.json()).toMatchObject({
      status: 'new',
      department: 'tianning-branch',
      assignee: null,
      deadlines: { accept: '2026-12-15T15:59:59.000Z' },
    })
    // it leaves the Wujin queue and is in Tianning's, with the whole story
    expect((await app.request(`/api/v1/cases/${number}`, { headers: as('wang') })).status).toBe(404)
    const there = await (await app.request('/api/v1/cases', { headers: as('li') })).json()
    expect(there.items.map((c: { number: string }) => c.number)).toEqual([number])
    const detail = await (
      await app.request(`/api/v1/cases/${number}`, { headers: as('li') })
    ).json()
    expect(detail.timeline.slice(-2)).toMatchObject([
      { action: 'return', note: '地址实为天宁区' },
      { action: 'reroute', actor: 'staff:zhao', note: 'tianning-branch：属天宁' },
    ])
    expect(detail.allowedActions).toContain('accept')
  })

  it('gives a reopened case a new resolution deadline', async () => {
    const { number } = await resolveInWujin()
    clock.now = new Date('2026-12-21T02:00:00Z')
    const res = await act('zhao', number, { action: 'reopen', version: 5, reason: '复查仍有黑烟' })
    expect(await res.json()).toMatchObject({
      status: 'assigned',
      deadlines: { resolve: '2026-12-30T15:59:59.000Z' },
    })
  })

  it('lets a supervisor escalate, and refuses it to a handler', async () => {
    const { number } = await fileInWujin()
    expect(
      (await act('wang', number, { action: 'escalate', version: 1, note: '请加快' })).status,
    ).toBe(403)
    const res = await act('zhao', number, { action: 'escalate', version: 1, note: '请加快' })
    expect((await res.json()).flags.escalated).toBe(true)
  })

  it('refuses bad input with 400 and unknown cases with 404', async () => {
    const { number } = await fileInWujin()
    expect((await act('wang', number, { action: 'fly', version: 1 })).status).toBe(400)
    expect((await act('wang', number, { action: 'reject', version: 1 })).status).toBe(400)
    expect((await act('wang', 'CZ20991231-9999', { action: 'accept', version: 1 })).status).toBe(
      404,
    )
    expect(
      (await app.request('/api/v1/cases', { headers: { 'Content-Type': 'application/json' } }))
        .status,
    ).toBe(401)
  })

  async function resolveInWujin() {
    const filed = await fileInWujin()
    let version = 1
    for (const body of [
      { action: 'accept' },
      { action: 'assign', assignee: 'wang' },
      { action: 'start' },
      { action: 'resolve', reply: '已责令该厂整改，安装除尘设施' },
    ]) {
      const res = await act('wang', filed.number, { ...body, version })
      expect(res.status).toBe(200)
      version = (await res.json()).version
    }
    return filed
  }

  it('asks the resident to rate a resolved case, and 不满意 in the chat reopens it for the supervisor', async () => {
    const { number, resident } = await resolveInWujin()
    const pushed = await store.db
      .selectFrom('notifications')
      .selectAll()
      .where('conversation_id', '=', resident.sessionId)
      .orderBy('id')
      .execute()
    expect(pushed.at(-1)).toMatchObject({
      text: expect.stringMatching(/已办结/),
      options: JSON.stringify(['满意', '基本满意', '不满意']),
    })
    const reply = await (await resident.send({ text: '不满意，还是有黑烟' })).json()
    expect(reply.replies[0].text).toMatch(new RegExp(`${number} 已重新办理`))
    const detail = await (
      await app.request(`/api/v1/cases/${number}`, { headers: as('zhao') })
    ).json()
    expect(detail).toMatchObject({ status: 'assigned', flags: { escalated: true } })
    expect(detail.timeline.at(-1)).toMatchObject({
      actor: 'resident',
      action: 'reopen',
      note: expect.stringMatching(/dissatisfied/),
    })
  })

  it('takes a rating through the resident API once, and only for a resolved case of their own', async () => {
    const { number, resident } = await resolveInWujin()
    const rate = (token: string, body: unknown) =>
      app.request(`/api/v1/my/cases/${number}/survey`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const stranger = await chatSession(app)
    expect((await rate(stranger.token, { rating: 'satisfied' })).status).toBe(404)
    expect((await rate(resident.token, { rating: 'great' })).status).toBe(400)
    const ok = await rate(resident.token, {
      rating: 'basically_satisfied',
      comment: '处理还算及时',
    })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ status: 'closed', reopened: false })
    const again = await rate(resident.token, { rating: 'satisfied' })
    expect(again.status).toBe(409)
    const survey = await store.db.selectFrom('case_surveys').selectAll().executeTakeFirstOrThrow()
    expect(survey).toMatchObject({
      rating: 'basically_satisfied',
      comment: '处理还算及时',
      channel: 'web',
    })
  })

  it('does not take a rating before the case is resolved', async () => {
    const { number, resident } = await fileInWujin()
    const res = await app.request(`/api/v1/my/cases/${number}/survey`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${resident.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rating: 'satisfied' }),
    })
    expect(res.status).toBe(409)
    expect(await countRows(store, 'case_surveys')).toBe(0)
  })

  it('lets one of two handlers acting at once win; the other gets 409 and nothing is lost', async () => {
    const { number } = await fileInWujin()
    const [a, b] = await Promise.all([
      act('wang', number, { action: 'accept', version: 1 }),
      act('zhao', number, { action: 'reject', version: 1, reason: '不属于环保问题' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const detail = await (
      await app.request(`/api/v1/cases/${number}`, { headers: as('zhao') })
    ).json()
    expect(detail.version).toBe(2)
    expect(detail.timeline).toHaveLength(2)
  })

  it('counts filings and ratings into the year summary as they happen', async () => {
    await resolveInWujin()
    const { resident } = await resolveInWujin()
    await resident.send({ text: '满意' })
    // on 28 November the monthly trend has them so far; the summary compares complete months
    const trends = await app.request('/api/v1/stats/trends?year=2026', { headers: as('chen') })
    expect((await trends.json()).total.thisYear[10]).toBe(2)
    clock.now = new Date('2026-12-01T02:00:00Z')
    const res = await app.request('/api/v1/stats/summary?year=2026', { headers: as('chen') })
    const s = await res.json()
    expect(s.categories.air).toEqual({ count: 2, lastYear: 0, yoy: null })
    expect(s.satisfactionRate).toBe(100)
    expect(s.text).toBe('2026年1–11月共受理生态环境投诉2件，按期办结率100.0%，公众满意率达100.0%。')
    expect(
      (await app.request('/api/v1/stats/summary?year=20x6', { headers: as('chen') })).status,
    ).toBe(400)
    expect((await app.request('/api/v1/stats/summary')).status).toBe(401)
  })
})
