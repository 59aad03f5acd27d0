import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

describe('rate limits on resident chat', () => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
  })
  afterEach(async () => store.cleanup())

  const messageCount = () => countRows(store, 'messages')

  it('answers a session that writes too fast with 429 and Retry-After, stores nothing, and lets it go on next minute', async () => {
    const { app, clock } = testApp(store, { RATE_LIMIT_PER_MINUTE: '3' })
    clock.now = new Date('2026-11-28T02:00:15Z')
    const me = await chatSession(app)
    for (let i = 0; i < 3; i++) expect((await me.send({ text: `你好${i}` })).status).toBe(200)
    const before = await messageCount()
    const limited = await me.send({ text: '你好' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('45')
    expect((await limited.json()).error).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/45 秒后再试/),
    })
    expect(await messageCount()).toBe(before)

    const other = await chatSession(app)
    expect((await other.send({ text: '你好' })).status).toBe(200)

    clock.now = new Date('2026-11-28T02:01:01Z')
    expect((await me.send({ text: '你好' })).status).toBe(200)
  })

  it('limits one address minting many sessions', async () => {
    const { app } = testApp(store, {
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '2',
    })
    const post = () =>
      app.request('/api/v1/chat/sessions', {
        method: 'POST',
        headers: { 'cf-connecting-ip': '203.0.113.7' },
      })
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(429)
    const elsewhere = await app.request('/api/v1/chat/sessions', {
      method: 'POST',
      headers: { 'cf-connecting-ip': '203.0.113.8' },
    })
    expect(elsewhere.status).toBe(201)
  })

  it('is off when RATE_LIMIT_PER_MINUTE is 0, as for benchmarks', async () => {
    const { app } = testApp(store, {
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1',
    })
    const me = await chatSession(app)
    for (let i = 0; i < 5; i++) expect((await me.send({ text: `你好${i}` })).status).toBe(200)
  })
})
