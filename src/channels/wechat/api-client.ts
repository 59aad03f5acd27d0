import type { Config } from '../../config'
import type { Logger } from '../../logger'
import type { Db } from '../../store/schema'
import type { OfficialAccountMenu } from './build-menu'
import {
  claimTokenRefresh,
  readAccessToken,
  releaseTokenRefresh,
  saveAccessToken,
  type StoredToken,
} from '../../store/wechat-tokens'

/** An answer from WeChat's API other than errcode 0; `errcode` -1 when WeChat could not be reached. */
export class WechatApiError extends Error {
  override name = 'WechatApiError'
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message)
  }
}

// 40001: invalid credential; 40014: invalid access_token; 42001: access_token expired
const TOKEN_ERRORS = new Set([40001, 40014, 42001])
// a token is renewed this long before WeChat says it expires (it lives 7,200 s)
const RENEW_BEFORE_MS = 5 * 60_000
const REFRESH_LEASE_MS = 15_000
const WAIT_STEP_MS = 100

export interface WechatApiOptions {
  /** https://api.weixin.qq.com, or a fake server in tests */
  base: string
  appId: string
  appSecret: string
  db: Db
  logger: Logger
  now: () => Date
  fetch?: typeof fetch
  timeoutMs?: number
}

export interface TemplateMessage {
  templateId: string
  data: Record<string, string>
  url?: string
}

export interface WechatApi {
  /** A customer-service text message (within 48 hours of the resident's last message). */
  sendText(openId: string, content: string): Promise<void>
  /** A template message, for when the customer-service window has closed. */
  sendTemplate(openId: string, message: TemplateMessage): Promise<void>
  /** Replaces the account's whole custom menu. */
  createMenu(menu: OfficialAccountMenu): Promise<void>
  /** The follower's OpenID for a web page's silent authorisation code (snsapi_base). */
  openIdOfCode(code: string): Promise<string>
}

interface WechatAnswer {
  errcode?: number
  errmsg?: string
  access_token?: string
  expires_in?: number
  openid?: string
}

/**
 * WeChat's server API with the access token kept in the database: every instance uses the same
 * token, and when it must be renewed exactly one instance fetches a new one (the others wait
 * for it). A call refused for a bad or expired token is retried once with a fresh token. The
 * AppSecret and tokens never reach a log line or an error message.
 */
export function createWechatApi(o: WechatApiOptions): WechatApi {
  const doFetch = o.fetch ?? fetch
  const timeoutMs = o.timeoutMs ?? 10_000
  const owner = crypto.randomUUID()
  let cached: StoredToken | null = null
  // the tokens this instance has held, so that none is echoed back in a message
  const seen: string[] = []
  const remember = (t: StoredToken) => {
    if (!seen.includes(t.accessToken) && seen.push(t.accessToken) > 4) seen.shift()
    return (cached = t).accessToken
  }
  const redact = (text: string) =>
    [o.appSecret, ...seen].reduce((t, secret) => t.replaceAll(secret, '***'), text)

  async function request(path: string, query: Record<string, string>, body?: unknown) {
    const url = `${o.base.replace(/\/$/, '')}${path}?${new URLSearchParams(query)}`
    const started = performance.now()
    let answer: WechatAnswer
    try {
      const res = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`)
      answer = (await res.json()) as WechatAnswer
    } catch (err) {
      const reason = err instanceof WechatApiError ? err.message : describeFailure(err)
      o.logger.warn('wechat api unreachable', { path, reason: redact(reason) })
      throw new WechatApiError(-1, `微信接口无法访问(${path})：${redact(reason)}`)
    }
    const errcode = answer.errcode ?? 0
    o.logger.info('wechat api', {
      path,
      errcode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
    if (errcode !== 0) {
      throw new WechatApiError(
        errcode,
        `微信接口 ${path} 返回 ${errcode}：${redact(answer.errmsg ?? '')}`,
      )
    }
    return answer
  }

  async function fetchToken(): Promise<StoredToken> {
    const answer = await request('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: o.appId,
      secret: o.appSecret,
    })
    if (!answer.access_token) throw new WechatApiError(-1, '微信接口未返回 access_token')
    const lifetimeS = answer.expires_in ?? 7200
    return {
      accessToken: answer.access_token,
      expiresAt: new Date(o.now().getTime() + lifetimeS * 1000),
    }
  }

  /** A token fresh enough to use, other than `stale` (the one WeChat just refused). */
  async function token(stale: string | null): Promise<string> {
    const usable = (t: StoredToken | null): t is StoredToken =>
      !!t && t.accessToken !== stale && t.expiresAt.getTime() - RENEW_BEFORE_MS > o.now().getTime()
    if (usable(cached)) return cached.accessToken
    for (let waited = 0; waited <= REFRESH_LEASE_MS; waited += WAIT_STEP_MS) {
      const stored = await readAccessToken(o.db, o.appId)
      if (usable(stored)) return remember(stored)
      const now = o.now()
      const claimed = await claimTokenRefresh(o.db, {
        appId: o.appId,
        owner,
        stale,
        freshUntil: new Date(now.getTime() + RENEW_BEFORE_MS),
        now,
        leaseMs: REFRESH_LEASE_MS,
      })
      if (claimed) {
        try {
          const fresh = await fetchToken()
          await saveAccessToken(o.db, { appId: o.appId, owner, token: fresh, now: o.now() })
          o.logger.info('wechat access token renewed', { expiresAt: fresh.expiresAt.toISOString() })
          return remember(fresh)
        } catch (err) {
          await releaseTokenRefresh(o.db, o.appId, owner)
          throw err
        }
      }
      // another instance is renewing it: its token will be in the database shortly
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS))
    }
    throw new WechatApiError(-1, '等待其他实例刷新 access_token 超时')
  }

  async function call(path: string, body: unknown): Promise<void> {
    const first = await token(null)
    try {
      await request(path, { access_token: first }, body)
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err
      o.logger.warn('wechat access token refused, renewing', { path, errcode: err.errcode })
      if (cached?.accessToken === first) cached = null
      await request(path, { access_token: await token(first) }, body)
    }
  }

  return {
    sendText: (openId, content) =>
      call('/cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content } }),
    sendTemplate: (openId, m) =>
      call('/cgi-bin/message/template/send', {
        touser: openId,
        template_id: m.templateId,
        ...(m.url ? { url: m.url } : {}),
        data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
      }),
    createMenu: (menu) => call('/cgi-bin/menu/create', menu),
    openIdOfCode: async (code) => {
      const answer = await request('/sns/oauth2/access_token', {
        appid: o.appId,
        secret: o.appSecret,
        code,
        grant_type: 'authorization_code',
      })
      if (!answer.openid) throw new WechatApiError(-1, '微信网页授权未返回 openid')
      return answer.openid
    },
  }
}

/** The Official Account's API when its AppID and AppSecret are configured, else undefined. */
export function officialAccountApi(
  config: Config,
  db: Db,
  logger: Logger,
): (WechatApi & { appId: string }) | undefined {
  if (!config.WECHAT_APPID || !config.WECHAT_APPSECRET) return undefined
  const api = createWechatApi({
    base: config.WECHAT_API_BASE,
    appId: config.WECHAT_APPID,
    appSecret: config.WECHAT_APPSECRET,
    db,
    logger,
    now: () => new Date(),
  })
  return { ...api, appId: config.WECHAT_APPID }
}

/** Why a request failed, without its URL (which carries the secret or the token). */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error'
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out'
  const cause = (err as { cause?: { code?: string } }).cause
  return cause?.code ?? err.name
}
