import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger'
import { hashPassword } from '../src/domain/staff/password'
import { insertStaff } from '../src/store/staff'
import { ensureAdmin } from '../src/use-cases/ensure-admin'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { dialects, migratedStore, type TestStore } from './support/stores'

const PASSWORD = 'console test password'

describe.runIf(browserAvailable)('staff console in a real browser', { timeout: 90_000 }, () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  let number: string
  let duplicate: string
  let misrouted: string
  let residentToken: string
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    await ensureAdmin(store.db, PASSWORD, createLogger('silent'), new Date())
    await insertStaff(store.db, {
      username: 'wang',
      displayName: '王承办',
      role: 'handler',
      departmentId: 'wujin-branch',
      passwordHash: await hashPassword(PASSWORD),
      now: new Date(),
    })
    server = await startServer(store)
    const complain = async (text: string) => {
      const { token } = await (
        await fetch(`${server.url}/api/v1/chat/sessions`, { method: 'POST' })
      ).json()
      const say = async (t: string) =>
        (
          await fetch(`${server.url}/api/v1/chat/messages`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ text: t }),
          })
        ).json()
      // answer the service's questions (when, confirmation) until it files, as a resident would
      let body = await say(text)
      for (let i = 0; i < 4 && !body.case; i++) {
        const options: string[] = body.replies?.at(-1)?.options ?? []
        body = await say(['确认提交', '正在发生'].find((o) => options.includes(o)) ?? '确认提交')
      }
      return { token, number: body.case.number as string }
    }
    const first = await complain(
      '武进区湖塘镇华达印染厂每天晚上冒黑烟，呛得不行，电话13812345678 <script>window.pwned=1</script><img src=x onerror="window.pwned=2">',
    )
    ;({ number, token: residentToken } = first)
    duplicate = (await complain('湖塘镇华达印染厂又在冒黑烟')).number
    misrouted = (await complain('新北区春江镇工地夜里打桩，吵得睡不着')).number
  })
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  async function signIn(username: string) {
    const context = await launchBrowser({ width: 1280, height: 860 })
    const page = await context.newPage()
    page.on('dialog', (d) => void d.accept(dialogAnswers.shift() ?? ''))
    await page.goto(`${server.url}/console`)
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.locator('#login').waitFor({ state: 'hidden' })
    return { context, page }
  }
  const dialogAnswers: string[] = []

  it('shows the queue with filters, countdowns, duplicates and the missing-2027 warning', async () => {
    const { context, page } = await signIn('admin')
    try {
      await page.getByRole('link', { name: number }).waitFor()
      expect(await page.locator('#calendar-warning').textContent()).toMatch(
        /2027年节假日安排尚未载入/,
      )
      expect(await page.locator('#rows tr').count()).toBe(3)
      expect(await page.locator('#rows').textContent()).toMatch(/剩 \d+天/)
      expect(await page.locator('#rows').textContent()).toContain(`疑似重复 ${number}`)
      await page.screenshot({ path: 'docs/screenshots/console-queue.png' })
      await page.getByLabel('区域').selectOption('新北区')
      await page.locator('#rows tr', { hasText: '新北区' }).waitFor()
      await expect.poll(() => page.locator('#rows tr').count()).toBe(1)
      await page.getByLabel('区域').selectOption('')
      await page.getByLabel('疑似重复').check()
      await expect.poll(() => page.locator('#rows tr').count()).toBe(1)
      expect(await page.locator('#rows').textContent()).toContain(duplicate)
    } finally {
      await context.close()
    }
  })

  it('lets a handler work a case to resolution: masked phone, transcript, and the resident is asked to rate', async () => {
    const { context, page } = await signIn('wang')
    try {
      await page.goto(`${server.url}/console/cases/${number}`)
      await page.locator('.case-number').waitFor()
      expect(await page.locator('.phone').textContent()).toBe('138****5678')
      // resident text is shown as text, never run as HTML
      expect(await page.locator('.description').textContent()).toContain(
        '<script>window.pwned=1</script>',
      )
      expect(await page.locator('.transcript').textContent()).toContain('确认提交')
      await page.getByRole('button', { name: '显示号码' }).click()
      await expect.poll(() => page.locator('.phone').textContent()).toBe('13812345678')

      await page.getByRole('button', { name: '受理', exact: true }).click()
      await page.locator('.timeline li', { hasText: '受理 → 已受理' }).waitFor()
      dialogAnswers.push('王承办')
      await page.getByRole('button', { name: '派单' }).click()
      await page.locator('.timeline li', { hasText: '派单 → 已派单' }).waitFor()
      await page.getByRole('button', { name: '开始办理' }).click()
      await page.locator('.timeline li', { hasText: '→ 办理中' }).waitFor()
      await page.screenshot({ path: 'docs/screenshots/console-case.png', fullPage: true })
      dialogAnswers.push('已现场检查，责令该厂停产整改并安装废气处理设施')
      await page.getByRole('button', { name: '办结答复' }).click()
      await page.locator('.timeline li', { hasText: '→ 已办结' }).waitFor()
      expect(await page.locator('.timeline').textContent()).toContain('查看号码')
      expect(
        await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
      ).toBeUndefined()
    } finally {
      await context.close()
    }
    const chat = await (
      await fetch(`${server.url}/api/v1/chat/messages`, {
        headers: { Authorization: `Bearer ${residentToken}` },
      })
    ).json()
    expect(chat.items.at(-1)).toMatchObject({
      from: 'bureau',
      text: expect.stringContaining('已办结'),
      options: ['满意', '基本满意', '不满意'],
    })
  })

  it('lets an admin send a misrouted case to another branch （改派）， which leaves the timeline', async () => {
    const { context, page } = await signIn('admin')
    try {
      await page.goto(`${server.url}/console/cases/${misrouted}`)
      await page.locator('.case-number').waitFor()
      dialogAnswers.push('tianning-branch', '实际地点在天宁区')
      await page.getByRole('button', { name: '改派' }).click()
      await page.locator('.timeline li', { hasText: '改派' }).waitFor()
      expect(await page.locator('.timeline li', { hasText: '改派' }).textContent()).toContain(
        '实际地点在天宁区',
      )
      expect(await page.locator('dl').textContent()).toContain('天宁')
    } finally {
      await context.close()
    }
  })

  it('lets an admin change a routing rule and load the 2027 calendar from the console', async () => {
    const { context, page } = await signIn('admin')
    try {
      await page.goto(`${server.url}/console/rules`)
      await page.locator('#rules table').waitFor()
      expect(await page.locator('#rules').textContent()).toContain('噪声污染防治法')
      await page
        .locator('#rules tr', { hasText: '辐射' })
        .getByRole('button', { name: '编辑' })
        .click()
      await page.getByLabel('办结期限（工作日）').fill('20')
      await page.getByRole('button', { name: '保存' }).click()
      await page.locator('#rules tr', { hasText: '1 / 20 个工作日' }).waitFor()
      await page.screenshot({ path: 'docs/screenshots/console-rules.png', fullPage: true })

      await page.goto(`${server.url}/console/calendar`)
      await page.getByRole('button', { name: '载入 2027 年安排' }).waitFor()
      await page.getByLabel('调休上班日期').fill('2027-09-26 国庆节补班\n2027-10-09 国庆节补班')
      await page.getByRole('button', { name: '载入 2027 年安排' }).click()
      await page.locator('#calendar', { hasText: '管理员已载入' }).first().waitFor()
      await expect.poll(() => page.locator('#calendar-warning').isHidden()).toBe(true)
      await page.screenshot({ path: 'docs/screenshots/console-calendar.png', fullPage: true })
    } finally {
      await context.close()
    }
  })
})
