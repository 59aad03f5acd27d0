import { createReferenceCache } from '../../src/store/reference-cache'
import { createApp } from '../../src/app'
import { parseConfig } from '../../src/config'
import { createLogger } from '../../src/logger'
import type { Store } from '../../src/store/open-database'
import { photosOnDisk } from '../../src/store/photos-on-disk'

/** The app over a given store, with a quiet logger and a clock the test can move. */
export function testApp(store: Store & { dataDir?: string }, env: Record<string, string> = {}) {
  const clock = { now: new Date('2026-11-28T02:00:00Z') }
  const config = parseConfig({ NODE_ENV: 'test', ...env })
  const app = createApp({
    store,
    config,
    reference: createReferenceCache(),
    ...(store.dataDir ? { photos: photosOnDisk(store.dataDir) } : {}),
    logger: createLogger('silent'),
    now: () => clock.now,
  })
  return { app, clock, config }
}

/** Starts a web chat session and returns a function that posts messages in it. */
export async function chatSession(app: ReturnType<typeof createApp>) {
  const res = await app.request('/api/v1/chat/sessions', { method: 'POST' })
  const { token, sessionId } = (await res.json()) as { token: string; sessionId: string }
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  /** Sends a complaint and answers the service's questions (when, confirmation) until it files. */
  const complain = async (text: string) => {
    let body = await (await send({ text })).json()
    for (let i = 0; i < 4 && !body.case; i++) {
      const options: string[] = body.replies?.at(-1)?.options ?? []
      const answer = ['确认提交', '正在发生'].find((o) => options.includes(o))
      if (!answer) break
      body = await (await send({ text: answer })).json()
    }
    return body
  }
  return { token, sessionId, send, complain }
}
