// Staff sign-in shared by the console, the dashboard and the survey pages: the session is an
// httpOnly cookie, so the pages only ask /api/v1/auth/me who is signed in. Each page renders
// StaffLoginForm (#login, #login-error), a #who line and a #logout button.
const login = document.getElementById('login')

/** Shows the sign-in form (first visit, or the session ended while the page was open). */
export function askToSignIn() {
  login.hidden = false
}

/**
 * Calls `signedIn(user)` once staff are signed in — now, or after they use the form; until
 * then the form shows. Returns a function that does it again (after a change of session).
 */
export function staffSession(signedIn) {
  const logout = document.getElementById('logout')
  async function begin() {
    const res = await fetch('/api/v1/auth/me')
    if (!res.ok) {
      askToSignIn()
      return
    }
    const { user } = await res.json()
    login.hidden = true
    logout.hidden = false
    document.getElementById('who').textContent =
      `${user.displayName}（${user.department ?? '全市'}）`
    for (const link of document.querySelectorAll('[data-roles]'))
      link.hidden = !link.dataset.roles.split(' ').includes(user.role)
    await signedIn(user)
  }
  login.addEventListener('submit', async (event) => {
    event.preventDefault()
    const form = new FormData(login)
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    })
    if (!res.ok) {
      const body = await res.json().catch(() => ({}))
      document.getElementById('login-error').textContent = body.error?.message ?? '登录失败'
      return
    }
    await begin()
  })
  logout.addEventListener('click', async () => {
    // JSON, as every cookie-authenticated change must be (CSRF check in src/http/auth.ts)
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    })
    location.reload()
  })
  void begin()
  return begin
}

/**
 * A JSON request with the session cookie: `{ ok, status, body, message }`, where `message` is
 * the server's error message; a session that has lapsed brings back the sign-in form.
 */
export async function callApi(path, method = 'GET', body = undefined) {
  const res = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 401) askToSignIn()
  const out = await res.json().catch(() => ({}))
  const message = res.ok ? '' : (out.error?.message ?? `操作失败（${res.status}），请稍后再试`)
  return { ok: res.ok, status: res.status, body: out, message }
}
