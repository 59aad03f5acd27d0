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
    // several sign-ins a minute, as the tests sign in again after a lapsed session
    server = await startServer(store, { LOGIN_ATTEMPTS_PER_MINUTE: '0' })
    const first = await complain(
      '武进区湖塘镇华达印染厂每天晚上冒黑烟，呛得不行，电话13812345678 <script>window.pwned=1</script><img src=x onerror="window.pwned=2">',
    )
    ;({ number, token: residentToken } = first)
    duplicate = (await complain('湖塘镇华达印染厂又在冒黑烟')).number
    misrouted = (await complain('新北区春江镇工地夜里打桩，吵得睡不着')).number
  })
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
  /** A staff member's bearer token, for what another tab of theirs does meanwhile. */
  const tokenOf = async (username: string) =>
    (
      await (
        await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        })
      ).json()
    ).token as string
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  async function signIn(username: string) {
    const context = await launchBrowser({ width: 1280, height: 860 })
    const page = await context.newPage()
    await page.goto(`${server.url}/console`)
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.locator('#login').waitFor({ state: 'hidden' })
    return { context, page }
  }

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
      expect(await page.locator('.notice').textContent()).toBe('已受理')

      // 派单: the department's staff by name, in a form whose first field has the focus
      await page.getByRole('button', { name: '派单' }).click()
      const dialog = page.getByRole('dialog', { name: `派单 · ${number}` })
      await dialog.waitFor()
      const assignee = dialog.getByLabel('承办人')
      expect(await assignee.evaluate((e) => e === document.activeElement)).toBe(true)
      expect(await assignee.locator('option').allTextContents()).toEqual([
        '请选择',
        '王承办（wang）',
      ])
      await assignee.selectOption({ label: '王承办（wang）' })
      await dialog.getByRole('button', { name: '提交' }).click()
      await page.locator('.timeline li', { hasText: '派单 → 已派单' }).waitFor()
      expect(await dialog.isHidden()).toBe(true)
      expect(await page.locator('.notice').textContent()).toBe('已派单给 王承办（wang）')
      await page.getByRole('button', { name: '开始办理' }).click()
      await page.locator('.timeline li', { hasText: '→ 办理中' }).waitFor()
      await page.screenshot({ path: 'docs/screenshots/console-case.png', fullPage: true })

      // 办结答复: Esc closes the form and keeps what was typed for the next time it opens
      const reply = '已现场检查，责令该厂停产整改并安装废气处理设施'
      await page.getByRole('button', { name: '办结答复' }).click()
      const resolve = page.getByRole('dialog', { name: `办结答复 · ${number}` })
      await resolve.getByLabel('答复居民的办理结果').fill(reply)
      expect(await resolve.textContent()).toContain(`已输入 ${reply.length} / 4000 字`)
      await page.keyboard.press('Escape')
      await resolve.waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: '办结答复' }).click()
      expect(await resolve.getByLabel('答复居民的办理结果').inputValue()).toBe(reply)
      expect(await resolve.locator('.form-message').textContent()).toBe('已恢复上次未提交的内容。')

      // meanwhile another tab of the handler's adds a note: the case is at a newer version
      const other = await tokenOf('wang')
      const { version } = await (
        await fetch(`${server.url}/api/v1/cases/${number}`, {
          headers: { Authorization: `Bearer ${other}` },
        })
      ).json()
      const note = await fetch(`${server.url}/api/v1/cases/${number}/actions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${other}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'note', version, text: '已电话联系居民，约定明早复查' }),
      })
      expect(note.status).toBe(200)
      await resolve.getByRole('button', { name: '提交' }).click()
      await expect
        .poll(() => resolve.locator('.form-message').textContent())
        .toBe('案件已被他人更新，已刷新，请确认后再提交')
      expect(await resolve.getByLabel('答复居民的办理结果').inputValue()).toBe(reply)
      // the case behind the form shows what changed
      await page.locator('.timeline li', { hasText: '约定明早复查' }).waitFor()
      expect(await page.locator('#case').textContent()).not.toContain('null')
      await page.screenshot({ path: 'docs/screenshots/console-action.png' })
      await resolve.getByRole('button', { name: '提交' }).click()
      await page.locator('.timeline li', { hasText: '→ 已办结' }).waitFor()
      expect(await resolve.isHidden()).toBe(true)
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
      await page.getByRole('button', { name: '改派' }).click()
      const dialog = page.getByRole('dialog', { name: `改派 · ${misrouted}` })
      // the bureau's own departments but the one that has it now; no outside agencies
      const departments = await dialog
        .getByLabel('改派部门（本局）')
        .locator('option')
        .allTextContents()
      expect(departments).toContain('常州市天宁生态环境局')
      expect(departments).toContain('常州市生态环境局(12369热线)')
      expect(departments).not.toContain('常州市新北生态环境局')
      expect(departments.join()).not.toContain('公安')
      await dialog.getByLabel('改派部门（本局）').selectOption({ label: '常州市天宁生态环境局' })
      await dialog.getByLabel('改派原因').fill('实际地点在天宁区')
      await dialog.getByRole('button', { name: '提交' }).click()
      await page.locator('.timeline li', { hasText: '改派' }).waitFor()
      expect(await page.locator('.timeline li', { hasText: '改派' }).textContent()).toContain(
        '实际地点在天宁区',
      )
      expect(await page.locator('dl').textContent()).toContain('天宁')
      // an admin sees every department's cases, so the case stays on screen
      expect(await page.locator('.notice').textContent()).toBe('已改派至 常州市天宁生态环境局')
    } finally {
      await context.close()
    }
  })

  it('sends a transferred case to the queue with a confirmation line, not a missing case', async () => {
    const { number: fumes } = await complain('武进区湖塘镇一家工厂夜里偷排刺鼻废气')
    const { context, page } = await signIn('wang')
    try {
      await page.goto(`${server.url}/console/cases/${fumes}`)
      await page.getByRole('button', { name: '转办' }).click()
      const dialog = page.getByRole('dialog', { name: `转办 · ${fumes}` })
      const agency = dialog.getByLabel('转办单位（外单位）')
      // the agencies outside the bureau, by name in pinyin order, and none of its own branches
      expect(await agency.locator('option').allTextContents()).toEqual([
        '请选择',
        '常州市12345政务服务便民热线',
        '常州市城市管理局(餐饮油烟)',
        '常州市交通运输局(交通噪声)',
        '公安机关(社会生活噪声)',
      ])
      // a refusal keeps the form open with the server's message and what was typed
      await dialog.getByLabel('转办原因').fill('居民反映的是夜间偷排，涉嫌违法犯罪线索')
      await dialog.getByRole('button', { name: '提交' }).click()
      expect(await dialog.locator('.form-message').textContent()).toBe('请选择转办单位（外单位）。')
      expect(await agency.evaluate((e) => e === document.activeElement)).toBe(true)
      await agency.selectOption({ label: '公安机关(社会生活噪声)' })
      await dialog.getByRole('button', { name: '提交' }).click()
      await page.waitForURL(`${server.url}/console`)
      await expect
        .poll(() => page.locator('#queue-notice').textContent())
        .toBe(`${fumes} 已转办至 公安机关(社会生活噪声)`)
      await page.locator('#rows tr').first().waitFor()
      expect(await page.locator('#rows').textContent()).not.toContain(fumes)
      expect(await page.locator('#case').textContent()).not.toContain('没有找到案件')
    } finally {
      await context.close()
    }
  })

  it('keeps a note typed when the session lapsed and offers it again after signing in', async () => {
    const { context, page } = await signIn('wang')
    try {
      await page.goto(`${server.url}/console/cases/${duplicate}`)
      await page.getByRole('button', { name: '备注' }).click()
      const dialog = page.getByRole('dialog', { name: `备注 · ${duplicate}` })
      const text = '居民来电补充：废气在每晚十点后最浓，'.repeat(20)
      await dialog.getByLabel('备注内容').fill(text)
      await store.db.deleteFrom('staff_sessions').execute()
      await dialog.getByRole('button', { name: '提交' }).click()
      await page.locator('#login').waitFor()
      expect(await dialog.isHidden()).toBe(true)
      await page.getByLabel('用户名').fill('wang')
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await dialog.waitFor()
      expect(await dialog.getByLabel('备注内容').inputValue()).toBe(text)
      expect(await dialog.locator('.form-message').textContent()).toBe(
        '已恢复登录前填写的内容，请确认后提交。',
      )
      await dialog.getByRole('button', { name: '提交' }).click()
      await page.locator('.timeline li', { hasText: '每晚十点后最浓' }).waitFor()
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
