// `npx tsx scripts/chinese-punctuation.ts [--fix] [paths…]`: Chinese text takes full-width
// punctuation (，：；？！（）), as the bureau's own documents do. Lists every ASCII mark that
// touches a Chinese character inside a string, template or JSX text of the given files
// (default: src/ and public/static/, without the classifier's data); --fix rewrites them.
// A regex keeps ? ! ( ) and its (?: groups and [classes], which are its syntax there.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import ts from 'typescript'

const CJK = /[\u3400-\u9fff\uf900-\ufaff「」『』（）。、“”《》]/
const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' }

/**
 * The text with its ASCII marks next to Chinese made full-width (in a regex only , ; and :). In a
 * template with Chinese in it, a mark against a placeholder (`},${`) counts as next to Chinese.
 */
export function fullWidth(text: string, regex = false, chineseAround = false): string {
  const chars = [...text]
  const out = chars.slice()
  let inClass = false
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    const before = chars[i - 1] ?? ''
    const after = chars[i + 1] ?? ''
    // a regex's character class ([:：]) keeps every mark it lists
    if (regex && before !== '\\' && (c === '[' || c === ']')) inClass = c === '['
    if (regex && inClass) continue
    if (c in FULL) {
      if (regex && !',;:'.includes(c)) continue
      // never inside a URL, a time (https://, 12:30) or a regex group written as a string, (?:
      if (c === ':' && (after === '/' || (/\d/.test(before) && /\d/.test(after)))) continue
      if ((c === ':' || c === '!') && before === '?' && chars[i - 2] === '(') continue
      if (c === '?' && before === '(') continue
      const placeholder = chineseAround && (before === '}' || after === '$')
      if (CJK.test(before) || CJK.test(after) || placeholder) out[i] = FULL[c]!
    }
    if (!regex && c === '(' && CJK.test(after)) {
      const close = chars.indexOf(')', i)
      if (close > i && !chars.slice(i + 1, close).includes('(')) {
        out[i] = '（'
        out[close] = '）'
      }
    }
  }
  return out.join('')
}

/** Spans of a source file that hold text: strings, templates, JSX text, regexes. */
function textSpans(file: string, source: string) {
  const kind =
    extname(file) === '.tsx'
      ? ts.ScriptKind.TSX
      : extname(file) === '.js'
        ? ts.ScriptKind.JS
        : ts.ScriptKind.TS
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind)
  const spans: { start: number; end: number; regex: boolean; around: boolean }[] = []
  const visit = (node: ts.Node) => {
    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        spans.push({ start: node.getStart(sf), end: node.getEnd(), regex: false, around: false })
        break
      case ts.SyntaxKind.JsxText:
        spans.push({ start: node.getStart(sf), end: node.getEnd(), regex: false, around: false })
        break
      case ts.SyntaxKind.TemplateExpression: {
        const t = node as ts.TemplateExpression
        const parts = [t.head, ...t.templateSpans.map((p) => p.literal)]
        const around = parts.some((p) => CJK.test(p.text))
        for (const p of parts)
          spans.push({ start: p.getStart(sf), end: p.getEnd(), regex: false, around })
        break
      }
      case ts.SyntaxKind.RegularExpressionLiteral:
        spans.push({ start: node.getStart(sf), end: node.getEnd(), regex: true, around: false })
        break
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return spans
}

/** The file with its Chinese text's punctuation made full-width. */
export function fixSource(file: string, source: string): string {
  let out = source
  for (const s of textSpans(file, source).sort((a, b) => b.start - a.start)) {
    const text = out.slice(s.start, s.end)
    out = out.slice(0, s.start) + fullWidth(text, s.regex, s.around) + out.slice(s.end)
  }
  return out
}

const SKIP = [/\/domain\/classify\//, /node_modules/, /\.test\.ts$/]

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fix = process.argv.includes('--fix')
  const args = process.argv.slice(2).filter((a) => a !== '--fix')
  const roots = args.length > 0 ? args : ['src', 'public/static']
  const files = roots
    .flatMap(filesUnder)
    .filter((f) => /\.(ts|tsx|js)$/.test(f) && (args.length > 0 || !SKIP.some((r) => r.test(f))))
  let changed = 0
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    const fixed = fixSource(file, source)
    if (fixed === source) continue
    changed++
    if (fix) writeFileSync(file, fixed)
    else console.log(file)
  }
  console.log(`${changed} file(s) ${fix ? 'fixed' : 'with ASCII punctuation in Chinese text'}`)
  process.exitCode = !fix && changed > 0 ? 1 : 0
}
