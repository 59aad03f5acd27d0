import { hashPassword } from '../../src/domain/staff/password'
import type { Store } from '../../src/store/open-database'
import type { Staff } from '../../src/store/schema'
import { insertStaff } from '../../src/store/staff'
import { testApp } from './test-app'

export const STAFF_PASSWORD = 'a long enough password'

/** Creates staff accounts (username, role, department) and signs each in; returns their tokens. */
export async function signInStaff(
  store: Store,
  app: ReturnType<typeof testApp>['app'],
  people: readonly (readonly [string, Staff['role'], string | null])[],
): Promise<Record<string, string>> {
  const hash = await hashPassword(STAFF_PASSWORD)
  const tokens: Record<string, string> = {}
  for (const [username, role, departmentId] of people) {
    await insertStaff(store.db, {
      username,
      displayName: username,
      role,
      departmentId,
      passwordHash: hash,
      now: new Date(),
    })
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: STAFF_PASSWORD }),
    })
    tokens[username] = ((await res.json()) as { token: string }).token
  }
  return tokens
}

/**
 * The app with staff signed in: no limit on sign-ins and month-long sessions, as tests move the
 * clock weeks ahead.
 */
export async function staffApp(
  store: Store,
  people: readonly (readonly [string, Staff['role'], string | null])[],
  env: Record<string, string> = {},
) {
  const { app, clock } = testApp(store, {
    LOGIN_ATTEMPTS_PER_MINUTE: '0',
    STAFF_SESSION_HOURS: '720',
    ...env,
  })
  const tokens = await signInStaff(store, app, people)
  /** A JSON request as one of them; the status and the JSON reply. */
  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: await res.json() }
  }
  return { app, clock, tokens, call }
}
