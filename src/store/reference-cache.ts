import type { HolidaySchedule } from '../domain/cases/working-days'
import { scheduleOf } from './calendar'
import { listDepartments, listRoutingRules } from './reference-data'
import type { Db, Department, RoutingRule } from './schema'

export interface ReferenceData {
  rules: RoutingRule[]
  departments: ReadonlyMap<string, Department>
  /** the working-day calendar deadlines are counted on */
  schedule: HolidaySchedule
  /** years whose holiday schedule an admin loaded */
  loadedYears: ReadonlySet<number>
}

export interface ReferenceCache {
  get(db: Db, now: Date): Promise<ReferenceData>
  /** forget the cached copy, e.g. after an admin edits the routing table or calendar here */
  invalidate(): void
}

/**
 * Departments, routing rules and the calendar change a few times a year but are read on every filing, so each
 * server keeps a copy for `ttlMs`; an edit on another instance is seen within that time.
 */
export function createReferenceCache(ttlMs = 30_000): ReferenceCache {
  let cached: { data: ReferenceData; at: number } | undefined
  return {
    async get(db, now) {
      if (cached && now.getTime() - cached.at < ttlMs && now.getTime() >= cached.at)
        return cached.data
      const [rules, departments, calendar] = await Promise.all([
        listRoutingRules(db),
        listDepartments(db),
        scheduleOf(db, now),
      ])
      const data = { rules, departments: new Map(departments.map((d) => [d.id, d])), ...calendar }
      cached = { data, at: now.getTime() }
      return data
    },
    invalidate() {
      cached = undefined
    },
  }
}
