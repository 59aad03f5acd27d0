import { describe, expect, it } from 'vitest'
import { browserAvailable, launchBrowser, servedStore } from './support/browser'

describe.runIf(browserAvailable)('the chat page’s 定位 button', () => {
  const served = servedStore()

  it('shows the position by its coordinates and asks for the street, so the case reaches the district', async () => {
    const context = await launchBrowser()
    try {
      await context.grantPermissions(['geolocation'], { origin: served.server.url })
      await context.setGeolocation({ latitude: 31.70123, longitude: 119.95456 })
      const page = await context.newPage()
      await page.goto(served.server.url)
      await expect.poll(() => page.locator('.messages .bot').count()).toBeGreaterThan(0)
      await page.getByLabel('输入您要反映的问题').fill('工地每天半夜打桩，吵得睡不着')
      await page.keyboard.press('Enter')
      await page.locator('.messages .bot', { hasText: '具体位置' }).waitFor()
      await page.getByRole('button', { name: '发送我的位置' }).click()
      await page.locator('.messages .bot', { hasText: '仅凭定位' }).waitFor()
      const summary = page.locator('.messages .bot', { hasText: '请确认投诉内容' })
      await summary.waitFor()
      expect(await summary.textContent()).toMatch(/地点：手机定位（31\.70123，119\.95456）/)
      await page.getByLabel('输入您要反映的问题').fill('武进区湖塘镇')
      await page.keyboard.press('Enter')
      await expect.poll(() => summary.count()).toBe(2)
      await page.getByRole('button', { name: '确认提交' }).last().click()
      await page.locator('.messages .bot', { hasText: '常州市武进生态环境局' }).waitFor()
    } finally {
      await context.close()
    }
  })
})
