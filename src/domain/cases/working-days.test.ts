import { describe, expect, it } from 'vitest'
import { workingDaysDeadline } from './working-days'

const at = (iso: string) => new Date(iso)

describe('working-day deadlines', () => {
  it('gives a Friday complaint until the end of Monday to be accepted', () => {
    // 2026-11-27 is a Friday; 10:00 in Shanghai
    const due = workingDaysDeadline(at('2026-11-27T02:00:00Z'), 1)
    expect(due.toISOString()).toBe('2026-11-30T15:59:59.000Z')
  })

  it('skips the National Day holiday and counts the make-up Saturday as a workday', () => {
    // Filed Tuesday 2026-09-29; 10-01..10-07 are off, Saturday 2026-10-10 is a make-up workday
    const due = workingDaysDeadline(at('2026-09-29T02:00:00Z'), 2)
    expect(due.toISOString()).toBe('2026-10-08T15:59:59.000Z')
    const seven = workingDaysDeadline(at('2026-09-29T02:00:00Z'), 7)
    expect(seven.toISOString()).toBe('2026-10-14T15:59:59.000Z')
  })

  it('counts from the Shanghai day, not the UTC day', () => {
    // 23:30 UTC on Thursday is already Friday 07:30 in Shanghai
    const due = workingDaysDeadline(at('2026-11-26T23:30:00Z'), 1)
    expect(due.toISOString()).toBe('2026-11-30T15:59:59.000Z')
  })
})
