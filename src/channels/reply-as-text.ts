import { texts } from '../domain/intake/texts'
import type { ChatResponse } from '../use-cases/receive-message'

/** The replies of one turn as one chat text: WeChat has no buttons, so choices become a line. */
export function replyAsText(response: ChatResponse): string {
  const t = texts[response.language ?? 'zh-Hans']
  return response.replies
    .map((r) => (r.options?.length ? `${r.text}\n${t.optionsLine(r.options)}` : r.text))
    .join('\n\n')
}

/** A notification as one chat text, its quick replies as a line (in Chinese, as the survey's are). */
export function notificationAsText(n: { text: string; options: string[] }): string {
  return n.options.length ? `${n.text}\n${texts['zh-Hans'].optionsLine(n.options)}` : n.text
}
