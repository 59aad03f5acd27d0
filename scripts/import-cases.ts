// `npm run import:cases -- FILE.csv`: loads historical cases from an earlier system. Every row is
// checked first; rejected rows are listed with their line and reason and nothing is written.
import { readFileSync } from 'node:fs'
import { parseConfig } from '../src/config'
import { IMPORT_COLUMNS } from '../src/domain/trends/import-row'
import { migrateToLatest } from '../src/store/migrate'
import { openStore } from '../src/store/open-database'
import { importCases } from '../src/use-cases/import-cases'

const file = process.argv[2]
if (!file) {
  console.error(`usage: npm run import:cases -- FILE.csv (columns: ${IMPORT_COLUMNS.join(',')})`)
  process.exit(2)
}
const config = parseConfig(process.env)
const store = openStore({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL })
try {
  await migrateToLatest(store.db, store.schema)
  const report = await importCases(store, readFileSync(file), {
    prefix: config.CASE_NUMBER_PREFIX,
    now: new Date(),
  })
  console.error(`import:cases: read as ${report.encoding ?? 'neither UTF-8 nor GB18030'}`)
  for (const r of report.rejected) console.error(`line ${r.line}: ${r.reasons.join(';')}`)
  if (report.rejected.length > 0) {
    console.error(`import:cases: ${report.rejected.length} rows rejected; nothing imported`)
    process.exitCode = 1
  } else {
    for (const r of report.skipped) console.log(`line ${r.line}: 已导入过，即 ${r.number}，跳过`)
    const skipped = report.skipped.length
    console.log(
      `import:cases: ${report.imported} cases imported` +
        (skipped > 0 ? `, ${skipped} rows skipped (already imported, listed above)` : ''),
    )
  }
} finally {
  await store.close()
}
