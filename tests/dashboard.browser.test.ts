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
      expect(await page.locator('#summary').textContent()).toMatch(/同比下降[\d.]+%.*公众满意率达/)
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
