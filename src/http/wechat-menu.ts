import { Hono } from 'hono'
import { WechatApiError } from '../channels/wechat/api-client'
import { AppError } from '../errors'
import { menuStatus, syncWechatMenu, type MenuSync } from '../jobs/sync-wechat-menu'
import { requireRole, staffSession } from './auth'
import type { AppEnv, Deps } from './env'

/**
 * The Official Account's custom menu (issue 7): admins see the menu the published surveys call
 * for and whether WeChat has it, and can push it now. Pushes otherwise happen on their own.
 */
export function wechatMenuRoutes(deps: Deps, menu: MenuSync | undefined) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps), requireRole('admin'))

  const status = async () => ({
    configured: menu !== undefined,
    ...(await menuStatus(deps.store.db, menu?.appId, deps.config.PUBLIC_BASE_URL)),
  })

  app.get('/', async (c) => c.json(await status()))

  app.post('/sync', async (c) => {
    if (!menu)
      throw new AppError(
        'NOT_CONFIGURED',
        '未配置公众号：设置 WECHAT_APPID 和 WECHAT_APPSECRET 后才能同步菜单',
      )
    try {
      const outcome = await syncWechatMenu(deps.store, menu, deps.now(), true)
      if (outcome === 'waiting')
        throw new AppError('UNAVAILABLE', '另一台服务器正在同步菜单，请稍后刷新查看')
    } catch (err) {
      if (!(err instanceof WechatApiError)) throw err
      throw new AppError('UPSTREAM_REFUSED', `微信未接受菜单：${err.message}`)
    }
    return c.json(await status())
  })

  return app
}
