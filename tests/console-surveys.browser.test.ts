import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../src/domain/staff/password'
import { insertStaff } from '../src/store/staff'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { startFakeWechat } from './support/fake-wechat'
import { STAFF_PASSWORD } from './support/staff'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'

const SECRET = 'appsecret-7f3e9c1d2b'

describe.runIf(browserAvailable)('public surveys in the console, in a real browser', () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    const passwordHash = await hashPassword(STAFF_PASSWORD)
    for (const [username, role, departmentId] of [
      ['root', 'admin', null],
      ['li', 'analyst', null],
      ['wang', 'handler', 'wujin-branch'],
    ] as const)
      await insertStaff(store.db, {
        username,
        displayName: username,
        role,
        departmentId,
        passwordHash,
        now: new Date(),
      })
    // an Official Account (WeChat's API faked locally), so published surveys go into its menu
    wechat = await startFakeWechat(SECRET)
    server = await startServer(store, {
      WECHAT_APPID: 'wx134c8103faa5a59e',
      WECHAT_APPSECRET: SECRET,
      WECHAT_API_BASE: wechat.base,
      PUBLIC_BASE_URL: 'https://hb.changzhou.example.gov.cn',
    })
  })
  afterAll(async () => {
    await server?.close()
    await wechat?.close()
    await store?.cleanup()
  })

  async function signIn(username: string, path = '/console/surveys') {
    const context = await launchBrowser({ width: 1280, height: 900 })
    const page = await context.newPage()
    page.on('dialog', (d) => void d.accept())
    await page.goto(`${server.url}${path}`)
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(STAFF_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.locator('#login').waitFor({ state: 'hidden' })
    return { context, page }
  }
  const row = (page: Page, title: string) => page.locator('#survey-rows tr', { hasText: title })
  const TITLE = '2026年度生态环境公众满意度调查'

  it('lets an admin build and publish a survey, and read what residents answered', async () => {
    const { context, page } = await signIn('root')
    try {
      await page.getByLabel('问卷标题').fill(TITLE)
      await page.getByLabel('菜单名称（选填）').fill('年度满意度调查问卷')
      await page.locator('#menu-label-hint', { hasText: '菜单名称太长' }).waitFor()
      await page.getByRole('button', { name: '添加选择题' }).click()
      await page.getByLabel('第1题 题目').fill('您最关心哪类环境问题？')
      await page.getByLabel('第1题 选项1').fill('大气')
      await page.getByLabel('第1题 选项2').fill('大气')
      expect(await page.locator('.question-hint').textContent()).toContain('选项重复：大气')
      await page.getByRole('button', { name: '添加评分题' }).click()
      await page.getByLabel('第2题 题目').fill('您对本市生态环境质量是否满意？')
      // reordered: the rating question first, its text travels with it
      await page.getByRole('button', { name: '上移' }).nth(1).click()
      expect(await page.getByLabel('第1题 题目').inputValue()).toBe(
        '您对本市生态环境质量是否满意？',
      )

      // the server refuses the repeated option; its message shows and nothing typed is lost
      await page.getByRole('button', { name: '保存为草稿' }).click()
      await page.locator('#builder-error', { hasText: '选项不能重复' }).waitFor()
      expect(await page.locator('#builder-error').textContent()).toContain('菜单名称最多 8 个汉字')
      expect(await page.getByLabel('问卷标题').inputValue()).toBe(TITLE)
      expect(await page.getByLabel('菜单名称（选填）').inputValue()).toBe('年度满意度调查问卷')
      expect(await page.getByLabel('第2题 题目').inputValue()).toBe('您最关心哪类环境问题？')
      expect(await page.getByLabel('第2题 选项2').inputValue()).toBe('大气')
      expect(await countRows(store, 'public_surveys')).toBe(0)

      await page.getByLabel('菜单名称（选填）').fill('年度满意度')
      await page.getByLabel('第2题 选项2').fill('噪声')
      await page.getByRole('button', { name: '添加选项' }).click()
      await page.getByLabel('第2题 选项3').fill('水')
      await page.getByRole('button', { name: '保存为草稿' }).click()
      await page.locator('#builder-status', { hasText: '已保存为草稿' }).waitFor()
      await row(page, TITLE).filter({ hasText: '草稿' }).waitFor()
      expect(await page.getByLabel('问卷标题').inputValue()).toBe('')

      await row(page, TITLE).getByRole('button', { name: '发布' }).click()
      await row(page, TITLE).filter({ hasText: '已发布' }).waitFor()
      // published: in the account's menu under 问卷调查, pushed to WeChat at once
      await row(page, TITLE).filter({ hasText: '在微信菜单中' }).waitFor()
      const menu = page.locator('#wechat-menu')
      await menu.locator('.menu-state', { hasText: '已同步到公众号' }).waitFor()
      expect(await menu.locator('.menu-button').allInnerTexts()).toEqual([
        '我要投诉',
        '查询进度\n评价办理\n我的投诉',
        '年度满意度\n问卷调查',
      ])
      expect(wechat.menus()).toHaveLength(1)
      // the link to share is the service's public address, not the console's own
      const link = await row(page, TITLE).locator('.link-field').inputValue()
      expect(link).toMatch(/^https:\/\/hb\.changzhou\.example\.gov\.cn\/surveys\/[\w-]+$/)
      const here = `${server.url}${new URL(link).pathname}`

      // three residents answer on the public page (each a browser of its own: no cookie shared)
      const resident = await launchBrowser()
      try {
        const form = await resident.newPage()
        for (const [rating, concern] of [
          ['满意', '噪声'],
          ['基本满意', '噪声'],
          ['不满意', '水'],
        ] as const) {
          await resident.clearCookies()
          await form.goto(here)
          await form.getByLabel(rating, { exact: true }).check()
          await form.getByLabel(concern).check()
          await form.getByRole('button', { name: '提交' }).click()
          await form.locator('#survey-status', { hasText: '感谢您的参与' }).waitFor()
        }
      } finally {
        await resident.close()
      }

      await page.reload()
      await row(page, TITLE).filter({ hasText: '3 份' }).waitFor()
      // the list and a second survey being written, for the README
      await page.getByLabel('问卷标题').fill('2026年第四季度噪声治理满意度调查')
      await page.getByRole('button', { name: '添加评分题' }).click()
      await page.getByLabel('第1题 题目').fill('您对小区周边夜间施工噪声的治理是否满意？')
      await page.getByRole('button', { name: '添加选择题' }).click()
      await page.getByLabel('第2题 题目').fill('噪声主要出现在什么时段？')
      await page.getByLabel('第2题 选项1').fill('白天')
      await page.getByLabel('第2题 选项2').fill('夜间(22时至次日6时)')
      await page.screenshot({ path: 'docs/screenshots/console-surveys.png', fullPage: true })

      // WeChat refuses a push the admin asks for: its reason shows, the menu stays as it was
      wechat.queued.menu.push(45064)
      await page.getByRole('button', { name: '立即同步到公众号' }).click()
      await page.locator('#wechat-menu [role=status]', { hasText: '微信未接受菜单' }).waitFor()
      await page.locator('#wechat-menu', { hasText: '上次同步失败' }).waitFor()
      await page.getByRole('button', { name: '立即同步到公众号' }).click()
      await page.locator('#wechat-menu [role=status]', { hasText: '菜单已同步到公众号' }).waitFor()
      expect(wechat.menus()).toHaveLength(2)

      await row(page, TITLE).getByRole('link', { name: '查看结果' }).click()
      await page.locator('#responses', { hasText: '共收到 3 份答卷' }).waitFor()
      const rating = page.locator('.question-result').first()
      expect(await rating.locator('.rate').textContent()).toContain('满意率 66.7%')
      expect(await rating.locator('tr', { hasText: '基本满意' }).textContent()).toContain(
        '1 人（33.3%）',
      )
      const choice = page.locator('.question-result').nth(1)
      expect(await choice.locator('tr', { hasText: '噪声' }).textContent()).toContain(
        '2 人（66.7%）',
      )
      expect(await choice.locator('tr', { hasText: '大气' }).textContent()).toContain('0 人（0%）')
      await page.screenshot({ path: 'docs/screenshots/console-survey-results.png', fullPage: true })
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('#nav').isVisible()).toBe(false)
      expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false)
      await page.emulateMedia({ media: 'screen' })

      // a stale list: the survey was closed elsewhere; the server's refusal is shown
      await page.goto(`${server.url}/console/surveys`)
      await row(page, TITLE).getByRole('button', { name: '结束' }).waitFor()
      await page.evaluate(async (title) => {
        const { items } = await (await fetch('/api/v1/public-surveys')).json()
        const id = items.find((s: { title: string }) => s.title === title).id
        await fetch(`/api/v1/public-surveys/${id}/close`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        })
      }, TITLE)
      await row(page, TITLE).getByRole('button', { name: '结束' }).click()
      await page.locator('#list-message', { hasText: '只有已发布的问卷可以结束' }).waitFor()
      await row(page, TITLE).filter({ hasText: '已结束' }).waitFor()
    } finally {
      await page.screenshot({ path: '/tmp/console-surveys-debug.png' }).catch(() => undefined)
      await context.close()
    }
  }, 120_000)

  it('shows an analyst the list and results to read, with no builder and no actions', async () => {
    const { context, page } = await signIn('li', '/dashboard')
    try {
      await page.getByRole('link', { name: '问卷调查' }).click()
      await row(page, TITLE).waitFor()
      expect(await page.locator('#builder').isVisible()).toBe(false)
      expect(await page.locator('#wechat-menu').isVisible()).toBe(false)
      expect(await row(page, TITLE).getByRole('button').allTextContents()).toEqual(['复制'])
      expect(await page.getByRole('link', { name: '问卷调查' }).isVisible()).toBe(true)
      await row(page, TITLE).getByRole('link', { name: '查看结果' }).click()
      await page.locator('#responses', { hasText: '共收到 3 份答卷' }).waitFor()
    } finally {
      await context.close()
    }
  }, 60_000)

  it('tells a handler the surveys are not theirs, as the dashboard does', async () => {
    const { context, page } = await signIn('wang')
    try {
      await page.locator('#denied', { hasText: '只有管理员、分析人员' }).waitFor()
      expect(await page.locator('#surveys').isVisible()).toBe(false)
      expect(await page.locator('#builder').isVisible()).toBe(false)
      expect(await page.getByRole('link', { name: '问卷调查' }).isVisible()).toBe(false)
      // signing out ends the session (the page reloads to the sign-in form)
      await page.getByRole('button', { name: '退出' }).click()
      await page.locator('#denied').waitFor({ state: 'hidden' })
      await page.locator('#login').waitFor()
      expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401)
    } finally {
      await context.close()
    }
  }, 60_000)
  it('tells an admin when no Official Account is configured, and offers no push', async () => {
    const plain = await startServer(store)
    const context = await launchBrowser({ width: 1280, height: 900 })
    try {
      const page = await context.newPage()
      await page.goto(`${plain.url}/console/surveys`)
      await page.getByLabel('用户名').fill('root')
      await page.getByLabel('密码').fill(STAFF_PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.locator('#wechat-menu', { hasText: '未配置公众号' }).waitFor()
      expect(await page.getByRole('button', { name: '立即同步到公众号' }).count()).toBe(0)
      expect(await row(page, TITLE).textContent()).not.toContain('在微信菜单中')
    } finally {
      await context.close()
      await plain.close()
    }
  }, 60_000)
})
