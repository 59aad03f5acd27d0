/** A button of WeChat's custom menu, as `menu/create` takes it. */
export type MenuButton =
  | { type: 'click'; name: string; key: string }
  | { type: 'view'; name: string; url: string }
  | { name: string; sub_button: MenuButton[] }

export interface OfficialAccountMenu {
  button: MenuButton[]
}

/** A published survey as the menu needs it, newest first. */
export interface MenuSurvey {
  slug: string
  title: string
  menuLabel: string | null
}

// WeChat takes at most 5 entries under a top-level button
export const MENU_SURVEY_LIMIT = 5
// WeChat shows 4 characters of a top-level name and 8 of a sub-button's (a Latin letter is half)
const SUB_BUTTON_WIDTH = 16

/** Display width as WeChat counts it: a Chinese character (or any non-ASCII) is two, ASCII one. */
export function menuWidth(text: string): number {
  let width = 0
  for (const ch of text) width += ch.codePointAt(0)! < 0x80 ? 1 : 2
  return width
}

/** True when `label` fits a sub-button without WeChat cutting it short. */
export const fitsSubButton = (label: string) => menuWidth(label) <= SUB_BUTTON_WIDTH

/** The survey's name in the menu: its own label, or its title shortened to fit with an ellipsis. */
export function surveyMenuName(s: MenuSurvey): string {
  const name = s.menuLabel ?? s.title
  if (fitsSubButton(name)) return name
  let cut = ''
  for (const ch of name) {
    if (menuWidth(cut + ch) > SUB_BUTTON_WIDTH - 2) break
    cut += ch
  }
  return `${cut}…`
}

/**
 * The account's menu: complaining and the resident's own cases (CLICK keys that the webhook
 * turns into what the resident would type), and the newest published surveys as links, when
 * there are any and the service's public address is known. With the account's AppID, a link
 * goes through WeChat's silent web authorisation, so the page learns who answers (one answer per
 * follower) without asking the resident anything.
 */
export function buildMenu<S extends MenuSurvey>(
  surveys: readonly S[],
  publicBaseUrl: string | undefined,
  appId?: string,
) {
  const button: MenuButton[] = [
    { type: 'click', name: '我要投诉', key: 'COMPLAIN' },
    {
      name: '我的投诉',
      sub_button: [
        { type: 'click', name: '查询进度', key: 'STATUS' },
        { type: 'click', name: '评价办理', key: 'RATE' },
      ],
    },
  ]
  const warnings: string[] = []
  const shown = surveys.slice(0, MENU_SURVEY_LIMIT)
  if (surveys.length > MENU_SURVEY_LIMIT)
    warnings.push(
      `微信菜单最多放 ${MENU_SURVEY_LIMIT} 份问卷，较早发布的 ${surveys.length - MENU_SURVEY_LIMIT} 份只能通过链接访问`,
    )
  if (shown.length > 0 && !publicBaseUrl)
    warnings.push('未设置 PUBLIC_BASE_URL（服务的公网地址），问卷无法放入微信菜单')
  else if (shown.length > 0) {
    const base = publicBaseUrl!.replace(/\/$/, '')
    button.push({
      name: '问卷调查',
      sub_button: shown.map((s) => ({
        type: 'view' as const,
        name: surveyMenuName(s),
        url: silentAuthorisation(`${base}/surveys/${encodeURIComponent(s.slug)}`, appId),
      })),
    })
  }
  // the surveys the menu links to
  const linked = publicBaseUrl ? shown : []
  return { menu: { button } satisfies OfficialAccountMenu, warnings, linked }
}

/** WeChat's snsapi_base authorisation: it opens `url` with a `code` that names the follower. */
export function silentAuthorisation(url: string, appId: string | undefined): string {
  if (!appId) return url
  const query = new URLSearchParams({
    appid: appId,
    redirect_uri: url,
    response_type: 'code',
    scope: 'snsapi_base',
    state: 'survey',
  })
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${query}#wechat_redirect`
}
