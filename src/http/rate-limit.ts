import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors'
import type { AppEnv } from './env'

/**
 * Fixed one-minute windows per key, kept in this process: with several instances behind a
 * load balancer each enforces its own share. A limit of 0 turns the check off.
 */
export function rateLimit(
  perMinute: number,
  keyOf: (c: Context<AppEnv>) => string | null,
  now: () => Date,
) {
  const windows = new Map<string, { start: number; count: number }>()
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = perMinute > 0 ? keyOf(c) : null
    if (key !== null) {
      const t = now().getTime()
      const start = t - (t % 60_000)
      const w = windows.get(key)
      if (!w || w.start !== start) {
        // a flood of keys must not grow memory without end: drop the windows that have ended
        if (windows.size > 100_000)
          for (const [k, old] of windows) if (old.start !== start) windows.delete(k)
        windows.set(key, { start, count: 1 })
      } else if (++w.count > perMinute) {
        const retryAfter = Math.ceil((start + 60_000 - t) / 1000)
        throw new AppError('RATE_LIMITED', `发送太频繁，请 ${retryAfter} 秒后再试`, { retryAfter })
      }
    }
    await next()
  })
}

/**
 * The client's address: the socket's on Node (a header there could be forged by anyone), the
 * platform's cf-connecting-ip only where no socket exists, i.e. on Workers.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  if (incoming) return incoming.socket?.remoteAddress ?? 'unknown'
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}
