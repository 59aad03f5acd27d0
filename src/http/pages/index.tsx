import { Hono } from 'hono'
import { shanghaiDay } from '../../domain/shanghai-time'
import type { AppEnv } from '../env'
import { ChatPage } from './chat-page'
import { ConsolePage } from './console-page'
import { DashboardPage } from './dashboard-page'
import { SurveysPage } from './surveys-page'

export function pageRoutes(now: () => Date = () => new Date()) {
  const app = new Hono<AppEnv>()
  app.get('/', (c) => c.html(<ChatPage />))
  app.get('/console', (c) => c.html(<ConsolePage view="queue" />))
  app.get('/console/rules', (c) => c.html(<ConsolePage view="rules" />))
  app.get('/console/calendar', (c) => c.html(<ConsolePage view="calendar" />))
  app.get('/console/surveys', (c) => c.html(<SurveysPage />))
  app.get('/console/surveys/:id', (c) => c.html(<SurveysPage surveyId={c.req.param('id')} />))
  app.get('/console/cases/:number', (c) =>
    c.html(<ConsolePage view="case" caseNumber={c.req.param('number')} />),
  )
  app.get('/dashboard', (c) =>
    c.html(<DashboardPage thisYear={Number(shanghaiDay(now()).slice(0, 4))} />),
  )
  return app
}
