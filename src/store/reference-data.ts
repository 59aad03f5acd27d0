import type { Db, Department, RoutingRule } from './schema'

export async function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  return db.selectFrom('routing_rules').selectAll().orderBy('priority').execute()
}

export async function listDepartments(db: Db): Promise<Department[]> {
  return db.selectFrom('departments').selectAll().orderBy('id').execute()
}
