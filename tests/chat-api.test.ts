import { afterEach, beforeEach, expect, it } from 'vitest'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

describeEachDialect('web chat API', (open) => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(open)
    app = testApp(store).app
  })
  afterEach(async () => store.cleanup())

  const counts = async () => {
    return {
      messages: await countRows(store, 'messages'),
      cases: await countRows(store, 'cases'),
      events: await countRows(store, 'case_events'),
    }
  }

  it('files a complaint that names a place and tells the resident the number and who handles it', async () => {
    const { send } = await chatSession(app)
    const res = await send({ text: '武进区湖塘镇一家工厂烟囱一直冒黑烟，呛得不行' })
    expect(res.status).toBe(200)
    const confirm = await res.json()
    expect(confirm.case).toBeUndefined()
    expect(confirm.replies[0].text).toMatch(/请确认投诉内容[\s\S]*地点：武进区/)
    expect(confirm.replies[0].options).toContain('确认提交')
    const body = await (await send({ text: '确认提交' })).json()
    expect(body.case).toEqual({ number: 'CZ20261128-0001', status: 'new' })
    expect(body.replies[0].text).toContain('CZ20261128-0001')
    expect(body.replies[0].text).toContain('常州市武进生态环境局')
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      category: 'air',
      subcategory: 'industrial',
      district: '武进区',
      department_id: 'wujin-branch',
    })
    expect(row.accept_due_at).toBe('2026-11-30T15:59:59.000Z')
  })

  it('asks where when the complaint names no place, and files once the resident says', async () => {
    const { send } = await chatSession(app)
    const first = await (await send({ text: '工地打桩，吵得睡不着' })).json()
    expect(first.case).toBeUndefined()
    expect(first.replies[0].text).toMatch(/位置/)
    const when = await (await send({ text: '在恐龙园附近' })).json()
    expect(when.replies[0].text).toMatch(/什么时候/)
    await send({ text: '每天都有' })
    const second = await (await send({ text: '确认提交' })).json()
    expect(second.case.number).toBe('CZ20261128-0001')
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      category: 'noise',
      subcategory: 'construction',
      district: '新北区',
    })
    expect(row.description).toContain('打桩')
  })

  it('refers social-life noise to the police and says how to reach them', async () => {
    const { complain } = await chatSession(app)
    const body = await complain('钟楼区西林街道小区门口每天晚上广场舞音响太吵')
    expect(body.case.status).toBe('transferred')
    expect(body.replies[0].text).toMatch(/公安/)
    expect(body.replies[0].text).toContain('110')
  })

  it('answers a repeated message id with the first reply and files nothing new', async () => {
    const { send } = await chatSession(app)
    await send({ text: '天宁区茶山街道河里今天好多死鱼，水发黑发臭' })
    const message = { text: '确认提交', clientMessageId: 'm-1' }
    const first = await (await send(message)).json()
    expect(first.case.number).toBe('CZ20261128-0001')
    const before = await counts()
    const again = await send(message)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(first)
    expect(await counts()).toEqual(before)
    expect(before.cases).toBe(1)
  })

  it('treats the same message id from two residents as two messages', async () => {
    const a = await chatSession(app)
    const b = await chatSession(app)
    await a.send({ text: '新北区春江镇工地今天扬尘很大' })
    await b.send({ text: '金坛区儒林镇现在有人烧秸秆' })
    await a.send({ text: '确认提交', clientMessageId: '1' })
    const second = await (await b.send({ text: '确认提交', clientMessageId: '1' })).json()
    expect(second.case.number).toBe('CZ20261128-0002')
  })

  it('answers a status question with the case number, its state and the latest update', async () => {
    const { send, complain } = await chatSession(app)
    await complain('新北区薛家镇饭店油烟很大')
    const body = await (await send({ text: '我的投诉进度怎么样了' })).json()
    expect(body.replies[0].text).toMatch(/CZ20261128-0001.*已转办/)
  })

  it('looks up a case whose number is typed full-width or with a long dash', async () => {
    const { send, complain } = await chatSession(app)
    await complain('新北区薛家镇饭店油烟很大')
    await complain('武进区湖塘镇一家工厂烟囱一直冒黑烟')
    for (const number of ['ＣＺ２０２６１１２８－０００１', 'CZ20261128—0001']) {
      const body = await (await send({ text: number })).json()
      expect(body.replies[0].text).toMatch(/CZ20261128-0001.*已转办/)
    }
  })

  it('adds a photo sent right after filing to the case just filed, and says so', async () => {
    const { send, complain } = await chatSession(app)
    const filed = await complain('武进区湖塘镇一家工厂烟囱一直冒黑烟，呛得不行')
    expect(filed.case.number).toBe('CZ20261128-0001')
    const imageUrl = '/api/v1/photos/0b6f3c9e-4a8d-4c1e-9f3a-2d7e5b1c8a90.png'
    const body = await (await send({ imageUrl })).json()
    expect(body.replies[0].text).toMatch(/已补充到投诉 CZ20261128-0001/)
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(JSON.parse(row.photos!)).toEqual([imageUrl])
    const events = await store.db
      .selectFrom('case_events')
      .select('action')
      .where('case_id', '=', row.id)
      .execute()
    expect(events.map((e) => e.action)).toContain('photo')
    // the next complaint starts without it
    const next = await (await send({ text: '钟楼区工地打桩很吵' })).json()
    expect(next.replies[0].text).not.toMatch(/照片/)
  })

  it.each([
    ['malformed JSON', '{"text": "吵', 400, 'BAD_JSON'],
    ['a number where text belongs', { text: 42 }, 400, 'VALIDATION_FAILED'],
    ['an empty text', { text: '   ' }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { text: '吵', extra: true }, 400, 'VALIDATION_FAILED'],
    [
      'a location with a text latitude',
      { location: { lat: '31.8', lng: 119.9 } },
      400,
      'VALIDATION_FAILED',
    ],
    ['an array body', [1, 2], 400, 'VALIDATION_FAILED'],
    ['a NUL character in the text', { text: '钟楼区工地噪音\u0000很大' }, 400, 'VALIDATION_FAILED'],
  ])('rejects %s with a JSON error and writes nothing', async (_name, body, status, code) => {
    const { send } = await chatSession(app)
    const before = await counts()
    const res = await send(body)
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } })
    expect(await counts()).toEqual(before)
  })

  it.each([
    ['of unknown length', false],
    ['with its Content-Length declared', true],
  ])('rejects a 3 MB body %s with 413 and writes nothing', async (_name, declared) => {
    const { send } = await chatSession(app)
    const before = await counts()
    const body = JSON.stringify({ text: '吵'.repeat(1024 * 1024) })
    const length = String(Buffer.byteLength(body))
    const res = await send(body, declared ? { 'Content-Length': length } : {})
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(await counts()).toEqual(before)
  })

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { Authorization: 'Bearer not-a-real-token' }],
    ['a malformed header', { Authorization: 'Basic abc' }],
  ])('answers 401 to %s and writes nothing', async (_name, headers) => {
    const before = await counts()
    const res = await app.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ text: '武进区工地噪音' }),
    })
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('UNAUTHORIZED')
    expect(await counts()).toEqual(before)
  })
})
