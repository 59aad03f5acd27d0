import { Hono } from 'hono'
import { z } from 'zod'
import { CATEGORIES, DISTRICTS, SUBCATEGORIES } from '../domain/classify/types'
import { AppError } from '../errors'
import { listRoutingRules } from '../store/reference-data'
import {
  createRoutingRule,
  deleteRoutingRule,
  findRoutingRule,
  routingRuleHistory,
  updateRoutingRule,
  type RuleFields,
} from '../store/routing-rules'
import type { Db, RoutingRule } from '../store/schema'
import { requireRole, staffSession } from './auth'
import type { AppEnv, Deps } from './env'
import { readJson, readQuery } from './read-json'

const ruleBody = z
  .strictObject({
    priority: z.number().int().min(1).max(100_000),
    category: z.enum(['*', ...CATEGORIES]),
    subcategory: z.string().max(20).nullable().default(null),
    district: z.enum(DISTRICTS).nullable().default(null),
    keywords: z.array(z.string().trim().min(1).max(20)).max(30).nullable().default(null),
    department: z.string().min(1).max(64),
    action: z.enum(['route', 'transfer']),
    acceptWorkingDays: z.number().int().min(1).max(10),
    resolveWorkingDays: z.number().int().min(1).max(60),
    urgentHours: z.number().int().min(1).max(48),
    note: z.string().trim().max(200).nullable().default(null),
  })
  .refine(
    (r) =>
      r.subcategory === null ||
      (r.category in SUBCATEGORIES &&
        (SUBCATEGORIES[r.category as keyof typeof SUBCATEGORIES] as readonly string[]).includes(
          r.subcategory,
        )),
    { message: '子类与类别不符', path: ['subcategory'] },
  )
const versioned = z.object({ version: z.number().int().min(1) })
const idParam = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1)

/** A routing rule as the API shows it: camelCase, keywords as a list. */
function ruleView(r: RoutingRule) {
  return {
    id: r.id,
    version: r.version,
    priority: r.priority,
    category: r.category,
    subcategory: r.subcategory,
    district: r.district,
    keywords: r.keywords ? (JSON.parse(r.keywords) as string[]) : null,
    department: r.department_id,
    action: r.action,
    acceptWorkingDays: r.accept_working_days,
    resolveWorkingDays: r.resolve_working_days,
    urgentHours: r.urgent_hours,
    note: r.note,
    updatedAt: r.updated_at,
  }
}

/**
 * Routing rules (SPEC §1, issue 6): every staff member reads them (handlers pick the agency to
 * transfer to); only admins change them, each change versioned and kept in the history.
 */
export function routingRuleRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps))
  const adminOnly = requireRole('admin')

  /** The fields to store, once the department exists and fits the action. */
  async function fieldsOf(body: z.infer<typeof ruleBody>): Promise<RuleFields> {
    const reference = await deps.reference.get(deps.store.db, deps.now())
    const department = reference.departments.get(body.department)
    if (!department) throw new AppError('VALIDATION_FAILED', `没有这个部门：${body.department}`)
    if ((department.kind === 'agency') !== (body.action === 'transfer'))
      throw new AppError(
        'VALIDATION_FAILED',
        '转办(transfer)须指向外单位，属地办理(route)须指向本局或分局',
      )
    return {
      priority: body.priority,
      category: body.category,
      subcategory: body.subcategory,
      district: body.district,
      keywords: body.keywords?.length ? JSON.stringify(body.keywords) : null,
      department_id: department.id,
      action: body.action,
      accept_working_days: body.acceptWorkingDays,
      resolve_working_days: body.resolveWorkingDays,
      urgent_hours: body.urgentHours,
      note: body.note,
    }
  }
  const actor = (c: { get(key: 'staff'): { username: string } }) =>
    `staff:${c.get('staff').username}`
  const stale = (id: number) =>
    new AppError('VERSION_CONFLICT', `规则 ${id} 已被他人修改，请刷新后再改`)
  async function existing(db: Db, id: number) {
    const rule = await findRoutingRule(db, id)
    if (!rule) throw new AppError('NOT_FOUND', `没有这条规则：${id}`)
    return rule
  }

  app.get('/', async (c) => {
    const reference = await deps.reference.get(deps.store.db, deps.now())
    const rules = await listRoutingRules(deps.store.db)
    return c.json({
      items: rules.map(ruleView),
      departments: [...reference.departments.values()].map((d) => ({
        id: d.id,
        name: d.name,
        kind: d.kind,
        district: d.district,
      })),
    })
  })

  app.get('/:id/history', async (c) => {
    const rows = await routingRuleHistory(deps.store.db, readId(c.req.param('id')))
    return c.json({
      items: rows.map((r) => ({
        change: r.change,
        actor: r.actor,
        at: r.created_at,
        before: r.before ? ruleView(JSON.parse(r.before) as RoutingRule) : null,
        after: r.after ? ruleView(JSON.parse(r.after) as RoutingRule) : null,
      })),
    })
  })

  app.post('/', adminOnly, async (c) => {
    const fields = await fieldsOf(await readJson(c, ruleBody))
    const rule = await deps.store.write((trx) =>
      createRoutingRule(trx, fields, actor(c), deps.now()),
    )
    deps.reference.invalidate()
    return c.json(ruleView(rule), 201)
  })

  app.put('/:id', adminOnly, async (c) => {
    const id = readId(c.req.param('id'))
    const body = await readJson(c, ruleBody.and(versioned))
    const fields = await fieldsOf(body)
    const rule = await deps.store.write(async (trx) => {
      const before = await existing(trx, id)
      await keepCatchAll(trx, before, fields)
      const after = await updateRoutingRule(trx, before, fields, body.version, actor(c), deps.now())
      if (!after) throw stale(id)
      return after
    })
    deps.reference.invalidate()
    return c.json(ruleView(rule))
  })

  app.delete('/:id', adminOnly, async (c) => {
    const id = readId(c.req.param('id'))
    const { version } = readQuery(c, z.object({ version: z.coerce.number().int().min(1) }))
    await deps.store.write(async (trx) => {
      const before = await existing(trx, id)
      await keepCatchAll(trx, before, null)
      if (!(await deleteRoutingRule(trx, before, version, actor(c), deps.now()))) throw stale(id)
    })
    deps.reference.invalidate()
    return c.json({ deleted: id })
  })

  return app
}

/** A rule that fits every complaint: the table must keep one, or a filing finds no department. */
const isCatchAll = (r: Pick<RuleFields, 'category' | 'subcategory' | 'district' | 'keywords'>) =>
  r.category === '*' && !r.subcategory && !r.district && !r.keywords

/** Refuses to delete (replacement null) or narrow the last catch-all rule. */
async function keepCatchAll(db: Db, before: RoutingRule, replacement: RuleFields | null) {
  if (!isCatchAll(before) || (replacement && isCatchAll(replacement))) return
  const others = (await listRoutingRules(db)).filter((r) => r.id !== before.id && isCatchAll(r))
  if (others.length === 0)
    throw new AppError('VALIDATION_FAILED', '须保留一条兜底规则（类别 *、不限子类、区域和关键词）')
}

function readId(raw: string): number {
  const id = idParam.safeParse(raw)
  if (!id.success) throw new AppError('VALIDATION_FAILED', `规则编号应为正整数：${raw}`)
  return id.data
}
