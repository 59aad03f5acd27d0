import type { Language } from '../domain/classify/types'
import { texts } from '../domain/intake/texts'
import { notifyResident } from '../store/notifications'
import type { CaseRow, Db } from '../store/schema'

async function languageOf(db: Db, conversationId: string | null): Promise<Language> {
  const row = conversationId
    ? await db
        .selectFrom('conversations')
        .select('language')
        .where('id', '=', conversationId)
        .executeTakeFirst()
    : undefined
  return (row?.language ?? 'zh-Hans') as Language
}

/** What the resident who filed a case reads of an action on it, in their language; null if nothing. */
export async function newsFor(
  db: Db,
  row: CaseRow,
  p: { action: string; note: string | null; department: string },
): Promise<string | null> {
  const language = await languageOf(db, row.conversation_id)
  return texts[language].caseNews({ number: row.number, ...p })
}

/**
 * Inside the action's transaction: tells the resident of the case, and every resident whose
 * complaint was merged into it, of the news (the filer is asked to rate a resolution).
 */
export async function tellResidents(
  db: Db,
  row: CaseRow,
  news: string,
  p: { action: string; note: string | null; department: string; now: Date },
): Promise<void> {
  if (row.conversation_id) {
    const options = p.action === 'resolve' ? ['满意', '基本满意', '不满意'] : undefined
    await notifyResident(db, {
      conversationId: row.conversation_id,
      caseId: row.id,
      text: news,
      options,
      now: p.now,
    })
  }
  const followers = await db
    .selectFrom('cases')
    .innerJoin('conversations', 'conversations.id', 'cases.conversation_id')
    .select(['cases.id', 'cases.number', 'cases.conversation_id', 'conversations.language'])
    .where('cases.merged_into_id', '=', row.id)
    .orderBy('cases.id')
    .execute()
  for (const f of followers) {
    const t = texts[f.language as Language]
    const theirs = t.caseNews({ number: row.number, ...p }) ?? news
    await notifyResident(db, {
      conversationId: f.conversation_id!,
      caseId: f.id,
      text: t.followerNews({ own: f.number, primary: row.number, news: theirs }),
      now: p.now,
    })
  }
}

/**
 * A complaint merged into a case that is already resolved hears the answer its primary got:
 * 「后续进展会同时告知您」 would otherwise promise news that was sent before it joined.
 */
export async function tellJoinerOfResolution(
  db: Db,
  row: CaseRow,
  primary: Pick<CaseRow, 'number' | 'status' | 'public_note'>,
  now: Date,
): Promise<void> {
  if (primary.status !== 'resolved' || !primary.public_note || !row.conversation_id) return
  const t = texts[await languageOf(db, row.conversation_id)]
  await notifyResident(db, {
    conversationId: row.conversation_id,
    caseId: row.id,
    text: t.followerNews({ own: row.number, primary: primary.number, news: primary.public_note }),
    now,
  })
}
