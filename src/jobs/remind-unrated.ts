import type { Language } from '../domain/classify/types'
import { texts } from '../domain/intake/texts'
import { notifyResident } from '../store/notifications'
import type { Store } from '../store/open-database'
import { lastResolvedAt, roundAnswered } from '../store/survey-rounds'

const REMIND_AFTER_MS = 3 * 24 * 60 * 60 * 1000
export const REMINDER_ACTION = 'survey_reminder'

/**
 * Reminds residents once, three days after a resolution, to rate it when they have not (SPEC §5,
 * issue 7): once per resolution, counted from the resolution, so a staff note meanwhile neither
 * delays it nor sends it again. Safe with several servers: the reminder's event is written in the
 * same transaction as its message.
 */
export async function remindUnrated(store: Store, now: Date): Promise<string[]> {
  const before = new Date(now.getTime() - REMIND_AFTER_MS).toISOString()
  return store.write(async (trx) => {
    const due = await trx
      .selectFrom('cases')
      .innerJoin('conversations', 'conversations.id', 'cases.conversation_id')
      .select(['cases.id', 'cases.number', 'cases.conversation_id', 'conversations.language'])
      .where('cases.status', '=', 'resolved')
      .where((eb) => eb(lastResolvedAt(eb), '<', before))
      .where((eb) => eb.not(roundAnswered(eb)))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_events')
              .select('case_events.id')
              .whereRef('case_events.case_id', '=', 'cases.id')
              .where('case_events.action', '=', REMINDER_ACTION)
              .where('case_events.created_at', '>=', lastResolvedAt(eb)),
          ),
        ),
      )
      .limit(500)
      .execute()
    const at = now.toISOString()
    for (const c of due) {
      await trx
        .insertInto('case_events')
        .values({
          case_id: c.id,
          actor: 'system',
          action: REMINDER_ACTION,
          from_status: 'resolved',
          to_status: 'resolved',
          note: '三日未评价，已提醒',
          public: 0,
          created_at: at,
        })
        .execute()
      await notifyResident(trx, {
        conversationId: c.conversation_id!,
        caseId: c.id,
        text: texts[c.language as Language].surveyReminder(c.number),
        options: ['满意', '基本满意', '不满意'],
        now,
      })
    }
    return due.map((c) => c.number)
  })
}
