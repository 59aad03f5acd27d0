import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import { hashPassword, verifyPassword } from '../domain/staff/password'
import { AppError } from '../errors'
import {
  deleteStaffSession,
  findStaffByUsername,
  insertStaffSession,
  staffOfSession,
} from '../store/staff'
import type { Staff } from '../store/schema'
import type { AppEnv, Deps } from './env'
import { clientAddress, rateLimit } from './rate-limit'
import { readJson } from './read-json'
import { hashToken, newToken } from './session-token'

export const STAFF_COOKIE = 'cz_staff'

type Ctx = Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]

const bearerOf = (c: Ctx) => /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]
const tokenOf = (c: Ctx): string | undefined => bearerOf(c) ?? getCookie(c, STAFF_COOKIE)

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS']

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/**
 * CSRF: a change made with the console's cookie must come from the console's own origin, as
 * JSON. Browsers send Origin on every cross-origin and every same-origin non-GET request, and a
 * page elsewhere cannot set Content-Type: application/json without a CORS preflight we never
 * grant. The bearer API carries no ambient credential and is left alone.
 */
function assertSameOrigin(c: Ctx): void {
  if (SAFE_METHODS.includes(c.req.method) || bearerOf(c)) return
  const origin = c.req.header('Origin')
  const site = c.req.header('Sec-Fetch-Site')
  // behind a proxy the URL is the upstream's; the Host the browser asked for is what counts
  const host = c.req.header('X-Forwarded-Host') ?? c.req.header('Host') ?? new URL(c.req.url).host
  const sameOrigin = origin ? hostOf(origin) === host : site === 'same-origin'
  const json = (c.req.header('Content-Type') ?? '').startsWith('application/json')
  if (!sameOrigin || !json)
    throw new AppError('FORBIDDEN', '请求来源不可信(CSRF 检查未通过)，请在工作台页面内操作')
}

/** Resolves the staff session (bearer token for the API, cookie for the console), or 401. */
export function staffSession(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = tokenOf(c)
    if (token) assertSameOrigin(c)
    const staff = token
      ? await staffOfSession(deps.store.db, hashToken(token), deps.now())
      : undefined
    if (!staff) throw new AppError('UNAUTHORIZED', '请先登录')
    c.set('staff', staff)
    await next()
  })
}

/** After staffSession: only these roles go on, others get 403. */
export function requireRole(...roles: Staff['role'][]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get('staff').role))
      throw new AppError('FORBIDDEN', `只有${roles.map((r) => ROLE_NAMES[r]).join('、')}可以这样做`)
    await next()
  })
}

const ROLE_NAMES: Record<Staff['role'], string> = {
  handler: '承办人',
  supervisor: '负责人',
  admin: '管理员',
  analyst: '分析人员',
}

/** What a client may know about a staff member: never the password hash. */
export function staffView(s: Pick<Staff, 'username' | 'display_name' | 'role' | 'department_id'>) {
  return {
    username: s.username,
    displayName: s.display_name,
    role: s.role,
    department: s.department_id,
  }
}

const credentials = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
})

export function authRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  // computed once, so an unknown user costs the same time as a wrong password
  const dummyHash = hashPassword(newToken())
  const attempts = rateLimit(
    deps.config.LOGIN_ATTEMPTS_PER_MINUTE,
    (c) => clientAddress(c),
    deps.now,
  )

  app.post('/login', attempts, async (c) => {
    const { username, password } = await readJson(c, credentials)
    const staff = await findStaffByUsername(deps.store.db, username)
    const ok = await verifyPassword(password, staff?.password_hash ?? (await dummyHash))
    if (!staff || !ok || staff.disabled) throw new AppError('UNAUTHORIZED', '用户名或密码错误')
    const token = newToken()
    const now = deps.now()
    const hours = deps.config.STAFF_SESSION_HOURS
    await insertStaffSession(deps.store.db, {
      tokenHash: hashToken(token),
      staffId: staff.id,
      now,
      expires: new Date(now.getTime() + hours * 3600_000),
    })
    setCookie(c, STAFF_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.config.NODE_ENV === 'production',
      path: '/',
      maxAge: hours * 3600,
    })
    return c.json({ token, user: staffView(staff) })
  })

  app.post('/logout', staffSession(deps), async (c) => {
    await deleteStaffSession(deps.store.db, hashToken(tokenOf(c)!))
    deleteCookie(c, STAFF_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })

  app.get('/me', staffSession(deps), (c) => c.json({ user: staffView(c.get('staff')) }))

  return app
}
