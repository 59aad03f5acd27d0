import { Hono } from 'hono'
import { z } from 'zod'
import { classify } from '../domain/classify/classify'
import { publicView } from '../domain/classify/public-view'
import type { AppEnv } from './env'
import { readJson } from './read-json'

export function classifyRoutes() {
  const app = new Hono<AppEnv>()
  app.post('/', async (c) => {
    const { text } = await readJson(c, z.strictObject({ text: z.string().max(100_000) }))
    return c.json(publicView(classify(text)))
  })
  return app
}
