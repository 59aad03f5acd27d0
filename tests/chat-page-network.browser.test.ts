import type { Page, Route } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { notifyResident } from '../src/store/notifications'
import { browserAvailable, launchBrowser, servedStore } from './support/browser'
import { countRows } from './support/stores'

type Context = Awaited<ReturnType<typeof launchBrowser>>

describe.runIf(browserAvailable)('the chat page on a bad network', () => {
  const served = servedStore()
  let context: Context
  let page: Page
  beforeEach(async () => {
    context = await launchBrowser()
    page = await context.newPage()
  })
  afterEach(async () => context?.close())

  /** Takes a complaint up to the summary, so that the next tap on 确认提交 files it. */
  async function upToConfirmation() {
    await page.goto(served.server.url)
    await expect.poll(() => page.locator('.messages .bot').count()).toBeGreaterThan(0)
    await page.getByLabel('输入您要反映的问题').fill('武进区湖塘镇工地每天半夜打桩，吵得睡不着')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: '确认提交' }).last().waitFor()
  }
  const filingsSeen: string[] = []
  /** Lets 确认提交 reach the server and file, then loses the answer, `times` times. */
  const loseAnswers = (times: () => boolean) => async (route: Route) => {
    const body = route.request().postDataJSON() as { text?: string; clientMessageId: string }
    if (body.text !== '确认提交' || !times()) return route.continue()
    filingsSeen.push(body.clientMessageId)
    await route.fetch()
    await route.abort('connectionreset')
  }

  it('retries a filing whose answer was lost with the same id, and shows the one case number', async () => {
    const cases = await countRows(served.store, 'cases')
    filingsSeen.length = 0
    let lost = 0
    await page.route(
      '**/api/v1/chat/messages',
      loseAnswers(() => lost++ < 1),
    )
    await upToConfirmation()
    await page.getByRole('button', { name: '确认提交' }).last().click()
    await page.locator('.messages .bot', { hasText: '编号' }).waitFor()
    expect(await page.locator('.messages .error').count()).toBe(0)
    expect(await countRows(served.store, 'cases')).toBe(cases + 1)
  })

  it(
    'offers 重试 when the network stays down, and it resends the same message',
    { timeout: 40_000 },
    async () => {
      const cases = await countRows(served.store, 'cases')
      filingsSeen.length = 0
      let down = true
      await page.route(
        '**/api/v1/chat/messages',
        loseAnswers(() => down),
      )
      await upToConfirmation()
      await page.getByRole('button', { name: '确认提交' }).last().click()
      const retry = page.getByRole('button', { name: '重试' })
      await retry.waitFor({ timeout: 15_000 })
      expect(await page.locator('.messages .error').textContent()).toMatch(/网络/)
      down = false
      await retry.click()
      const filed = page.locator('.messages .bot', { hasText: '编号' })
      await filed.waitFor()
      expect(await filed.count()).toBe(1)
      expect(await countRows(served.store, 'cases')).toBe(cases + 1)
      // every attempt carried the first one's id, so the server answered them as one message
      expect(filingsSeen.length).toBeGreaterThan(1)
      expect(new Set(filingsSeen).size).toBe(1)
    },
  )

  it('shows a notice sent while the event stream was reconnecting, to a resident who had none yet', async () => {
    const res = await fetch(`${served.server.url}/api/v1/chat/sessions`, { method: 'POST' })
    const session = (await res.json()) as { sessionId: string; token: string }
    await page.addInitScript(
      (saved) => localStorage.setItem('cz-chat-session', saved),
      JSON.stringify(session),
    )
    let streams = 0
    await page.route('**/api/v1/chat/events?*', async (route) => {
      if (streams++ > 0) return route.continue()
      // the first stream ends at once (a phone asleep, or the ten-minute restart), and the
      // handler accepts the case before the browser reconnects
      await notifyResident(served.store.db, {
        conversationId: session.sessionId,
        caseId: null,
        text: '您的投诉 CZ20261128-0009 已受理。',
        now: new Date(),
      })
      await route.fulfill({
        status: 200,
        headers: { 'Content-Type': 'text/event-stream' },
        body: 'retry: 200\n\n',
      })
    })
    await page.goto(served.server.url)
    await page.locator('.messages .bot', { hasText: '已受理' }).waitFor({ timeout: 10_000 })
    expect(streams).toBeGreaterThan(1)
  })
})
