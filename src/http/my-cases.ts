import { Hono } from 'hono'
import { z } from 'zod'
import { AppError } from '../errors'
import {
  caseOfConversation,
  casesOfConversation,
  mergedPrimaries,
  publicEvents,
} from '../store/resident-views'
import type { CaseRow, Db } from '../store/schema'
import { caseNumberParam, pageOf } from './case-params'
import { residentCaseView } from './case-views'
import { readJson, readQuery } from './read-json'
import { RATINGS } from '../domain/surveys/rating'
import { rateCase } from '../use-cases/rate-case'
import { chatSession } from './chat'
import type { AppEnv, Deps } from './env'

const PAGE = 20

const listQuery = z.object({
  cursor: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE),
})

/** A resident's own cases, by the bearer token of their chat session; another's are not found. */
export function myCasesRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(chatSession(deps))

  app.get('/', async (c) => {
    const { cursor, limit } = readQuery(c, listQuery)
    const rows = await casesOfConversation(deps.store.db, c.get('session').id, {
      limit: limit + 1,
      before: cursor,
    })
    const { items, nextCursor } = pageOf(rows, limit)
    const primaries = await mergedPrimaries(deps.store.db, items)
    return c.json({
      items: items.map((r) => ({
        ...residentCaseView(r),
        mergedInto: joined(primaries.get(r.merged_into_id ?? 0)),
      })),
      nextCursor,
    })
  })

  app.get('/:number', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const row = await caseOfConversation(deps.store.db, c.get('session').id, number)
    if (!row) throw new AppError('CASE_NOT_FOUND', `没有找到您名下编号为 ${number} 的案件`)
    const primary = (await mergedPrimaries(deps.store.db, [row])).get(row.merged_into_id ?? 0)
    return c.json({
      ...residentCaseView(row),
      updates: await updatesOf(deps.store.db, row.id),
      // a merged complaint is handled as the case it joined: its progress is theirs
      mergedInto: primary
        ? { ...joined(primary)!, updates: await updatesOf(deps.store.db, primary.id) }
        : null,
    })
  })

  app.post('/:number/survey', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const { rating, comment } = await readJson(c, surveyBody)
    const reopened = await deps.store.write(async (trx) => {
      const row = await caseOfConversation(trx, c.get('session').id, number)
      if (!row) throw new AppError('CASE_NOT_FOUND', `没有找到您名下编号为 ${number} 的案件`)
      return (
        await rateCase(trx, row, {
          rating,
          comment: comment ?? null,
          channel: 'web',
          now: deps.now(),
        })
      ).reopened
    })
    const row = await caseOfConversation(deps.store.db, c.get('session').id, number)
    return c.json({ ...residentCaseView(row!), reopened })
  })

  return app
}

/** What a resident reads of the case their complaint was merged into; null when it was not. */
function joined(primary: CaseRow | undefined) {
  if (!primary) return null
  const { number, status, statusText, latestUpdate } = residentCaseView(primary)
  return { number, status, statusText, latestUpdate }
}

async function updatesOf(db: Db, caseId: number) {
  return (await publicEvents(db, caseId)).map((e) => ({
    action: e.action,
    status: e.to_status,
    note: e.note,
    at: e.created_at,
  }))
}

const surveyBody = z.strictObject({
  rating: z.enum(RATINGS),
  comment: z.string().trim().max(1000).optional(),
})
