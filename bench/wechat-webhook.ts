import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { aesKeyOf, encryptMessage } from '../src/channels/wechat/message-crypto'
import { signatureOf } from '../src/channels/wechat/verify-signature'
import { load, type Figures } from './chat-intake'
import { corpusTexts, row, startChild, verdict } from './support'

const TOKEN = 'benchtoken'
const APPID = 'wx134c8103faa5a59e'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const FOLLOWERS = 400
const PATH = '/wechat/official-account'

/** The Official Account webhook under load, plain and safe mode, beside a bare Hono route. */
export async function benchWechatWebhook(): Promise<string[]> {
  const texts = corpusTexts()
  let n = 0
  // each follower alternates a complaint with the confirmation that files it; every push is new
  const nextPush = () => {
    const k = n++
    const confirm = Math.floor(k / FOLLOWERS) % 2 === 1
    const content = confirm ? '确认提交' : texts[k % texts.length]!
    return (
      `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-bench-${k % FOLLOWERS}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[${content}]]></Content><MsgId>${10_000_000 + k}</MsgId></xml>`
    )
  }
  const signed = (extra: Record<string, string> = {}, parts: string[] = []) => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = String(n)
    const q = new URLSearchParams({ timestamp, nonce, ...extra })
    q.set(
      parts.length ? 'msg_signature' : 'signature',
      signatureOf([TOKEN, timestamp, nonce, ...parts]),
    )
    return `${PATH}?${q}`
  }
  const xml = { 'content-type': 'text/xml' }

  const baseline = await startChild('bench/baseline-server.ts', {})
  const base = await load(baseline, '/echo', () => ({
    headers: {},
    body: JSON.stringify({ text: texts[n++ % texts.length] }),
  }))
  await baseline.stop()

  const key = aesKeyOf(AES_KEY)
  const plain = await underLoad({}, () => ({ headers: xml, body: nextPush(), path: signed() }))
  const safe = await underLoad({ WECHAT_ENCODING_AES_KEY: AES_KEY }, () => {
    const encrypt = encryptMessage(nextPush(), key, APPID)
    return {
      headers: xml,
      body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      path: signed({ encrypt_type: 'aes' }, [encrypt]),
    }
  })
  const line = (what: string, f: Figures) => [
    row(
      what,
      `${f.p50} / ${f.p99} ms`,
      `${base.p50} / ${base.p99} ms`,
      `${(f.p99 / base.p99).toFixed(2)}×`,
    ),
    row('  throughput', `${f.rps} msg/s`, `${base.rps} req/s`, ''),
    row('  errors and non-2xx answers', `${f.errors}`, `${base.errors}`, ''),
  ]
  verdict(
    'webhook',
    plain.p99 < 100 && safe.p99 < 100 && plain.errors + safe.errors === 0,
    `p99 plain ${plain.p99} ms, safe ${safe.p99} ms; ${plain.errors + safe.errors} errors`,
    `bare Hono route on this machine: p99 ${base.p99} ms`,
  )
  return [
    ...line('WeChat webhook, plain: p50 / p99', plain),
    ...line('WeChat webhook, safe mode: p50 / p99', safe),
  ]
}

async function underLoad(
  env: Record<string, string>,
  request: () => { headers: Record<string, string>; body: string; path: string },
): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cz-bench-wx-'))
  const server = await startChild('src/node.ts', {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '0',
    WECHAT_TOKEN: TOKEN,
    WECHAT_APPID: APPID,
    ...env,
  })
  try {
    return await load(server, PATH, request)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
