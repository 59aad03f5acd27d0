import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeCall {
  path: string
  query: Record<string, string>
  body: Record<string, unknown> | null
  /** the errcode it was answered with */
  errcode?: number
}

/**
 * WeChat's API as far as the service uses it, on a random local port: it hands out access
 * tokens (TOKEN-1, TOKEN-2, …), refuses a call with a token it did not hand out or has expired
 * (40001), and answers the next send or menu with whatever errcodes a test queued.
 */
export async function startFakeWechat(appSecret: string) {
  const calls: FakeCall[] = []
  const valid = new Set<string>()
  const usedCodes = new Set<string>()
  const queued: { custom: number[]; template: number[]; menu: number[] } = {
    custom: [],
    template: [],
    menu: [],
  }
  let issued = 0
  let tokenDelayMs = 0

  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake')
        const query = Object.fromEntries(url.searchParams)
        const call: FakeCall = { path: url.pathname, query, body: raw ? JSON.parse(raw) : null }
        calls.push(call)
        const answer = (body: unknown, status = 200) => {
          res.writeHead(status, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify(body))
        }
        if (url.pathname === '/cgi-bin/token') {
          if (query.secret !== appSecret)
            return answer({ errcode: 40125, errmsg: 'invalid appsecret' })
          await new Promise((r) => setTimeout(r, tokenDelayMs))
          const token = `TOKEN-${++issued}`
          valid.add(token)
          return answer({ access_token: token, expires_in: 7200 })
        }
        if (url.pathname === '/sns/oauth2/access_token') {
          // a web authorisation code "CODE<n>-<openid>" names its follower, and is good once
          if (query.secret !== appSecret) return answer({ errcode: 40125, errmsg: 'bad secret' })
          const code = query.code ?? ''
          if (!/^CODE\d*-./.test(code) || usedCodes.has(code))
            return answer({ errcode: 40163, errmsg: 'code been used' })
          usedCodes.add(code)
          const openid = code.slice(code.indexOf('-') + 1)
          return answer({ access_token: 'WEB-TOKEN', openid, scope: 'snsapi_base' })
        }
        const token = query.access_token ?? ''
        if (!valid.has(token)) {
          call.errcode = 40001
          // WeChat's errmsg names no token, but a client must not trust that it never will
          return answer({
            errcode: 40001,
            errmsg: `invalid credential, access_token is invalid or not latest: ${token}`,
          })
        }
        const kind = url.pathname.endsWith('/custom/send')
          ? 'custom'
          : url.pathname === '/cgi-bin/menu/create'
            ? 'menu'
            : 'template'
        const errcode = queued[kind].shift() ?? 0
        call.errcode = errcode
        if (errcode === 500) return answer({ error: 'busy' }, 500)
        return answer({ errcode, errmsg: errcode ? 'refused' : 'ok' })
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    queued,
    tokenRequests: () => calls.filter((c) => c.path === '/cgi-bin/token').length,
    /** the messages WeChat accepted */
    sent: (kind: 'custom' | 'template') =>
      calls.filter((c) => c.path === `/cgi-bin/message/${kind}/send` && c.errcode === 0),
    /** the custom menus WeChat accepted, oldest first */
    menus: () =>
      calls
        .filter((c) => c.path === '/cgi-bin/menu/create' && c.errcode === 0)
        .map((c) => c.body as { button: { name: string; sub_button?: { url?: string }[] }[] }),
    /** WeChat invalidates every token it handed out (as when another tool fetched a new one). */
    expireTokens: () => valid.clear(),
    slowTokens: (ms: number) => (tokenDelayMs = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
