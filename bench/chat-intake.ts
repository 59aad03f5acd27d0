import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { cpuMs, corpusTexts, row, rssMb, startChild, verdict, type Child } from './support'

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

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test'

/** A fresh, empty PostgreSQL database for one run, or undefined when none answers. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const server = process.env.DATABASE_URL || LOCAL_POSTGRES
  const name = `bench_${Date.now()}`
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 1000 })
  try {
    await admin.connect()
    await admin.query(`create database ${name}`)
  } catch {
    return undefined
  } finally {
    await admin.end().catch(() => undefined)
  }
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/** The chat path on one database: sessions, then the load; its figures, RSS and cases filed. */
async function chatPath(env: Record<string, string>, text: () => string) {
  const server = await startChild('src/node.ts', {
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  })
  const tokens: string[] = []
  for (let s = 0; s < SESSIONS; s++) {
    const res = await fetch(server.url + '/api/v1/chat/sessions', { method: 'POST' })
    tokens.push(((await res.json()) as { token: string }).token)
  }
  // Each resident alternates a message from the corpus with the confirmation that files it.
  let n = 0
  const figures = await load(server, '/api/v1/chat/messages', () => {
    const k = n++
    const confirm = Math.floor(k / SESSIONS) % 2 === 1
    return {
      headers: { authorization: `Bearer ${tokens[k % SESSIONS]}` },
      body: JSON.stringify({ text: confirm ? '确认提交' : text() }),
    }
  })
  const rss = rssMb(server.process.pid!)
  await server.stop()
  return { ...figures, rss }
}

function chatRows(title: string, chat: Figures & { rss: number }, base: Figures, filed: number) {
  return [
    row(title, `${chat.rps} msg/s`, `${base.rps} req/s`, `${(chat.rps / base.rps).toFixed(2)}×`),
    row('  latency p50 / p99', `${chat.p50} / ${chat.p99} ms`, `${base.p50} / ${base.p99} ms`, ''),
    row('  server CPU per request', `${chat.cpuUs} µs`, `${base.cpuUs} µs`, ''),
    row('  errors and non-2xx answers', `${chat.errors}`, `${base.errors}`, ''),
    row('  server RSS after the run', `${chat.rss} MB`, '', ''),
    row('  cases filed during the run', `${filed}`, '', ''),
  ]
}

/**
 * The chat message path (classify, store, reply) on SQLite and, where one answers, on
 * PostgreSQL (one server process, pool of DATABASE_POOL_SIZE), beside a bare Hono route.
 */
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
  const sqlite = await chatPath({ DATA_DIR: dataDir }, text)
  const lines = chatRows(
    'chat message → classified → stored → reply',
    sqlite,
    base,
    countCases(dataDir),
  )
  rmSync(dataDir, { recursive: true, force: true })
  const fast = sqlite.rps >= 1500 && sqlite.p99 < 50
  verdict(
    'intake',
    fast && sqlite.errors === 0,
    `${sqlite.rps} msg/s, p99 ${sqlite.p99} ms, ${sqlite.errors} errors`,
    fast
      ? `${sqlite.errors} requests failed`
      : `bare Hono route on this machine: ${base.rps} req/s`,
  )
  verdict(
    'memory',
    sqlite.rss < 300,
    `${sqlite.rss} MB after the SQLite chat load`,
    'measured after the chat load only',
  )

  const postgres = await freshPostgres()
  if (!postgres) {
    lines.push(row('chat path on PostgreSQL', 'skipped', 'none answers', ''))
    return lines
  }
  try {
    const onPg = await chatPath({ DATA_DIR: dataDir, DATABASE_URL: postgres.url }, text)
    const client = new pg.Client({ connectionString: postgres.url })
    await client.connect()
    const filed = Number((await client.query('select count(*) as n from cases')).rows[0].n)
    await client.end()
    lines.push(...chatRows('the same on PostgreSQL (one process)', onPg, base, filed))
  } finally {
    await postgres.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return lines
}
function countCases(dataDir: string): number {
  const db = new SQLite(join(dataDir, 'complaints.sqlite'), { readonly: true })
  try {
    return (db.prepare('select count(*) as n from cases').get() as { n: number }).n
  } finally {
    db.close()
  }
}
