import { officialAccountApi } from '../channels/wechat/api-client'
import { officialAccountSender } from '../channels/wechat/send-notification'
import type { Config } from '../config'
import type { Logger } from '../logger'
import type { Store } from '../store/open-database'
import {
  startNotificationDelivery,
  type DeliveryOptions,
  type Sender,
} from './deliver-notifications'

/**
 * The senders this configuration can push on: the Official Account when its AppID and
 * AppSecret are set, plus any `extra` (the Wechaty bot adds its own).
 */
export function wechatSenders(
  store: Store,
  config: Config,
  logger: Logger,
  extra: Record<string, Sender> = {},
): Record<string, Sender> {
  const senders: Record<string, Sender> = { ...extra }
  const api = officialAccountApi(config, store.db, logger)
  if (api) {
    const keys = config.WECHAT_TEMPLATE_CASE_UPDATE_KEYS.split(',') as [
      string,
      string,
      string,
      string,
    ]
    senders['wechat-oa'] = officialAccountSender(api, {
      templateId: config.WECHAT_TEMPLATE_CASE_UPDATE,
      keys,
    })
  }
  return senders
}

/** How deliveries are retried, from the configuration. */
export function deliveryOptions(config: Config, senders: Record<string, Sender>): DeliveryOptions {
  return {
    senders,
    retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
  }
}

/**
 * Starts pushing notifications to Official Account followers when the account's AppID and
 * AppSecret are configured (and to Wechaty contacts when the bot adds its sender); returns a
 * function that stops it.
 */
export function startWechatDelivery(
  store: Store,
  config: Config,
  logger: Logger,
  extra: Record<string, Sender> = {},
): () => void {
  const senders = wechatSenders(store, config, logger, extra)
  if (Object.keys(senders).length === 0) return () => undefined
  logger.info('notification delivery started', { channels: Object.keys(senders) })
  return startNotificationDelivery(
    store,
    deliveryOptions(config, senders),
    (err) => logger.error('notification delivery failed', { error: String(err) }),
    config.NOTIFY_POLL_MS,
  )
}
