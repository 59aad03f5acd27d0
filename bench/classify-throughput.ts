import { classify } from '../src/domain/classify/classify'
import { corpusTexts, row, verdict } from './support'

const ROUNDS = Number(process.env.BENCH_CLASSIFY_ROUNDS ?? 60)

function timeIt(texts: string[], fn: (t: string) => unknown): number {
  const started = performance.now()
  for (let r = 0; r < ROUNDS; r++) for (const t of texts) fn(t)
  return (texts.length * ROUNDS) / ((performance.now() - started) / 1000)
}

/** Classification on one core (this process), beside a plain regex scan over the same messages. */
export function benchClassify(): string[] {
  const texts = corpusTexts()
  const scan = /噪音|噪声|吵|臭|异味|烟|尘|污水|垃圾|辐射|noise|smell|smoke/g
  timeIt(texts.slice(0, 200), classify) // warm up the JIT
  const regex = timeIt(texts, (t) => t.match(scan))
  const ours = timeIt(texts, classify)
  verdict(
    'classify',
    ours >= 20_000,
    `${Math.round(ours)} msg/s`,
    `a plain regex scan ran at ${Math.round(regex)} msg/s on the same core`,
  )
  return [
    row(
      'classification, one core',
      `${Math.round(ours)} msg/s`,
      `${Math.round(regex)} msg/s`,
      `${(ours / regex).toFixed(3)}×`,
    ),
  ]
}
