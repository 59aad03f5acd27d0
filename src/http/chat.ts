import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { initialState } from '../domain/intake/conversation'
import { AppError } from '../errors'
import { findConversationByTokenHash, insertConversation } from '../store/conversations'
import { lastNotificationId, notificationsAfter } from '../store/notifications'
import { receiveMessage } from '../use-cases/receive-message'
import type { Conversation } from '../store/schema'
import type { AppEnv, Deps } from './env'
import { clientAddress, rateLimit } from './rate-limit'
import { readJson } from './read-json'
import { hashToken, newToken } from './session-token'
import { transcriptOf } from './transcript'

const clientMessageId = z.string().trim().min(1).max(100).optional()

const PHOTO_PATH = /^\/api\/v1\/photos\/[0-9a-f-]{36}\.(jpg|png|webp)$/

/** The path of a photo uploaded here, from a relative or absolute http(s) URL; null otherwise. */
function ownPhotoPath(url: string): string | null {
  try {
    // only http(s) addresses: "javascript:…//api/v1/photos/x.jpg" parses with that path too
    if (!/^(https?:\/\/[^/]+)?\//i.test(url)) return null
    const u = new URL(url, 'http://localhost')
    if (u.search || u.hash || !PHOTO_PATH.test(u.pathname)) return null
    return u.pathname
  } catch {
    return null
  }
}

const text = z
  .string()
  .trim()
  .min(1, '消息不能为空')
  .max(2000, '消息不能超过2000字')
  .refine((t) => !t.includes('\u0000'), '消息不能含有 NUL 字符')

const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  label: z
    .string()
    .trim()
    .max(200)
    .refine((t) => !t.includes('\u0000'), '地点名称不能含有 NUL 字符')
    .nullish(),
})

// only photos uploaded here: a handler must never be sent to open an arbitrary address
const imageUrl = z
  .string()
  .max(2000)
  .transform((url, ctx) => {
    const path = ownPhotoPath(url)
    if (!path) ctx.addIssue({ code: 'custom', message: '请先通过 /api/v1/photos 上传照片' })
    return path ?? ''
  })

/** Exactly one of text, location or imageUrl; each field checked on its own so errors name it. */
const messageBody = z
  .strictObject({
    text: text.optional(),
    location: location.optional(),
    imageUrl: imageUrl.optional(),
    clientMessageId,
  })
  .refine((b) => [b.text, b.location, b.imageUrl].filter((v) => v !== undefined).length === 1, {
    message: '须且只能有 text、location、imageUrl 之一',
  })

type SessionOwner = Pick<Conversation, 'id' | 'channel_user_id'>

const KNOWN_SESSIONS = 10_000

// one cache per app, shared by every route that takes a chat session (messages, events, cases, photos)
const knownSessions = new WeakMap<Deps, Map<string, SessionOwner>>()
function knownSessionsOf(deps: Deps): Map<string, SessionOwner> {
  let known = knownSessions.get(deps)
  if (!known) knownSessions.set(deps, (known = new Map()))
  return known
}

/**
 * Resolves the bearer token of a web chat session to its conversation, or answers 401. A token
 * never changes owner, so recently seen ones are remembered and cost no query.
 */
export function chatSession(deps: Deps, options: { queryToken?: boolean } = {}) {
  const known = knownSessionsOf(deps)
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    // EventSource cannot send headers, so the event stream also takes ?token=
    const token =
      /^Bearer\s+(\S+)$/i.exec(header)?.[1] ??
      (options.queryToken ? c.req.query('token') : undefined)
    if (!token) {
      throw new AppError(
        'UNAUTHORIZED',
        '缺少会话令牌：请先创建会话，并以 Authorization: Bearer <token> 发送',
      )
    }
    const hash = hashToken(token)
    let owner = known.get(hash)
    if (!owner) {
      owner = await findConversationByTokenHash(deps.store.db, hash)
      if (!owner) throw new AppError('UNAUTHORIZED', '会话令牌无效或已过期，请重新创建会话')
      if (known.size >= KNOWN_SESSIONS) known.delete(known.keys().next().value!)
      known.set(hash, { id: owner.id, channel_user_id: owner.channel_user_id })
    }
    c.set('session', owner)
    await next()
  })
}

export function chatRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  const { RATE_LIMIT_PER_MINUTE: perSession, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: perAddress } =
    deps.config
  // RATE_LIMIT_PER_MINUTE=0 turns both off, as benchmarks do
  const byAddress = rateLimit(perSession > 0 ? perAddress : 0, clientAddress, deps.now)
  const bySession = rateLimit(perSession, (c) => c.get('session').id, deps.now)

  app.post('/sessions', byAddress, async (c) => {
    const token = newToken()
    const sessionId = crypto.randomUUID()
    await insertConversation(deps.store.db, {
      id: sessionId,
      channel: 'web',
      channelUserId: sessionId,
      tokenHash: hashToken(token),
      language: 'zh-Hans',
      state: JSON.stringify(initialState()),
      now: deps.now(),
    })
    return c.json({ sessionId, token }, 201)
  })

  app.post('/messages', byAddress, chatSession(deps), bySession, async (c) => {
    const body = await readJson(c, messageBody)
    const conversation = c.get('session')
    const id = body.clientMessageId ?? c.req.header('Idempotency-Key') ?? crypto.randomUUID()
    // a browser's GPS fix comes without a place name: it is called by its coordinates, which
    // residents and handlers can read
    const location = body.location && {
      ...body.location,
      label:
        body.location.label ||
        `手机定位（${body.location.lat.toFixed(5)}，${body.location.lng.toFixed(5)}）`,
    }
    const response = await receiveMessage(
      { store: deps.store, reference: deps.reference, casePrefix: deps.config.CASE_NUMBER_PREFIX },
      {
        channel: 'web',
        channelUserId: conversation.channel_user_id,
        conversationId: conversation.id,
        // scoped to the session so one resident's ids never collide with another's
        channelMessageId: `${conversation.id}:${id}`,
        body:
          body.text !== undefined
            ? { kind: 'text', text: body.text }
            : location
              ? { kind: 'location', location }
              : { kind: 'image', imageUrl: body.imageUrl! },
        receivedAt: deps.now(),
      },
    )
    return c.json(response)
  })

  // The conversation so far, so a reloaded page shows it again.
  app.get('/messages', chatSession(deps), async (c) => {
    const conversationId = c.get('session').id
    // the stream then goes on after the last pushed message
    const items = await transcriptOf(deps.store.db, conversationId, HISTORY_TURNS)
    const lastEventId = await lastNotificationId(deps.store.db, conversationId)
    return c.json({ items, lastEventId })
  })

  // Later messages (acceptance, transfer, resolution, the survey) as server-sent events. The event
  // id lets a reconnecting browser resume after the last one it saw (Last-Event-ID).
  const openStreams = new Map<string, number>()
  app.get('/events', chatSession(deps, { queryToken: true }), (c) => {
    const conversationId = c.get('session').id
    // a few tabs are fine; a client opening streams without end is not
    const open = openStreams.get(conversationId) ?? 0
    if (open >= STREAMS_PER_SESSION) {
      throw new AppError('RATE_LIMITED', `同一会话最多同时打开 ${STREAMS_PER_SESSION} 个页面`, {
        retryAfter: 30,
      })
    }
    openStreams.set(conversationId, open + 1)
    const release = () => {
      const n = (openStreams.get(conversationId) ?? 1) - 1
      if (n <= 0) openStreams.delete(conversationId)
      else openStreams.set(conversationId, n)
    }
    const resumeFrom = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId')
    const poll = deps.config.SSE_POLL_MS
    return streamSSE(c, async (stream) => {
      try {
        let aborted = false
        stream.onAbort(() => {
          aborted = true
        })
        let last =
          resumeFrom && /^\d{1,9}$/.test(resumeFrom)
            ? Number(resumeFrom)
            : await lastNotificationId(deps.store.db, conversationId)
        // an id without data moves the browser's Last-Event-ID without firing an event: a
        // resident with no message yet then resumes from here, not from whatever is newest then
        await stream.write(`id: ${last}\n\n`)
        const started = Date.now()
        let quiet = 0
        while (!aborted && Date.now() - started < STREAM_MAX_MS) {
          const rows = await notificationsAfter(deps.store.db, conversationId, last)
          for (const n of rows) {
            const data = {
              text: n.text,
              options: n.options ? JSON.parse(n.options) : undefined,
              caseNumber: n.case_number ?? undefined,
            }
            await stream.writeSSE({
              id: String(n.id),
              event: 'message',
              data: JSON.stringify(data),
            })
            last = n.id
          }
          if (rows.length > 0) continue
          quiet += poll
          if (quiet >= KEEP_ALIVE_MS) {
            await stream.write(': keep-alive\n\n')
            quiet = 0
          }
          await stream.sleep(poll)
        }
      } finally {
        release()
      }
    })
  })

  return app
}

const HISTORY_TURNS = 50
// A stream ends after ten minutes and the browser reconnects, so no proxy holds it forever.
const STREAM_MAX_MS = 10 * 60 * 1000
const KEEP_ALIVE_MS = 15_000
const STREAMS_PER_SESSION = 4
