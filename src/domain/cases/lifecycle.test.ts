import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import {
  allowedActions,
  transition,
  type CaseAction,
  type CaseState,
  type CaseStatus,
  type Role,
} from './lifecycle'

const at = (status: CaseStatus, over: Partial<CaseState> = {}): CaseState => ({
  status,
  assignee: null,
  escalated: false,
  ...over,
})

function fails(state: CaseState, action: CaseAction, role: Role): AppError {
  try {
    transition(state, action, role)
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected the transition to fail')
}

describe('case lifecycle', () => {
  it('walks a complaint from new to closed', () => {
    let s = at('new')
    const steps: [CaseAction, Role, CaseStatus][] = [
      [{ action: 'accept' }, 'handler', 'accepted'],
      [{ action: 'assign', assignee: 'wang' }, 'handler', 'assigned'],
      [{ action: 'start' }, 'handler', 'in_progress'],
      [{ action: 'resolve', reply: '已责令停止夜间施工' }, 'handler', 'resolved'],
      [{ action: 'close' }, 'supervisor', 'closed'],
    ]
    for (const [action, role, to] of steps) {
      const t = transition(s, action, role)
      expect(t.to).toBe(to)
      s = { ...s, status: t.to, assignee: t.assignee !== undefined ? t.assignee : s.assignee }
    }
    expect(s.assignee).toBe('wang')
  })

  it('tells the resident of acceptance, transfer and resolution, not of internal steps', () => {
    expect(transition(at('new'), { action: 'accept' }, 'handler').public).toBe(true)
    expect(
      transition(
        at('accepted'),
        { action: 'transfer', agency: '公安', reason: '社会生活噪声' },
        'handler',
      ).public,
    ).toBe(true)
    expect(
      transition(at('in_progress'), { action: 'resolve', reply: '已处理' }, 'handler').public,
    ).toBe(true)
    expect(transition(at('accepted'), { action: 'assign', assignee: 'li' }, 'handler').public).toBe(
      false,
    )
  })

  it('reopens a resolved case to assigned for a supervisor, not for a handler', () => {
    expect(
      transition(at('resolved'), { action: 'reopen', reason: '居民不满意' }, 'supervisor').to,
    ).toBe('assigned')
    expect(fails(at('resolved'), { action: 'reopen', reason: 'x' }, 'handler').code).toBe(
      'FORBIDDEN',
    )
  })

  it('refuses a transition the state does not allow and names what is allowed', () => {
    const err = fails(at('new'), { action: 'resolve', reply: '已处理' }, 'handler')
    expect(err.code).toBe('INVALID_TRANSITION')
    expect(err.details).toMatchObject({
      status: 'new',
      allowed: expect.arrayContaining(['accept', 'reject', 'transfer']),
    })
  })

  it('says a closed case is closed', () => {
    expect(fails(at('closed'), { action: 'accept' }, 'supervisor').code).toBe('CASE_ALREADY_CLOSED')
  })

  it('lets analysts read but not act', () => {
    expect(allowedActions('new', 'analyst')).toEqual([])
    expect(fails(at('new'), { action: 'note', text: 'x' }, 'analyst').code).toBe('FORBIDDEN')
  })

  it('escalates and extends without changing the state', () => {
    expect(
      transition(at('assigned'), { action: 'escalate', note: '请加快' }, 'supervisor'),
    ).toMatchObject({ to: 'assigned', escalated: true })
    expect(
      transition(at('in_progress'), { action: 'extend', days: 5, reason: '需要监测' }, 'handler'),
    ).toMatchObject({ to: 'in_progress', extendDays: 5 })
    expect(
      fails(at('in_progress'), { action: 'extend', days: 0, reason: 'x' }, 'handler').code,
    ).toBe('VALIDATION_FAILED')
  })

  it('returns a case to the dispatcher without an assignee', () => {
    expect(
      transition(
        at('assigned', { assignee: 'wang' }),
        { action: 'return', reason: '不属本部门' },
        'handler',
      ),
    ).toMatchObject({ to: 'new', assignee: null })
  })

  it('merges a duplicate into its primary case', () => {
    expect(
      transition(at('new'), { action: 'merge', into: 'CZ20261128-0001' }, 'supervisor'),
    ).toMatchObject({ to: 'merged', note: '并入 CZ20261128-0001' })
  })
})
