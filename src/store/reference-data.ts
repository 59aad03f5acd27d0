import type { Db, Department, RoutingRule } from './schema'

export async function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  return db.selectFrom('routing_rules').selectAll().orderBy('priority').execute()
}

export async function findDepartment(db: Db, id: string): Promise<Department | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst()
}
