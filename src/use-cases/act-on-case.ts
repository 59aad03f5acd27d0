import { transition, type CaseAction, type CaseStatus } from '../domain/cases/lifecycle'
import { workingDaysDeadline } from '../domain/cases/working-days'
import type { Language } from '../domain/classify/types'
import { texts } from '../domain/intake/texts'
import { AppError } from '../errors'
import { insertCaseEvent } from '../store/cases'
import { notifyResident } from '../store/notifications'
import { countProgress } from '../store/rollups'
import type { Store } from '../store/open-database'
import type { ReferenceCache } from '../store/reference-cache'
import type { CaseRow, CaseUpdate, Staff } from '../store/schema'
import { caseFor, updateCaseAtVersion } from '../store/staff-cases'

/**
 * A staff action on a case, in one transaction: the version check, the lifecycle transition,
 * the change, its event, and — for what the resident is told — the notification to push.
 */
export async function actOnCase(
  deps: { store: Store; reference: ReferenceCache },
  staff: Staff,
  number: string,
  action: CaseAction & { version: number },
  now: Date,
): Promise<CaseRow> {
  return deps.store.write(async (trx) => {
    const row = await caseFor(trx, staff, number, deps.store.dialect === 'postgres')
    if (!row) throw new AppError('CASE_NOT_FOUND', `没有找到案件 ${number}`)
    if (row.version !== action.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `案件已被他人更新(当前版本 ${row.version}),请刷新后再操作`,
        {
          version: row.version,
        },
      )
    }
    const t = transition(
      { status: row.status as CaseStatus, assignee: row.assignee, escalated: row.escalated === 1 },
      action,
      staff.role,
    )
    const reference = await deps.reference.get(trx, now)
    const change: CaseUpdate = { status: t.to, updated_at: now.toISOString() }
    if (t.assignee !== undefined) change.assignee = t.assignee
    if (t.escalated) change.escalated = 1
    if (t.extendDays && row.resolve_due_at) {
      change.resolve_due_at = workingDaysDeadline(
        new Date(row.resolve_due_at),
        t.extendDays,
      ).toISOString()
    }
    if (action.action === 'transfer') {
      const agency = reference.departments.get(action.agency)
      if (!agency) throw new AppError('VALIDATION_FAILED', `没有这个部门:${action.agency}`)
      change.department_id = agency.id
    }
    if (action.action === 'merge') {
      const primary = await caseFor(trx, staff, action.into)
      if (!primary || primary.id === row.id)
        throw new AppError('VALIDATION_FAILED', `不能并入 ${action.into}`)
      change.merged_into_id = primary.id
    }
    if (t.to === 'closed') change.closed_at = now.toISOString()
    const department =
      reference.departments.get(change.department_id ?? row.department_id ?? '')?.name ?? ''
    const conversation = row.conversation_id
      ? await trx
          .selectFrom('conversations')
          .select('language')
          .where('id', '=', row.conversation_id)
          .executeTakeFirst()
      : undefined
    const news = t.public
      ? texts[(conversation?.language ?? 'zh-Hans') as Language].caseNews({
          number: row.number,
          action: action.action,
          note: t.note,
          department,
        })
      : null
    if (news) change.public_note = news
    if (!(await updateCaseAtVersion(trx, row.id, row.version, change))) {
      throw new AppError('VERSION_CONFLICT', '案件已被他人更新,请刷新后再操作')
    }
    await countProgress(trx, row, action.action, {
      at: now.toISOString(),
      resolveDue: change.resolve_due_at ?? row.resolve_due_at,
    })
    await insertCaseEvent(trx, {
      case_id: row.id,
      actor: `staff:${staff.username}`,
      action: action.action,
      from_status: t.from,
      to_status: t.to,
      note: t.note,
      public: t.public ? 1 : 0,
      created_at: now.toISOString(),
    })
    if (news && row.conversation_id) {
      const options = action.action === 'resolve' ? ['满意', '基本满意', '不满意'] : undefined
      await notifyResident(trx, {
        conversationId: row.conversation_id,
        caseId: row.id,
        text: news,
        options,
        now,
      })
    }
    return { ...row, ...change, version: row.version + 1 } as CaseRow
  })
}
