import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signatureOf } from '../src/channels/wechat/verify-signature'
import { createLogger } from '../src/logger'
import { ensureAdmin } from '../src/use-cases/ensure-admin'
import { chatSession } from './support/chat-session'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

// Random and malformed input against every endpoint, through app.request: whatever comes in,
// the answer is never a 5xx, and an answer that refuses the request (4xx) has written nothing.

const WECHAT_TOKEN = 'czeco2026'
const ADMIN_PASSWORD = 'fuzzing-admin-2026'

let store: TestStore
let app: ReturnType<typeof testApp>['app']
let clock: ReturnType<typeof testApp>['clock']
let chatToken: string
let staffToken: string
let caseNumber: string
let tables: string[]

beforeAll(async () => {
  store = await migratedStore(dialects[0]!.open)
  ;({ app, clock } = testApp(store, {
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
    LOGIN_ATTEMPTS_PER_MINUTE: '0',
    WECHAT_TOKEN,
  }))
  await ensureAdmin(store.db, ADMIN_PASSWORD, createLogger('silent'), clock.now)
  const resident = await chatSession(app)
  chatToken = resident.token
  caseNumber = (await resident.complain('武进区湖塘镇工厂每天冒黑烟')).case.number
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  staffToken = ((await login.json()) as { token: string }).token
  const rows = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
    store.db,
  )
  tables = rows.rows.map((r) => r.name)
})
afterAll(async () => store.cleanup())

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(
      store.db,
    )
    counts[t] = Number(rows[0]!.n)
  }
  return counts
}

const ENDPOINTS: [method: string, path: string][] = [
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['POST', '/api/v1/chat/sessions'],
  ['POST', '/api/v1/chat/messages'],
  ['GET', '/api/v1/chat/messages'],
  ['GET', '/api/v1/chat/events'],
  ['GET', '/api/v1/my/cases'],
  ['GET', '/api/v1/my/cases/:number'],
  ['POST', '/api/v1/my/cases/:number/survey'],
  ['POST', '/api/v1/photos'],
  ['GET', '/api/v1/photos/:name'],
  ['POST', '/api/v1/classify'],
  ['POST', '/api/v1/auth/login'],
  ['GET', '/api/v1/auth/me'],
  ['GET', '/api/v1/cases'],
  ['GET', '/api/v1/cases/:number'],
  ['POST', '/api/v1/cases/:number/actions'],
  ['POST', '/api/v1/cases/:number/merge-suggestions/dismiss'],
  ['POST', '/api/v1/auth/logout'],
  ['GET', '/api/v1/stats/summary'],
  ['GET', '/api/v1/stats/trends'],
  ['GET', '/api/v1/stats/export.csv'],
  ['GET', '/api/v1/stats/satisfaction'],
  ['GET', '/api/v1/stats/hotspots'],
  ['GET', '/wechat/official-account'],
  ['POST', '/wechat/official-account'],
  ['GET', '/'],
  ['GET', '/console'],
  ['GET', '/console/cases/:number'],
]

// header values a client can send at all: visible ASCII, no CR/LF
const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))
const text = fc.string({ unit: 'binary', maxLength: 200 })

const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }).map((json) => ({ type: 'application/json', body: json })),
  // JSON shaped like what the endpoints read, with wrong or odd values
  fc
    .record(
      {
        text: fc.oneof(text, fc.integer(), fc.constant(null)),
        clientMessageId: fc.oneof(text, fc.array(fc.integer())),
        rating: fc.oneof(fc.constantFrom('satisfied', 'dissatisfied', '满意'), text),
        action: fc.constantFrom('accept', 'resolve', 'merge', 'close', 'note', '__proto__'),
        version: fc.oneof(fc.integer(), text),
        username: text,
        password: text,
        location: fc.record({ lat: fc.double(), lng: fc.double(), label: text }),
      },
      { requiredKeys: [] },
    )
    .map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  text.map((s) => ({ type: 'application/json', body: s })),
  fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 5 }).map((d) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(d).toString(),
  })),
  fc
    .tuple(fc.constantFrom('text', 'event', 'image', 'location', 'voice', '<'), text, text)
    .map(([kind, content, from]) => ({
      type: 'text/xml',
      body: `<xml><ToUserName>gh_1</ToUserName><FromUserName>${from}</FromUserName><CreateTime>1795831200</CreateTime><MsgType>${kind}</MsgType><Content>${content}</Content><MsgId>${content.length}</MsgId>`,
    })),
  fc
    .uint8Array({ maxLength: 300 })
    .map((bytes) => ({ type: 'application/octet-stream', body: bytes })),
)

const request = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  param: fc.oneof(fc.constant('real'), text),
  auth: fc.constantFrom('none', 'resident', 'staff', 'garbage'),
  garbageAuth: headerValue,
  query: fc.oneof(
    fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'status',
        'year',
        'from',
        'to',
        'category',
        'district',
        'lang',
        'q',
        'token',
        'echostr',
        'x',
      ),
      text,
      { maxKeys: 4 },
    ),
    fc.constant('signed' as const),
  ),
  rawQuery: fc.option(fc.string({ maxLength: 40 }).map((s) => s.replace(/[#\s]/g, ''))),
  body,
  contentType: fc.option(headerValue),
  headers: fc.dictionary(
    fc.constantFrom(
      'Idempotency-Key',
      'Last-Event-ID',
      'Cookie',
      'Accept-Language',
      'X-Forwarded-For',
    ),
    headerValue,
    { maxKeys: 3 },
  ),
})

type Fuzzed = typeof request extends fc.Arbitrary<infer T> ? T : never

function build(r: Fuzzed): [string, RequestInit] {
  const [method, template] = r.endpoint
  const param = r.param === 'real' ? caseNumber : encodeURIComponent(r.param) || 'x'
  let path = template.replace(/:number|:name/, param)
  if (r.query === 'signed') {
    const timestamp = String(Math.floor(clock.now.getTime() / 1000))
    const nonce = '8472615'
    path += `?${new URLSearchParams({ timestamp, nonce, signature: signatureOf([WECHAT_TOKEN, timestamp, nonce]) })}`
  } else if (Object.keys(r.query).length > 0) {
    path += `?${new URLSearchParams(r.query)}`
  } else if (r.rawQuery) {
    path += `?${r.rawQuery}`
  }
  const headers: Record<string, string> = { ...r.headers }
  if (r.auth === 'resident') headers.Authorization = `Bearer ${chatToken}`
  // signing the one staff session out would leave the rest of the run without it
  if (r.auth === 'staff' && template !== '/api/v1/auth/logout')
    headers.Authorization = `Bearer ${staffToken}`
  if (r.auth === 'garbage') headers.Authorization = r.garbageAuth
  const init: RequestInit = { method, headers }
  if (r.body && method !== 'GET') {
    headers['Content-Type'] = r.contentType ?? r.body.type
    init.body = r.body.body as BodyInit
  }
  return [path, init]
}

describe('fuzzing every endpoint', () => {
  it('never answers 5xx, and writes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const [path, init] = build(r)
        const before = await rowCounts()
        const res = await app.request(path, init)
        // an event stream stays open: what matters is how it started
        if (res.headers.get('content-type')?.startsWith('text/event-stream'))
          await res.body?.cancel()
        else await res.arrayBuffer()
        expect(res.status, `${init.method} ${path}`).toBeLessThan(500)
        if (res.status >= 400) expect(await rowCounts(), `${init.method} ${path}`).toEqual(before)
      }),
      { numRuns: 400 },
    )
  })
})
