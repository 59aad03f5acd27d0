// `npm run -s seed:demo -- --years 2 --seed 7 [--cases 40000] [--until 2026-11-28]`: fills an
// empty database with a realistic, deterministic complaint history and demo staff accounts.
import { parseArgs } from 'node:util'
import { parseConfig } from '../src/config'
import { startOfShanghaiDay } from '../src/domain/shanghai-time'
import { migrateToLatest } from '../src/store/migrate'
import { openStore } from '../src/store/open-database'
import { DEMO_PASSWORD, seedDemoHistory, seedDemoStaff } from '../src/store/seed-demo'

const config = parseConfig(process.env)
if (config.NODE_ENV === 'production') {
  console.error('seed:demo: refusing to write demo data with NODE_ENV=production')
  process.exit(1)
}
const { values } = parseArgs({
  options: {
    years: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    cases: { type: 'string' },
    until: { type: 'string' },
  },
})
const years = Number(values.years)
const seed = Number(values.seed)
const cases = values.cases === undefined ? 20_000 * years : Number(values.cases)
if (![years, seed, cases].every((n) => Number.isInteger(n) && n >= 0) || years < 1 || years > 10) {
  console.error('seed:demo: --years 1–10, --seed and --cases whole numbers')
  process.exit(2)
}
if (values.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.until)) {
  console.error('seed:demo: --until YYYY-MM-DD')
  process.exit(2)
}
// the history ends at noon of --until (Shanghai), or now
const now = values.until
  ? new Date(startOfShanghaiDay(values.until).getTime() + 12 * 3_600_000)
  : new Date()

const store = openStore({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL })
try {
  await migrateToLatest(store.db, store.schema)
  const started = performance.now()
  const written = await seedDemoHistory(store, {
    years,
    cases,
    seed,
    now,
    prefix: config.CASE_NUMBER_PREFIX,
    progress: (n, total) => process.stderr.write(`\rseed:demo: ${n} / ~${total} cases`),
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(`\rseed:demo: ${written} cases in ${seconds} s\n`)
  const staff = await seedDemoStaff(store, now)
  console.log(`seed:demo: ${written} cases over ${years} years (seed ${seed})`)
  if (staff.length > 0) {
    console.log(`demo staff accounts, password ${DEMO_PASSWORD}:`)
    for (const s of staff) console.log(`  ${s}`)
  }
} catch (err) {
  console.error(`seed:demo: ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await store.close()
}
