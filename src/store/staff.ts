import type { Db, Staff } from './schema'

export async function findStaffByUsername(db: Db, username: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst()
}

export async function insertStaff(
  db: Db,
  row: {
    username: string
    displayName: string
    role: Staff['role']
    departmentId: string | null
    passwordHash: string
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('staff')
    .values({
      username: row.username,
      display_name: row.displayName,
      role: row.role,
      department_id: row.departmentId,
      password_hash: row.passwordHash,
      disabled: 0,
      created_at: row.now.toISOString(),
    })
    .execute()
}

export async function anyAdmin(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('staff').select('id').where('role', '=', 'admin').executeTakeFirst()) !==
    undefined
  )
}

export async function insertStaffSession(
  db: Db,
  s: { tokenHash: string; staffId: number; now: Date; expires: Date },
) {
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: s.tokenHash,
      staff_id: s.staffId,
      created_at: s.now.toISOString(),
      expires_at: s.expires.toISOString(),
    })
    .execute()
}

/** The staff member a live session token belongs to. */
export async function staffOfSession(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<Staff | undefined> {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .selectAll('staff')
    .where('staff_sessions.token_hash', '=', tokenHash)
    .where('staff_sessions.expires_at', '>', now.toISOString())
    .where('staff.disabled', '=', 0)
    .executeTakeFirst()
}

export async function deleteStaffSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute()
}

/** The roles a case can be assigned to: the console lists them, the server accepts no other. */
export const CASE_TAKERS: readonly Staff['role'][] = ['handler', 'supervisor']

/** Active staff, of one department or (null) of all, by name; the password hash is left behind. */
export async function listActiveStaff(db: Db, departmentId: string | null) {
  let query = db
    .selectFrom('staff')
    .select(['username', 'display_name', 'role', 'department_id'])
    .where('disabled', '=', 0)
  if (departmentId !== null) query = query.where('department_id', '=', departmentId)
  return query.orderBy('username').execute()
}
