import { parse } from 'csv-parse/sync'
import { IMPORT_COLUMNS, readImportRow, type ImportedCase } from './import-row'

export type ImportEncoding = 'UTF-8' | 'GB18030'

/** A row that cannot be taken, by its line in the file, with every reason in Chinese. */
export interface RejectedRow {
  line: number
  reasons: string[]
}

export interface ImportFile {
  /** how the bytes were read; null when they are neither */
  encoding: ImportEncoding | null
  rows: { line: number; case: ImportedCase }[]
  rejected: RejectedRow[]
}

/**
 * The text of a file from an earlier system: valid UTF-8 (with or without BOM) is UTF-8; anything
 * else is read as GB18030, the superset of GBK that Excel on Chinese Windows saves as "CSV".
 */
export function decodeImportFile(
  bytes: Uint8Array,
): { text: string; encoding: ImportEncoding } | null {
  for (const encoding of ['UTF-8', 'GB18030'] as const) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding }
    } catch {
      // not this encoding; try the next
    }
  }
  return null
}

const refuse = (encoding: ImportEncoding | null, line: number, reasons: string[]): ImportFile => ({
  encoding,
  rows: [],
  rejected: [{ line, reasons }],
})

/**
 * A file of historical cases, decoded and checked row by row against `now`: the cases it holds,
 * or the rows that cannot be taken (then the file is not to be imported at all).
 */
export function readImportFile(bytes: Uint8Array, now: Date): ImportFile {
  const decoded = decodeImportFile(bytes)
  if (!decoded) return refuse(null, 0, ['文件编码无法识别：须为 UTF-8 或 GBK/GB18030'])
  const { text, encoding } = decoded
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    records = parse(text, { bom: true, columns: true, info: true, skip_empty_lines: true })
  } catch (err) {
    return refuse(encoding, 0, [`不是有效的 CSV：${(err as Error).message}`])
  }
  const header = Object.keys(records[0]?.record ?? {})
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c))
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c))
  if (records.length === 0 || missing.length > 0 || unknown.length > 0) {
    return refuse(encoding, 1, [
      ...(records.length === 0 ? ['文件没有数据行'] : []),
      ...(missing.length > 0 ? [`缺少列：${missing.join('、')}`] : []),
      ...(unknown.length > 0 ? [`未知列：${unknown.join('、')}`] : []),
      `须有列：${IMPORT_COLUMNS.join(',')}`,
    ])
  }
  const file: ImportFile = { encoding, rows: [], rejected: [] }
  for (const { record, info } of records) {
    const read = readImportRow(record, now)
    if (read.ok) file.rows.push({ line: info.lines, case: read.value })
    else file.rejected.push({ line: info.lines, reasons: read.reasons })
  }
  return file
}
