import { listDepartments, listRoutingRules } from './reference-data'
import type { Db, Department, RoutingRule } from './schema'

export interface ReferenceData {
  rules: RoutingRule[]
  departments: ReadonlyMap<string, Department>
}

export interface ReferenceCache {
  get(db: Db, now: Date): Promise<ReferenceData>
  /** forget the cached copy, e.g. after an admin edits the routing table on this instance */
  invalidate(): void
}

/**
 * Departments and routing rules change a few times a year but are read on every filing, so each
 * server keeps a copy for `ttlMs`; an edit on another instance is seen within that time.
 */
export function createReferenceCache(ttlMs = 30_000): ReferenceCache {
  let cached: { data: ReferenceData; at: number } | undefined
  return {
    async get(db, now) {
      if (cached && now.getTime() - cached.at < ttlMs && now.getTime() >= cached.at)
        return cached.data
      const [rules, departments] = await Promise.all([listRoutingRules(db), listDepartments(db)])
      const data = { rules, departments: new Map(departments.map((d) => [d.id, d])) }
      cached = { data, at: now.getTime() }
      return data
    },
    invalidate() {
      cached = undefined
    },
  }
}
