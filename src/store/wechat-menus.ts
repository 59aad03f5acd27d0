import type { MenuSurvey } from '../channels/wechat/build-menu'
import type { Db, WechatMenuRow } from './schema'

/** Published surveys, newest first, as the menu shows them. */
export async function menuSurveys(db: Db): Promise<(MenuSurvey & { id: number })[]> {
  const rows = await db
    .selectFrom('public_surveys')
    .select(['id', 'slug', 'title', 'menu_label'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, menuLabel: r.menu_label }))
}

export async function readWechatMenu(db: Db, appId: string): Promise<WechatMenuRow | undefined> {
  return db.selectFrom('wechat_menus').selectAll().where('app_id', '=', appId).executeTakeFirst()
}

/**
 * Takes the right to push the menu for `leaseMs`; one conditional UPDATE, so of several
 * instances exactly one wins. Unless `force`, not while a failure's back-off lasts.
 */
export async function claimMenuPush(
  db: Db,
  p: { appId: string; owner: string; now: Date; leaseMs: number; force: boolean },
): Promise<boolean> {
  const at = p.now.toISOString()
  await db
    .insertInto('wechat_menus')
    .values({ app_id: p.appId, next_attempt_at: at })
    .onConflict((oc) => oc.column('app_id').doNothing())
    .execute()
  const claimed = await db
    .updateTable('wechat_menus')
    .set({
      lease_owner: p.owner,
      lease_until: new Date(p.now.getTime() + p.leaseMs).toISOString(),
    })
    .where('app_id', '=', p.appId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .$if(!p.force, (q) => q.where('next_attempt_at', '<=', at))
    .executeTakeFirst()
  return Number(claimed.numUpdatedRows) === 1
}

/** Records the outcome of a push and gives up the lease. */
export async function recordMenuPush(
  db: Db,
  p: { appId: string; owner: string; now: Date } & (
    { pushed: string } | { error: string; retryAfterMs: (failures: number) => number }
  ),
): Promise<void> {
  const at = p.now.toISOString()
  const row = await readWechatMenu(db, p.appId)
  const failures = 'error' in p ? (row?.failures ?? 0) + 1 : 0
  await db
    .updateTable('wechat_menus')
    .set({
      ...('pushed' in p
        ? { pushed_menu: p.pushed, pushed_at: at, last_error: null, next_attempt_at: at }
        : {
            last_error: p.error,
            next_attempt_at: new Date(p.now.getTime() + p.retryAfterMs(failures)).toISOString(),
          }),
      failures,
      last_attempt_at: at,
      lease_owner: null,
      lease_until: null,
    })
    .where('app_id', '=', p.appId)
    .where('lease_owner', '=', p.owner)
    .execute()
}

/** Gives up the lease without a push (the menu turned out to be in step). */
export async function releaseMenuPush(db: Db, appId: string, owner: string): Promise<void> {
  await db
    .updateTable('wechat_menus')
    .set({ lease_owner: null, lease_until: null })
    .where('app_id', '=', appId)
    .where('lease_owner', '=', owner)
    .execute()
}
