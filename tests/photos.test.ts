import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

// The smallest valid PNG: one transparent pixel.
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (ch) => ch.charCodeAt(0),
)

describe('photos a resident attaches', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
    app = testApp(store).app
  })
  afterEach(async () => store.cleanup())

  const upload = (token: string | null, body: Uint8Array<ArrayBuffer>, type = 'image/png') =>
    app.request('/api/v1/photos', {
      method: 'POST',
      headers: {
        'Content-Type': type,
        'Content-Length': String(body.length),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body,
    })

  it('stores a photo checked by its content, serves it back, and files it with the complaint', async () => {
    const me = await chatSession(app)
    const res = await upload(me.token, PNG)
    expect(res.status).toBe(201)
    const { imageUrl } = await res.json()
    expect(imageUrl).toMatch(/^\/api\/v1\/photos\/[0-9a-f-]{36}\.png$/)
    const back = await app.request(imageUrl)
    expect(back.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(PNG)

    await me.send({ text: '新北区薛家镇工地今天扬尘很大' })
    const photo = await (await me.send({ imageUrl: `http://localhost${imageUrl}` })).json()
    expect(photo.replies[0].text).toMatch(/照片已收到/)
    const filed = await (await me.send({ text: '确认提交' })).json()
    expect(filed.case.number).toBe('CZ20261128-0001')
    const row = await store.db.selectFrom('cases').select('photos').executeTakeFirstOrThrow()
    expect(JSON.parse(row.photos!)).toEqual([imageUrl])
  })

  it('refuses a text file named like a photo with 400, and the chat goes on', async () => {
    const me = await chatSession(app)
    const res = await upload(me.token, new TextEncoder().encode('not really a jpeg'), 'image/jpeg')
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/JPEG、PNG 或 WebP/)
    expect((await me.send({ text: '你好' })).status).toBe(200)
  })

  it('refuses a photo over 10 MB with 413, and the chat goes on', async () => {
    const me = await chatSession(app)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(PNG)
    const res = await upload(me.token, big)
    expect(res.status).toBe(413)
    expect((await me.send({ text: '你好' })).status).toBe(200)
  })

  it('takes in the chat only photos uploaded here', async () => {
    const me = await chatSession(app)
    for (const imageUrl of [
      'https://elsewhere.example/phish.jpg',
      'javascript:alert(1)//api/v1/photos/00000000-0000-0000-0000-000000000000.jpg',
      'https://evil.example/api/v1/photos/00000000-0000-0000-0000-000000000000.jpg?x=1',
    ]) {
      const res = await me.send({ imageUrl })
      expect(res.status).toBe(400)
      expect((await res.json()).error.message).toMatch(/上传照片/)
    }
  })

  it('asks for the session token, and does not find a photo that is not there', async () => {
    expect((await upload(null, PNG)).status).toBe(401)
    expect(
      (await app.request('/api/v1/photos/00000000-0000-0000-0000-000000000000.png')).status,
    ).toBe(404)
    expect((await app.request('/api/v1/photos/..%2F..%2Fcomplaints.sqlite')).status).toBe(404)
  })
})
