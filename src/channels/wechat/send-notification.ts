import { shanghaiDay } from '../../domain/shanghai-time'
import { texts } from '../../domain/intake/texts'
import type { DeliveryOutcome, Sender } from '../../jobs/deliver-notifications'
import { notificationAsText } from '../reply-as-text'
import { WechatApiError, type WechatApi } from './api-client'

// 45015: the resident has not written for 48 hours, customer-service messages are closed
const WINDOW_CLOSED = 45015
// the resident can never receive it: unfollowed (43004), blocked us (43019), bad openid (40003)
const NEVER = new Set([40003, 43004, 43019])

export interface TemplateConfig {
  templateId: string | undefined
  /** the template's four field names: case number, status, the update, the time */
  keys: [string, string, string, string]
}

const shanghaiTime = (iso: string) => {
  const d = new Date(iso)
  const hm = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
  return `${shanghaiDay(d)} ${hm}`
}

function failure(err: unknown): DeliveryOutcome {
  if (!(err instanceof WechatApiError)) throw err
  return { ok: false, permanent: NEVER.has(err.errcode), reason: err.message }
}

/**
 * Sends a notification to an Official Account follower: a customer-service message, or — once
 * the 48-hour window has closed — the configured template message. Without a template it is
 * undeliverable, and says why.
 */
export function officialAccountSender(api: WechatApi, template: TemplateConfig): Sender {
  return async (d) => {
    const t = texts['zh-Hans']
    try {
      await api.sendText(d.recipient, notificationAsText(d))
      return { ok: true, sentAs: 'custom' }
    } catch (err) {
      if (!(err instanceof WechatApiError) || err.errcode !== WINDOW_CLOSED) return failure(err)
    }
    if (!template.templateId) {
      return {
        ok: false,
        permanent: true,
        reason:
          '居民 48 小时内未发消息，客服消息窗口已关闭，且未配置模板消息(WECHAT_TEMPLATE_CASE_UPDATE)',
      }
    }
    const [numberKey, statusKey, updateKey, timeKey] = template.keys
    try {
      await api.sendTemplate(d.recipient, {
        templateId: template.templateId,
        data: {
          [numberKey]: d.caseNumber ?? '—',
          [statusKey]: d.caseStatus ? (t.statusNames[d.caseStatus] ?? d.caseStatus) : '—',
          // template "thing" fields hold at most 20 characters
          [updateKey]: d.text.length > 20 ? `${d.text.slice(0, 19)}…` : d.text,
          [timeKey]: shanghaiTime(d.createdAt),
        },
      })
      return { ok: true, sentAs: 'template' }
    } catch (err) {
      return failure(err)
    }
  }
}
