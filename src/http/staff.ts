import { Hono } from 'hono'
import { z } from 'zod'
import { AppError } from '../errors'
import { listActiveStaff } from '../store/staff'
import { requireRole, staffSession, staffView } from './auth'
import type { AppEnv, Deps } from './env'
import { readQuery } from './read-json'

const listQuery = z.object({ department: z.string().min(1).max(64).optional() })

/**
 * Who works where, for the console's assignee list: a handler or supervisor sees their own
 * department's staff only, an admin any department's; analysts assign nothing and see no one.
 */
export function staffRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps), requireRole('handler', 'supervisor', 'admin'))

  app.get('/', async (c) => {
    const me = c.get('staff')
    const { department } = readQuery(c, listQuery)
    if (department !== undefined) {
      const reference = await deps.reference.get(deps.store.db, deps.now())
      if (!reference.departments.has(department))
        throw new AppError('VALIDATION_FAILED', `没有这个部门：${department}`)
    }
    const scope = me.role === 'admin' ? null : me.department_id
    if (scope !== null && department !== undefined && department !== scope)
      throw new AppError('FORBIDDEN', '只能查看本部门的人员')
    const rows = await listActiveStaff(deps.store.db, department ?? scope)
    return c.json({ items: rows.map(staffView) })
  })

  return app
}
