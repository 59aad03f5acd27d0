import { hashPassword } from '../../src/domain/staff/password'
import type { Store } from '../../src/store/open-database'
import type { Staff } from '../../src/store/schema'
import { insertStaff } from '../../src/store/staff'
import type { testApp } from './test-app'

export const STAFF_PASSWORD = 'a long enough password'

/** Creates staff members and signs each in: headers to send as each of them, by username. */
export async function signInStaff(
  store: Store,
  app: ReturnType<typeof testApp>['app'],
  people: readonly (readonly [string, Staff['role'], string | null])[],
): Promise<(username: string) => Record<string, string>> {
  const hash = await hashPassword(STAFF_PASSWORD)
  const tokens = new Map<string, string>()
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
    tokens.set(username, (await res.json()).token)
  }
  return (username) => ({
    Authorization: `Bearer ${tokens.get(username)}`,
    'Content-Type': 'application/json',
  })
}
