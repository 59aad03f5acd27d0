// `npm run eval:classifier [-- --split train|heldout|fresh]`: how the classifier does on the
// labelled corpus. The heldout and fresh splits are never used for training or for tuning the
// lexicon; fresh was written without looking at the classifier at all.
import { classify } from '../src/domain/classify/classify'
import { loadCorpus, SPLITS, type Labelled, type Split } from '../src/domain/classify/corpus/load'
import { CATEGORIES } from '../src/domain/classify/types'

const split = process.argv.includes('--split')
  ? process.argv[process.argv.indexOf('--split') + 1]
  : 'heldout'
if (!SPLITS.includes(split as Split)) {
  console.error(`unknown split ${split}: use one of ${SPLITS.join(', ')}`)
  process.exit(1)
}
const rows = loadCorpus(split as Split)
const results = rows.map((gold) => ({ gold, got: classify(gold.text) }))

const pct = (n: number, d: number) =>
  d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`
const f = (x: number) => x.toFixed(3)

function prf(
  label: string,
  goldOf: (r: Labelled) => string,
  gotOf: (r: (typeof results)[number]) => string,
) {
  const tp = results.filter((r) => goldOf(r.gold) === label && gotOf(r) === label).length
  const fp = results.filter((r) => goldOf(r.gold) !== label && gotOf(r) === label).length
  const fn = results.filter((r) => goldOf(r.gold) === label && gotOf(r) !== label).length
  const p = tp + fp === 0 ? 0 : tp / (tp + fp)
  const rc = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = p + rc === 0 ? 0 : (2 * p * rc) / (p + rc)
  return { label, p, r: rc, f1, support: tp + fn }
}

console.log(`split: ${split} (${rows.length} messages)\n`)
console.log('category      precision recall   F1     support')
const categoryOf = (r: Labelled) => r.category
const cats = CATEGORIES.map((c) => prf(c, categoryOf, (r) => r.got.category))
for (const c of cats)
  console.log(`${c.label.padEnd(13)} ${f(c.p)}     ${f(c.r)}   ${f(c.f1)}  ${c.support}`)
const macro = cats.reduce((s, c) => s + c.f1, 0) / cats.length
console.log(`macro-F1 over the six categories: ${f(macro)}\n`)

const labels = [...CATEGORIES, 'none'] as const
console.log('confusion (rows gold, columns predicted)')
console.log(''.padEnd(10) + labels.map((l) => l.slice(0, 9).padStart(10)).join(''))
for (const g of labels) {
  const line = labels.map((p) =>
    String(results.filter((r) => r.gold.category === g && r.got.category === p).length).padStart(
      10,
    ),
  )
  console.log(g.padEnd(10) + line.join(''))
}

const sub = results.filter((r) => r.gold.category === 'air' || r.gold.category === 'noise')
const subOk = sub.filter((r) => r.got.subcategory === r.gold.subcategory).length
const intentOk = results.filter((r) => r.got.intent === r.gold.intent).length
const districtOk = results.filter((r) => r.got.district === r.gold.district).length
const unplaced = results.filter((r) => r.gold.district === null)
const falseDistrict = unplaced.filter((r) => r.got.district !== null).length
const urgent = prf(
  'true',
  (r) => String(r.urgent),
  (r) => String(r.got.urgent),
)
console.log(
  `\nsubcategory accuracy (air and noise): ${pct(subOk, sub.length)}  (${subOk}/${sub.length})`,
)
console.log(
  `intent accuracy:                      ${pct(intentOk, results.length)}  (${intentOk}/${results.length})`,
)
console.log(
  `district accuracy:                    ${pct(districtOk, results.length)}  (${districtOk}/${results.length})`,
)
console.log(
  `false districts where none is named:  ${pct(falseDistrict, unplaced.length)}  (${falseDistrict}/${unplaced.length})`,
)
console.log(`urgent: precision ${f(urgent.p)}, recall ${f(urgent.r)} (${urgent.support} urgent)`)

console.log('\nconfidence   messages  intent and category right')
for (const [lo, hi] of [
  [0, 0.5],
  [0.5, 0.7],
  [0.7, 0.9],
  [0.9, 1.01],
] as const) {
  const bin = results.filter((r) => r.got.confidence >= lo && r.got.confidence < hi)
  const right = bin.filter(
    (r) => r.got.intent === r.gold.intent && r.got.category === r.gold.category,
  ).length
  console.log(
    `${lo.toFixed(1)}–${Math.min(hi, 1).toFixed(1)}      ${String(bin.length).padStart(8)}  ${pct(right, bin.length)}`,
  )
}

const wrong = results.filter(
  (r) =>
    r.got.intent !== r.gold.intent ||
    r.got.category !== r.gold.category ||
    ((r.gold.category === 'air' || r.gold.category === 'noise') &&
      r.got.subcategory !== r.gold.subcategory) ||
    r.got.district !== r.gold.district,
)
console.log(`\nmisclassified (${wrong.length}):`)
for (const { gold, got } of wrong) {
  const show = (x: {
    intent: string
    category: string
    subcategory: string
    district: string | null
  }) => `${x.intent}/${x.category}/${x.subcategory}/${x.district ?? '-'}`
  console.log(
    `${gold.id}  gold ${show(gold)}  got ${show(got)} [${got.terms.join(',')}]  ${gold.text}`,
  )
}
