import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/**
 * Hono's bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a full web Request
 * with streams for every request (~15% of the chat path's CPU). A declared Content-Length is
 * enforced by Node's HTTP parser, so it is checked here without touching the body; only bodies
 * of unknown length go through Hono's counting stream.
 */
export function limitBody(
  maxSize: number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError })
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined)
      return counting(c, next)
    return parseInt(length, 10) > maxSize ? onError(c) : next()
  }
}
