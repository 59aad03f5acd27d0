import { Hono, type MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { AppError } from './errors'
import { limitBody } from './http/body-limit'
import { authRoutes } from './http/auth'
import { calendarRoutes } from './http/calendar'
import { caseRoutes } from './http/cases'
import { chatRoutes } from './http/chat'
import { classifyRoutes } from './http/classify'
import type { AppEnv, Deps } from './http/env'
import { errorResponse } from './http/error-response'
import { healthRoutes } from './http/health'
import { myCasesRoutes } from './http/my-cases'
import { photoRoutes } from './http/photos'
import { staffRoutes } from './http/staff'
import { statsRoutes } from './http/stats'
import { wechatRoutes } from './http/wechat'
import { open311Routes } from './http/open311'
import { pageRoutes } from './http/pages'
import { routingRuleRoutes } from './http/routing-rules'
import { publicSurveyRoutes } from './http/public-surveys'
import { surveyPageRoutes } from './http/pages/survey-page'
import { wechatMenuRoutes } from './http/wechat-menu'
import { menuSyncFor } from './jobs/sync-wechat-menu'

export interface AppOptions {
  /** serves /static/*; Node passes serve-static, Workers serve assets themselves */
  serveStatic?: MiddlewareHandler
}

/** The whole HTTP surface, built from its dependencies so tests and each runtime choose their own. */
export function createApp(deps: Deps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { logger } = deps

  app.use(requestId())
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  app.use(secureHeaders())
  const jsonLimit = limitBody(deps.config.JSON_BODY_LIMIT_BYTES, () => {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `请求体超过 ${deps.config.JSON_BODY_LIMIT_BYTES} 字节上限`,
    )
  })
  // photos are not JSON and carry their own, larger limit
  app.use('/api/*', (c, next) =>
    c.req.path.startsWith('/api/v1/photos') ? next() : jsonLimit(c, next),
  )
  if (options.serveStatic) app.use('/static/*', options.serveStatic)

  app.route('/', healthRoutes(deps))
  app.route('/api/v1/auth', authRoutes(deps))
  app.route('/api/v1/cases', caseRoutes(deps))
  app.route('/api/v1/routing-rules', routingRuleRoutes(deps))
  app.route('/api/v1/staff', staffRoutes(deps))
  app.route('/api/v1/calendar', calendarRoutes(deps))
  app.route('/api/v1/stats', statsRoutes(deps))
  app.route('/api/v1/chat', chatRoutes(deps))
  app.route('/api/v1/my/cases', myCasesRoutes(deps))
  app.route('/api/v1/photos', photoRoutes(deps))
  app.route('/api/v1/classify', classifyRoutes())
  app.route('/wechat/official-account', wechatRoutes(deps))
  app.route('/open311/v2', open311Routes(deps))
  const menu = deps.wechatMenu ?? menuSyncFor(deps.config, deps.store.db, logger)
  app.route('/api/v1/public-surveys', publicSurveyRoutes(deps, menu))
  app.route('/api/v1/wechat/menu', wechatMenuRoutes(deps, menu))
  app.route('/surveys', surveyPageRoutes(deps, menu?.api))
  app.route('/', pageRoutes(deps.now))

  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `没有这个地址：${c.req.path}` } }, 404),
  )
  app.onError((err, c) => errorResponse(err, c, logger))
  return app
}
