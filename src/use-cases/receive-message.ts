import { classify } from '../domain/classify/classify'
import type { Classification, Language } from '../domain/classify/types'
import {
  converse,
  initialState,
  type ConversationState,
  type Inbound,
  type Reply,
} from '../domain/intake/conversation'
import { texts } from '../domain/intake/texts'
import { AppError } from '../errors'
import { findConversationCase } from '../store/cases'
import { lockConversation, saveConversationState } from '../store/conversations'
import { findResponse, insertInboundMessage } from '../store/messages'
import type { Store } from '../store/open-database'
import type { ReferenceCache } from '../store/reference-cache'
import { mergedPrimaries } from '../store/resident-views'
import type { Db } from '../store/schema'
import { roundAnswered } from '../store/survey-rounds'
import { attachPhoto } from './attach-photo'
import { fileCase, type FiledCase } from './file-case'
import { rateCase } from './rate-case'
import type { Rating } from '../domain/surveys/rating'

/** One message from a resident, whatever channel it came through. */
export interface InboundMessage {
  channel: string
  channelUserId: string
  conversationId: string
  /** the channel's own id for the message: a repeat delivery carries the same one */
  channelMessageId: string
  body: Inbound
  receivedAt: Date
}

export interface ChatResponse {
  replies: Reply[]
  /** the language the replies are in, for channels that add words of their own */
  language?: Language
  case?: { number: string; status: string }
}

export interface ReceiveDeps {
  store: Store
  reference: ReferenceCache
  casePrefix: string
  /** runs in the turn's transaction once the reply is known (not for a repeat delivery) */
  onAnswer?: (trx: Db, response: ChatResponse, msg: InboundMessage) => Promise<void>
}

/** Thrown inside the transaction when the channel delivered this message before: roll back, answer as before. */
class RepeatDelivery extends Error {}

function describe(body: Inbound): {
  kind: 'text' | 'location' | 'image'
  text: string | null
  payload: string | null
} {
  switch (body.kind) {
    case 'text':
      return { kind: 'text', text: body.text, payload: null }
    case 'location':
      return { kind: 'location', text: body.location.label, payload: JSON.stringify(body.location) }
    case 'image':
      return { kind: 'image', text: null, payload: JSON.stringify({ imageUrl: body.imageUrl }) }
  }
}

function filedReplies(state: ConversationState, filed: FiledCase): Reply[] {
  const t = texts[state.language]
  const { row, department, rule } = filed
  const main =
    rule.action === 'transfer'
      ? t.referred({ number: row.number, agency: department.name, phone: department.phone })
      : t.filed({
          number: row.number,
          department: department.name,
          hours: row.urgent ? rule.urgent_hours : null,
          days: rule.resolve_working_days,
        })
  return row.urgent ? [{ text: main }, { text: t.urgentNote }] : [{ text: main }]
}

async function statusReplies(
  db: Db,
  state: ConversationState,
  conversationId: string,
  number: string | null,
): Promise<Reply[]> {
  const t = texts[state.language]
  const found = await findConversationCase(db, conversationId, number)
  if (!found) return [{ text: number ? t.caseNotFound(number) : t.noCases }]
  const status = t.statusNames[found.status] ?? found.status
  const primary = (await mergedPrimaries(db, [found])).get(found.merged_into_id ?? 0)
  if (!primary)
    return [{ text: t.statusOf({ number: found.number, status, update: found.public_note }) }]
  // a merged complaint's progress is the progress of the case it joined
  const theirs = t.statusOf({ number: found.number, status, update: null })
  const primaryStatus = t.statusNames[primary.status] ?? primary.status
  const joined = t.statusOf({
    number: primary.number,
    status: primaryStatus,
    update: primary.public_note,
  })
  return [{ text: `${theirs}${state.language === 'en' ? ' ' : ''}${joined}` }]
}

async function rateReplies(
  db: Db,
  state: ConversationState,
  msg: InboundMessage,
  command: { rating: Rating; comment: string; caseNumber: string | null },
): Promise<Reply[]> {
  const t = texts[state.language]
  let query = db
    .selectFrom('cases')
    .selectAll()
    .where('conversation_id', '=', msg.conversationId)
    .where('status', '=', 'resolved')
    // a case reopened and resolved again awaits the rating of its new resolution
    .where((eb) => eb.not(roundAnswered(eb)))
  if (command.caseNumber) query = query.where('number', '=', command.caseNumber)
  const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst()
  if (!row) return [{ text: t.feedbackThanks }]
  const { reopened } = await rateCase(db, row, {
    ...command,
    channel: msg.channel,
    now: msg.receivedAt,
  })
  return [{ text: reopened ? t.surveyReopened(row.number) : t.surveyThanks(row.number) }]
}

/**
 * Takes one inbound message through the conversation: classifies it, files a case when the
 * complaint is complete, and stores the message with its reply — all in one transaction, so a
 * message that was answered is never lost. The message row goes in last: when the channel
 * delivered it before, its unique id makes the whole turn roll back and the first reply is
 * given again, so a retry never files twice.
 */
export async function receiveMessage(
  deps: ReceiveDeps,
  msg: InboundMessage,
): Promise<ChatResponse> {
  try {
    return await answer(deps, msg)
  } catch (err) {
    if (!(err instanceof RepeatDelivery)) throw err
    const previous = await findResponse(deps.store.db, msg.channel, msg.channelMessageId)
    if (!previous) throw new AppError('MESSAGE_IN_PROGRESS', '这条消息正在处理中，请稍后再试')
    return JSON.parse(previous) as ChatResponse
  }
}

async function answer(deps: ReceiveDeps, msg: InboundMessage): Promise<ChatResponse> {
  const { store } = deps
  const now = msg.receivedAt
  return store.write(async (trx) => {
    const conversation = await lockConversation(
      trx,
      msg.conversationId,
      store.dialect === 'postgres',
    )
    if (!conversation) throw new AppError('UNAUTHORIZED', '会话不存在，请重新开始')
    const state = JSON.parse(conversation.state) as ConversationState
    const classification: Classification | null =
      msg.body.kind === 'text' ? classify(msg.body.text) : null
    const turn = converse(state ?? initialState(), msg.body, classification, now)

    const replies = [...turn.replies]
    let filed: FiledCase | undefined
    let attachedTo: number | undefined
    for (const command of turn.commands) {
      if (command.type === 'file_case') {
        const reference = await deps.reference.get(trx, now)
        const reporter = {
          channel: msg.channel,
          channelUserId: msg.channelUserId,
          conversationId: msg.conversationId,
        }
        filed = await fileCase(trx, reference, command.draft, reporter, deps.casePrefix, now)
        replies.push(...filedReplies(turn.state, filed))
      } else if (command.type === 'rate') {
        replies.push(...(await rateReplies(trx, turn.state, msg, command)))
      } else if (command.type === 'attach_photo') {
        const t = texts[turn.state.language]
        const row = await attachPhoto(trx, msg.conversationId, command.imageUrl, now)
        attachedTo = row?.id
        replies.push({ text: row ? t.photoAdded(row.number) : t.photoNotAdded })
      } else if (command.type === 'status') {
        replies.push(
          ...(await statusReplies(trx, turn.state, msg.conversationId, command.caseNumber)),
        )
      }
    }

    const language = turn.state.language
    const response: ChatResponse = filed
      ? { replies, language, case: { number: filed.row.number, status: filed.row.status } }
      : { replies, language }
    const described = describe(msg.body)
    const messageId = await insertInboundMessage(trx, {
      conversation_id: msg.conversationId,
      channel: msg.channel,
      channel_message_id: msg.channelMessageId,
      direction: 'in',
      kind: described.kind,
      text: described.text,
      payload: described.payload,
      classification: classification ? JSON.stringify(classification) : null,
      response: JSON.stringify(response),
      case_id: filed?.row.id ?? attachedTo ?? null,
      created_at: now.toISOString(),
    })
    if (messageId === null) throw new RepeatDelivery()
    await saveConversationState(
      trx,
      msg.conversationId,
      JSON.stringify(turn.state),
      turn.state.language,
      now,
    )
    await deps.onAnswer?.(trx, response, msg)
    return response
  })
}
