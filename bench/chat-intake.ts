import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
import { cpuMs, corpusTexts, row, rssMb, startChild, type Child } from './support'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 32
const SESSIONS = 400

export interface Figures {
  rps: number
  /** server CPU time per request, µs */
  cpuUs: number
  p50: number
  p99: number
  errors: number
}

/** Loads one route for DURATION_S; each request may carry its own path (a signed query). */
export async function load(
  server: Child,
  path: string,
  bodies: () => { headers: Record<string, string>; body: string; path?: string },
): Promise<Figures> {
  const cpuBefore = cpuMs(server.process.pid!)
  const result = await autocannon({
    url: server.url + path,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (req) => {
          const next = bodies()
          return {
            ...req,
            ...(next.path ? { path: next.path } : {}),
            headers: { 'content-type': 'application/json', ...next.headers },
            body: next.body,
          }
        },
      },
    ],
  })
  const cpu = cpuMs(server.process.pid!) - cpuBefore
  return {
    rps: Math.round(result.requests.average),
    cpuUs: Math.round((cpu * 1000) / result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

/** The chat message path (classify, store, reply) on SQLite, beside a bare Hono route. */
export async function benchChatIntake(): Promise<string[]> {
  const texts = corpusTexts()
  let i = 0
  const text = () => texts[i++ % texts.length]!

  const baseline = await startChild('bench/baseline-server.ts', {})
  const base = await load(baseline, '/echo', () => ({
    headers: {},
    body: JSON.stringify({ text: text() }),
  }))
  await baseline.stop()

  const dataDir = mkdtempSync(join(tmpdir(), 'cz-bench-'))
  const server = await startChild('src/node.ts', {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '0',
  })
  const tokens: string[] = []
  for (let s = 0; s < SESSIONS; s++) {
    const res = await fetch(server.url + '/api/v1/chat/sessions', { method: 'POST' })
    tokens.push(((await res.json()) as { token: string }).token)
  }
  // Each resident alternates a message from the corpus with the confirmation that files it.
  let n = 0
  const chat = await load(server, '/api/v1/chat/messages', () => {
    const k = n++
    const confirm = Math.floor(k / SESSIONS) % 2 === 1
    return {
      headers: { authorization: `Bearer ${tokens[k % SESSIONS]}` },
      body: JSON.stringify({ text: confirm ? '确认提交' : text() }),
    }
  })
  const rss = rssMb(server.process.pid!)
  await server.stop()
  const filed = countCases(dataDir)
  rmSync(dataDir, { recursive: true, force: true })

  return [
    row(
      'chat message → classified → stored → reply',
      `${chat.rps} msg/s`,
      `${base.rps} req/s`,
      `${(chat.rps / base.rps).toFixed(2)}×`,
    ),
    row('  latency p50 / p99', `${chat.p50} / ${chat.p99} ms`, `${base.p50} / ${base.p99} ms`, ''),
    row('  server CPU per request', `${chat.cpuUs} µs`, `${base.cpuUs} µs`, ''),
    row('  errors and non-2xx answers', `${chat.errors}`, `${base.errors}`, ''),
    row('  server RSS after the run', `${rss} MB`, '', ''),
    row('  cases filed during the run', `${filed}`, '', ''),
  ]
}

function countCases(dataDir: string): number {
  const db = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
  try {
    return (db.prepare('select count(*) as n from cases').get() as { n: number }).n
  } finally {
    db.close()
  }
}
