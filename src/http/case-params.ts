import { CASE_NUMBER_PATTERN } from '../domain/cases/case-number'
import { AppError } from '../errors'

const WHOLE_NUMBER = new RegExp(`^${CASE_NUMBER_PATTERN.source}$`)

/** A case number from a path, upper-cased; a 400 that shows the expected form otherwise. */
export function caseNumberParam(raw: string): string {
  const number = raw.toUpperCase()
  if (!WHOLE_NUMBER.test(number)) {
    throw new AppError('VALIDATION_FAILED', `案件编号格式不对：${raw}（应形如 CZ20261128-0007）`)
  }
  return number
}

/** One page of rows fetched with limit + 1: the page and the cursor to the next, if any. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null }
}
