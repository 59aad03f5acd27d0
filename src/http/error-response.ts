import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError } from '../errors'
import type { Logger } from '../logger'

/** The one place errors become HTTP answers: {"error":{"code","message"}}. */
export function errorResponse(err: Error, c: Context, logger: Logger): Response {
  if (err instanceof AppError) {
    if (err.status >= 500)
      logger.error(err.message, { requestId: c.get('requestId'), code: err.code })
    const headers: Record<string, string> = {}
    if (err.code === 'RATE_LIMITED' && typeof err.details?.retryAfter === 'number') {
      headers['Retry-After'] = String(err.details.retryAfter)
    }
    return c.json(
      { error: { code: err.code, message: err.message } },
      err.status as ContentfulStatusCode,
      headers,
    )
  }
  if (err instanceof HTTPException) {
    const code =
      err.status === 401 ? 'UNAUTHORIZED' : err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST'
    return c.json({ error: { code, message: err.message } }, err.status)
  }
  logger.error('unhandled error', {
    requestId: c.get('requestId'),
    error: String(err),
    stack: err.stack,
  })
  return c.json({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } }, 500)
}
