import type { Db } from './schema'

export interface StoredToken {
  accessToken: string
  expiresAt: Date
}

/** The access token every instance shares, if one has been fetched. */
export async function readAccessToken(db: Db, appId: string): Promise<StoredToken | null> {
  const row = await db
    .selectFrom('wechat_access_tokens')
    .select(['access_token', 'expires_at'])
    .where('app_id', '=', appId)
    .executeTakeFirst()
  if (!row?.access_token || !row.expires_at) return null
  return { accessToken: row.access_token, expiresAt: new Date(row.expires_at) }
}

/**
 * Takes the right to refresh the token, for `leaseMs`: one conditional UPDATE, so of several
 * instances (SQLite or PostgreSQL) exactly one wins. It is only taken while the token is still
 * the one the caller found wanting (`stale`) or none is fresh — an instance that lost the race
 * finds the new token instead of fetching yet another.
 */
export async function claimTokenRefresh(
  db: Db,
  p: {
    appId: string
    owner: string
    stale: string | null
    freshUntil: Date
    now: Date
    leaseMs: number
  },
): Promise<boolean> {
  const at = p.now.toISOString()
  await db
    .insertInto('wechat_access_tokens')
    .values({ app_id: p.appId, updated_at: at })
    .onConflict((oc) => oc.column('app_id').doNothing())
    .execute()
  const result = await db
    .updateTable('wechat_access_tokens')
    .set({
      refreshing_by: p.owner,
      refreshing_until: new Date(p.now.getTime() + p.leaseMs).toISOString(),
      updated_at: at,
    })
    .where('app_id', '=', p.appId)
    .where((eb) => eb.or([eb('refreshing_until', 'is', null), eb('refreshing_until', '<', at)]))
    .where((eb) =>
      eb.or([
        eb('access_token', 'is', null),
        eb('expires_at', '<', p.freshUntil.toISOString()),
        ...(p.stale ? [eb('access_token', '=', p.stale)] : []),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Stores a new token and gives up the refresh claim. */
export async function saveAccessToken(
  db: Db,
  p: { appId: string; owner: string; token: StoredToken; now: Date },
): Promise<void> {
  await db
    .updateTable('wechat_access_tokens')
    .set({
      access_token: p.token.accessToken,
      expires_at: p.token.expiresAt.toISOString(),
      refreshing_by: null,
      refreshing_until: null,
      updated_at: p.now.toISOString(),
    })
    .where('app_id', '=', p.appId)
    .where('refreshing_by', '=', p.owner)
    .execute()
}

/** Gives up a refresh claim that failed, so another instance may try at once. */
export async function releaseTokenRefresh(db: Db, appId: string, owner: string): Promise<void> {
  await db
    .updateTable('wechat_access_tokens')
    .set({ refreshing_by: null, refreshing_until: null })
    .where('app_id', '=', appId)
    .where('refreshing_by', '=', owner)
    .execute()
}
