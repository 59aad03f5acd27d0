import type { RoutingRule } from '../../store/schema'
import { pickRule, type RoutingInput } from './routing'
import { publishedSchedule, workingDaysDeadline, type HolidaySchedule } from './working-days'

const HOUR_MS = 60 * 60 * 1000

export type DeadlineRule = Pick<
  RoutingRule,
  'accept_working_days' | 'resolve_working_days' | 'urgent_hours'
>

/**
 * When a case counted from `from` must be accepted and resolved under its rule: urgent matters
 * are answered within the rule's hours, others accepted within its working days; resolution
 * always counts working days on the calendar.
 */
export function caseDeadlines(
  rule: DeadlineRule,
  urgent: boolean,
  from: Date,
  schedule: HolidaySchedule = publishedSchedule,
): { acceptDueAt: Date; resolveDueAt: Date } {
  return {
    acceptDueAt: urgent
      ? new Date(from.getTime() + rule.urgent_hours * HOUR_MS)
      : workingDaysDeadline(from, rule.accept_working_days, schedule),
    resolveDueAt: workingDaysDeadline(from, rule.resolve_working_days, schedule),
  }
}

/**
 * Fresh deadlines for a case that starts over, counted from `now` under the rule that routes it:
 * a case returned for re-routing gets both again, a reopened one a new resolution deadline.
 */
export function restartedDeadlines(
  rules: readonly RoutingRule[],
  c: RoutingInput & { urgent: boolean },
  restart: 'return' | 'reopen',
  now: Date,
  schedule: HolidaySchedule = publishedSchedule,
): { overdue: 0; accept_due_at?: string; resolve_due_at: string } {
  const rule = pickRule(rules, c) ?? DEFAULT_RULE
  const due = caseDeadlines(rule, c.urgent, now, schedule)
  const resolve_due_at = due.resolveDueAt.toISOString()
  return restart === 'return'
    ? { overdue: 0, accept_due_at: due.acceptDueAt.toISOString(), resolve_due_at }
    : { overdue: 0, resolve_due_at }
}

/** SPEC §4's defaults, for a case no rule fits any more (an admin removed its rule). */
const DEFAULT_RULE: DeadlineRule = {
  accept_working_days: 1,
  resolve_working_days: 7,
  urgent_hours: 2,
}
