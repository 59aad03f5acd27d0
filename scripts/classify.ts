// `npm run -s classify`: JSON lines {"id","text"} on stdin → one JSON line per input on stdout.
// A line that is not such an object still gets a line back (with "error"), so outputs stay aligned.
import { createInterface } from 'node:readline'
import { classify } from '../src/domain/classify/classify'
import { publicView } from '../src/domain/classify/public-view'

const out: string[] = []
const flush = () => {
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n')
  out.length = 0
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue
  let input: unknown
  try {
    input = JSON.parse(line)
  } catch {
    process.stderr.write(`classify: not JSON: ${line.slice(0, 80)}\n`)
    out.push(JSON.stringify({ id: null, error: 'invalid JSON' }))
    continue
  }
  const { id = null, text } = (input ?? {}) as { id?: unknown; text?: unknown }
  if (typeof text !== 'string') {
    out.push(JSON.stringify({ id, error: 'text must be a string' }))
    continue
  }
  out.push(JSON.stringify({ id, ...publicView(classify(text)) }))
  if (out.length >= 512) flush()
}
flush()
