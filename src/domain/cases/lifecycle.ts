import { AppError } from '../../errors'

export const CASE_STATUSES = [
  'new',
  'accepted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'transferred',
  'merged',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** States in which the bureau still owes the resident an answer. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'accepted', 'assigned', 'in_progress']
/** States a case ends in; only reopen, undoing a merge (or a note) moves it again. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'transferred', 'merged']

export const isOpen = (s: CaseStatus) => OPEN_STATUSES.includes(s)

export type Role = 'handler' | 'supervisor' | 'admin' | 'analyst'

export type CaseAction =
  | { action: 'accept' }
  | { action: 'reject'; reason: string }
  | { action: 'transfer'; agency: string; reason: string }
  | { action: 'assign'; assignee: string }
  | { action: 'return'; reason: string }
  | { action: 'reroute'; department: string; reason: string }
  | { action: 'start' }
  | { action: 'extend'; days: number; reason: string }
  | { action: 'resolve'; reply: string }
  | { action: 'close' }
  | { action: 'reopen'; reason: string }
  | { action: 'escalate'; note: string }
  | { action: 'merge'; into: string }
  | { action: 'unmerge'; reason: string }
  | { action: 'note'; text: string }

export type ActionName = CaseAction['action']

interface Rule {
  from: readonly CaseStatus[] | 'any'
  /** the state it leads to; undefined keeps the state */
  to?: CaseStatus
  roles: readonly Role[]
  /** states from which only supervisors and admins may take it */
  leadsFrom?: readonly CaseStatus[]
  /** whether the resident is told (acceptance, transfer, resolution …) */
  public: boolean
}

const STAFF: readonly Role[] = ['handler', 'supervisor', 'admin']
const LEADS: readonly Role[] = ['supervisor', 'admin']

/** Which action may be taken from which state, by whom, and where it leads (SPEC §4). */
const RULES: Record<ActionName, Rule> = {
  accept: { from: ['new'], to: 'accepted', roles: STAFF, public: true },
  reject: { from: ['new', 'accepted'], to: 'rejected', roles: STAFF, public: true },
  transfer: {
    from: ['new', 'accepted', 'assigned'],
    to: 'transferred',
    roles: STAFF,
    public: true,
  },
  // a handler assigns an accepted case; taking it from whoever holds it is for a lead (SPEC §1)
  assign: {
    from: ['accepted', 'assigned', 'in_progress'],
    to: 'assigned',
    roles: STAFF,
    leadsFrom: ['assigned', 'in_progress'],
    public: false,
  },
  return: { from: ['accepted', 'assigned'], to: 'new', roles: STAFF, public: false },
  // 改派: a lead sends a misrouted or returned case to the bureau department that should have it
  reroute: { from: ['new', 'accepted', 'assigned'], to: 'new', roles: LEADS, public: false },
  start: { from: ['assigned'], to: 'in_progress', roles: STAFF, public: false },
  extend: { from: ['accepted', 'assigned', 'in_progress'], roles: STAFF, public: true },
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved', roles: STAFF, public: true },
  close: { from: ['resolved'], to: 'closed', roles: LEADS, public: false },
  reopen: { from: ['resolved', 'closed'], to: 'assigned', roles: LEADS, public: true },
  escalate: { from: OPEN_STATUSES, roles: LEADS, public: false },
  merge: {
    from: ['new', 'accepted', 'assigned', 'in_progress'],
    to: 'merged',
    roles: LEADS,
    public: true,
  },
  // 撤销并案: a lead finds the merged complaint was another matter after all; it starts afresh
  unmerge: { from: ['merged'], to: 'new', roles: LEADS, public: true },
  note: { from: 'any', roles: STAFF, public: false },
}

const allows = (rule: Rule, status: CaseStatus) => rule.from === 'any' || rule.from.includes(status)
const mayTake = (rule: Rule, status: CaseStatus, role: Role) =>
  rule.roles.includes(role) && (!rule.leadsFrom?.includes(status) || LEADS.includes(role))

/** The actions a role may take on a case in this state, for the console and for 409 answers. */
export function allowedActions(status: CaseStatus, role: Role): ActionName[] {
  return (Object.keys(RULES) as ActionName[]).filter(
    (a) => allows(RULES[a], status) && mayTake(RULES[a], status, role),
  )
}

export interface CaseState {
  status: CaseStatus
  assignee: string | null
  escalated: boolean
}

export interface Transition {
  from: CaseStatus
  to: CaseStatus
  /** fields that change beside the status */
  assignee?: string | null
  escalated?: boolean
  /** working days added to the resolution deadline */
  extendDays?: number
  note: string | null
  public: boolean
}

/** The text an action carries into its event: the reason, reply, note, or whom it went to. */
function noteOf(a: CaseAction): string | null {
  switch (a.action) {
    case 'reject':
    case 'return':
    case 'reopen':
    case 'unmerge':
      return a.reason
    case 'transfer':
      return `${a.agency}：${a.reason}`
    case 'reroute':
      return `${a.department}：${a.reason}`
    case 'assign':
      return a.assignee
    case 'extend':
      return `延期${a.days}个工作日：${a.reason}`
    case 'resolve':
      return a.reply
    case 'escalate':
      return a.note
    case 'merge':
      return `并入 ${a.into}`
    case 'note':
      return a.text
    default:
      return null
  }
}

/**
 * The case lifecycle as one pure function: whether `role` may take `action` on a case in this
 * state, and what changes. Throws AppError: FORBIDDEN for a role that may not, CASE_ALREADY_CLOSED
 * or INVALID_TRANSITION (naming what is allowed) for a state that does not allow it.
 */
export function transition(state: CaseState, a: CaseAction, role: Role): Transition {
  const rule = RULES[a.action]
  if (!rule.roles.includes(role))
    throw new AppError('FORBIDDEN', `角色 ${role} 不能执行 ${a.action}`)
  if (!allows(rule, state.status)) {
    const allowed = allowedActions(state.status, role)
    const details = { status: state.status, allowed }
    if (state.status === 'closed')
      throw new AppError('CASE_ALREADY_CLOSED', `案件已归档，只能 ${allowed.join('、')}`, details)
    throw new AppError(
      'INVALID_TRANSITION',
      `状态 ${state.status} 不能 ${a.action}；可执行：${allowed.join('、') || '无'}`,
      details,
    )
  }
  if (!mayTake(rule, state.status, role))
    throw new AppError('FORBIDDEN', '案件已派单，改派承办人须由科室负责人操作')
  if (a.action === 'extend' && !(Number.isInteger(a.days) && a.days >= 1 && a.days <= 30)) {
    throw new AppError('VALIDATION_FAILED', '延期天数须为 1–30 个工作日')
  }
  const to = rule.to ?? state.status
  const base: Transition = { from: state.status, to, note: noteOf(a), public: rule.public }
  switch (a.action) {
    case 'assign':
      return { ...base, assignee: a.assignee }
    case 'return':
    case 'reroute':
    case 'unmerge':
      return { ...base, assignee: null }
    case 'escalate':
      return { ...base, escalated: true }
    case 'extend':
      return { ...base, extendDays: a.days }
    default:
      return base
  }
}
