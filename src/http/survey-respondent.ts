import { createHmac, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './env'
import { hashToken } from './session-token'

// who answers a public survey: a random id per browser, or one derived from the WeChat follower
const COOKIE = 'cz_survey_id'
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/** The respondent id this browser already carries, if any. */
export function respondentOf(c: Context<AppEnv>): string | undefined {
  const id = getCookie(c, COOKIE)
  return id && ID_PATTERN.test(id) ? id : undefined
}

/** Sets the respondent id as an httpOnly cookie for a year. */
export function rememberRespondent(c: Context<AppEnv>, id: string): string {
  setCookie(c, COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: 365 * 24 * 3600,
    secure: new URL(c.req.url).protocol === 'https:',
  })
  return id
}

/** This browser's respondent id; a new random one, set as a cookie, on its first survey page. */
export const browserRespondent = (c: Context<AppEnv>): string =>
  respondentOf(c) ?? rememberRespondent(c, randomBytes(18).toString('base64url'))

/**
 * The same id for the same WeChat follower on any phone: keyed with the AppSecret so that it
 * cannot be computed from an OpenID; the OpenID itself is not kept.
 */
export const followerRespondent = (appSecret: string, openId: string): string =>
  createHmac('sha256', appSecret).update(`survey-respondent:${openId}`).digest('base64url')

/** What a response stores of its respondent: a hash, per survey, of the id. */
export const respondentKey = (surveyId: number, id: string): string =>
  hashToken(`${surveyId}:${id}`)
