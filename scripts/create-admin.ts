// `npm run create-admin [-- --username name]`: creates an admin account with a fresh random
// password and prints the password once. For a first start without ADMIN_PASSWORD.
import { randomBytes } from 'node:crypto'
import { parseConfig } from '../src/config'
import { hashPassword } from '../src/domain/staff/password'
import { migrateToLatest } from '../src/store/migrate'
import { openStore } from '../src/store/open-database'
import { findStaffByUsername, insertStaff } from '../src/store/staff'

const config = parseConfig(process.env)
const at = process.argv.indexOf('--username')
const username = at > 0 ? process.argv[at + 1]! : 'admin'
const store = openStore({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL })
try {
  await migrateToLatest(store.db, store.schema)
  if (await findStaffByUsername(store.db, username)) {
    console.error(`create-admin: ${username} exists already; nothing changed`)
    process.exitCode = 1
  } else {
    const password = randomBytes(12).toString('base64url')
    await insertStaff(store.db, {
      username,
      displayName: '系统管理员',
      role: 'admin',
      departmentId: null,
      passwordHash: await hashPassword(password),
      now: new Date(),
    })
    console.log(`admin account ${username} created; its password (shown once): ${password}`)
  }
} finally {
  await store.close()
}
