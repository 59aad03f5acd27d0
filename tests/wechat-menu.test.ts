import { afterEach, beforeEach, expect, it } from 'vitest'
import { menuSyncFor, syncWechatMenu } from '../src/jobs/sync-wechat-menu'
import { parseConfig } from '../src/config'
import { createLogger } from '../src/logger'
import type { Store } from '../src/store/open-database'
import { startFakeWechat } from './support/fake-wechat'
import { staffApp } from './support/staff'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'

const SECRET = 'appsecret-7f3e9c1d2b'
const BASE_URL = 'https://hb.changzhou.example.gov.cn'

describeEachDialect('the WeChat menu entry of a public survey', (open) => {
  let store: TestStore
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  let staff = {} as Awaited<ReturnType<typeof staffApp>>
  let env: Record<string, string>

  beforeEach(async () => {
    store = await migratedStore(open)
    wechat = await startFakeWechat(SECRET)
    env = {
      WECHAT_APPID: 'wx134c8103faa5a59e',
      WECHAT_APPSECRET: SECRET,
      WECHAT_API_BASE: wechat.base,
      PUBLIC_BASE_URL: BASE_URL,
    }
    staff = await staffApp(store, people, env)
  })
  afterEach(async () => {
    await wechat.close()
    await store.cleanup()
  })

  const people = [
    ['root', 'admin', null],
    ['li', 'analyst', null],
  ] as const
  /** Another server instance of the same deployment, with its own menu sync. */
  const instance = (s: Store) =>
    menuSyncFor(parseConfig({ NODE_ENV: 'test', ...env }), s.db, createLogger('silent'))!
  const createSurvey = async (title: string, menuLabel?: string) => {
    const created = await staff.call('root', 'POST', '/api/v1/public-surveys', {
      title,
      ...(menuLabel ? { menuLabel } : {}),
      questions: [{ id: 'overall', text: '您对本市生态环境质量是否满意？', type: 'rating' }],
    })
    expect(created.status).toBe(201)
    return created.body as { id: number; slug: string }
  }
  const surveyEntry = (menu: { button: { name: string; sub_button?: unknown[] }[] }) =>
    menu.button.find((b) => b.name === '问卷调查') as
      { sub_button: { name: string; url: string }[] } | undefined

  it('puts a survey into the account’s menu when it is published, and takes it out when closed', async () => {
    const { id, slug } = await createSurvey('2026年常州市生态环境公众满意度调查', '年度满意度')
    const published = await staff.call('root', 'POST', `/api/v1/public-surveys/${id}/publish`)
    expect(published.body).toMatchObject({
      menuSync: 'pushed',
      inMenu: true,
      publicUrl: `${BASE_URL}/surveys/${slug}`,
    })

    const menu = wechat.menus().at(-1)!
    expect(menu.button.map((b) => b.name)).toEqual(['我要投诉', '我的投诉', '问卷调查'])
    // through WeChat's silent authorisation, which comes back to the survey page with a code
    const link = new URL(surveyEntry(menu)!.sub_button[0]!.url)
    expect(surveyEntry(menu)!.sub_button[0]!.name).toBe('年度满意度')
    expect(`${link.origin}${link.pathname}${link.hash}`).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize#wechat_redirect',
    )
    expect(Object.fromEntries(link.searchParams)).toEqual({
      appid: env.WECHAT_APPID,
      redirect_uri: `${BASE_URL}/surveys/${slug}`,
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'survey',
    })
    const status = await staff.call('root', 'GET', '/api/v1/wechat/menu')
    expect(status.body).toMatchObject({
      configured: true,
      sync: { pending: false, lastError: null, syncedAt: expect.any(String) },
    })

    const closed = await staff.call('root', 'POST', `/api/v1/public-surveys/${id}/close`)
    expect(closed.body).toMatchObject({ menuSync: 'pushed', inMenu: false })
    expect(wechat.menus()).toHaveLength(2)
    expect(surveyEntry(wechat.menus().at(-1)!)).toBeUndefined()
  })

  it('keeps the survey published when WeChat refuses the menu, and pushes it after the back-off', async () => {
    const { id } = await createSurvey('秋季噪声专项调查')
    wechat.queued.menu.push(45064)
    const published = await staff.call('root', 'POST', `/api/v1/public-surveys/${id}/publish`)
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ status: 'published', menuSync: 'failed' })
    const status = await staff.call('root', 'GET', '/api/v1/wechat/menu')
    expect(status.body.sync).toMatchObject({
      pending: true,
      lastError: expect.stringMatching(/45064/),
    })

    // the job does not hammer WeChat during the back-off, and pushes once it is over
    const sync = instance(store)
    const now = staff.clock.now
    expect(await syncWechatMenu(store, sync, now)).toBe('waiting')
    expect(await syncWechatMenu(store, sync, new Date(now.getTime() + 61_000))).toBe('pushed')
    expect(surveyEntry(wechat.menus().at(-1)!)!.sub_button[0]!.name).toBe('秋季噪声专项调查')
    expect((await staff.call('root', 'GET', '/api/v1/wechat/menu')).body.sync).toMatchObject({
      pending: false,
      lastError: null,
    })
  })

  it('pushes a changed menu once, however many instances sync at the same moment, and not again', async () => {
    const { id } = await createSurvey('第一期调查')
    await store.db
      .updateTable('public_surveys')
      .set({ status: 'published', published_at: '2026-11-28T01:00:00.000Z' })
      .where('id', '=', id)
      .execute()
    const second = store.reopen()
    try {
      const now = new Date()
      const outcomes = await Promise.all([
        syncWechatMenu(store, instance(store), now),
        syncWechatMenu(second, instance(second), now),
        syncWechatMenu(store, instance(store), now),
      ])
      expect(outcomes.filter((o) => o === 'pushed')).toHaveLength(1)
      expect(wechat.menus()).toHaveLength(1)
      expect(await syncWechatMenu(second, instance(second), now)).toBe('in-step')
      expect(wechat.menus()).toHaveLength(1)
    } finally {
      await second.close()
    }
  })

  it('says why when an admin pushes the menu by hand and WeChat refuses it', async () => {
    wechat.queued.menu.push(48001)
    const refused = await staff.call('root', 'POST', '/api/v1/wechat/menu/sync')
    expect(refused.status).toBe(502)
    expect(refused.body.error).toMatchObject({
      code: 'UPSTREAM_REFUSED',
      message: expect.stringMatching(/微信未接受菜单.*48001/),
    })
    const again = await staff.call('root', 'POST', '/api/v1/wechat/menu/sync')
    expect(again.status).toBe(200)
    expect(again.body.sync).toMatchObject({ pending: false, lastError: null })
    expect(wechat.menus()).toHaveLength(1)
  })

  it('takes one answer per WeChat follower, on any phone, without keeping the OpenID', async () => {
    const { id, slug } = await createSurvey('秋季噪声专项调查')
    await staff.call('root', 'POST', `/api/v1/public-surveys/${id}/publish`)
    /** A phone opening the menu entry: WeChat sends it back with a one-time code. */
    const phone = async (code: string, browserCookie?: string) => {
      const back = await staff.app.request(`/surveys/${slug}?code=${code}&state=survey`, {
        headers: browserCookie ? { Cookie: browserCookie } : {},
      })
      expect(back.status).toBe(302)
      expect(back.headers.get('location')).toBe(`/surveys/${slug}`) // the code is not reused
      const cookie = back.headers.get('set-cookie')?.split(';')[0] ?? ''
      const page = async () =>
        (await staff.app.request(`/surveys/${slug}`, { headers: { Cookie: cookie } })).text()
      const answer = async () =>
        (
          await staff.app.request(`/api/v1/public-surveys/${slug}/responses`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Cookie: cookie },
            body: JSON.stringify({ answers: { overall: 'satisfied' } }),
          })
        ).status
      return { cookie, page, answer }
    }
    const first = await phone('CODE1-oFollowerA')
    expect(await first.answer()).toBe(201)
    // the same follower on another phone is recognised: the page says so and a second answer is refused
    const second = await phone('CODE2-oFollowerA')
    expect(second.cookie).toBe(first.cookie)
    expect(await second.page()).toContain('您已参与过本次问卷调查')
    expect(await second.answer()).toBe(409)
    expect(await (await phone('CODE3-oFollowerB')).answer()).toBe(201)
    // a phone that already holds a browser id (from a plain link) is still known as the follower
    const plain = await staff.app.request(`/surveys/${slug}`)
    const browserCookie = plain.headers.get('set-cookie')!.split(';')[0]!
    const third = await phone('CODE4-oFollowerA', browserCookie)
    expect(third.cookie).toBe(first.cookie)
    expect(await third.answer()).toBe(409)
    // a code WeChat no longer accepts still opens the survey, answered once per browser
    const stale = await phone('CODE1-oFollowerA')
    expect(stale.cookie).toBe('')
    const rows = await store.db.selectFrom('public_survey_responses').selectAll().execute()
    expect(rows).toHaveLength(2)
    expect(JSON.stringify(rows)).not.toMatch(/oFollower/)
  })

  it('refuses a menu name longer than WeChat shows, and writes nothing', async () => {
    const before = await countRows(store, 'public_surveys')
    const refused = await staff.call('root', 'POST', '/api/v1/public-surveys', {
      title: '调查',
      menuLabel: '2026年度生态环境满意度',
      questions: [{ id: 'q', text: '满意吗？', type: 'rating' }],
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toMatch(/菜单名称最多 8 个汉字/)
    expect(await countRows(store, 'public_surveys')).toBe(before)
  })

  it('is for admins only', async () => {
    expect((await staff.call('li', 'GET', '/api/v1/wechat/menu')).status).toBe(403)
    expect((await staff.call('li', 'POST', '/api/v1/wechat/menu/sync')).status).toBe(403)
    expect(wechat.menus()).toHaveLength(0)
  })
})

describeEachDialect('the WeChat menu without an Official Account', (open) => {
  let store: TestStore
  afterEach(async () => store.cleanup())

  it('publishes surveys as links only, and says the account is not configured', async () => {
    store = await migratedStore(open)
    const staff = await staffApp(store, [['root', 'admin', null]])
    const created = await staff.call('root', 'POST', '/api/v1/public-surveys', {
      title: '调查',
      questions: [{ id: 'q', text: '满意吗？', type: 'rating' }],
    })
    const published = await staff.call(
      'root',
      'POST',
      `/api/v1/public-surveys/${created.body.id}/publish`,
    )
    expect(published.body).toMatchObject({
      menuSync: 'not_configured',
      inMenu: false,
      link: `/surveys/${created.body.slug}`,
      publicUrl: null,
    })
    expect((await staff.call('root', 'GET', '/api/v1/wechat/menu')).body).toMatchObject({
      configured: false,
      warnings: [expect.stringMatching(/PUBLIC_BASE_URL/)],
      sync: { pending: false, syncedAt: null },
    })
    const sync = await staff.call('root', 'POST', '/api/v1/wechat/menu/sync')
    expect(sync.status).toBe(409)
    expect(sync.body.error.message).toMatch(/未配置公众号/)
  })
})
