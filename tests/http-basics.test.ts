import { afterAll, beforeAll, expect, it, describe } from 'vitest'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

describe('HTTP basics', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    app = testApp(store).app
  })
  afterAll(async () => store.cleanup())

  it('reports healthy once the database answers', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('reports unavailable when the database is gone', async () => {
    const broken = await migratedStore(dialects[0]!.open)
    const { app: brokenApp } = testApp(broken)
    await broken.cleanup()
    const res = await brokenApp.request('/healthz')
    expect(res.status).toBe(503)
  })

  it('serves the resident chat page in Simplified Chinese with secure headers and a request id', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('lang="zh-CN"')
    expect(html).toContain('常州市生态环境局')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-request-id')).toMatch(/.+/)
  })

  it('answers an unknown path with a JSON 404', async () => {
    const res = await app.request('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('NOT_FOUND')
  })

  it('classifies a text through the API with the fields other programs rely on', async () => {
    const res = await app.request('/api/v1/classify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: '新北区龙虎塘街道晚上KTV太吵了' }),
    })
    expect(await res.json()).toMatchObject({
      intent: 'report',
      category: 'noise',
      subcategory: 'social_life',
      district: '新北区',
      terms: expect.arrayContaining(['ktv']),
      confidence: expect.any(Number),
    })
  })
})
