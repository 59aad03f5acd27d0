import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
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

/** the table as built so far: every row of the run, in order, for bench/results.md */
const tableLines: string[] = []

/** One line of the printed table; kept, so bench/results.md holds the same table. */
export function row(what: string, figure: string, baseline: string, ratio: string): string {
  const line = `${what.padEnd(44)} ${figure.padStart(22)} ${baseline.padStart(22)} ${ratio.padStart(8)}`
  tableLines.push(line)
  return line
}

// ---------------------------------------------------------------------------------------------
// bench/results.md: every table line of the run, the machine, and each SPEC §6 figure met or not.

/** The figures SPEC §6 asks for, in its order. */
export const SPEC_FIGURES = {
  classify: 'classification throughput, one core: ≥ 20,000 messages/s',
  intake: 'intake on SQLite, 2 cores: ≥ 1,500 messages/s sustained, p99 < 50 ms',
  webhook: 'WeChat webhook reply (plain and safe mode): p99 < 100 ms',
  trends: 'trends summary for a year over 1,000,000 cases: < 100 ms, not growing with cases',
  memory: 'memory of the server under that load: < 300 MB RSS',
} as const

export type SpecFigure = keyof typeof SPEC_FIGURES

const verdicts = new Map<SpecFigure, { met: boolean; measured: string; note: string }>()

/** Records whether a SPEC §6 figure was met in this run, with what was measured and why not. */
export function verdict(figure: SpecFigure, met: boolean, measured: string, note = ''): void {
  verdicts.set(figure, { met, measured, note })
}

/** Writes bench/results.md (or `file`): date, machine, the table, and SPEC §6 met or not. */
export function writeResults(file = 'bench/results.md'): void {
  const cpus = os.cpus()
  const load = os.loadavg().map((l) => l.toFixed(2))
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()}.`,
    '',
    `Machine: ${cpus.length} cores, ${cpus[0]?.model ?? 'unknown CPU'}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ` +
      `${os.type()} ${os.release()}; load average at the end ${load.join(' / ')} ` +
      '(the machine may be shared: read figures beside their baselines).',
    '',
    '```',
    ...tableLines,
    '```',
    '',
    '## SPEC §6',
    '',
    '| figure | target | this run | |',
    '| --- | --- | --- | --- |',
    ...(Object.keys(SPEC_FIGURES) as SpecFigure[]).map((key) => {
      const [what, target] = SPEC_FIGURES[key].split(': ')
      const v = verdicts.get(key)
      if (!v) return `| ${what} | ${target} | not measured | not in \`npm run bench\` yet |`
      return `| ${what} | ${target} | ${v.measured} | ${v.met ? 'met' : `**not met**${v.note ? `: ${v.note}` : ''}`} |`
    }),
    '',
  ]
  writeFileSync(file, lines.join('\n'))
  console.log(`\nwritten to ${file}`)
}
