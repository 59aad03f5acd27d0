import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { dialects, migratedStore, type TestStore } from './support/stores'

describe.runIf(browserAvailable)('resident chat page in a real browser', () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    server = await startServer(store)
  })
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  it('lets a resident type a complaint and get a case number, and keeps the session over a reload', async () => {
    const context = await launchBrowser()
    try {
      const page = await context.newPage()
      await page.goto(server.url)
      await expect.poll(() => page.locator('.messages .bot').count()).toBeGreaterThan(0)
      await page
        .getByLabel('输入您要反映的问题')
        .fill('武进区湖塘镇有个工地每天半夜打桩,吵得睡不着')
      await page.keyboard.press('Enter')
      const reply = page.locator('.messages .bot', { hasText: '编号' })
      await reply.waitFor()
      expect(await reply.textContent()).toMatch(/CZ\d{8}-0001/)
      await page.screenshot({ path: 'docs/screenshots/chat-phone.png' })
      const token = await page.evaluate(() => localStorage.getItem('cz-chat-session'))
      await page.reload()
      expect(await page.evaluate(() => localStorage.getItem('cz-chat-session'))).toBe(token)
    } finally {
      await context.close()
    }
  })
})
