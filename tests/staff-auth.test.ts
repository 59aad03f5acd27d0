import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger'
import { ensureAdmin } from '../src/use-cases/ensure-admin'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

const PASSWORD = 'correct horse battery'

describe('staff sign-in', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
    await ensureAdmin(store.db, PASSWORD, createLogger('silent'), new Date())
    app = testApp(store, { LOGIN_ATTEMPTS_PER_MINUTE: '5' }).app
  })
  afterEach(async () => store.cleanup())

  const login = (body: unknown) =>
    app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('creates the first admin from ADMIN_PASSWORD, and only once', async () => {
    expect(await countRows(store, 'staff')).toBe(1)
    await ensureAdmin(store.db, 'another password!!', createLogger('silent'), new Date())
    expect(await countRows(store, 'staff')).toBe(1)
  })

  it('signs in with a bearer token for the API and an httpOnly, SameSite cookie for the console', async () => {
    const res = await login({ username: 'admin', password: PASSWORD })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.user).toEqual({
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      department: null,
    })
    expect(body.user).not.toHaveProperty('password_hash')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/cz_staff=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const me = await app.request('/api/v1/auth/me', {
      headers: { Authorization: `Bearer ${body.token}` },
    })
    expect((await me.json()).user.username).toBe('admin')
    const byCookie = await app.request('/api/v1/auth/me', {
      headers: { Cookie: cookie.split(';')[0]! },
    })
    expect(byCookie.status).toBe(200)
  })

  it('says the same for an unknown user and a wrong password', async () => {
    const wrong = await login({ username: 'admin', password: 'nope' })
    const unknown = await login({ username: 'nobody', password: 'nope' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message)
  })

  it('slows down guessing: the sixth attempt in a minute gets 429', async () => {
    for (let i = 0; i < 5; i++) await login({ username: 'admin', password: `guess ${i}` })
    expect((await login({ username: 'admin', password: PASSWORD })).status).toBe(429)
  })

  it('refuses malformed sign-ins with 400', async () => {
    expect((await login({ username: 'admin' })).status).toBe(400)
    expect((await login({ username: '', password: 'x' })).status).toBe(400)
  })

  it('ends the session on sign-out', async () => {
    const { token } = await (await login({ username: 'admin', password: PASSWORD })).json()
    const auth = { Authorization: `Bearer ${token}` }
    expect(
      (await app.request('/api/v1/auth/logout', { method: 'POST', headers: auth })).status,
    ).toBe(200)
    expect((await app.request('/api/v1/auth/me', { headers: auth })).status).toBe(401)
  })

  it('takes console changes made with the cookie only from the console itself (CSRF)', async () => {
    const res = await login({ username: 'admin', password: PASSWORD })
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const { token } = await res.json()
    const logout = (headers: Record<string, string>) =>
      app.request('/api/v1/auth/logout', {
        method: 'POST',
        headers: { Cookie: cookie, ...headers },
      })
    const json = { 'Content-Type': 'application/json' }
    expect((await logout({ ...json, Origin: 'https://evil.example' })).status).toBe(403)
    expect(
      (await logout({ 'Content-Type': 'text/plain', Origin: 'http://localhost' })).status,
    ).toBe(403)
    expect((await logout(json)).status).toBe(403)
    // the bearer API needs no origin: it carries no credential a browser adds by itself
    const me = await app.request('/api/v1/auth/me', {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(me.status).toBe(200)
    expect((await logout({ ...json, Origin: 'http://localhost' })).status).toBe(200)
  })
})
