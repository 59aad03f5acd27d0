import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'
import { chatSession, testApp } from './support/test-app'

type Who = 'handler' | 'otherHandler' | 'supervisor' | 'admin' | 'analyst' | 'anonymous'
const PEOPLE: [Who, 'handler' | 'supervisor' | 'admin' | 'analyst', string | null][] = [
  ['handler', 'handler', 'wujin-branch'],
  ['otherHandler', 'handler', 'tianning-branch'],
  ['supervisor', 'supervisor', 'wujin-branch'],
  ['admin', 'admin', null],
  ['analyst', 'analyst', null],
]

// Every staff endpoint against every role, on a case of the Wujin branch. Actions carry a stale
// version on purpose: a caller allowed to take them gets 409, so nothing changes between rows.
// ok: 200 or 201; 409: allowed to act but stale; 403: the role may not; 404: not revealed.
describe('who may do what on the staff API', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  const tokens = new Map<Who, string>()
  let number = ''

  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    const signed = await staffApp(store, PEOPLE)
    app = signed.app
    for (const [who] of PEOPLE) tokens.set(who, signed.tokens[who]!)
    number = (await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')).case.number
  })
  afterAll(async () => store.cleanup())

  async function call(who: Who, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (who !== 'anonymous') headers.Authorization = `Bearer ${tokens.get(who)}`
    const res = await app.request(path.replace(':case', number), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return res.status
  }

  const stale = (body: object) => ({ ...body, version: 999 })
  type Row = [string, string, unknown, Record<Who, number>]
  const everyone = (status: number): Record<Who, number> => ({
    handler: status,
    otherHandler: status,
    supervisor: status,
    admin: status,
    analyst: status,
    anonymous: 401,
  })
  const matrix: Row[] = [
    ['GET', '/api/v1/auth/me', undefined, everyone(200)],
    ['GET', '/api/v1/cases', undefined, everyone(200)],
    ['GET', '/api/v1/cases/:case', undefined, { ...everyone(200), otherHandler: 404 }],
    [
      'POST',
      '/api/v1/cases/:case/actions',
      stale({ action: 'accept' }),
      { ...everyone(409), otherHandler: 404, analyst: 403 },
    ],
    [
      'POST',
      '/api/v1/cases/:case/actions',
      stale({ action: 'note', text: '已电话联系' }),
      { ...everyone(409), otherHandler: 404, analyst: 403 },
    ],
    [
      'POST',
      '/api/v1/cases/:case/actions',
      stale({ action: 'escalate', note: '请加快' }),
      { ...everyone(409), handler: 403, otherHandler: 404, analyst: 403 },
    ],
    [
      'POST',
      '/api/v1/cases/:case/actions',
      stale({ action: 'reroute', department: 'tianning-branch', reason: '属天宁' }),
      { ...everyone(409), handler: 403, otherHandler: 404, analyst: 403 },
    ],
    [
      'POST',
      '/api/v1/cases/:case/actions',
      stale({ action: 'merge', into: 'CZ20261127-0001' }),
      { ...everyone(409), handler: 403, otherHandler: 404, analyst: 403 },
    ],
    // this resident left no number: whoever may look is told so; analysts may not look at all
    ['POST', '/api/v1/cases/:case/reveal-phone', undefined, { ...everyone(404), analyst: 403 }],
    [
      'POST',
      '/api/v1/cases/:case/merge-suggestions/dismiss',
      undefined,
      { ...everyone(200), handler: 403, otherHandler: 404, analyst: 403 },
    ],
    // the bureau's statistics are for supervisors, analysts and admins, not the handlers' queue
    ...['summary', 'trends', 'satisfaction', 'hotspots', 'export.csv'].map((what): Row => [
      'GET',
      `/api/v1/stats/${what}?year=2026`,
      undefined,
      { ...everyone(200), handler: 403, otherHandler: 403 },
    ]),
    ['GET', '/api/v1/routing-rules', undefined, everyone(200)],
    // the assignee list: one's own department only; analysts assign no one
    ['GET', '/api/v1/staff', undefined, { ...everyone(200), analyst: 403 }],
    [
      'GET',
      '/api/v1/staff?department=wujin-branch',
      undefined,
      { ...everyone(200), otherHandler: 403, analyst: 403 },
    ],
    // an admin may write rules: an empty body is refused as bad input, not as forbidden
    ['POST', '/api/v1/routing-rules', {}, { ...everyone(403), admin: 400 }],
    ['PUT', '/api/v1/routing-rules/1', {}, { ...everyone(403), admin: 400 }],
    ['DELETE', '/api/v1/routing-rules/1', undefined, { ...everyone(403), admin: 400 }],
    ['GET', '/api/v1/calendar/status', undefined, everyone(200)],
    ['GET', '/api/v1/calendar/2027', undefined, everyone(200)],
    ['PUT', '/api/v1/calendar/2027', {}, { ...everyone(403), admin: 400 }],
    // public surveys: analysts read them; only admins write them and the WeChat menu
    ['GET', '/api/v1/public-surveys', undefined, { ...everyone(403), admin: 200, analyst: 200 }],
    ['POST', '/api/v1/public-surveys', {}, { ...everyone(403), admin: 400 }],
    ['GET', '/api/v1/wechat/menu', undefined, { ...everyone(403), admin: 200 }],
    // no Official Account is configured here: an admin is told so, everyone else is refused
    ['POST', '/api/v1/wechat/menu/sync', undefined, { ...everyone(403), admin: 409 }],
  ]

  it.each(matrix)('%s %s %j', async (method, path, body, expected) => {
    const got: Record<string, number> = {}
    for (const who of Object.keys(expected) as Who[]) got[who] = await call(who, method, path, body)
    expect(got).toEqual(expected)
  })

  it('refuses to transfer a case to another branch or merge it into itself (400, nothing changes)', async () => {
    const act = (body: object) =>
      call('supervisor', 'POST', '/api/v1/cases/:case/actions', { version: 1, ...body })
    expect(await act({ action: 'transfer', agency: 'tianning-branch', reason: '属天宁' })).toBe(400)
    expect(await act({ action: 'merge', into: number })).toBe(400)
    expect(await act({ action: 'merge', into: 'CZ20261127-0001' })).toBe(400)
    const row = await store.db.selectFrom('cases').select(['status', 'version']).executeTakeFirst()
    expect(row).toEqual({ status: 'new', version: 1 })
  })
})
