// `npm run d1:migrations`: writes migrations/d1/*.sql, the migrations of migrations/index.ts as
// the SQL files `wrangler d1 migrations apply` (and the Workers tests) apply to D1. Run it after
// adding a migration; tests/d1-migrations.test.ts fails while the files are out of date.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { D1_MIGRATIONS_DIR, d1MigrationFiles } from '../src/store/d1-migrations'

mkdirSync(D1_MIGRATIONS_DIR, { recursive: true })
for (const { file, sql } of await d1MigrationFiles()) {
  writeFileSync(join(D1_MIGRATIONS_DIR, file), sql)
  console.log(`${D1_MIGRATIONS_DIR}/${file}`)
}
