import { describe, expect, it } from 'vitest'
import { notifyResident } from '../src/store/notifications'
import { browserAvailable, launchBrowser, servedStore } from './support/browser'

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

describe.runIf(browserAvailable)('resident chat page in a real browser', () => {
  const served = servedStore()

  it('lets a resident answer the question asked, get a case number, and find it again after a reload', async () => {
    const context = await launchBrowser()
    try {
      const page = await context.newPage()
      await page.goto(served.server.url)
      await expect.poll(() => page.locator('.messages .bot').count()).toBeGreaterThan(0)
      const box = page.getByLabel('输入您要反映的问题')
      await box.fill('小区旁边有个工地每天半夜打桩，吵得睡不着')
      await page.keyboard.press('Enter')
      await page.locator('.messages .bot', { hasText: '具体位置' }).waitFor()
      await box.fill('在武进区湖塘镇')
      await page.getByRole('button', { name: '发送', exact: true }).click()
      await page.locator('.messages .bot', { hasText: '请确认投诉内容' }).waitFor()
      await page
        .locator('#photo')
        .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG })
      await page.locator('.messages .thumb').waitFor()
      await page.locator('.messages .bot', { hasText: '照片已收到' }).waitFor()
      await page.getByRole('button', { name: '确认提交' }).last().click()
      const filed = page.locator('.messages .bot', { hasText: '编号' })
      await filed.waitFor()
      expect(await filed.textContent()).toMatch(/CZ\d{8}-0001/)
      await page.screenshot({ path: 'docs/screenshots/chat-phone.png' })

      // a handler accepts the case: the news reaches the open page without a reload …
      const saved = await page.evaluate(() => localStorage.getItem('cz-chat-session'))
      const { sessionId } = JSON.parse(saved!) as { sessionId: string }
      const news = '您的投诉 CZ20261128-0001 已受理，承办人将尽快处理。'
      await notifyResident(served.store.db, {
        conversationId: sessionId,
        caseId: null,
        text: news,
        now: new Date(),
      })
      await page.locator('.messages .bot', { hasText: '已受理' }).waitFor()

      // … and the whole conversation, the pushed message included, survives a reload
      await page.reload()
      await page.locator('.messages .bot', { hasText: '编号' }).waitFor()
      await page.locator('.messages .bot', { hasText: '已受理' }).waitFor()
      expect(await page.locator('.messages .me').count()).toBe(4)
      await page.locator('.messages .thumb').waitFor()

      await page.getByRole('button', { name: '我的投诉' }).click()
      await page.locator('#cases-panel li', { hasText: '0001' }).waitFor()
      expect(await page.locator('#cases-panel').textContent()).toMatch(/待受理/)
    } finally {
      await context.close()
    }
  })

  it('offers quick replies when unsure, and a tap answers with that choice', async () => {
    const context = await launchBrowser({ width: 1280, height: 800 })
    try {
      const page = await context.newPage()
      await page.goto(served.server.url)
      await expect.poll(() => page.locator('.messages .bot').count()).toBeGreaterThan(0)
      await page
        .getByLabel('输入您要反映的问题')
        .fill('天宁区青龙街道那边有个问题想反映一下，影响很大')
      await page.keyboard.press('Enter')
      const choices = page.getByRole('group', { name: '快捷回复' })
      await choices.waitFor()
      await page.screenshot({ path: 'docs/screenshots/chat-desktop.png' })
      const first = choices.getByRole('button').first()
      const label = await first.textContent()
      await first.click()
      await page.locator('.messages .me', { hasText: label! }).waitFor()
      expect(await first.isDisabled()).toBe(true)
    } finally {
      await context.close()
    }
  })
})
