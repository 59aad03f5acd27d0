import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface Child {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Runs a TypeScript entry in its own Node process and waits until `health` answers 200. */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  health = '/healthz',
): Promise<Child> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof4'] : []),
      '--import',
      'tsx',
      entry,
    ],
    {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url + health)).ok) break
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Resident messages from the labelled corpus, to load the service with realistic text. */
export function corpusTexts(): string[] {
  return readFileSync('src/domain/classify/corpus/train.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text)
}

/** Resident set size of a process in MB, read from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

/** CPU time (user + system, all threads) a process has used so far, in ms, read from /proc. */
export function cpuMs(pid: number): number {
  // the fields after the command name, which is in parentheses and may hold spaces
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

// USER_HZ: Linux reports process times in hundredths of a second on every common platform
const CLOCK_TICKS = 100

export function row(what: string, figure: string, baseline: string, ratio: string): string {
  return `${what.padEnd(44)} ${figure.padStart(22)} ${baseline.padStart(22)} ${ratio.padStart(8)}`
}
