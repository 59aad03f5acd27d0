import { officialAccountApi, type WechatApi } from '../channels/wechat/api-client'
import { buildMenu } from '../channels/wechat/build-menu'
import type { Config } from '../config'
import type { Logger } from '../logger'
import type { Store } from '../store/open-database'
import type { Db } from '../store/schema'
import {
  claimMenuPush,
  menuSurveys,
  readWechatMenu,
  recordMenuPush,
  releaseMenuPush,
} from '../store/wechat-menus'

const LEASE_MS = 30_000
const POLL_MS = 30_000
// after a refused push: 1 min, 2, 4 … at most an hour (menu/create has a daily quota)
const retryAfterMs = (failures: number) => Math.min(60_000 * 2 ** (failures - 1), 3_600_000)

export interface MenuSync {
  api: WechatApi
  appId: string
  publicBaseUrl: string | undefined
  /** this instance, for the lease */
  owner: string
}

/** The menu the data calls for, and whether WeChat already has it. */
export async function menuStatus(db: Db, appId: string | undefined, publicBaseUrl?: string) {
  const { menu, warnings } = buildMenu(await menuSurveys(db), publicBaseUrl, appId)
  const row = appId ? await readWechatMenu(db, appId) : undefined
  return {
    menu,
    warnings,
    sync: {
      // with no account there is nothing to push
      pending: appId !== undefined && row?.pushed_menu !== JSON.stringify(menu),
      syncedAt: row?.pushed_at ?? null,
      lastAttemptAt: row?.last_attempt_at ?? null,
      lastError: row?.last_error ?? null,
    },
  }
}

export type MenuSyncOutcome = 'pushed' | 'in-step' | 'waiting' | 'failed'

/**
 * Pushes the menu to WeChat when it differs from what WeChat last accepted (or always, with
 * `force`). One instance of several pushes at a time; after a refusal, automatic pushes back
 * off. A forced push that WeChat refuses throws the refusal.
 */
export async function syncWechatMenu(
  store: Store,
  s: MenuSync,
  now: Date,
  force = false,
): Promise<MenuSyncOutcome> {
  const before = await menuStatus(store.db, s.appId, s.publicBaseUrl)
  if (!force && !before.sync.pending) return 'in-step'
  const claimed = await claimMenuPush(store.db, {
    appId: s.appId,
    owner: s.owner,
    now,
    leaseMs: LEASE_MS,
    force,
  })
  // another instance is pushing, or a failure's back-off lasts
  if (!claimed) return 'waiting'
  // read again under the lease: another instance may have pushed this very menu meanwhile
  const status = await menuStatus(store.db, s.appId, s.publicBaseUrl)
  if (!force && !status.sync.pending) {
    await releaseMenuPush(store.db, s.appId, s.owner)
    return 'in-step'
  }
  try {
    await s.api.createMenu(status.menu)
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    await recordMenuPush(store.db, { appId: s.appId, owner: s.owner, now, error, retryAfterMs })
    if (force) throw err
    return 'failed'
  }
  await recordMenuPush(store.db, {
    appId: s.appId,
    owner: s.owner,
    now,
    pushed: JSON.stringify(status.menu),
  })
  return 'pushed'
}

/** Keeps the menu in step with the published surveys: now, then every half minute. */
export function startMenuSync(store: Store, s: MenuSync, logger: Logger): () => void {
  const run = () =>
    syncWechatMenu(store, s, new Date())
      .then((outcome) => {
        if (outcome === 'pushed') logger.info('wechat menu pushed', { appId: s.appId })
        if (outcome === 'failed') logger.warn('wechat menu refused, will retry', { appId: s.appId })
      })
      .catch((err) => logger.error('wechat menu sync failed', { error: String(err) }))
  void run()
  const timer = setInterval(() => void run(), POLL_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/** The menu sync of this configuration: undefined unless the account's AppID and AppSecret are set. */
export function menuSyncFor(config: Config, db: Db, logger: Logger): MenuSync | undefined {
  const api = officialAccountApi(config, db, logger)
  if (!api) return undefined
  return {
    api,
    appId: api.appId,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    owner: crypto.randomUUID(),
  }
}
