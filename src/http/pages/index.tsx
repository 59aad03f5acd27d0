import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ChatPage } from './chat-page'

export function pageRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/', (c) => c.html(<ChatPage />))
  return app
}
