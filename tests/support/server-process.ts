import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** resolves with the exit code (or the signal's name) once the process has ended */
  exited: Promise<number | string>
  request(path: string, init?: RequestInit): Promise<Response>
}

/**
 * `src/node.ts` as its own process on a free port of 127.0.0.1, as in production; resolves once
 * it listens. Resident rate limits are off so tests can send a load.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return
      const event = JSON.parse(line) as { msg?: string; url?: string }
      if (event.msg === 'listening') resolve(event.url!)
    })
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening: ${stderr}`)),
    )
  })
  return {
    url,
    child,
    exited,
    request: (path, init) => fetch(url + path, init),
  }
}
