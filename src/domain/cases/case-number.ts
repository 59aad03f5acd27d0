/** A case number such as CZ20261128-0007: prefix, the Shanghai filing day, the day's sequence. */
export function formatCaseNumber(prefix: string, shanghaiDay: string, seq: number): string {
  return `${prefix}${shanghaiDay.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`
}

export const CASE_NUMBER_PATTERN = /\b([A-Z]{1,6})(\d{8})-(\d{4,})\b/
