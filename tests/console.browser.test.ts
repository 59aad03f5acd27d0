import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger'
import { ensureAdmin } from '../src/use-cases/ensure-admin'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { dialects, migratedStore, type TestStore } from './support/stores'

const PASSWORD = 'console test password'

describe.runIf(browserAvailable)('staff console in a real browser', () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  let number: string
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    await ensureAdmin(store.db, PASSWORD, createLogger('silent'), new Date())
    server = await startServer(store)
    const { token } = await (
      await fetch(`${server.url}/api/v1/chat/sessions`, { method: 'POST' })
    ).json()
    const say = async (text: string) =>
      (
        await fetch(`${server.url}/api/v1/chat/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ text }),
        })
      ).json()
    await say(
      '武进区湖塘镇一家工厂每天晚上冒黑烟,呛得不行 <script>window.pwned=1</script><img src=x onerror="window.pwned=2">',
    )
    number = (await say('确认提交')).case.number
  })
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  it('lets a handler sign in, see the queue, open a case and accept it', async () => {
    const context = await launchBrowser({ width: 1280, height: 800 })
    try {
      const page = await context.newPage()
      await page.goto(`${server.url}/console`)
      await page.getByLabel('用户名').fill('admin')
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      const row = page.getByRole('link', { name: number })
      await row.waitFor()
      expect(await page.locator('#rows tr').first().textContent()).toMatch(/待受理.*大气.*武进区/)
      await page.screenshot({ path: 'docs/screenshots/console-queue.png' })

      await row.click()
      await page.getByRole('button', { name: '受理', exact: true }).click()
      await page.locator('.timeline li', { hasText: '受理 → 已受理' }).waitFor()
      expect(await page.locator('#case dl').textContent()).toMatch(/已受理/)
      // resident text is shown as text, never run as HTML
      expect(await page.locator('.description').textContent()).toContain(
        '<script>window.pwned=1</script>',
      )
      expect(
        await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
      ).toBeUndefined()
      await page.screenshot({ path: 'docs/screenshots/console-case.png', fullPage: true })
    } finally {
      await context.close()
    }
  })
})
