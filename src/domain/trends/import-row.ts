import { FINAL_STATUSES } from '../cases/lifecycle'
import { CATEGORIES, DISTRICTS, SUBCATEGORIES, type Category } from '../classify/types'
import { texts } from '../intake/texts'
import { CATEGORY_ZH, SUBCATEGORY_ZH } from './labels'

/** The columns a file of historical cases must have, in any order. */
export const IMPORT_COLUMNS = [
  'filed_at',
  'category',
  'subcategory',
  'district',
  'address',
  'description',
  'status',
  'accepted_at',
  'resolved_at',
  'rating',
] as const

/**
 * Historical cases are finished business: only a final status is taken. An open one would come in
 * with its deadlines long past, and the next sweep would flag and escalate it.
 */
type ImportedStatus = 'closed' | 'rejected' | 'transferred' | 'merged'
const STATUS_ZH = texts['zh-Hans'].statusNames
const STATUSES_ALLOWED = [...FINAL_STATUSES, 'resolved'].map((s) => `${s} ${STATUS_ZH[s]}`)
const RATINGS: Record<string, ImportedCase['rating']> = {
  satisfied: 'satisfied',
  满意: 'satisfied',
  basically_satisfied: 'basically_satisfied',
  基本满意: 'basically_satisfied',
  dissatisfied: 'dissatisfied',
  不满意: 'dissatisfied',
  not_rated: 'not_rated',
  未评价: 'not_rated',
}

export interface ImportedCase {
  filedAt: Date
  category: Category
  subcategory: string
  district: string | null
  address: string | null
  description: string
  status: ImportedStatus
  acceptedAt: Date | null
  resolvedAt: Date | null
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'not_rated' | null
}

/** A code or its Chinese name (大气 / air), back to the code. */
function codeOf<T extends string>(
  value: string,
  codes: readonly T[],
  names: Record<string, string>,
) {
  if ((codes as readonly string[]).includes(value)) return value as T
  return codes.find((c) => names[c] === value)
}

const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0')

/**
 * `2025-03-01T08:00:00Z`, or a Shanghai wall-clock time `2025-03-01 16:00[:00]`, also as Excel
 * on Chinese Windows writes it into a CSV: `2025/3/1 16:00`.
 */
function timeOf(value: string): Date | null {
  const local = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  const [y, , mo, d, h, mi, sec] = local?.slice(1) ?? []
  const text = local ? `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${pad(sec)}+08:00` : value
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null
  // Date rolls 2025-02-30 over into March; a day the month does not have is a typo
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number]
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * One row of a historical file, checked: the case it describes, or every reason it cannot be
 * taken (in Chinese, for the row-by-row report). `now` bounds the dates.
 */
export function readImportRow(
  r: Record<string, string>,
  now: Date,
): { ok: true; value: ImportedCase } | { ok: false; reasons: string[] } {
  const reasons: string[] = []
  const field = (name: (typeof IMPORT_COLUMNS)[number]) => (r[name] ?? '').trim()
  const when = (name: 'filed_at' | 'accepted_at' | 'resolved_at', required: boolean) => {
    const value = field(name)
    if (value === '') {
      if (required) reasons.push(`${name} 不能为空`)
      return null
    }
    const date = timeOf(value)
    if (!date)
      reasons.push(
        `${name} 不是有效时间：${value}（如 2025-03-01 16:00、2025/3/1 16:00 或 ISO 8601）`,
      )
    else if (date > now) reasons.push(`${name} 晚于现在：${value}`)
    return date
  }
  const filedAt = when('filed_at', true)
  const acceptedAt = when('accepted_at', false)
  const resolvedAt = when('resolved_at', false)
  const category = codeOf(field('category'), CATEGORIES, CATEGORY_ZH)
  if (!category) reasons.push(`category 未知：${field('category')}(可用：${CATEGORIES.join('、')})`)
  let subcategory = 'none'
  const sub = field('subcategory')
  if (category === 'air' || category === 'noise') {
    const found = codeOf(sub, SUBCATEGORIES[category], SUBCATEGORY_ZH)
    if (sub === '') subcategory = category === 'air' ? 'other_air' : 'other_noise'
    else if (found) subcategory = found
    else
      reasons.push(
        `subcategory 不属于 ${category}：${sub}(可用：${SUBCATEGORIES[category].join('、')})`,
      )
  } else if (sub !== '' && sub !== 'none') {
    reasons.push(`subcategory 只用于 air 与 noise：${sub}`)
  }
  const district = field('district')
  if (district !== '' && !(DISTRICTS as readonly string[]).includes(district))
    reasons.push(`district 未知：${district}(可用：${DISTRICTS.join('、')}，或留空)`)
  const description = field('description')
  if (description === '' || description.length > 2000) reasons.push('description 须为 1–2000 字')
  const given = field('status')
  const status = codeOf(given, [...FINAL_STATUSES, 'resolved'], STATUS_ZH)
  if (!status)
    reasons.push(
      `status 不可导入：${given || '（空）'}。历史案件须已结束，可用：${STATUSES_ALLOWED.join('、')}（已办结须有 rating）`,
    )
  const rating = field('rating') === '' ? null : (RATINGS[field('rating')] ?? undefined)
  if (rating === undefined)
    reasons.push(`rating 未知：${field('rating')}（满意、基本满意、不满意、未评价）`)
  if (filedAt && acceptedAt && acceptedAt < filedAt) reasons.push('accepted_at 早于 filed_at')
  if (filedAt && resolvedAt && resolvedAt < (acceptedAt ?? filedAt))
    reasons.push('resolved_at 早于受理或投诉时间')
  const handled = status === 'resolved' || status === 'closed'
  if (handled && !resolvedAt) reasons.push(`status ${given} 须有 resolved_at`)
  if (handled && !acceptedAt) reasons.push(`status ${given} 须有 accepted_at`)
  if (status && !handled && resolvedAt)
    reasons.push(`status ${given} 的案件未经办结，resolved_at 须留空`)
  // 已办结 then rated is where the live service closes a case; unrated it would wait for a survey
  if (status === 'resolved' && !rating)
    reasons.push('status 已办结须有 rating（原系统无评价的填「未评价」），导入后按已归档计')
  if (rating && !resolvedAt) reasons.push('rating 只用于已办结的案件')
  if (reasons.length > 0 || !filedAt || !category || !status) return { ok: false, reasons }
  return {
    ok: true,
    value: {
      filedAt,
      category,
      subcategory,
      district: district || null,
      address: field('address') || null,
      description,
      // FINAL_STATUSES is typed as any status; the lookup above took only final ones and resolved
      status: status === 'resolved' ? 'closed' : (status as ImportedStatus),
      acceptedAt,
      resolvedAt,
      rating: rating ?? null,
    },
  }
}

/**
 * What makes two rows the same complaint, so a file imported twice does not double last year:
 * when it was filed, where, and what was said (not its status, rating or category, which a later
 * export of the same case may have corrected). `filedAt` is the ISO instant as stored.
 */
export function importKey(c: {
  filedAt: string
  district: string | null
  address: string | null
  description: string
}): string {
  const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()
  return [c.filedAt, c.district, c.address, c.description].map(text).join('\t')
}
