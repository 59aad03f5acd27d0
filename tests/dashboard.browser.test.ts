import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemoHistory, seedDemoStaff } from '../src/store/seed-demo'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { dialects, migratedStore, type TestStore } from './support/stores'

describe.runIf(browserAvailable)('the statistics dashboard in a real browser', () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    const now = new Date()
    await seedDemoHistory(store, { years: 2, cases: 6000, seed: 7, now, prefix: 'CZ' })
    await seedDemoStaff(store, now)
    server = await startServer(store)
  })
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  async function signIn(username: string) {
    const context = await launchBrowser({ width: 1280, height: 900 })
    const page = await context.newPage()
    const failed: string[] = []
    page.on('requestfailed', (r) => failed.push(r.url()))
    await page.goto(`${server.url}/dashboard`)
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    return { context, page, failed }
  }

  it('shows an analyst this year against last, the summary, rates and hotspots; filters; prints', async () => {
    const { context, page, failed } = await signIn('demo-analyst')
    try {
      const year = new Date().getFullYear()
      await page.locator('#summary', { hasText: '共受理生态环境投诉' }).waitFor()
      expect(await page.locator('#title').textContent()).toBe(`${year}年全市生态环境投诉情况`)
      // in January no month is complete yet: no change to report
      const january = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() === 0
      expect(await page.locator('#summary').textContent()).toMatch(
        january ? /公众满意率达.*暂不计算同比/ : /同比下降[\d.]+%.*公众满意率达/,
      )
      // the year's public survey gets a fifth tile once one is published (each 15 October)
      const summary = await page.evaluate(async (y) => {
        const res = await fetch(`/api/v1/stats/summary?year=${y}`)
        return (await res.json()) as { publicSurveys: { responses: number } | null }
      }, year)
      if (summary.publicSurveys?.responses) {
        expect(await page.locator('#figures li').count()).toBe(5)
        expect(await page.locator('#figures li').last().textContent()).toMatch(
          new RegExp(`满意度调查.*收回问卷 ${summary.publicSurveys.responses} 份`),
        )
      } else expect(await page.locator('#figures li').count()).toBe(4)
      // every chart drawn by ECharts, served from this server (no CDN)
      for (const id of ['months', 'categories', 'subcategories', 'districts', 'ratings'])
        await page.locator(`#chart-${id} svg`).waitFor()
      expect(await page.locator('#hotspots tbody tr').count()).toBeGreaterThan(3)
      expect(failed).toEqual([])
      await page.waitForTimeout(1200) // let the charts' entry animation finish
      await page.screenshot({ path: 'docs/screenshots/dashboard.png', fullPage: true })

      await page.getByLabel('区县').selectOption('武进区')
      await page.locator('#title', { hasText: '武进区' }).waitFor()
      expect(await page.locator('#export').getAttribute('href')).toContain(
        `district=${encodeURIComponent('武进区')}`,
      )
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('#filters').isVisible()).toBe(false)
      await page.waitForTimeout(1200)
      await page.screenshot({ path: 'docs/screenshots/dashboard-print.png', fullPage: true })
    } finally {
      await page.screenshot({ path: '/tmp/stats-dashboard-debug.png' }).catch(() => undefined)
      await context.close()
    }
  }, 90_000)

  it('names the compared months, marks the running one, and shows only the latest choice or its error', async () => {
    const { context, page } = await signIn('demo-analyst')
    try {
      await page.locator('#summary', { hasText: '共受理生态环境投诉' }).waitFor()
      const [year, month, day] = new Date(Date.now() + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10)
        .split('-')
        .map(Number)
      const complete = month === 2 ? '1月' : `1–${month! - 1}月`
      if (month! > 1) {
        expect(await page.locator('#period').textContent()).toContain(
          `统计期为${year}年${complete}（完整月份），同比对比${year! - 1}年同期；${month}月1日至${day}日的投诉仅计入逐月图和投诉热点。`,
        )
        expect(await page.locator('#summary').textContent()).toMatch(
          new RegExp(`^${year}年${complete}共受理`),
        )
      }
      await page.locator('#chart-months svg').waitFor()
      expect(await page.locator('#chart-months').textContent()).toContain(`（截至${day}日）`)

      // a slow reply for 天宁区 arrives after the one for 钟楼区, chosen next: it is not drawn
      await page.route(/district=%E5%A4%A9%E5%AE%81/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500))
        await route.continue().catch(() => undefined)
      })
      await page.getByLabel('区县').selectOption('天宁区')
      await page.getByLabel('区县').selectOption('钟楼区')
      await page.locator('#title', { hasText: '钟楼区' }).waitFor()
      await page.waitForTimeout(2500)
      expect(await page.locator('#title').textContent()).toBe(`${year}年钟楼区生态环境投诉情况`)
      expect(await page.locator('#export').getAttribute('href')).toContain(
        encodeURIComponent('钟楼区'),
      )

      // an error replaces the figures with its reason, in Chinese, rather than leaving the old ones
      const refuse =
        (status: number, message: string) => (route: import('playwright-core').Route) =>
          route.fulfill({
            status,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'X', message } }),
          })
      await page.route(
        /summary\?.*district=%E9%87%91%E5%9D%9B/,
        refuse(400, '年份应为2025–2026之间'),
      )
      await page.getByLabel('区县').selectOption('金坛区')
      await page
        .locator('#load-error', { hasText: '统计数据加载失败：年份应为2025–2026之间' })
        .waitFor()
      expect(await page.locator('#results').isVisible()).toBe(false)
      expect(await page.locator('#export').isVisible()).toBe(false)
      // a session that ended: said so, and the sign-in form offered again
      await page.route(/summary\?.*district=%E6%96%B0%E5%8C%97/, refuse(401, '请先登录'))
      await page.getByLabel('区县').selectOption('新北区')
      await page.locator('#load-error', { hasText: '登录已过期，请重新登录后查看。' }).waitFor()
      await page.getByLabel('密码').waitFor()
      // choosing again draws again
      await page.getByLabel('区县').selectOption('武进区')
      await page.locator('#title', { hasText: '武进区' }).waitFor()
      expect(await page.locator('#results').isVisible()).toBe(true)
      expect(await page.locator('#load-error').isVisible()).toBe(false)
    } finally {
      await context.close()
    }
  }, 90_000)

  it('tells a handler the statistics are not theirs to read', async () => {
    const { context, page } = await signIn('demo-wujin')
    try {
      await page.locator('#denied', { hasText: '仅供' }).waitFor()
      expect(await page.locator('#report').isVisible()).toBe(false)
    } finally {
      await context.close()
    }
  })
})
