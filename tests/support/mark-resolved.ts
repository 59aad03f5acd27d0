import type { Store } from '../../src/store/open-database'

/**
 * Marks every case resolved at `at` as a handler's resolve leaves it: the status and its event,
 * from which the survey's reminder and 7-day close count.
 */
export async function markResolved(store: Store, at: string): Promise<void> {
  await store.db.updateTable('cases').set({ status: 'resolved', updated_at: at }).execute()
  const cases = await store.db.selectFrom('cases').select('id').execute()
  for (const c of cases) {
    await store.db
      .insertInto('case_events')
      .values({
        case_id: c.id,
        actor: 'staff:test',
        action: 'resolve',
        from_status: 'in_progress',
        to_status: 'resolved',
        note: '已整改',
        public: 1,
        created_at: at,
        due_at: null,
      })
      .execute()
  }
}
