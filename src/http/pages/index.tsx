import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ChatPage } from './chat-page'
import { ConsolePage } from './console-page'

export function pageRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/', (c) => c.html(<ChatPage />))
  app.get('/console', (c) => c.html(<ConsolePage />))
  app.get('/console/cases/:number', (c) =>
    c.html(<ConsolePage caseNumber={c.req.param('number')} />),
  )
  return app
}
