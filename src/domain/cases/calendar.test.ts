import { describe, expect, it } from 'vitest'
import {
  buildSchedule,
  missingScheduleWarning,
  statutoryHolidays,
  type CalendarDay,
} from './calendar'
import { isWorkingDay, workingDaysDeadline } from './working-days'

const at = (iso: string) => new Date(iso)
const day = (date: string, kind: CalendarDay['kind'], name = '国庆节'): CalendarDay => ({
  date,
  kind,
  name,
})

describe('the working-day calendar beyond chinese-days', () => {
  it('knows 2027’s statutory holidays though no schedule is published yet', () => {
    const days = statutoryHolidays(2027).map((d) => `${d.date} ${d.name}`)
    expect(days).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ])
  })

  it('does not count New Year’s Day 2027 as a working day (chinese-days 1.5.7 would)', () => {
    const schedule = buildSchedule([], 2030)
    expect(isWorkingDay('2027-01-01', schedule)).toBe(false)
    // filed Thursday 2026-12-31: the one working day to accept ends on Monday 2027-01-04
    expect(workingDaysDeadline(at('2026-12-31T02:00:00Z'), 1, schedule).toISOString()).toBe(
      '2027-01-04T15:59:59.000Z',
    )
  })

  it('follows a loaded schedule across National Day and its make-up Saturday', () => {
    // a 2027 notice as the State Council would word it: 10-01..10-07 off, work Sat 10-09
    const loaded = [
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => day(`2027-10-${d}`, 'holiday')),
      day('2027-09-26', 'workday'),
      day('2027-10-09', 'workday'),
    ]
    const schedule = buildSchedule(loaded, 2030)
    expect(isWorkingDay('2027-10-06', schedule)).toBe(false)
    expect(isWorkingDay('2027-10-09', schedule)).toBe(true)
    expect(isWorkingDay('2027-09-26', schedule)).toBe(true)
    // filed Thursday 2027-09-30: 10-08 (Fri) and 10-09 (the make-up Saturday) are the first two
    expect(workingDaysDeadline(at('2027-09-30T02:00:00Z'), 2, schedule).toISOString()).toBe(
      '2027-10-09T15:59:59.000Z',
    )
    // the statutory holidays still count where the loaded notice says nothing of them
    expect(isWorkingDay('2027-01-01', schedule)).toBe(false)
  })

  it('warns from November on when next year’s schedule is missing, and not otherwise', () => {
    expect(missingScheduleWarning('2026-11-28', new Set())).toMatch(/^2027年节假日安排尚未载入/)
    expect(missingScheduleWarning('2026-10-31', new Set())).toBeNull()
    expect(missingScheduleWarning('2026-11-28', new Set([2027]))).toBeNull()
    // 2026 is shipped by chinese-days
    expect(missingScheduleWarning('2025-12-01', new Set())).toBeNull()
  })
})
