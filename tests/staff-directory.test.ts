import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { staffApp } from './support/staff'

describeEachDialect('the console lists whom a case can be assigned to', (open) => {
  let store: TestStore
  let call: Awaited<ReturnType<typeof staffApp>>['call']

  beforeEach(async () => {
    store = await migratedStore(open)
    ;({ call } = await staffApp(store, [
      ['wang', 'handler', 'wujin-branch'],
      ['zhao', 'supervisor', 'wujin-branch'],
      ['li', 'handler', 'tianning-branch'],
      ['admin', 'admin', null],
      ['chen', 'analyst', null],
    ]))
    await store.db
      .updateTable('staff')
      .set({ disabled: 1 })
      .where('username', '=', 'zhao')
      .execute()
  })
  afterEach(async () => store.cleanup())

  const names = (body: { items: { username: string }[] }) => body.items.map((s) => s.username)

  it("shows a handler their own department's active staff, and no password hash", async () => {
    const { status, body } = await call('wang', 'GET', '/api/v1/staff')
    expect(status).toBe(200)
    expect(body.items).toEqual([
      { username: 'wang', displayName: 'wang', role: 'handler', department: 'wujin-branch' },
    ])
    expect(names((await call('li', 'GET', '/api/v1/staff')).body)).toEqual(['li'])
    expect(JSON.stringify(body)).not.toMatch(/password|hash/)
  })

  it('refuses a handler the staff of another department (403) and an unknown one (400)', async () => {
    const other = await call('wang', 'GET', '/api/v1/staff?department=tianning-branch')
    expect(other.status).toBe(403)
    expect(other.body.error.message).toBe('只能查看本部门的人员')
    const own = await call('wang', 'GET', '/api/v1/staff?department=wujin-branch')
    expect(names(own.body)).toEqual(['wang'])
    const unknown = await call('admin', 'GET', '/api/v1/staff?department=nowhere')
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toContain('nowhere')
  })

  it("lets an admin list any department's staff, and no analyst any", async () => {
    const tianning = await call('admin', 'GET', '/api/v1/staff?department=tianning-branch')
    expect(names(tianning.body)).toEqual(['li'])
    expect(names((await call('admin', 'GET', '/api/v1/staff')).body)).toEqual([
      'admin',
      'chen',
      'li',
      'wang',
    ])
    expect((await call('chen', 'GET', '/api/v1/staff')).status).toBe(403)
  })
})
