import { hashPassword } from '../domain/staff/password'
import type { Logger } from '../logger'
import type { Db } from '../store/schema'
import { anyAdmin, insertStaff } from '../store/staff'

/**
 * The first admin comes from ADMIN_PASSWORD (or `npm run create-admin`); there is no default
 * password. Returns whether an admin exists afterwards.
 */
export async function ensureAdmin(
  db: Db,
  password: string | undefined,
  logger: Logger,
  now: Date,
): Promise<boolean> {
  if (await anyAdmin(db)) return true
  if (!password) {
    logger.warn(
      'no admin account: set ADMIN_PASSWORD for the first start, or run `npm run create-admin`',
    )
    return false
  }
  await insertStaff(db, {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    departmentId: null,
    passwordHash: await hashPassword(password),
    now,
  })
  logger.info('created the first admin account', { username: 'admin' })
  return true
}
