// `npm run backup -- FILE`: a consistent copy of the SQLite database (DATA_DIR/complaints.sqlite)
// taken with SQLite's online backup API while the server keeps running, then checked with
// PRAGMA integrity_check. Restoring is described in the README ("Backup and restore").
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { parseConfig } from '../src/config'

const target = process.argv[2]
const config = parseConfig(process.env)
if (!target) {
  console.error('usage: npm run backup -- FILE')
  process.exit(2)
}
if (config.DATABASE_URL) {
  console.error('backup: DATABASE_URL points at PostgreSQL; back it up with pg_dump instead')
  process.exit(2)
}
const source = join(config.DATA_DIR, 'complaints.sqlite')
if (!existsSync(source)) {
  console.error(`backup: no database at ${source}`)
  process.exit(1)
}
if (existsSync(target)) {
  console.error(`backup: ${target} exists already; choose a new file`)
  process.exit(1)
}

const db = new SQLite(source, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
try {
  const { totalPages } = await db.backup(target)
  const copy = new SQLite(target, { readonly: true })
  const check = copy.pragma('integrity_check', { simple: true })
  copy.close()
  if (check !== 'ok') {
    console.error(`backup: the copy failed its integrity check: ${String(check)}`)
    process.exit(1)
  }
  console.log(`backup: ${totalPages} pages of ${source} copied to ${resolve(target)}; integrity ok`)
} finally {
  db.close()
}
