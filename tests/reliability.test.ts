import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type ServerProcess } from './support/server-process'

// The Node server as a process of its own, killed and stopped the ways production stops it.

let dataDir: string
let servers: ServerProcess[]
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cz-reliability-'))
  servers = []
})
afterEach(async () => {
  for (const s of servers)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
  await Promise.all(servers.map((s) => s.exited))
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(env: Record<string, string> = {}) {
  const server = await startServer({ DATA_DIR: dataDir, ...env })
  servers.push(server)
  return server
}

interface Acknowledged {
  sessionId: string
  messageId: string
}

/** One resident filing complaint after complaint until the server goes away or time is up. */
async function resident(
  server: ServerProcess,
  i: number,
  acknowledged: Acknowledged[],
  announced: { token: string; number: string }[],
  until: number,
) {
  const session = await server.request('/api/v1/chat/sessions', { method: 'POST' })
  const { sessionId, token } = (await session.json()) as { sessionId: string; token: string }
  const send = async (text: string) => {
    const messageId = randomUUID()
    const res = await server.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ text, clientMessageId: messageId }),
    })
    const body = (await res.json()) as {
      replies: { options?: string[] }[]
      case?: { number: string }
    }
    if (res.status !== 200) throw new Error(`status ${res.status}`)
    acknowledged.push({ sessionId, messageId })
    if (body.case) announced.push({ token, number: body.case.number })
    return body
  }
  try {
    for (let n = 0; Date.now() < until; n++) {
      let body = await send(`武进区湖塘镇第${i}-${n}号工厂每天冒黑烟`)
      for (let step = 0; step < 4 && !body.case; step++) {
        const answer = ['确认提交', '正在发生'].find((o) =>
          body.replies.at(-1)?.options?.includes(o),
        )
        if (!answer) break
        body = await send(answer)
      }
    }
  } catch {
    // the server was killed under this resident: what it acknowledged before is what counts
  }
}

// each test starts the server (tsx, migrations) once or twice: slow on a busy machine
describe('the Node server process', () => {
  it('loses no acknowledged message and no announced case when killed with SIGKILL under load', async () => {
    const first = await start()
    const acknowledged: Acknowledged[] = []
    const announced: { token: string; number: string }[] = []
    const until = Date.now() + 30_000
    const load = Promise.all(
      Array.from({ length: 12 }, (_, i) => resident(first, i, acknowledged, announced, until)),
    )
    // kill it in the thick of it: once cases are being filed
    while (announced.length < 10 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    first.child.kill('SIGKILL')
    await load
    expect(await first.exited).toBe('SIGKILL')
    expect(announced.length).toBeGreaterThanOrEqual(10)

    const again = await start()
    expect((await again.request('/readyz')).status).toBe(200)
    for (const { token, number } of announced) {
      const res = await again.request(`/api/v1/my/cases/${number}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(res.status, number).toBe(200)
    }

    const db = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
    try {
      const stored = new Set(
        (db.prepare('select channel_message_id as id from messages').all() as { id: string }[]).map(
          (r) => r.id,
        ),
      )
      const lost = acknowledged.filter((a) => !stored.has(`${a.sessionId}:${a.messageId}`))
      expect(lost).toEqual([])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  }, 90_000)

  it('on SIGTERM finishes the requests in flight, then closes the database and exits', async () => {
    const server = await start()
    const { sessionId, token } = (await (
      await server.request('/api/v1/chat/sessions', { method: 'POST' })
    ).json()) as { sessionId: string; token: string }

    // a message whose body is still arriving when the signal comes
    const body = JSON.stringify({ text: '新北区薛家镇饭店油烟很大', clientMessageId: 'in-flight' })
    const { port } = new URL(server.url)
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/chat/messages',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            Authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode!, text }))
        },
      )
      req.on('error', reject)
      const bytes = Buffer.from(body)
      req.write(bytes.subarray(0, 10))
      setTimeout(() => {
        server.child.kill('SIGTERM')
        setTimeout(() => req.end(bytes.subarray(10)), 300)
      }, 200)
    })

    const res = await answered
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text).replies.length).toBeGreaterThan(0)
    expect(await server.exited).toBe(0)
    // closed cleanly: the last connection's close folds the WAL into the database and removes it
    expect(existsSync(join(dataDir, 'complaints.sqlite-wal'))).toBe(false)
    const db = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
    const stored = db
      .prepare('select count(*) as n from messages where channel_message_id = ?')
      .get(`${sessionId}:in-flight`) as { n: number }
    db.close()
    expect(stored.n).toBe(1)
  }, 90_000)

  it('answers the WeChat pushes a killed process had acknowledged with `success`, once it starts again', async () => {
    const first = await start()
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    // what the process had kept before it died: a complaint and its confirmation, each answered
    // `success` while their turns were still waiting for the database
    const db = new SQLite(join(dataDir, 'complaints.sqlite'))
    const keep = db.prepare(
      "insert into channel_inbox (channel, channel_message_id, channel_user_id, body, received_at, state, updated_at) values ('wechat-oa', ?, 'o-killed-1', ?, ?, 'pending', ?)",
    )
    const pushes = ['武进区湖塘镇工地每天半夜打桩', '确认提交']
    pushes.forEach((text, i) => {
      const at = new Date(Date.now() - (3 - i) * 60_000).toISOString()
      keep.run(`2450000000000030${i}`, JSON.stringify({ kind: 'text', text }), at, at)
    })
    db.close()

    await start()
    const read = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
    try {
      const filed = read.prepare(
        "select c.number from cases c join conversations v on v.id = c.conversation_id where v.channel_user_id = 'o-killed-1'",
      )
      for (let i = 0; i < 300 && filed.all().length === 0; i++)
        await new Promise((r) => setTimeout(r, 50))
      const cases = filed.all() as { number: string }[]
      expect(cases).toHaveLength(1)
      const replies = read
        .prepare(
          "select n.text from notifications n join notification_deliveries d on d.notification_id = n.id where d.recipient = 'o-killed-1' order by n.id",
        )
        .all() as { text: string }[]
      expect(replies.at(-1)!.text).toContain(cases[0]!.number)
    } finally {
      read.close()
    }
  }, 90_000)

  it('cuts off clients that trickle headers or a body, and refuses bodies over the limit', async () => {
    const server = await start({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      JSON_BODY_LIMIT_BYTES: '4096',
    })
    const { port } = new URL(server.url)
    /** writes raw bytes and resolves with what the server said before it closed the connection */
    const raw = (bytes: string) =>
      new Promise<{ reply: string; ms: number }>((resolve) => {
        const started = Date.now()
        let reply = ''
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes))
        socket.on('data', (c) => (reply += c))
        socket.on('close', () => resolve({ reply, ms: Date.now() - started }))
        socket.on('error', () => undefined)
        setTimeout(() => socket.destroy(), 10_000)
      })

    const slowHeaders = raw('POST /api/v1/chat/messages HTTP/1.1\r\nHost: cz\r\nX-Slow: ')
    const slowBody = raw(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: cz\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"a":',
    )
    // meanwhile everyone else is served
    expect((await server.request('/healthz')).status).toBe(200)
    const [headers, body] = await Promise.all([slowHeaders, slowBody])
    expect(headers.reply).toMatch(/^HTTP\/1\.1 408/)
    expect(headers.ms).toBeLessThan(5000)
    expect(body.reply).toMatch(/^HTTP\/1\.1 408/)
    expect(body.ms).toBeLessThan(6000)

    const { token } = (await (
      await server.request('/api/v1/chat/sessions', { method: 'POST' })
    ).json()) as { token: string }
    const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }
    const big = JSON.stringify({ text: '噪'.repeat(5000) })
    const declared = await server.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: auth,
      body: big,
    })
    expect(declared.status).toBe(413)
    expect((await declared.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    // the same without a Content-Length: counted as it streams in
    const chunks = new TextEncoder().encode(big)
    const streamed = await server.request('/api/v1/chat/messages', {
      method: 'POST',
      headers: auth,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < chunks.length; i += 1000)
            controller.enqueue(chunks.slice(i, i + 1000))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    const db = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
    const messages = db.prepare('select count(*) as n from messages').get() as { n: number }
    db.close()
    expect(messages.n).toBe(0)
  }, 90_000)
})
