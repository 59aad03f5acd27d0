import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { OPEN_STATUSES } from '../domain/cases/lifecycle'
import { classify } from '../domain/classify/classify'
import { texts } from '../domain/intake/texts'
import { open311Status, SERVICES, serviceByCode, serviceOf } from '../domain/open311/services'
import type { CaseRow } from '../store/schema'
import { fileCase } from '../use-cases/file-case'
import { limitBody } from './body-limit'
import type { AppEnv, Deps } from './env'

/** An error the Open311 way: a list of {code, description}, with the code as HTTP status. */
class Open311Error extends Error {
  constructor(
    readonly code: 400 | 403 | 404 | 413,
    description: string,
  ) {
    super(description)
  }
}

const DAY_MS = 86_400_000
const WINDOW_DAYS = 90
const MAX_RESULTS = 1000

const sha256 = (s: string) => createHash('sha256').update(s).digest()

/** A form or query field that may be absent or empty. */
const optional = z
  .string()
  .trim()
  .optional()
  .transform((s) => s || undefined)
const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? Number(v) : undefined),
    z.number().min(min).max(max).optional(),
  )

const newRequest = z.object({
  api_key: optional,
  service_code: z.string({ error: 'service_code is required' }).trim().min(1),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: optional.pipe(z.string().max(500).optional()),
  description: optional.pipe(z.string().max(4000).optional()),
  media_url: optional.pipe(z.url().max(2000).optional()),
})

const dateParam = optional.pipe(z.iso.datetime({ offset: true }).optional())
const listQuery = z.object({
  service_request_id: optional,
  service_code: optional,
  start_date: dateParam,
  end_date: dateParam,
  status: optional.pipe(z.enum(['open', 'closed', 'open,closed', 'closed,open']).optional()),
})

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  throw new Open311Error(400, fields.join('; '))
}

function requestView(row: CaseRow, agency: string | null) {
  const service = serviceOf(row.category, row.subcategory)
  const statusName = texts['zh-Hans'].statusNames[row.status] ?? row.status
  return {
    service_request_id: row.number,
    status: open311Status(row.status),
    status_notes: row.public_note ? `${statusName}：${row.public_note}` : statusName,
    service_name: service?.service_name ?? null,
    service_code: service?.service_code ?? null,
    description: row.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: row.created_at,
    updated_datetime: row.updated_at,
    expected_datetime: open311Status(row.status) === 'open' ? row.resolve_due_at : null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: row.photos ? ((JSON.parse(row.photos) as string[])[0] ?? null) : null,
  }
}

/**
 * Open311 GeoReport v2 (SPEC §3), JSON only: the services are the complaint taxonomy, a new
 * request files a case through the same filing as every channel, and requests are read back
 * with open/closed status and the public update in status_notes.
 */
export function open311Routes(deps: Deps) {
  const app = new Hono<AppEnv>()
  const keys = deps.config.OPEN311_API_KEYS.map(sha256)
  const base = (c: Context) => `${new URL(c.req.url).origin}/open311/v2/`
  const departmentName = async (id: string | null) =>
    id
      ? ((await deps.reference.get(deps.store.db, deps.now())).departments.get(id)?.name ?? null)
      : null

  app.onError((err, c) => {
    if (err instanceof Open311Error) {
      return c.json(
        [{ code: err.code, description: err.message }],
        err.code as ContentfulStatusCode,
      )
    }
    deps.logger.error('open311 error', { requestId: c.get('requestId'), error: String(err) })
    return c.json([{ code: 500, description: '服务器内部错误，请稍后再试' }], 500)
  })

  app.get('/discovery.json', (c) =>
    c.json({
      changeset: '2026-11-28T00:00:00Z',
      contact: '常州市生态环境局 12369 环保举报热线',
      key_service: '向常州市生态环境局申请 api_key',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: base(c).replace(/\/$/, ''),
          changeset: '2026-11-28T00:00:00Z',
          type: 'production',
          formats: ['application/json'],
        },
      ],
    }),
  )

  app.get('/services.json', (c) =>
    c.json(SERVICES.map(({ category: _c, subcategory: _s, ...s }) => s)),
  )

  app.get('/services/:code{.+\\.json}', (c) => {
    const code = c.req.param('code').replace(/\.json$/, '')
    if (!serviceByCode(code)) throw new Open311Error(404, `没有这项服务：${code}`)
    return c.json({ service_code: code, attributes: [] })
  })

  app.post(
    '/requests.json',
    limitBody(deps.config.JSON_BODY_LIMIT_BYTES, () => {
      throw new Open311Error(413, '请求体过大')
    }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => {
        throw new Open311Error(400, '请求体应为 application/x-www-form-urlencoded')
      })
      const r = parse(newRequest, form)
      const key = r.api_key ? sha256(r.api_key) : null
      if (!key || !keys.some((k) => timingSafeEqual(k, key))) {
        throw new Open311Error(403, 'api_key 无效')
      }
      const service = serviceByCode(r.service_code)
      if (!service) throw new Open311Error(404, `没有这项服务：${r.service_code}`)
      const hasPoint = r.lat !== undefined && r.long !== undefined
      if (!hasPoint && !r.address_string) {
        throw new Open311Error(400, '需要位置：lat 与 long，或 address_string')
      }
      const description = r.description ?? service.service_name
      const now = deps.now()
      // the classifier still reads the words for the district and urgency; the service decides the category
      const classified = classify([r.address_string, description].filter(Boolean).join(' '))
      const filed = await deps.store.write(async (trx) =>
        fileCase(
          trx,
          await deps.reference.get(trx, now),
          {
            description,
            classification: {
              ...classified,
              intent: 'report',
              category: service.category,
              subcategory: service.subcategory,
            },
            location: hasPoint
              ? { lat: r.lat!, lng: r.long!, label: r.address_string ?? null }
              : null,
            occurred: null,
            phone: null,
            anonymous: true,
            imageUrls: r.media_url ? [r.media_url] : [],
            asked: { place: 0, when: 0 },
          },
          { channel: 'open311', channelUserId: null, conversationId: null },
          deps.config.CASE_NUMBER_PREFIX,
          now,
        ),
      )
      const notice =
        filed.rule.action === 'transfer'
          ? `已转交${filed.department.name}办理`
          : `已受理登记，由${filed.department.name}办理`
      return c.json(
        [{ service_request_id: filed.row.number, service_notice: notice, account_id: null }],
        201,
      )
    },
  )

  app.get('/requests.json', async (c) => {
    const q = parse(listQuery, c.req.query())
    let query = deps.store.db.selectFrom('cases').selectAll()
    if (q.service_request_id) {
      query = query.where(
        'number',
        'in',
        q.service_request_id.split(',').map((s) => s.trim()),
      )
    } else {
      const end = q.end_date ? new Date(q.end_date) : deps.now()
      const start = q.start_date
        ? new Date(q.start_date)
        : new Date(end.getTime() - WINDOW_DAYS * DAY_MS)
      if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY_MS || start > end) {
        throw new Open311Error(400, `start_date 与 end_date 相隔不能超过 ${WINDOW_DAYS} 天`)
      }
      query = query
        .where('created_at', '>=', start.toISOString())
        .where('created_at', '<=', end.toISOString())
      if (q.service_code) {
        const services = q.service_code.split(',').map((code) => {
          const s = serviceByCode(code.trim())
          if (!s) throw new Open311Error(404, `没有这项服务：${code}`)
          return s
        })
        query = query.where((eb) =>
          eb.or(
            services.map((s) =>
              s.subcategory === 'none'
                ? eb('category', '=', s.category)
                : eb.and([eb('category', '=', s.category), eb('subcategory', '=', s.subcategory)]),
            ),
          ),
        )
      }
      if (q.status === 'open') query = query.where('status', 'in', [...OPEN_STATUSES])
      if (q.status === 'closed') query = query.where('status', 'not in', [...OPEN_STATUSES])
    }
    const rows = await query.orderBy('created_at', 'desc').limit(MAX_RESULTS).execute()
    return c.json(
      await Promise.all(
        rows.map(async (r) => requestView(r, await departmentName(r.department_id))),
      ),
    )
  })

  app.get('/requests/:id{.+\\.json}', async (c) => {
    const number = c.req.param('id').replace(/\.json$/, '')
    const row = await deps.store.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirst()
    if (!row) throw new Open311Error(404, `没有这个请求：${number}`)
    return c.json([requestView(row, await departmentName(row.department_id))])
  })

  app.all('*', (c) => {
    throw new Open311Error(404, `没有这个地址：${c.req.path}`)
  })
  return app
}
