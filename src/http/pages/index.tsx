import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ChatPage } from './chat-page'
import { ConsolePage } from './console-page'

export function pageRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/', (c) => c.html(<ChatPage />))
  app.get('/console', (c) => c.html(<ConsolePage view="queue" />))
  app.get('/console/rules', (c) => c.html(<ConsolePage view="rules" />))
  app.get('/console/calendar', (c) => c.html(<ConsolePage view="calendar" />))
  app.get('/console/cases/:number', (c) =>
    c.html(<ConsolePage view="case" caseNumber={c.req.param('number')} />),
  )
  return app
}
