import { sql } from 'kysely'
import { DISTRICTS, type District } from '../domain/classify/types'
import gazetteer from '../domain/classify/data/changzhou-gazetteer.json' with { type: 'json' }
import { loadCorpus } from '../domain/classify/corpus/load'
import { complaintsOfDay, daysBetween, spread, type DemoComplaint } from '../domain/demo/history'
import { seededRandom } from '../domain/demo/random'
import { hashPassword } from '../domain/staff/password'
import { shanghaiDay, startOfShanghaiDay } from '../domain/shanghai-time'
import { historyWriter } from './bulk-history'
import { addSurveyResponse } from './public-surveys'
import type { Store } from './open-database'
import { createReferenceCache } from './reference-cache'
import { findStaffByUsername, insertStaff } from './staff'
import type { Staff } from './schema'

export const DEMO_PASSWORD = 'changzhou-demo'

export interface SeedOptions {
  years: number
  /** complaints in all, spread over the years by season and trend */
  cases: number
  seed: number
  /** the last day of the history (Asia/Shanghai); its cases are handled as far as `now` allows */
  now: Date
  prefix: string
  /** told of progress now and then */
  progress?: (written: number, total: number) => void
}

/** The streets and towns of each district from the gazetteer, for the complaints' places. */
function placesByDistrict(): Map<District, string[]> {
  const places = new Map<District, string[]>(DISTRICTS.map((d) => [d, []]))
  for (const p of gazetteer.places) places.get(p.district as District)?.push(p.name)
  return places
}

/** Resident messages from the labelled corpus by category/subcategory, for descriptions. */
function descriptions(random: () => number): (c: DemoComplaint) => string {
  const texts = new Map<string, string[]>()
  for (const m of loadCorpus('train')) {
    if (m.intent !== 'report') continue
    const key = `${m.category}/${m.subcategory}`
    texts.set(key, [...(texts.get(key) ?? []), m.text])
  }
  return (c) => {
    const options = texts.get(`${c.category}/${c.subcategory}`) ?? texts.get(`${c.category}/none`)
    const text = options ? options[Math.floor(random() * options.length)]! : '（演示数据）'
    return c.place ? `${c.place}:${text}` : text
  }
}

/** One staff account per role, and a handler for the bureau's centre and each district branch. */
export async function seedDemoStaff(store: Store, now: Date): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD)
  const people: [string, string, Staff['role'], string | null][] = [
    ['demo-admin', '演示管理员', 'admin', null],
    ['demo-analyst', '演示分析员', 'analyst', null],
    ['demo-supervisor', '演示科长（市局）', 'supervisor', 'cz-bureau'],
    ['demo-cz-bureau', '演示办理人(12369中心)', 'handler', 'cz-bureau'],
    ...(
      [
        ['tianning', '天宁'],
        ['zhonglou', '钟楼'],
        ['xinbei', '新北'],
        ['wujin', '武进'],
        ['jintan', '金坛'],
        ['liyang', '溧阳'],
        ['jingkai', '经开区'],
      ] as const
    ).map(([id, name]): [string, string, Staff['role'], string] => [
      `demo-${id}`,
      `演示办理人(${name})`,
      'handler',
      `${id}-branch`,
    ]),
  ]
  const created: string[] = []
  for (const [username, displayName, role, departmentId] of people) {
    if (await findStaffByUsername(store.db, username)) continue
    await insertStaff(store.db, {
      username,
      displayName,
      role,
      departmentId,
      passwordHash: hash,
      now,
    })
    created.push(`${username} (${role}${departmentId ? `, ${departmentId}` : ''})`)
  }
  return created
}

/**
 * Fills an empty database with a deterministic history: the same seed, years, count and day
 * give the same cases, and the yearly public satisfaction survey with its answers. Refuses a
 * database that already holds cases.
 */
export async function seedDemoHistory(store: Store, o: SeedOptions): Promise<number> {
  const existing = await store.db.selectFrom('cases').select('id').limit(1).executeTakeFirst()
  if (existing) throw new Error('the database already holds cases; seed:demo fills an empty one')
  const random = seededRandom(o.seed)
  const until = shanghaiDay(o.now)
  const firstYear = Number(until.slice(0, 4)) - o.years + 1
  const days = daysBetween(`${firstYear}-01-01`, until)
  const perDay = spread(random, days, o.cases)
  const writer = historyWriter(store.db, {
    reference: await createReferenceCache().get(store.db, o.now),
    prefix: o.prefix,
    now: o.now,
    describe: descriptions(random),
    firstId: 1,
  })
  const places = placesByDistrict()
  let batch: DemoComplaint[] = []
  for (let i = 0; i < days.length; i++) {
    batch.push(
      ...complaintsOfDay(random, days[i]!, perDay[i]!, places).filter((c) => c.filedAt <= o.now),
    )
    if (batch.length >= 5000 || i === days.length - 1) {
      await writer.write(batch)
      batch = []
      o.progress?.(writer.written, o.cases)
    }
  }
  await writer.finish()
  if (store.dialect === 'postgres')
    await sql`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`.execute(
      store.db,
    )
  await seedDemoSurveys(store, { firstYear, seed: o.seed, now: o.now })
  return writer.written
}

const SURVEY_QUESTIONS = [
  { id: 'overall', text: '您对本市生态环境质量总体是否满意？', type: 'rating' },
  { id: 'handling', text: '您对环境投诉的办理是否满意？', type: 'rating' },
  {
    id: 'concern',
    text: '您最关心哪类环境问题？',
    type: 'choice',
    options: ['大气', '噪声', '水', '固体废物', '其他'],
  },
]

/**
 * The bureau's yearly public satisfaction survey, published each 15 October (closed once its
 * year is over), with a few hundred anonymous answers, more satisfied each year.
 */
async function seedDemoSurveys(
  store: Store,
  o: { firstYear: number; seed: number; now: Date },
): Promise<void> {
  // its own sequence, so the complaint history stays what it was for a seed
  const random = seededRandom(o.seed + 7919)
  const thisYear = Number(shanghaiDay(o.now).slice(0, 4))
  for (let year = o.firstYear; year <= thisYear; year++) {
    const publishedAt = new Date(`${year}-10-15T01:00:00Z`)
    if (publishedAt > o.now) continue
    const survey = await store.db
      .insertInto('public_surveys')
      .values({
        slug: `demo-${year}`,
        title: `${year}年常州市生态环境公众满意度调查`,
        menu_label: `${year}年满意度`,
        questions: JSON.stringify(SURVEY_QUESTIONS),
        status: year < thisYear ? 'closed' : 'published',
        created_by: 'demo-admin',
        created_at: publishedAt.toISOString(),
        published_at: publishedAt.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const satisfied = 0.68 + 0.03 * (year - o.firstYear)
    const rating = () => {
      const r = random()
      if (r < satisfied) return 'satisfied'
      return r < 0.955 + 0.01 * (year - o.firstYear) ? 'basically_satisfied' : 'dissatisfied'
    }
    const concerns = SURVEY_QUESTIONS[2]!.options!
    const count = 400 + Math.floor(random() * 200)
    // one at a time through the store's own path, so the tallies count them as a resident's would
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        const answers = {
          overall: rating(),
          handling: rating(),
          concern: concerns[Math.floor(random() * concerns.length)]!,
        }
        const at = new Date(publishedAt.getTime() + random() * 30 * 86_400_000)
        const day = startOfShanghaiDay(shanghaiDay(at)).toISOString()
        await addSurveyResponse(trx, survey.id, `demo-${year}-${i}`, answers, day)
      }
    })
  }
}
