import { afterEach, beforeEach, expect, it } from 'vitest'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'
import { chatSession } from './support/test-app'

describeEachDialect('admins edit the routing rules', (open) => {
  let store: TestStore
  let staff = {} as Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open)
    staff = await staffApp(store, [
      ['root', 'admin', null],
      ['wang', 'handler', 'jintan-branch'],
    ])
  })
  afterEach(async () => store.cleanup())

  const call = (who: string, method: string, path: string, body?: unknown) =>
    staff.call(who, method, `/api/v1/routing-rules${path}`, body)
  const construction = {
    priority: 5,
    category: 'noise',
    subcategory: 'construction',
    district: '金坛区',
    keywords: null,
    department: 'jintan-branch',
    action: 'route',
    acceptWorkingDays: 1,
    resolveWorkingDays: 3,
    urgentHours: 2,
    note: '金坛区建筑施工噪声：3个工作日内办结',
  }

  it('shows every staff member the seeded table, with its sources and per-rule deadlines', async () => {
    const { status, body } = await call('wang', 'GET', '')
    expect(status).toBe(200)
    expect(body.items).toContainEqual(
      expect.objectContaining({
        category: 'noise',
        subcategory: 'social_life',
        department: 'police',
        action: 'transfer',
      }),
    )
    expect(body.items).toContainEqual(
      expect.objectContaining({ category: 'radiation', resolveWorkingDays: 15 }),
    )
    expect(body.departments).toContainEqual(
      expect.objectContaining({ id: 'police', kind: 'agency' }),
    )
  })

  it('applies a new rule to the next complaint at once', async () => {
    const created = await call('root', 'POST', '', construction)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ version: 1, resolveWorkingDays: 3 })
    // filed Saturday 2026-11-28: three working days end on Wednesday 12-02
    await (await chatSession(staff.app)).complain('金坛区西城街道工地白天施工噪声很大')
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      department_id: 'jintan-branch',
      resolve_due_at: '2026-12-02T15:59:59.000Z',
    })
  })

  it('refuses rules that make no sense, and changes nothing', async () => {
    const before = await countRows(store, 'routing_rules')
    for (const bad of [
      { ...construction, action: 'transfer' },
      { ...construction, department: 'police' },
      { ...construction, department: 'nowhere' },
      { ...construction, subcategory: 'catering_fumes' },
      { ...construction, resolveWorkingDays: 0 },
      { ...construction, district: '南京市' },
    ]) {
      const res = await call('root', 'POST', '', bad)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toBeTruthy()
    }
    expect(await countRows(store, 'routing_rules')).toBe(before)
  })

  it('versions each edit, keeps who changed what, and refuses a stale one', async () => {
    const { body: rule } = await call('root', 'POST', '', construction)
    const edited = await call('root', 'PUT', `/${rule.id}`, {
      ...construction,
      resolveWorkingDays: 5,
      version: 1,
    })
    expect(edited.body).toMatchObject({ version: 2, resolveWorkingDays: 5 })
    const stale = await call('root', 'PUT', `/${rule.id}`, { ...construction, version: 1 })
    expect(stale.status).toBe(409)
    const history = await call('wang', 'GET', `/${rule.id}/history`)
    expect(history.body.items).toMatchObject([
      { change: 'create', actor: 'staff:root', before: null, after: { resolveWorkingDays: 3 } },
      {
        change: 'update',
        actor: 'staff:root',
        before: { resolveWorkingDays: 3 },
        after: { resolveWorkingDays: 5 },
      },
    ])
    expect((await call('root', 'DELETE', `/${rule.id}?version=2`)).status).toBe(200)
    expect((await call('root', 'GET', `/${rule.id}/history`)).body.items).toHaveLength(3)
  })

  it('keeps the catch-all rule, and keeps handlers from editing', async () => {
    const { body } = await call('root', 'GET', '')
    const catchAll = body.items.find(
      (r: { category: string; district: string | null }) => r.category === '*' && !r.district,
    )
    const gone = await call('root', 'DELETE', `/${catchAll.id}?version=1`)
    expect(gone.status).toBe(400)
    expect(gone.body.error.message).toMatch(/兜底规则/)
    expect((await call('wang', 'POST', '', construction)).status).toBe(403)
    expect((await call('wang', 'DELETE', `/${catchAll.id}?version=1`)).status).toBe(403)
    expect((await call('root', 'PUT', '/abc', construction)).status).toBe(400)
    expect((await call('root', 'PUT', '/99999', { ...construction, version: 1 })).status).toBe(404)
  })
})
