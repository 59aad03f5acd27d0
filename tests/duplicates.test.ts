import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'
import { chatSession } from './support/test-app'

describeEachDialect('duplicate complaints', (open) => {
  let store: TestStore
  let { app, clock, call } = {} as Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open)
    ;({ app, clock, call } = await staffApp(store, [
      ['wang', 'handler', 'wujin-branch'],
      ['zhao', 'supervisor', 'wujin-branch'],
    ]))
  })
  afterEach(async () => store.cleanup())

  const get = async (who: string, path: string) => (await call(who, 'GET', path)).body
  const act = (who: string, number: string, body: unknown) =>
    call(who, 'POST', `/api/v1/cases/${number}/actions`, body)
  const file = async (text: string) => {
    const resident = await chatSession(app)
    return { resident, number: (await resident.complain(text)).case.number as string }
  }
  const pushed = (conversationId: string) =>
    store.db
      .selectFrom('notifications')
      .select('text')
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute()

  it('suggests a complaint about the same premises to the supervisor, in the queue and the case', async () => {
    const first = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    clock.now = new Date(clock.now.getTime() + 3 * 86400_000)
    const second = await file('湖塘镇 华达印染厂 又在冒黑烟，味道很大')
    const queue = await get('zhao', '/api/v1/cases?duplicates=true')
    expect(queue.items.map((c: { number: string }) => c.number)).toEqual([second.number])
    expect(queue.items[0].mergeSuggestion).toMatchObject({
      primary: first.number,
      reason: 'same_place',
      status: 'open',
    })
    const detail = await get('zhao', `/api/v1/cases/${second.number}`)
    expect(detail.mergeSuggestions).toEqual([
      expect.objectContaining({ case: second.number, primary: first.number }),
    ])
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'duplicate',
      note: expect.stringContaining(first.number),
    })
    // the primary shows it too, so whoever opens either sees the pair
    const primary = await get('zhao', `/api/v1/cases/${first.number}`)
    expect(primary.mergeSuggestions).toHaveLength(1)
  })

  it('merges: the resident is told their complaint joins case N, then hears of its progress', async () => {
    const first = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const second = await file('湖塘镇华达印染厂又在冒黑烟')
    const merged = await act('zhao', second.number, {
      action: 'merge',
      version: 1,
      into: first.number,
    })
    expect(merged.body).toMatchObject({ status: 'merged' })
    expect((await get('zhao', '/api/v1/cases?duplicates=true')).items).toEqual([])
    expect((await act('wang', first.number, { action: 'accept', version: 1 })).status).toBe(200)
    expect((await pushed(second.resident.sessionId)).map((n) => n.text)).toEqual([
      `您的投诉 ${second.number} 反映的问题已有其他市民投诉，现并入 ${first.number} 合并办理，该案后续进展会同时告知您。`,
      `您的投诉 ${second.number} 已并入 ${first.number} 合并办理。最新进展：您的投诉 ${first.number} 已受理，由常州市武进生态环境局办理。`,
    ])
    expect(await pushed(first.resident.sessionId)).toHaveLength(1)

    // asked later, in the chat or on the page, the merged complaint shows the case it joined
    const asked = await (await second.resident.send({ text: `查询 ${second.number}` })).json()
    expect(asked.replies[0].text).toBe(
      `案件 ${second.number} 当前状态：已并案。案件 ${first.number} 当前状态：已受理。` +
        `最新进展：您的投诉 ${first.number} 已受理，由常州市武进生态环境局办理。`,
    )
    const mine = await app.request(`/api/v1/my/cases/${second.number}`, {
      headers: { Authorization: `Bearer ${second.resident.token}` },
    })
    expect(await mine.json()).toMatchObject({
      status: 'merged',
      mergedInto: {
        number: first.number,
        statusText: '已受理',
        updates: [
          { action: 'file', status: 'new' },
          { action: 'accept', status: 'accepted' },
        ],
      },
    })
    const list = await app.request('/api/v1/my/cases', {
      headers: { Authorization: `Bearer ${second.resident.token}` },
    })
    expect((await list.json()).items[0].mergedInto).toMatchObject({ number: first.number })
  })

  it('points the suggestions at the case a primary went into, and takes a number typed in lower case', async () => {
    const a = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const b = await file('湖塘镇华达印染厂又在冒黑烟')
    const c = await file('湖塘镇 华达印染厂 黑烟很大')
    const suggested = async (n: string) =>
      (await get('zhao', `/api/v1/cases/${n}`)).mergeSuggestions
        .filter((s: { status: string; case: string }) => s.status === 'open' && s.case === n)
        .map((s: { primary: string }) => s.primary)
    expect(await suggested(c.number)).toEqual([a.number])
    // the supervisor keeps the later case as the primary
    const merged = await act('zhao', a.number, {
      action: 'merge',
      version: 1,
      into: b.number.toLowerCase(),
    })
    expect(merged.status).toBe(200)
    expect(await suggested(b.number)).toEqual([])
    expect(await suggested(c.number)).toEqual([b.number])
    const queue = await get('zhao', '/api/v1/cases?duplicates=true')
    expect(queue.items.map((i: { number: string }) => i.number)).toEqual([c.number])
    expect(queue.items[0].mergeSuggestion.primary).toBe(b.number)
    expect(
      (await act('zhao', c.number, { action: 'merge', version: 1, into: b.number })).status,
    ).toBe(200)
  })

  it('shows a department only the suggestions between its own cases', async () => {
    const a = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const b = await file('湖塘镇华达印染厂又在冒黑烟')
    const rerouted = await act('zhao', b.number, {
      action: 'reroute',
      version: 1,
      department: 'tianning-branch',
      reason: '属天宁辖区',
    })
    expect(rerouted.status).toBe(200)
    expect((await get('zhao', `/api/v1/cases/${a.number}`)).mergeSuggestions).toEqual([])
  })

  it('tells a complaint merged into a resolved case the answer that case got', async () => {
    const first = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const second = await file('湖塘镇华达印染厂又在冒黑烟')
    await act('wang', first.number, { action: 'accept', version: 1 })
    await act('wang', first.number, { action: 'assign', version: 2, assignee: 'wang' })
    await act('wang', first.number, { action: 'resolve', version: 3, reply: '已责令该厂停产整改' })
    const merged = await act('zhao', second.number, {
      action: 'merge',
      version: 1,
      into: first.number,
    })
    expect(merged.status).toBe(200)
    const texts = (await pushed(second.resident.sessionId)).map((n) => n.text)
    expect(texts).toHaveLength(2)
    expect(texts[1]).toContain(`已并入 ${first.number}`)
    expect(texts[1]).toContain('已责令该厂停产整改')
  })

  it('lets a supervisor undo a wrong merge: the complaint is handled on its own again, and its resident told', async () => {
    const first = await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const second = await file('湖塘镇华达印染厂又在冒黑烟')
    await act('zhao', second.number, { action: 'merge', version: 1, into: first.number })
    const byHandler = { action: 'unmerge', version: 2, reason: '核实为隔壁另一家工厂' }
    expect((await act('wang', second.number, byHandler)).status).toBe(403)
    const undone = await act('zhao', second.number, byHandler)
    expect(undone.status).toBe(200)
    expect(undone.body).toMatchObject({
      status: 'new',
      flags: { overdue: false },
      deadlines: { accept: expect.any(String) },
    })
    expect((await get('zhao', `/api/v1/cases/${second.number}`)).allowedActions).toContain('accept')
    expect((await pushed(second.resident.sessionId)).at(-1)!.text).toBe(
      `您的投诉 ${second.number} 经核实与原并入的案件不是同一问题，已恢复单独办理，办理进展会另行告知您。`,
    )
    // the primary's news no longer reaches it
    const before = (await pushed(second.resident.sessionId)).length
    await act('wang', first.number, { action: 'accept', version: 1 })
    expect(await pushed(second.resident.sessionId)).toHaveLength(before)
    const mine = await app.request(`/api/v1/my/cases/${second.number}`, {
      headers: { Authorization: `Bearer ${second.resident.token}` },
    })
    expect(await mine.json()).toMatchObject({ status: 'new', mergedInto: null })
  })

  it('lets a supervisor dismiss a wrong suggestion, and not a handler', async () => {
    await file('武进区湖塘镇华达印染厂晚上排黑烟')
    const second = await file('湖塘镇华达印染厂又在冒黑烟')
    const dismiss = (who: string) =>
      call(who, 'POST', `/api/v1/cases/${second.number}/merge-suggestions/dismiss`)
    expect((await dismiss('wang')).status).toBe(403)
    expect((await dismiss('zhao')).body).toEqual({ dismissed: 1 })
    expect((await get('zhao', '/api/v1/cases?duplicates=true')).items).toEqual([])
  })

  it('suggests nothing for another kind of problem, another place, or after seven days', async () => {
    await file('武进区湖塘镇华达印染厂晚上排黑烟')
    await file('武进区湖塘镇华达印染厂往河里排污水')
    await file('武进区湖塘镇恒丰化工厂冒黑烟')
    clock.now = new Date(clock.now.getTime() + 8 * 86400_000)
    await file('武进区湖塘镇华达印染厂晚上又排黑烟')
    expect((await get('zhao', '/api/v1/cases?duplicates=true')).items).toEqual([])
  })
})
