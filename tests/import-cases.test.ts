import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeUnrated } from '../src/jobs/close-unrated'
import { sweepDeadlines } from '../src/jobs/deadline-sweep'
import { categoryCounts, ratingCounts } from '../src/store/rollups'
import { checkRollups } from '../src/store/rollup-check'
import { importCases } from '../src/use-cases/import-cases'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'

const NOW = new Date('2026-11-28T04:00:00Z')
const HEADER =
  'filed_at,category,subcategory,district,address,description,status,accepted_at,resolved_at,rating'

describeEachDialect('importing cases from an earlier system', (open) => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(open)
  })
  afterEach(async () => store.cleanup())
  const load = (csv: string | Uint8Array) =>
    importCases(store, typeof csv === 'string' ? Buffer.from(csv) : csv, { prefix: 'CZ', now: NOW })

  it('takes a good file whole, with surveys and rollups, counted by the Shanghai filing day', async () => {
    const csv = [
      '\uFEFF' + HEADER,
      '2025-03-01 16:00,大气,扬尘,武进区,湖塘镇,"工地扬尘,很大",closed,2025-03-01 18:00,2025-03-05 10:00,满意',
      '2024-12-31T17:30:00Z,noise,construction,天宁区,,夜间施工,closed,2025-01-01 09:00,2025-01-03 09:00,not_rated',
      '2025/7/8 10:00,water,,,,"河水发黑,""很臭""",rejected,,,',
    ].join('\n')
    expect(await load(csv)).toEqual({
      encoding: 'UTF-8',
      imported: 3,
      skipped: [],
      rejected: [],
    })
    expect(await categoryCounts(store.db, { year: 2025 })).toEqual(
      new Map([
        ['air', 1],
        ['noise', 1],
        ['water', 1],
      ]),
    )
    expect(await ratingCounts(store.db, { year: 2025 })).toEqual(
      new Map([
        ['satisfied', 1],
        ['not_rated', 1],
      ]),
    )
    const water = await store.db
      .selectFrom('cases')
      .select(['number', 'description'])
      .where('category', '=', 'water')
      .executeTakeFirstOrThrow()
    expect(water).toEqual({ number: 'CZ20250708-0001', description: '河水发黑,"很臭"' })
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('reports every bad row with its line and reason, and writes nothing', async () => {
    const csv = [
      HEADER,
      '2025-03-01 16:00,air,dust,武进区,,扬尘,closed,2025-03-01 18:00,2025-03-05 10:00,满意',
      '2025-13-01 16:00,air,dust,武进区,,扬尘,new,,,',
      '2025-03-01 16:00,smell,,上海市,,臭,new,,,',
      '2025-03-01 16:00,water,dust,,,污水,closed,,,',
      '2025-02-29 16:00,water,,,,污水,rejected,,,',
    ].join('\n')
    const report = await load(csv)
    expect(report.imported).toBe(0)
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6])
    expect(report.rejected[0]!.reasons.join()).toContain('filed_at 不是有效时间')
    expect(report.rejected[1]!.reasons.join()).toMatch(
      /category 未知：smell.*district 未知：上海市/,
    )
    expect(report.rejected[2]!.reasons.join()).toMatch(
      /subcategory 只用于 air 与 noise.*须有 resolved_at/,
    )
    expect(report.rejected[3]!.reasons.join()).toContain('filed_at 不是有效时间：2025-02-29')
    expect(await countRows(store, 'cases')).toBe(0)
    expect(await countRows(store, 'case_rollups')).toBe(0)
  })

  it('refuses a file with wrong columns, naming them', async () => {
    const report = await load('filed,category\n2025-03-01,air\n')
    expect(report.rejected).toHaveLength(1)
    expect(report.rejected[0]!.reasons.join()).toMatch(/缺少列：filed_at.*未知列：filed/)
    expect(await countRows(store, 'cases')).toBe(0)
  })

  it('refuses cases that are still open, naming the final statuses it takes', async () => {
    const csv = [
      HEADER,
      '2025-03-01 16:00,air,dust,武进区,,扬尘,closed,2025-03-01 18:00,2025-03-05 10:00,满意',
      '2025-03-02 16:00,air,dust,武进区,,扬尘,new,,,',
      '2025-03-03 16:00,noise,,天宁区,,噪声,办理中,2025-03-03 18:00,,',
      '2025-03-04 16:00,water,,,,污水,resolved,2025-03-04 18:00,2025-03-06 10:00,',
      '2025-03-05 16:00,water,,,,污水,rejected,2025-03-05 18:00,2025-03-06 10:00,',
    ].join('\n')
    const report = await load(csv)
    expect(report.imported).toBe(0)
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6])
    const allowed = 'closed 已归档、rejected 不予受理、transferred 已转办、merged 已并案'
    expect(report.rejected[0]!.reasons.join()).toContain(`status 不可导入：new。`)
    expect(report.rejected[0]!.reasons.join()).toContain(allowed)
    expect(report.rejected[1]!.reasons.join()).toContain(`status 不可导入：办理中。`)
    expect(report.rejected[2]!.reasons.join()).toContain('已办结须有 rating')
    expect(report.rejected[3]!.reasons.join()).toContain('resolved_at 须留空')
    expect(await countRows(store, 'cases')).toBe(0)
  })

  it('takes 已办结 with a rating as closed, and transferred and merged cases; the sweeps leave them alone', async () => {
    const csv = [
      HEADER,
      '2025-03-01 16:00,air,dust,武进区,,扬尘,已办结,2025-03-01 18:00,2025-03-05 10:00,满意',
      '2025-03-02 16:00,noise,social_life,钟楼区,,广场舞,已转办,,,',
      '2025-03-03 16:00,noise,construction,新北区,,夜间施工,merged,2025-03-03 18:00,,',
    ].join('\n')
    expect((await load(csv)).imported).toBe(3)
    const rows = await store.db
      .selectFrom('cases')
      .select(['status', 'category'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.status)).toEqual(['closed', 'transferred', 'merged'])
    expect(await sweepDeadlines(store, NOW)).toEqual([])
    expect(await closeUnrated(store, NOW)).toEqual([])
    const events = await store.db.selectFrom('case_events').select('action').orderBy('id').execute()
    expect(events.map((e) => e.action).join()).toBe(
      'file,accept,resolve,close,file,transfer,file,accept,merge',
    )
    expect(await ratingCounts(store.db, { year: 2025 })).toEqual(new Map([['satisfied', 1]]))
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('reads a GBK file as Excel on Chinese Windows saves it, and says so', async () => {
    // GB18030 bytes written by hand (Node has no GBK encoder): 武进区, 湖塘镇, 夜间施工噪声, 满意
    const gbk = (hex: string) => Buffer.from(hex, 'hex')
    const file = Buffer.concat([
      Buffer.from(`${HEADER}\r\n2025-03-01 16:00,noise,construction,`),
      gbk('cee4bdf8c7f8'),
      Buffer.from(','),
      gbk('bafeccc1d5f2'),
      Buffer.from(','),
      gbk('d2b9bce4caa9b9a4d4ebc9f9'),
      Buffer.from(',closed,2025-03-01 18:00,2025-03-05 10:00,'),
      gbk('c2fad2e2'),
      Buffer.from('\r\n'),
    ])
    expect(await load(file)).toMatchObject({ encoding: 'GB18030', imported: 1 })
    const row = await store.db
      .selectFrom('cases')
      .select(['district', 'address', 'description'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ district: '武进区', address: '湖塘镇', description: '夜间施工噪声' })
    expect(await ratingCounts(store.db, { year: 2025 })).toEqual(new Map([['satisfied', 1]]))
  })

  it('refuses a file that is neither UTF-8 nor GBK, and writes nothing', async () => {
    const utf16 = Buffer.from('\uFEFF' + HEADER, 'utf16le')
    const report = await load(utf16)
    expect(report).toMatchObject({ encoding: null, imported: 0 })
    expect(report.rejected[0]!.reasons.join()).toContain('须为 UTF-8 或 GBK/GB18030')
    expect(await countRows(store, 'cases')).toBe(0)
  })

  describe('a file imported again', () => {
    const FIRST = [
      HEADER,
      '2025-03-01 16:00,air,dust,武进区,湖塘镇,工地扬尘,closed,2025-03-01 18:00,2025-03-05 10:00,满意',
      '2025-03-02 09:00,water,,,,河水发黑,rejected,,,',
    ].join('\n')

    it('skips every row it brought in before, naming the case, and last year stays the same', async () => {
      await load(FIRST)
      const again = await load(FIRST)
      expect(again).toEqual({
        encoding: 'UTF-8',
        imported: 0,
        skipped: [
          { line: 2, number: 'CZ20250301-0001' },
          { line: 3, number: 'CZ20250302-0001' },
        ],
        rejected: [],
      })
      expect(await countRows(store, 'cases')).toBe(2)
      expect(await categoryCounts(store.db, { year: 2025 })).toEqual(
        new Map([
          ['air', 1],
          ['water', 1],
        ]),
      )
      expect(await checkRollups(store.db, store.dialect)).toEqual([])
    })

    it('takes only the new rows of an overlapping export, however Excel rewrote the old ones', async () => {
      await load(FIRST)
      const overlapping = [
        HEADER,
        '2025/3/1 16:00,大气,扬尘,武进区, 湖塘镇 ,工地扬尘,已办结,2025/3/1 18:00,2025/3/5 10:00,基本满意',
        '2025-03-03 10:00,noise,,天宁区,,夜间施工,closed,2025-03-03 11:00,2025-03-04 10:00,',
        '2025-03-03 10:00,noise,,天宁区,,夜间施工,closed,2025-03-03 11:00,2025-03-04 10:00,',
      ].join('\n')
      expect(await load(overlapping)).toMatchObject({
        imported: 1,
        skipped: [
          { line: 2, number: 'CZ20250301-0001' },
          { line: 4, number: 'CZ20250303-0001' },
        ],
      })
      expect(await countRows(store, 'cases')).toBe(3)
      expect(await ratingCounts(store.db, { year: 2025 })).toEqual(new Map([['satisfied', 1]]))
      expect(await checkRollups(store.db, store.dialect)).toEqual([])
    })
  })
})
