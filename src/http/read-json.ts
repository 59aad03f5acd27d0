import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../errors'

/** The request's JSON body, checked against a schema; a 400 that names the bad fields otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new AppError('BAD_JSON', '请求体不是有效的 JSON')
  }
  return checked(schema, body, '请求字段有误')
}

/** The request's query parameters, checked against a schema the same way. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return checked(schema, c.req.query(), '查询参数有误')
}

function checked<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    throw new AppError('VALIDATION_FAILED', `${what} — ${fields.join('; ')}`, { fields })
  }
  return result.data
}
