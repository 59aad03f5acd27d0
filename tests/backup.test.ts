import { execFile } from 'node:child_process'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { chatSession } from './support/chat-session'
import { dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

function backup(dataDir: string, file: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/backup.ts', file],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, out: stdout + stderr }),
    )
  })
}

let store: TestStore
afterEach(async () => store.cleanup())

it('copies the live database, cases filed a moment before included, and refuses to overwrite', async () => {
  store = await migratedStore(dialects[0]!.open)
  const { app } = testApp(store)
  const filed = await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
  const file = join(store.dataDir, 'backup.sqlite')

  // the server's connection stays open throughout, as in production
  const taken = await backup(store.dataDir, file)
  expect(taken.out).toContain('integrity ok')
  expect(taken.code).toBe(0)

  const copy = new SQLite(file, { readonly: true })
  const row = copy.prepare('select number from cases').get() as { number: string }
  copy.close()
  expect(row.number).toBe(filed.case.number)

  const again = await backup(store.dataDir, file)
  expect(again.code).toBe(1)
  expect(again.out).toContain('exists already')
})
