// `npm run check:rollups [-- --fix]`: recounts every statistics rollup from the raw cases,
// surveys and events and lists each difference; exits 1 when there is one. --fix rebuilds them.
import { parseConfig } from '../src/config'
import { migrateToLatest } from '../src/store/migrate'
import { openStore } from '../src/store/open-database'
import { checkRollups, rebuildRollups } from '../src/store/rollup-check'

const config = parseConfig(process.env)
const store = openStore({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL })
try {
  await migrateToLatest(store.db, store.schema)
  const differences = await checkRollups(store.db, store.dialect)
  for (const d of differences.slice(0, 50)) {
    const key = Object.entries(d.key)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')
    console.log(`${d.table} ${key}: stored ${d.stored}, from the cases ${d.expected}`)
  }
  if (differences.length > 50) console.log(`… and ${differences.length - 50} more`)
  if (differences.length === 0) {
    console.log('check:rollups: every rollup matches the cases')
  } else if (process.argv.includes('--fix')) {
    await rebuildRollups(store.db, store.dialect)
    console.log(`check:rollups: ${differences.length} differences; rollups rebuilt from the cases`)
  } else {
    console.log(`check:rollups: ${differences.length} differences (--fix rebuilds the rollups)`)
    process.exitCode = 1
  }
} finally {
  await store.close()
}
