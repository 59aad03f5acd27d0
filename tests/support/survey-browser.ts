type Request = (path: string, init?: RequestInit) => Response | Promise<Response>

/**
 * A resident's browser on public surveys: it opens a survey's page first, which gives it its
 * respondent id as a cookie, and keeps that cookie for every answer, as a real browser would.
 */
export function surveyBrowser(request: Request) {
  let cookie = ''
  return async (slug: string, answers: unknown) => {
    if (!cookie) {
      const page = await request(`/surveys/${slug}`)
      cookie = page.headers.get('set-cookie')?.split(';')[0] ?? ''
    }
    const res = await request(`/api/v1/public-surveys/${slug}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify({ answers }),
    })
    return { status: res.status, body: await res.json(), cookie }
  }
}
