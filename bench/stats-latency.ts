import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { createApp } from '../src/app'
import { parseConfig } from '../src/config'
import { createLogger } from '../src/logger'
import { migrateToLatest } from '../src/store/migrate'
import { openStore, type Store } from '../src/store/open-database'
import { addSurveyResponse } from '../src/store/public-surveys'
import { createReferenceCache } from '../src/store/reference-cache'
import { DEMO_PASSWORD, seedDemoHistory, seedDemoStaff } from '../src/store/seed-demo'
import { row, verdict } from './support'

const SIZES = (process.env.BENCH_STATS_CASES ?? '100000,1000000').split(',').map(Number)
const REQUESTS = 200
const NOW = new Date('2026-11-28T04:00:00Z')

/** A demo database of `cases` complaints, kept in the temp directory between runs (seeding 1M takes minutes). */
async function seeded(cases: number): Promise<Store> {
  const dataDir = join(tmpdir(), `cz-bench-stats-${cases}`)
  let store = openStore({ dataDir })
  try {
    await migrateToLatest(store.db)
  } catch (err) {
    // a database kept from another checkout whose migrations this one cannot follow: start over
    process.stderr.write(`bench: ${dataDir} cannot be migrated (${String(err)}); seeding anew\n`)
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
    store = openStore({ dataDir })
    await migrateToLatest(store.db)
  }
  if (!existsSync(join(dataDir, 'seeded'))) {
    process.stderr.write(`bench: seeding ${cases} cases into ${dataDir} (once; minutes)\n`)
    await seedDemoHistory(store, { years: 2, cases, seed: 1, now: NOW, prefix: 'CZ' })
    await seedDemoStaff(store, NOW)
    writeFileSync(join(dataDir, 'seeded'), '')
  }
  if (!existsSync(join(dataDir, 'seeded-survey'))) {
    await seedBigSurvey(store, cases / 10)
    writeFileSync(join(dataDir, 'seeded-survey'), '')
  }
  return store
}

const BIG_SURVEY = 'bench-big'

/** A public survey with `answers` answers, through the same path a resident's answer takes. */
async function seedBigSurvey(store: Store, answers: number): Promise<void> {
  process.stderr.write(`bench: answering a public survey ${answers} times\n`)
  const at = '2026-11-01T01:00:00.000Z'
  const { id } = await store.db
    .insertInto('public_surveys')
    .values({
      slug: BIG_SURVEY,
      title: '基准测试问卷',
      menu_label: null,
      questions: JSON.stringify([
        { id: 'overall', text: '总体是否满意？', type: 'rating' },
        {
          id: 'concern',
          text: '最关心哪类问题？',
          type: 'choice',
          options: ['大气', '噪声', '水'],
        },
      ]),
      status: 'published',
      created_by: 'demo-admin',
      created_at: at,
      published_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const ratings = ['satisfied', 'basically_satisfied', 'dissatisfied']
  const concerns = ['大气', '噪声', '水']
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < answers; i++)
      await addSurveyResponse(
        trx,
        id,
        `bench-${i}`,
        { overall: ratings[i % 3]!, concern: concerns[(i * 7) % 3]! },
        at,
      )
  })
}

async function surveyId(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('public_surveys')
    .select('id')
    .where('slug', '=', BIG_SURVEY)
    .executeTakeFirstOrThrow()
  return row.id
}

/** Median and 95th percentile of `REQUESTS` sequential requests, in ms. */
async function time(request: () => Promise<Response>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await request() // warm the statement cache and the pages
  const ms: number[] = []
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now()
    const res = await request()
    if (!res.ok) throw new Error(`bench: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
    ms.push(performance.now() - started)
  }
  ms.sort((a, b) => a - b)
  return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! }
}

const fmt = (f: { p50: number; p95: number }) => `${f.p50.toFixed(2)} / ${f.p95.toFixed(2)} ms`

/**
 * Year summary and trends over 100,000 and 1,000,000 stored cases, and a public survey's results
 * over 10,000 and 100,000 answers (in process, through the app's routes and its sign-in), beside a
 * bare Hono JSON route: the figures should not grow with cases or answers.
 */
export async function benchStats(): Promise<string[]> {
  const bare = new Hono().get('/x', (c) => c.json({ ok: true }))
  const lines: string[] = []
  const medians = new Map<string, number[]>()
  let largest: { cases: number; p95: number } | undefined
  for (const cases of SIZES) {
    const store = await seeded(cases)
    const app = createApp({
      store,
      reference: createReferenceCache(),
      config: parseConfig({ NODE_ENV: 'production' }),
      logger: createLogger('silent'),
      now: () => NOW,
    })
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo-analyst', password: DEMO_PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    const get = (path: string) => () =>
      Promise.resolve(app.request(path, { headers: { Authorization: `Bearer ${token}` } }))
    const baseline = fmt(await time(() => Promise.resolve(bare.request('/x'))))
    const size = `${cases / 1000}k cases, ${cases / 10000}k survey answers`
    for (const [what, path] of [
      ['summary p50/p95', '/api/v1/stats/summary?year=2025'],
      ['trends by subcategory p50/p95', '/api/v1/stats/trends?year=2025&by=subcategory'],
      ['district summary p50/p95', '/api/v1/stats/summary?year=2026&district=武进区'],
      // this year's summary pools the public survey answers
      ['summary with public surveys p50/p95', '/api/v1/stats/summary?year=2026'],
      ['public survey results p50/p95', `/api/v1/public-surveys/${await surveyId(store)}/results`],
    ] as const) {
      const figure = await time(get(path))
      medians.set(what, [...(medians.get(what) ?? []), figure.p50])
      if (what === 'summary p50/p95' && cases >= (largest?.cases ?? 0))
        largest = { cases, p95: figure.p95 }
      lines.push(row(`stats ${what} ${size}`, fmt(figure), baseline, ''))
    }
    await store.close()
  }
  // the point: the same figure at ten times the cases
  for (const [what, [small, large]] of medians) {
    if (large !== undefined)
      lines.push(
        row(
          `stats ${what.split(' p50')[0]}: ${SIZES[1]! / SIZES[0]!}× the cases and answers`,
          '',
          '',
          `${(large / small!).toFixed(2)}×`,
        ),
      )
  }
  const growth = medians.get('summary p50/p95')
  const ratio = growth?.length === 2 ? growth[1]! / growth[0]! : undefined
  if (largest && largest.cases >= 1_000_000 && ratio !== undefined) {
    // "not growing": ten times the cases may cost noise, not ten times the time
    verdict(
      'trends',
      largest.p95 < 100 && ratio < 2,
      `year summary p95 ${largest.p95.toFixed(1)} ms at ${largest.cases.toLocaleString('en')} cases; ` +
        `${ratio.toFixed(2)}× the median at a tenth of them`,
    )
  }
  return lines
}
