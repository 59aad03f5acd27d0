import { redactFields } from './log-privacy'
import type { Logger, LogLevel } from './logger'

const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const

/**
 * The Worker's logger: the same JSON lines as the Node one (level, time, fields, msg), with the
 * same redaction, written to the console, where Workers Logs and `wrangler tail` pick them up.
 */
export function consoleLogger(level: LogLevel): Logger {
  const at =
    (l: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
      if (RANK[l] < RANK[level]) return
      const line = JSON.stringify({
        level: l,
        time: new Date().toISOString(),
        ...(fields ? redactFields(fields) : {}),
        msg,
      })
      if (l === 'error') console.error(line)
      else console.log(line)
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
