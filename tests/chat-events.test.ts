import { afterEach, beforeEach, expect, it } from 'vitest'
import { notifyResident } from '../src/store/notifications'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { chatSession, testApp } from './support/test-app'

/** Reads server-sent events from a response until `count` have come, or fails after a while. */
async function readEvents(
  res: Response,
  count: number,
): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const events: { id: string; data: Record<string, unknown> }[] = []
  const deadline = Date.now() + 5000
  try {
    while (events.length < count && Date.now() < deadline) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const id = /^id: (.*)$/m.exec(frame)?.[1]
        const data = /^data: (.*)$/m.exec(frame)?.[1]
        if (id && data) events.push({ id, data: JSON.parse(data) })
      }
    }
  } finally {
    await reader.cancel()
  }
  return events
}

describeEachDialect('pushed messages (server-sent events)', (open) => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(open)
    app = testApp(store, { SSE_POLL_MS: '20' }).app
  })
  afterEach(async () => store.cleanup())

  const notify = (conversationId: string, text: string) =>
    notifyResident(store.db, { conversationId, caseId: null, text, now: new Date() })

  it('pushes a later message to the resident’s open page', async () => {
    const me = await chatSession(app)
    const res = await app.request('/api/v1/chat/events', {
      headers: { Authorization: `Bearer ${me.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    setTimeout(() => void notify(me.sessionId, '您的投诉已受理'), 50)
    const [event] = await readEvents(res, 1)
    expect(event!.data).toMatchObject({ text: '您的投诉已受理' })
  })

  it('resumes after the last event seen, so nothing is lost across a reconnect', async () => {
    const me = await chatSession(app)
    await notify(me.sessionId, '第一条')
    await notify(me.sessionId, '第二条')
    const res = await app.request(`/api/v1/chat/events?token=${me.token}`, {
      headers: { 'Last-Event-ID': '1' },
    })
    const events = await readEvents(res, 1)
    expect(events.map((e) => e.data.text)).toEqual(['第二条'])
  })

  it('tells a page opened before any message where it starts, so a reconnect gets a notice sent in the gap', async () => {
    const me = await chatSession(app)
    const first = await app.request(`/api/v1/chat/events?token=${me.token}`)
    const reader = first.body!.getReader()
    const opening = new TextDecoder().decode((await reader.read()).value)
    await reader.cancel()
    // what the browser's EventSource sends back as Last-Event-ID when it reconnects
    const lastEventId = /^id: ?(\d+)$/m.exec(opening)?.[1]
    expect(lastEventId).toBe('0')
    await notify(me.sessionId, '您的投诉已受理')
    const again = await app.request(`/api/v1/chat/events?token=${me.token}`, {
      headers: { 'Last-Event-ID': lastEventId! },
    })
    const events = await readEvents(again, 1)
    expect(events.map((e) => e.data.text)).toEqual(['您的投诉已受理'])
  })

  it('sends nothing meant for another resident', async () => {
    const me = await chatSession(app)
    const other = await chatSession(app)
    const res = await app.request(`/api/v1/chat/events?token=${me.token}&lastEventId=0`)
    await notify(other.sessionId, '别人的消息')
    await notify(me.sessionId, '我的消息')
    const events = await readEvents(res, 1)
    expect(events.map((e) => e.data.text)).toEqual(['我的消息'])
  })

  it('refuses a fifth open stream for one session, and frees a place when one closes', async () => {
    const me = await chatSession(app)
    const open = () => app.request(`/api/v1/chat/events?token=${me.token}`)
    const streams = await Promise.all([open(), open(), open(), open()])
    expect(streams.map((r) => r.status)).toEqual([200, 200, 200, 200])
    const fifth = await open()
    expect(fifth.status).toBe(429)
    await streams[0]!.body!.cancel()
    await new Promise((r) => setTimeout(r, 100))
    const again = await open()
    expect(again.status).toBe(200)
    for (const s of [...streams.slice(1), again]) await s.body!.cancel()
  })

  it('asks for the session token', async () => {
    expect((await app.request('/api/v1/chat/events')).status).toBe(401)
    expect((await app.request('/api/v1/chat/events?token=nonsense')).status).toBe(401)
  })
})
