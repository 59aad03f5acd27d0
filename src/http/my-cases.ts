import { Hono } from 'hono'
import { z } from 'zod'
import { AppError } from '../errors'
import { caseOfConversation, casesOfConversation, publicEvents } from '../store/resident-views'
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
    return c.json({ items: items.map(residentCaseView), nextCursor })
  })

  app.get('/:number', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const row = await caseOfConversation(deps.store.db, c.get('session').id, number)
    if (!row) throw new AppError('CASE_NOT_FOUND', `没有找到您名下编号为 ${number} 的案件`)
    const events = await publicEvents(deps.store.db, row.id)
    return c.json({
      ...residentCaseView(row),
      updates: events.map((e) => ({
        action: e.action,
        status: e.to_status,
        note: e.note,
        at: e.created_at,
      })),
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

const surveyBody = z.strictObject({
  rating: z.enum(RATINGS),
  comment: z.string().trim().max(1000).optional(),
})
