import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { aesKeyOf, DecryptError, decryptMessage } from '../channels/wechat/message-crypto'
import { encryptedReply, textReply } from '../channels/wechat/build-reply'
import {
  BadXmlError,
  parseOfficialAccountMessage,
} from '../channels/wechat/parse-official-account-message'
import { toInbound } from '../channels/wechat/to-inbound'
import { replyAsText } from '../channels/reply-as-text'
import { verifyMsgSignature, verifySignature } from '../channels/wechat/verify-signature'
import { AppError } from '../errors'
import { keepPush, type StoredPush } from '../store/channel-inbox'
import {
  createConversationIds,
  receiveChannelMessage,
  type ConversationIds,
} from '../use-cases/receive-channel-message'
import { replyLater } from '../use-cases/reply-later'
import { limitBody } from './body-limit'
import type { AppEnv, Deps } from './env'

const CHANNEL = 'wechat-oa'
const XML_LIMIT = 64 * 1024
// WeChat retries within seconds; five minutes allows for clock drift
const MAX_AGE_S = 300

/**
 * Takes a message through the conversation and gives the reply as text — or null when it took
 * longer than `budgetMs`: WeChat drops a passive reply after five seconds, so the caller answers
 * `success` and the reply is queued, in the turn's own transaction, as a notification that the
 * delivery job sends as a customer-service message (the caller keeps the push first, for the
 * recovery job should the turn never commit). Which of the two happens is settled in one
 * place (the turn's transaction claims "passive" before committing), so the reply is given
 * exactly once. A repeat of a message still being answered also gets null: the first answers.
 * With no budget (the account cannot send customer-service messages) it waits: should WeChat
 * give up, its retry gets the stored reply.
 */
async function answerInTime(
  deps: Deps & { conversationIds: ConversationIds },
  push: StoredPush,
  budgetMs: number | null,
): Promise<string | null> {
  let mode: 'open' | 'passive' | 'deferred' = 'open'
  const work = receiveChannelMessage(
    {
      store: deps.store,
      reference: deps.reference,
      casePrefix: deps.config.CASE_NUMBER_PREFIX,
      conversationIds: deps.conversationIds,
      onAnswer: async (trx, response, msg) => {
        if (mode === 'open') {
          mode = 'passive'
          return
        }
        await replyLater(trx, response, msg, deps.now())
      },
    },
    push,
  ).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'MESSAGE_IN_PROGRESS') return null
    throw err
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'late'>((resolve) => {
    if (budgetMs !== null) timer = setTimeout(() => resolve('late'), Math.max(0, budgetMs))
  })
  const first = await Promise.race([work, late])
  clearTimeout(timer)
  if (first === 'late' && mode === 'open') {
    mode = 'deferred'
    work.catch((err: unknown) =>
      // the push was kept: src/jobs/recover-pushes.ts takes it through again
      deps.logger.error('wechat message failed after its reply was deferred', {
        msgId: push.channelMessageId,
        error: String(err),
      }),
    )
    return null
  }
  const response = await work
  return response ? replyAsText(response) : null
}

/**
 * The Official Account's message push (SPEC §3): URL verification, plain and safe mode. A bad
 * signature is refused at the edge with 401 before anything is read or stored.
 */
export function wechatRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  const c0 = deps.config
  const conversationIds = createConversationIds()
  const keys = [c0.WECHAT_ENCODING_AES_KEY, c0.WECHAT_ENCODING_AES_KEY_PREVIOUS]
    .filter((k): k is string => !!k)
    .map(aesKeyOf)
  const token = () => {
    if (!c0.WECHAT_TOKEN) throw new AppError('NOT_FOUND', '未配置微信公众号接入(WECHAT_TOKEN)')
    return c0.WECHAT_TOKEN
  }

  app.get('/', (c) => {
    const q = c.req.query()
    if (!verifySignature(token(), q))
      throw new HTTPException(401, { message: 'signature does not match' })
    return c.text(q.echostr ?? '')
  })

  app.post(
    '/',
    limitBody(XML_LIMIT, () => {
      throw new AppError('PAYLOAD_TOO_LARGE', 'message push too large')
    }),
    async (c) => {
      const started = performance.now()
      const q = c.req.query()
      const safe = q.encrypt_type === 'aes'
      // with a key configured the account is in safe mode: a plain push is not from WeChat
      if (keys.length > 0 && !safe)
        throw new HTTPException(401, { message: 'safe mode expects encrypt_type=aes' })
      // a signed query seen once (say in a proxy's log) must not be replayed later
      const age = Math.abs(deps.now().getTime() / 1000 - Number(q.timestamp))
      if (!Number.isFinite(age) || age > MAX_AGE_S)
        throw new HTTPException(401, { message: 'timestamp too far from now' })
      const raw = await c.req.text()
      let message
      try {
        let xml = raw
        if (safe) {
          const outer = parseOfficialAccountMessage(raw)
          if (!outer.encrypt || !verifyMsgSignature(token(), q, outer.encrypt)) {
            throw new HTTPException(401, { message: 'msg_signature does not match' })
          }
          if (keys.length === 0 || !c0.WECHAT_APPID)
            throw new AppError('UNAVAILABLE', '未配置 WECHAT_ENCODING_AES_KEY 与 WECHAT_APPID')
          xml = decryptMessage(outer.encrypt, keys, c0.WECHAT_APPID)
        } else if (!verifySignature(token(), q)) {
          throw new HTTPException(401, { message: 'signature does not match' })
        }
        message = parseOfficialAccountMessage(xml)
      } catch (err) {
        if (err instanceof BadXmlError || err instanceof DecryptError)
          throw new AppError('BAD_XML', `消息体无法解析：${err.message}`)
        throw err
      }

      const intent = toInbound(message)
      if (intent.kind === 'ignore') return c.text('success')
      let content: string
      if (intent.kind === 'answer') {
        content = intent.text
      } else {
        const push: StoredPush = {
          channel: CHANNEL,
          channelMessageId: intent.id,
          channelUserId: message.fromUser,
          body: intent.body,
          receivedAt: deps.now(),
        }
        const answered = await answerInTime(
          { ...deps, conversationIds },
          push,
          // without an AppSecret a deferred reply could never be sent
          c0.WECHAT_APPSECRET ? c0.WECHAT_PASSIVE_REPLY_MS - (performance.now() - started) : null,
        )
        if (answered === null) {
          // WeChat never retries after `success`: until its turn commits, the push is kept, and
          // src/jobs/recover-pushes.ts answers it should this process die first. A push answered
          // in time is not kept (WeChat resends one it heard nothing for): keeping every push
          // cost a write before each turn, +4–16 ms at the median in a timing on both dialects
          await keepPush(deps.store.db, push)
          return c.text('success')
        }
        content = answered
      }
      const reply = textReply({
        toUser: message.fromUser,
        fromUser: message.toUser,
        content,
        now: deps.now(),
      })
      const body = safe
        ? encryptedReply(reply, {
            token: token(),
            key: keys[0]!,
            appId: c0.WECHAT_APPID!,
            now: deps.now(),
            nonce: q.nonce ?? crypto.randomUUID().slice(0, 10),
          })
        : reply
      return c.body(body, 200, { 'Content-Type': 'application/xml; charset=utf-8' })
    },
  )

  return app
}
