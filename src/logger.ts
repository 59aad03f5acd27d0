import pino from 'pino'
import { REDACTED, REDACTED_FIELDS, scrubStrings } from './log-privacy'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

/**
 * JSON lines through pino — stdout, errors on stderr — one per event, with the request id where
 * there is one, so logs can be searched by it; residents' phone numbers and WeChat identities
 * never reach them (src/log-privacy.ts). `write` replaces the output (tests collect lines); it
 * gets each line without its newline. The Worker logs through src/console-logger.ts instead:
 * pino's build for bundlers has no redaction.
 */
export function createLogger(
  level: LogLevel,
  write?: (line: string, isError: boolean) => void,
): Logger {
  const to = (isError: boolean) => ({
    write: (line: string) =>
      write
        ? write(line.trimEnd(), isError)
        : (isError ? process.stderr : process.stdout).write(line),
  })
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: scrubStrings },
      redact: { paths: REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: REDACTED },
    },
    pino.multistream(
      [
        { level: 'debug', stream: to(false) },
        { level: 'error', stream: to(true) },
      ],
      { dedupe: true },
    ),
  )
  const at = (l: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) =>
    fields ? log[l](fields, msg) : log[l](msg)
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
