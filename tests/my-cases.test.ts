import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

describeEachDialect('a resident’s own cases', (open) => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(open)
    app = testApp(store).app
  })
  afterEach(async () => store.cleanup())

  const get = (path: string, token?: string) =>
    app.request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })

  it('lists the cases filed in this session, newest first, with their status', async () => {
    const me = await chatSession(app)
    await me.complain('武进区湖塘镇工地半夜打桩')
    await me.complain('新北区薛家镇饭店油烟很大')
    const res = await get('/api/v1/my/cases', me.token)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.nextCursor).toBeNull()
    expect(body.items.map((c: { number: string }) => c.number)).toEqual([
      'CZ20261128-0002',
      'CZ20261128-0001',
    ])
    expect(body.items[0]).toMatchObject({
      status: 'transferred',
      statusText: '已转办',
      category: 'air',
      subcategory: 'catering_fumes',
      district: '新北区',
    })
    expect(body.items[0]).not.toHaveProperty('department')
  })

  it('pages through a long list with a cursor', async () => {
    const me = await chatSession(app)
    for (const place of ['天宁区', '钟楼区', '新北区']) await me.complain(`${place}工地半夜打桩`)
    const first = await (await get('/api/v1/my/cases?limit=2', me.token)).json()
    expect(first.items).toHaveLength(2)
    const second = await (
      await get(`/api/v1/my/cases?limit=2&cursor=${first.nextCursor}`, me.token)
    ).json()
    expect(second.items.map((c: { number: string }) => c.number)).toEqual(['CZ20261128-0001'])
    expect(second.nextCursor).toBeNull()
  })

  it('shows one case with the updates the resident may see', async () => {
    const me = await chatSession(app)
    await me.complain('钟楼区五星街道小区门口广场舞太吵')
    const res = await get('/api/v1/my/cases/CZ20261128-0001', me.token)
    const body = await res.json()
    expect(body).toMatchObject({ number: 'CZ20261128-0001', status: 'transferred' })
    expect(body.updates.map((u: { status: string }) => u.status)).toEqual(['new', 'transferred'])
  })

  it('does not reveal another resident’s case', async () => {
    const me = await chatSession(app)
    const other = await chatSession(app)
    await me.complain('武进区湖塘镇工地半夜打桩')
    const res = await get('/api/v1/my/cases/CZ20261128-0001', other.token)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('CASE_NOT_FOUND')
    expect((await (await get('/api/v1/my/cases', other.token)).json()).items).toEqual([])
  })

  it.each([
    ['a malformed case number', '/api/v1/my/cases/not-a-number', 400],
    ['a negative cursor', '/api/v1/my/cases?cursor=-3', 400],
    ['a limit over 100', '/api/v1/my/cases?limit=1000', 400],
    ['a cursor past any id', '/api/v1/my/cases?cursor=2147483648', 400],
  ])('answers %s with a clear 4xx', async (_name, path, status) => {
    const me = await chatSession(app)
    const res = await get(path, me.token)
    expect(res.status).toBe(status)
    expect((await res.json()).error.message).toMatch(/.+/)
  })

  it('asks for the session token', async () => {
    expect((await get('/api/v1/my/cases')).status).toBe(401)
  })

  it('gives the conversation back after a reload, replies and quick replies included', async () => {
    const me = await chatSession(app)
    await me.send({ text: '工地半夜打桩' })
    await me.send({ text: '在恐龙园附近' })
    await me.send({ text: '确认提交' })
    const res = await get('/api/v1/chat/messages', me.token)
    const { items } = await res.json()
    expect(items.map((m: { from: string }) => m.from)).toEqual([
      'resident',
      'bureau',
      'resident',
      'bureau',
      'resident',
      'bureau',
      'bureau',
    ])
    expect(items[0]).toMatchObject({ from: 'resident', text: '工地半夜打桩' })
    expect(items.some((m: { text: string }) => /CZ20261128-0001/.test(m.text))).toBe(true)
  })
})
