import { compiledOnce } from './compiled-query'
import type { CaseRow, Db, NewCase, NewCaseEvent } from './schema'

const nextSequenceQuery = compiledOnce((db, p: { day: string }) =>
  db
    .insertInto('case_counters')
    .values({ day: p.day, seq: 1 })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({ seq: eb('case_counters.seq', '+', 1) })),
    )
    .returning('seq'),
)

/** The next number in a day's sequence; atomic on both dialects, so two filings never share one. */
export async function nextCaseSequence(db: Db, day: string): Promise<number> {
  const { rows } = await nextSequenceQuery(db, { day })
  return rows[0]!.seq
}

const insertCaseQuery = compiledOnce((db, row: NewCase) =>
  db.insertInto('cases').values(row).returningAll(),
)

export async function insertCase(db: Db, row: NewCase): Promise<CaseRow> {
  return (await insertCaseQuery(db, row)).rows[0]!
}

const insertCaseEventQuery = compiledOnce((db, event: NewCaseEvent) =>
  db.insertInto('case_events').values(event),
)

export async function insertCaseEvent(db: Db, event: NewCaseEvent): Promise<void> {
  await insertCaseEventQuery(db, event)
}

/** Cases an earlier import wrote, filed between two Shanghai days, with what identifies them. */
export async function importedCasesFiledBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('cases')
    .select(['number', 'created_at', 'district', 'address', 'description'])
    .where('filed_day', '>=', from)
    .where('filed_day', '<=', to)
    .where('reporter_channel', '=', 'import')
    .execute()
}

export async function findCaseByNumber(db: Db, number: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst()
}

export async function findConversationCase(
  db: Db,
  conversationId: string,
  number: string | null,
): Promise<CaseRow | undefined> {
  let query = db.selectFrom('cases').selectAll().where('conversation_id', '=', conversationId)
  if (number) query = query.where('number', '=', number)
  return query.orderBy('id', 'desc').limit(1).executeTakeFirst()
}
