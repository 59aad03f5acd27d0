import { transition, type CaseAction, type CaseStatus } from '../domain/cases/lifecycle'
import { restartedDeadlines } from '../domain/cases/deadlines'
import { workingDaysDeadline } from '../domain/cases/working-days'
import { AppError } from '../errors'
import { insertCaseEvent } from '../store/cases'
import { decideSuggestions, followMerge } from '../store/merge-suggestions'
import { countProgress } from '../store/rollups'
import type { Store } from '../store/open-database'
import type { ReferenceCache } from '../store/reference-cache'
import type { CaseRow, CaseUpdate, Db, Staff } from '../store/schema'
import { CASE_TAKERS, listActiveStaff } from '../store/staff'
import { caseFor, updateCaseAtVersion } from '../store/staff-cases'
import { closeRoundUnrated } from '../store/survey-rounds'
import { newsFor, tellJoinerOfResolution, tellResidents } from './tell-residents'

/** A duplicate joins a case the bureau still works on, never one that itself joined another. */
const MERGE_TARGETS: readonly string[] = ['new', 'accepted', 'assigned', 'in_progress', 'resolved']

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
    // the role is checked first: an action the role may never take is 403 whatever the version
    const t = transition(
      { status: row.status as CaseStatus, assignee: row.assignee, escalated: row.escalated === 1 },
      action,
      staff.role,
    )
    if (row.version !== action.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `案件已被他人更新(当前版本 ${row.version})，请刷新后再操作`,
        { version: row.version },
      )
    }
    const reference = await deps.reference.get(trx, now)
    const change: CaseUpdate = { status: t.to, updated_at: now.toISOString() }
    if (t.assignee !== undefined) change.assignee = t.assignee
    if (t.escalated) change.escalated = 1
    if (t.extendDays && row.resolve_due_at) {
      change.resolve_due_at = workingDaysDeadline(
        new Date(row.resolve_due_at),
        t.extendDays,
        reference.schedule,
      ).toISOString()
    }
    if (action.action === 'transfer') {
      const agency = reference.departments.get(action.agency)
      // another branch is reached by reroute; transfer hands the case outside the bureau
      if (agency?.kind !== 'agency') {
        const agencies = [...reference.departments.values()].filter((d) => d.kind === 'agency')
        throw new AppError(
          'VALIDATION_FAILED',
          `转办只能转给外单位：${agencies.map((d) => `${d.id}(${d.name})`).join('、')}`,
        )
      }
      change.department_id = agency.id
    }
    if (action.action === 'reroute') {
      const target = reference.departments.get(action.department)
      if (!target || target.kind === 'agency' || target.id === row.department_id) {
        const branches = [...reference.departments.values()].filter(
          (d) => d.kind !== 'agency' && d.id !== row.department_id,
        )
        throw new AppError(
          'VALIDATION_FAILED',
          `改派只能派给本局的其他部门：${branches.map((d) => `${d.id}(${d.name})`).join('、')}`,
        )
      }
      change.department_id = target.id
    }
    let primary: CaseRow | undefined
    if (action.action === 'merge') {
      primary = await caseFor(trx, staff, action.into)
      if (!primary || primary.id === row.id || !MERGE_TARGETS.includes(primary.status)) {
        throw new AppError('VALIDATION_FAILED', `不能并入 ${action.into}：须为本部门仍在办理的案件`)
      }
      change.merged_into_id = primary.id
    }
    if (action.action === 'unmerge') change.merged_into_id = null
    if (action.action === 'assign') await checkAssignee(trx, row, action.assignee)
    // a case that starts over under a new department, or again after the resident was let down,
    // gets fresh deadlines and a clean record; a return (退单) stays in the department: it gets
    // a working day to be dispatched again but keeps its resolution deadline and its flags, or
    // returning and re-accepting would wipe a late case's record
    if (
      action.action === 'return' ||
      action.action === 'reroute' ||
      action.action === 'reopen' ||
      action.action === 'unmerge'
    ) {
      const c = { ...row, urgent: row.urgent === 1 }
      const restart = action.action === 'reopen' ? 'reopen' : 'return'
      const fresh = restartedDeadlines(reference.rules, c, restart, now, reference.schedule)
      if (action.action === 'return') change.accept_due_at = fresh.accept_due_at!
      else Object.assign(change, fresh, { escalated: 0 })
    }
    // late for acceptance is settled by accepting, and an extension can give the time back:
    // the flag clears, so the sweep flags the case again if the resolution deadline passes
    const resolveDue = change.resolve_due_at ?? row.resolve_due_at
    if (
      (action.action === 'accept' || action.action === 'extend') &&
      row.overdue === 1 &&
      (resolveDue === null || resolveDue > now.toISOString())
    )
      change.overdue = 0
    if (t.to === 'closed') change.closed_at = now.toISOString()
    const department =
      reference.departments.get(change.department_id ?? row.department_id ?? '')?.name ?? ''
    // the event's note names the agency by id for staff; the resident is given its name and the reason
    const note = action.action === 'transfer' ? action.reason : t.note
    const said = { action: action.action, note, department }
    const news = t.public ? await newsFor(trx, row, said) : null
    if (news) change.public_note = news
    if (!(await updateCaseAtVersion(trx, row.id, row.version, change))) {
      throw new AppError('VERSION_CONFLICT', '案件已被他人更新，请刷新后再操作')
    }
    await countProgress(trx, row, action.action, { at: now.toISOString() })
    // closing or reopening a resolved case before the resident answered ends its survey round
    // unanswered: counted as not rated, so the round stays in the response rate
    if (action.action === 'close' || (action.action === 'reopen' && row.status === 'resolved'))
      await closeRoundUnrated(trx, row, { channel: 'staff', at: now.toISOString() })
    await insertCaseEvent(trx, {
      case_id: row.id,
      actor: `staff:${staff.username}`,
      action: action.action,
      from_status: t.from,
      to_status: t.to,
      note: t.note,
      public: t.public ? 1 : 0,
      created_at: now.toISOString(),
      due_at: stageDue(row, action.action),
    })
    if (action.action === 'merge') {
      await decideSuggestions(trx, row.id, 'merged', `staff:${staff.username}`, now)
      await followMerge(trx, row.id, change.merged_into_id!, `staff:${staff.username}`, now)
      // residents who had joined this case follow the case it joins now
      await trx
        .updateTable('cases')
        .set({ merged_into_id: change.merged_into_id! })
        .where('merged_into_id', '=', row.id)
        .execute()
    }
    if (news) await tellResidents(trx, row, news, { ...said, now })
    if (primary) await tellJoinerOfResolution(trx, row, primary, now)
    return { ...row, ...change, version: row.version + 1 } as CaseRow
  })
}

/** Whom a case can be assigned to: an active member of the department that holds it. */
async function checkAssignee(db: Db, row: CaseRow, assignee: string): Promise<void> {
  const colleagues = (await listActiveStaff(db, row.department_id ?? '')).filter((s) =>
    CASE_TAKERS.includes(s.role),
  )
  if (!colleagues.some((s) => s.username === assignee))
    throw new AppError(
      'VALIDATION_FAILED',
      `承办人须为本部门在岗人员：${colleagues.map((s) => `${s.username}（${s.display_name}）`).join('、') || '本部门暂无在岗人员'}`,
    )
}

/** The deadline an acceptance or a resolution is judged by: the one in force when it happens. */
function stageDue(row: CaseRow, action: string): string | null {
  if (action === 'accept') return row.accept_due_at
  if (action === 'resolve') return row.resolve_due_at
  return null
}
