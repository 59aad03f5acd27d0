import type { Db, NewRoutingRule, RoutingRule } from './schema'

export type RuleFields = Omit<NewRoutingRule, 'id' | 'version' | 'created_at' | 'updated_at'>

async function audit(
  db: Db,
  c: {
    ruleId: number
    actor: string
    change: 'create' | 'update' | 'delete'
    before: RoutingRule | null
    after: RoutingRule | null
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('routing_rule_changes')
    .values({
      rule_id: c.ruleId,
      actor: c.actor,
      change: c.change,
      before: c.before ? JSON.stringify(c.before) : null,
      after: c.after ? JSON.stringify(c.after) : null,
      created_at: c.now.toISOString(),
    })
    .execute()
}

export async function findRoutingRule(db: Db, id: number): Promise<RoutingRule | undefined> {
  return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function createRoutingRule(
  db: Db,
  fields: RuleFields,
  actor: string,
  now: Date,
): Promise<RoutingRule> {
  const at = now.toISOString()
  const rule = await db
    .insertInto('routing_rules')
    .values({ ...fields, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(db, { ruleId: rule.id, actor, change: 'create', before: null, after: rule, now })
  return rule
}

/** Applies an edit if the rule is still at `version`; undefined when it is not (or is gone). */
export async function updateRoutingRule(
  db: Db,
  before: RoutingRule,
  fields: RuleFields,
  version: number,
  actor: string,
  now: Date,
): Promise<RoutingRule | undefined> {
  const rule = await db
    .updateTable('routing_rules')
    .set({ ...fields, version: version + 1, updated_at: now.toISOString() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
  if (rule) await audit(db, { ruleId: rule.id, actor, change: 'update', before, after: rule, now })
  return rule
}

export async function deleteRoutingRule(
  db: Db,
  before: RoutingRule,
  version: number,
  actor: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .deleteFrom('routing_rules')
    .where('id', '=', before.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) !== 1) return false
  await audit(db, { ruleId: before.id, actor, change: 'delete', before, after: null, now })
  return true
}

export async function routingRuleHistory(db: Db, ruleId: number) {
  return db
    .selectFrom('routing_rule_changes')
    .selectAll()
    .where('rule_id', '=', ruleId)
    .orderBy('id')
    .execute()
}
