import {
  applyD1Migrations,
  createExecutionContext,
  createScheduledController,
  env,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import worker, { type Env } from '../../src/worker'
import { signatureOf } from '../../src/channels/wechat/verify-signature'
import { chatSession } from '../support/chat-session'
import { surveyBrowser } from '../support/survey-browser'
import { openD1Store } from '../../src/store/d1'
import { createApp } from '../../src/app'
import { parseConfig } from '../../src/config'
import { consoleLogger } from '../../src/console-logger'
import { createReferenceCache } from '../../src/store/reference-cache'

// Every request goes through src/worker.ts inside workerd, on a D1 database migrated from
// migrations/d1 exactly as `wrangler d1 migrations apply` would.
const site = {
  request: (path: string, init?: RequestInit) => SELF.fetch(`https://cz.test${path}`, init),
}

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
})

async function staffToken(): Promise<string> {
  const res = await site.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'worker-admin-2026' }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

/** Fires the cron trigger as of `scheduledTime` and waits until its work is done. */
async function fireCron(scheduledTime = Date.now()) {
  const ctx = createExecutionContext()
  await worker.scheduled(
    createScheduledController({ scheduledTime, cron: '* * * * *' }),
    env as unknown as Env,
    ctx,
  )
  await waitOnExecutionContext(ctx)
}

describe('the Worker on D1', () => {
  it('files a complaint through the web chat API and reads it back', async () => {
    const me = await chatSession(site)
    const filed = await me.complain('钟楼区西林街道小区门口每天晚上广场舞音响太吵')
    expect(filed.case.number).toMatch(/^CZ\d{8}-\d{4}$/)
    expect(filed.replies.map((r: { text: string }) => r.text).join('')).toContain(filed.case.number)

    const mine = await site.request(`/api/v1/my/cases/${filed.case.number}`, {
      headers: { Authorization: `Bearer ${me.token}` },
    })
    expect(mine.status).toBe(200)
    expect(await mine.text()).toContain(filed.case.number)

    const row = await env.DB.prepare('select category, status from cases where number = ?')
      .bind(filed.case.number)
      .first()
    // social-life noise goes to the police since the 2022 noise law: filed, then referred at once
    expect(row).toEqual({ category: 'noise', status: 'transferred' })
  })

  it('gives a retried chat message the first answer and files nothing twice', async () => {
    const me = await chatSession(site)
    await me.send({ text: '新北区薛家镇饭店油烟很大' })
    const before = await env.DB.prepare('select count(*) as n from messages').first<{ n: number }>()
    const first = await me.send({ text: '确认提交' }, { 'Idempotency-Key': 'retry-7' })
    const again = await me.send({ text: '确认提交' }, { 'Idempotency-Key': 'retry-7' })
    expect(await again.json()).toEqual(await first.json())
    const after = await env.DB.prepare('select count(*) as n from messages').first<{ n: number }>()
    expect(after!.n - before!.n).toBe(1)
  })

  it('serves the staff API and the statistics to a signed-in admin', async () => {
    const me = await chatSession(site)
    const filed = await me.complain('武进区湖塘镇工地半夜打桩')
    const token = await staffToken()
    const auth = { headers: { Authorization: `Bearer ${token}` } }

    const one = await site.request(`/api/v1/cases/${filed.case.number}`, auth)
    expect(one.status).toBe(200)
    expect(await one.text()).toContain('湖塘')

    const stats = await site.request('/api/v1/stats/summary', auth)
    expect(stats.status).toBe(200)

    expect((await site.request('/api/v1/cases', {})).status).toBe(401)
  })

  it('takes one anonymous answer per browser to a public survey, and counts it', async () => {
    const token = await staffToken()
    const staff = (method: string, path: string, body?: unknown) =>
      site.request(`/api/v1/public-surveys${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const created = (await (
      await staff('POST', '', {
        title: '秋季满意度调查',
        questions: [{ id: 'overall', text: '您对本市生态环境是否满意？', type: 'rating' }],
      })
    ).json()) as { id: number; slug: string }
    expect((await staff('POST', `/${created.id}/publish`)).status).toBe(200)

    const answer = surveyBrowser(site.request)
    expect((await answer(created.slug, { overall: 'satisfied' })).status).toBe(201)
    expect((await answer(created.slug, { overall: 'dissatisfied' })).status).toBe(409)
    const results = (await (await staff('GET', `/${created.id}/results`)).json()) as {
      responses: number
      questions: { counts: Record<string, number> }[]
    }
    expect(results.responses).toBe(1)
    expect(results.questions[0]!.counts).toMatchObject({ satisfied: 1, dissatisfied: 0 })
    const kept = await env.DB.prepare('select respondent_key from public_survey_responses').all()
    expect(kept.results).toEqual([{ respondent_key: null }])
  })

  it('answers the WeChat Official Account webhook with a signed check', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = '8472615'
    const query = new URLSearchParams({
      timestamp,
      nonce,
      signature: signatureOf(['czeco2026', timestamp, nonce]),
      echostr: 'hello-7381',
    })
    const ok = await site.request(`/wechat/official-account?${query}`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('hello-7381')

    query.set('signature', 'forged')
    expect((await site.request(`/wechat/official-account?${query}`)).status).toBe(401)
  })

  it('is alive and ready once wrangler’s migrations are applied', async () => {
    expect((await site.request('/healthz')).status).toBe(200)
    const ready = await site.request('/readyz')
    expect(await ready.json()).toEqual({ status: 'ready' })
  })

  it('tries the notification outbox when the cron trigger fires, and keeps a failed send for a retry', async () => {
    const now = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare(
        "insert into conversations (id, channel, channel_user_id, language, state, created_at, updated_at) values ('wx-1', 'wechat-oa', 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', 'zh-Hans', '{}', ?1, ?1)",
      ).bind(now),
      env.DB.prepare(
        "insert into notifications (id, conversation_id, text, created_at) values (9001, 'wx-1', '您的投诉已受理', ?1)",
      ).bind(now),
      env.DB.prepare(
        "insert into notification_deliveries (notification_id, channel, recipient, state, next_attempt_at, updated_at) values (9001, 'wechat-oa', 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', 'pending', ?1, ?1)",
      ).bind(now),
    ])
    await fireCron()
    const delivery = await env.DB.prepare(
      'select state, attempts, last_error from notification_deliveries where notification_id = 9001',
    ).first<{ state: string; attempts: number; last_error: string | null }>()
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1 })
    expect(delivery!.last_error).toBeTruthy()
  })

  it('tries to push the Official Account menu when the cron trigger fires, and backs off when WeChat cannot be reached', async () => {
    await fireCron()
    const menu = await env.DB.prepare(
      'select pushed_menu, failures, last_error, next_attempt_at, lease_owner from wechat_menus',
    ).first<{
      pushed_menu: string | null
      failures: number
      last_error: string | null
      next_attempt_at: string
      lease_owner: string | null
    }>()
    expect(menu).toMatchObject({ pushed_menu: null, lease_owner: null })
    expect(menu!.failures).toBeGreaterThanOrEqual(1)
    expect(menu!.last_error).toMatch(/微信接口无法访问/)
    expect(Date.parse(menu!.next_attempt_at)).toBeGreaterThan(Date.now())
  })

  it('answers WeChat pushes kept after `success` whose turn never ran, when the cron trigger fires', async () => {
    const kept = (msgId: string, text: string, minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString()
      return env.DB.prepare(
        "insert into channel_inbox (channel, channel_message_id, channel_user_id, body, received_at, state, updated_at) values ('wechat-oa', ?1, 'o-recovered-1', ?2, ?3, 'pending', ?3)",
      ).bind(msgId, JSON.stringify({ kind: 'text', text }), at)
    }
    await env.DB.batch([
      kept('24500000000000101', '武进区湖塘镇工地每天半夜打桩', 3),
      kept('24500000000000102', '确认提交', 2),
    ])
    // run twice: the second finds nothing left to answer
    await fireCron()
    await fireCron()
    const filed = await env.DB.prepare(
      "select count(*) as n from cases c join conversations v on v.id = c.conversation_id where v.channel_user_id = 'o-recovered-1'",
    ).first<{ n: number }>()
    expect(filed!.n).toBe(1)
    const replies = await env.DB.prepare(
      "select n.text from notifications n join notification_deliveries d on d.notification_id = n.id where d.recipient = 'o-recovered-1' order by n.id",
    ).all<{ text: string }>()
    expect(replies.results).toHaveLength(2)
    expect(replies.results[1]!.text).toMatch(/编号 CZ\d{8}-\d{4}/)
  })

  it('files once when two isolates get the same message three times at once', async () => {
    // two isolates: two stores over the one D1 database, each with its own app
    const apps = [0, 1].map(() =>
      createApp({
        store: openD1Store(env.DB),
        config: parseConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0' }),
        reference: createReferenceCache(),
        logger: consoleLogger('silent'),
        now: () => new Date(),
      }),
    )
    const me = await chatSession(apps[0]!)
    await me.send({ text: '新北区薛家镇化工厂半夜排放刺鼻气味' })
    const cases = () =>
      env.DB.prepare('select count(*) as n from cases where conversation_id = ?')
        .bind(me.sessionId)
        .first<{ n: number }>()
    const confirm = (app: (typeof apps)[number]) =>
      app.request('/api/v1/chat/messages', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${me.token}`,
          'Idempotency-Key': 'confirm-1',
        },
        body: JSON.stringify({ text: '确认提交' }),
      })
    const answers = await Promise.all([apps[0]!, apps[1]!, apps[0]!].map(confirm))
    const ok = answers.filter((r) => r.status === 200)
    expect(ok.length).toBeGreaterThan(0)
    // the others are told it is still being answered, or get the same answer
    for (const r of answers) expect([200, 409]).toContain(r.status)
    expect((await cases())!.n).toBe(1)
  })

  it('answers 503 naming no secret when a setting is wrong, instead of failing every request', async () => {
    const wrong = { ...env, CASE_NUMBER_PREFIX: 'cz-1' } as unknown as Env
    const res = await worker.fetch(
      new Request('https://cz.test/healthz'),
      wrong,
      createExecutionContext(),
    )
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: '服务配置有误，请联系管理员' },
    })
  })

  it('lists the tables through Kysely without touching D1’s own _cf_ tables', async () => {
    const tables = await openD1Store(env.DB).db.introspection.getTables()
    const names = tables.map((t) => t.name)
    expect(names).toContain('cases')
    expect(names.filter((n) => n.startsWith('_cf_'))).toEqual([])
  })

  it('sweeps deadlines when the cron trigger fires', async () => {
    const me = await chatSession(site)
    const filed = await me.complain('天宁区青龙街道化工厂排放刺鼻气味')
    await fireCron(Date.now() + 60 * 24 * 3600_000)
    const row = await env.DB.prepare('select overdue from cases where number = ?')
      .bind(filed.case.number)
      .first<{ overdue: number }>()
    expect(row!.overdue).toBe(1)
    const events = await env.DB.prepare(
      "select count(*) as n from case_events e join cases c on c.id = e.case_id where c.number = ? and e.action = 'overdue'",
    )
      .bind(filed.case.number)
      .first<{ n: number }>()
    expect(events!.n).toBe(1)
  })
})
