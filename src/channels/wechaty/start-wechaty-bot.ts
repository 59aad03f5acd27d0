import { types, WechatyBuilder, type Message } from 'wechaty'
import type { Deps } from '../../http/env'
import type { Sender } from '../../jobs/deliver-notifications'
import {
  createConversationIds,
  receiveChannelMessage,
} from '../../use-cases/receive-channel-message'
import { texts } from '../../domain/intake/texts'
import { notificationAsText, replyAsText } from '../reply-as-text'
import { botMessageToInbound, type BotMessage } from './to-inbound'

// This file is imported dynamically by node.ts alone: Wechaty is a Node-only dependency and
// must stay out of the import graph of app.ts (the Workers build imports that).

const CHANNEL = 'wechaty'
// what the bot cannot read (downloading a file goes through the puppet's service), so it says so
const MEDIA = new Set([
  types.Message.Image,
  types.Message.Audio,
  types.Message.Video,
  types.Message.Attachment,
])

type Puppet = Parameters<typeof WechatyBuilder.build>[0] extends infer O
  ? O extends { puppet?: infer P }
    ? NonNullable<P>
    : never
  : never

export interface WechatyBot {
  /** pushes case updates to the resident's contact (for the delivery job) */
  sender: Sender
  stop(): Promise<void>
}

export interface WechatyBotOptions {
  /** a puppet's package name (WECHATY_PUPPET) or, in tests, a puppet instance */
  puppet: Puppet
  /** where the bot keeps its login between restarts (a file name without .memory-card.json) */
  memoryName?: string
}

/**
 * The WeChat personal-account bot: a contact's text and location messages go through the same
 * conversation as every channel; a photo, voice, video or file is answered with a request for
 * text; in a group it answers only when mentioned; its own messages are ignored. The puppet
 * reads its own variables (e.g. WECHATY_PUPPET_SERVICE_TOKEN).
 */
export async function startWechatyBot(
  deps: Pick<Deps, 'store' | 'reference' | 'config' | 'logger' | 'now'>,
  options: WechatyBotOptions,
): Promise<WechatyBot> {
  const { logger } = deps
  const conversationIds = createConversationIds()
  const bot = WechatyBuilder.build({
    puppet: options.puppet as never,
    ...(options.memoryName ? { name: options.memoryName } : {}),
  })

  async function read(msg: Message): Promise<BotMessage> {
    const type = msg.type()
    if (type === types.Message.Text) {
      return { kind: 'text', text: msg.room() ? await msg.mentionText() : msg.text() }
    }
    if (type === types.Message.Location) {
      // Message.toLocation() of wechaty 1.20 throws ("WUC can not be instantiated directly"),
      // so the location is read from the puppet itself
      const p = await bot.puppet.messageLocation(msg.id)
      return {
        kind: 'location',
        latitude: p.latitude,
        longitude: p.longitude,
        label: p.name || p.address || null,
      }
    }
    if (MEDIA.has(type)) return { kind: 'media' }
    return { kind: 'other' }
  }

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self()) return
    if (msg.room() && !(await msg.mentionSelf())) return
    const message = await read(msg)
    // the summary invites photos: a resident who sends one must not be met with silence
    if (message.kind === 'media') return void (await msg.say(texts['zh-Hans'].textOnly))
    const body = botMessageToInbound(message)
    if (!body) return
    const response = await receiveChannelMessage(
      {
        store: deps.store,
        reference: deps.reference,
        casePrefix: deps.config.CASE_NUMBER_PREFIX,
        conversationIds,
      },
      {
        channel: CHANNEL,
        channelUserId: msg.talker().id,
        channelMessageId: msg.id,
        body,
        receivedAt: deps.now(),
      },
    )
    await msg.say(replyAsText(response))
  }

  bot.on('message', (msg) => {
    onMessage(msg).catch((err: unknown) =>
      logger.error('wechaty message failed', { messageId: msg.id, error: String(err) }),
    )
  })
  bot.on('scan', (qrcode, status) =>
    // the operator renders this as a QR code and scans it with the bot's WeChat account
    logger.info('wechaty login needed: scan the QR code', { status, qrcode }),
  )
  bot.on('login', (user) => logger.info('wechaty logged in', { user: user.name() }))
  bot.on('logout', (user) => logger.warn('wechaty logged out', { user: user.name() }))
  bot.on('error', (err) => logger.error('wechaty error', { error: String(err) }))
  await bot.start()

  const sender: Sender = async (d) => {
    const contact = await bot.Contact.find({ id: d.recipient })
    if (!contact) return { ok: false, permanent: true, reason: '联系人已不在机器人的通讯录中' }
    await contact.say(notificationAsText(d))
    return { ok: true, sentAs: 'wechaty' }
  }
  return { sender, stop: () => bot.stop() }
}
