import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublicSurvey, moveSurvey } from '../src/store/public-surveys'
import { browserAvailable, launchBrowser, startServer } from './support/browser'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'

describe.runIf(browserAvailable)('a public survey in a real browser', () => {
  let store: TestStore
  let server: Awaited<ReturnType<typeof startServer>>
  let slug: string
  beforeAll(async () => {
    store = await migratedStore(dialects[0]!.open)
    const at = new Date().toISOString()
    const survey = await createPublicSurvey(store.db, {
      slug: 'eco-2026',
      title: '2026年常州市生态环境公众满意度调查',
      questions: JSON.stringify([
        { id: 'overall', text: '您对本市生态环境质量是否满意？', type: 'rating' },
        { id: 'handling', text: '您对环境投诉的办理是否满意？', type: 'rating' },
        {
          id: 'concern',
          text: '您最关心哪类问题？',
          type: 'choice',
          options: ['大气', '噪声', '水'],
        },
      ]),
      createdBy: 'root',
      at,
    })
    await moveSurvey(store.db, survey.id, 'draft', 'published', at)
    slug = survey.slug
    server = await startServer(store)
  })
  afterAll(async () => {
    await server?.close()
    await store?.cleanup()
  })

  it('lets a resident answer without signing in, thanks them, and takes no second answer', async () => {
    const context = await launchBrowser()
    try {
      const page = await context.newPage()
      await page.goto(`${server.url}/surveys/${slug}`)
      const other = await context.newPage()
      await other.goto(`${server.url}/surveys/${slug}`)
      expect(await page.locator('h1').textContent()).toBe('2026年常州市生态环境公众满意度调查')
      await page
        .getByRole('group', { name: /生态环境质量/ })
        .getByLabel('满意', { exact: true })
        .check()
      await page
        .getByRole('group', { name: /投诉的办理/ })
        .getByLabel('基本满意')
        .check()
      await page.getByLabel('噪声').check()
      await page.getByRole('button', { name: '提交' }).click()
      await page.locator('#survey-status', { hasText: '感谢您的参与' }).waitFor()
      await page.screenshot({ path: 'docs/screenshots/public-survey.png', fullPage: true })
      expect(await countRows(store, 'public_survey_responses')).toBe(1)

      // a second tab that was already open on the form: its answer is refused, nothing filed
      await other.getByLabel('不满意').first().check()
      await other.getByRole('button', { name: '提交' }).click()
      await other.locator('#survey-status', { hasText: '已参与过' }).waitFor()
      // the same browser, back again: told it has answered already, no form to fill
      await page.goto(`${server.url}/surveys/${slug}`)
      await page.getByRole('status').filter({ hasText: '您已参与过本次问卷调查' }).waitFor()
      expect(await page.locator('form').count()).toBe(0)
      await page.screenshot({ path: 'docs/screenshots/public-survey-answered.png' })
      expect(await countRows(store, 'public_survey_responses')).toBe(1)
    } finally {
      await context.close()
    }
  })

  it('shows a Chinese page, not a form, for a survey that does not exist', async () => {
    const context = await launchBrowser()
    try {
      const page = await context.newPage()
      const res = await page.goto(`${server.url}/surveys/nowhere`)
      expect(res?.status()).toBe(404)
      expect(await page.locator('body').textContent()).toContain('没有这份问卷')
      expect(await page.locator('form').count()).toBe(0)
    } finally {
      await context.close()
    }
  })
})
