import { z } from 'zod'

const port = z.coerce.number().int().min(0).max(65535)
const bytes = z.coerce.number().int().min(1024)

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  JSON_BODY_LIMIT_BYTES: bytes.default(1024 * 1024),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  PHOTO_LIMIT_BYTES: bytes.default(10 * 1024 * 1024),
  CASE_NUMBER_PREFIX: z
    .string()
    .regex(/^[A-Z]{1,6}$/, 'must be 1–6 capital letters')
    .default('CZ'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  SSE_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(2000),
  WECHAT_TOKEN: z.string().min(3).max(32).optional(),
  WECHAT_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits')
    .optional(),
  WECHAT_APPSECRET: z.string().min(1).optional(),
  WECHAT_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits')
    .optional(),
  WECHAT_ENCODING_AES_KEY_PREVIOUS: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits')
    .optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  // the service's address as residents reach it (https://…), for links in the WeChat menu
  PUBLIC_BASE_URL: z.url().optional(),
  WECHAT_TEMPLATE_CASE_UPDATE: z.string().min(1).optional(),
  WECHAT_TEMPLATE_CASE_UPDATE_KEYS: z
    .string()
    .regex(/^\w+,\w+,\w+,\w+$/, 'must be four field names, comma-separated')
    .default('character_string1,phrase2,thing3,time4'),
  WECHAT_PASSIVE_REPLY_MS: z.coerce.number().int().min(1).max(4500).default(4000),
  NOTIFY_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  WECHATY_PUPPET: z
    .string()
    .regex(/^(@[\w.-]+\/)?[\w.-]+$/, 'must be a puppet package name, e.g. wechaty-puppet-service')
    .optional(),
  OPEN311_API_KEYS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  STAFF_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

export type Config = z.infer<typeof schema>

/** Thrown when the environment holds a value the service cannot run with. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment once; empty strings count as unset. Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const result = schema.safeParse(present)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`)
}
