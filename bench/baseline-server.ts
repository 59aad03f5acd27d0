// The baseline for HTTP benchmarks: a bare Hono route on @hono/node-server, nothing else.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/healthz', (c) => c.json({ status: 'ok' }))
app.post('/echo', async (c) =>
  c.json({ replies: [{ text: (await c.req.json<{ text: string }>()).text }] }),
)
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
