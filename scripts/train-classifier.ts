// `npm run train:classifier`: trains the logistic-regression models with `natural` on the train
// split of the corpus, chooses on a validation fifth of that split how much they weigh against
// the lexicon and how sharp the confidence is, then retrains on the whole train split and writes
// src/domain/classify/data/model.json. The held-out split is never read here. natural's regression
// is dense gradient descent, so each model is cached under node_modules/.cache by a hash of exactly
// what it learns from: a retrain after a corpus change fits only the models that change.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import natural from 'natural'
import * as prettier from 'prettier'
import {
  decide,
  gather,
  prepare,
  type ClassifierModel,
  type Evidence,
} from '../src/domain/classify/classify'
import { loadCorpus, type Labelled } from '../src/domain/classify/corpus/load'
import type { LinearModel } from '../src/domain/classify/linear-model'

interface Doc {
  gold: Labelled
  evidence: Evidence
}

// Features seen in fewer messages than this teach the model nothing it can rely on; natural's
// gradient descent is dense, so each feature kept costs time in every step (5 halves it against 3).
const MIN_DOCUMENTS = 5

const MODEL_FILE = new URL('../src/domain/classify/data/model.json', import.meta.url)

/** Writes model.json as `npm run lint` wants it, so a retrain never breaks the style check. */
async function writeModel(model: ClassifierModel): Promise<void> {
  const options = await prettier.resolveConfig(MODEL_FILE)
  writeFileSync(
    MODEL_FILE,
    await prettier.format(JSON.stringify(model), { ...options, parser: 'json' }),
  )
  log('wrote src/domain/classify/data/model.json')
}

const log = (msg: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`)
const round = (x: number) => Math.round(x * 1000) / 1000

const CACHE = new URL('../node_modules/.cache/classifier-training/', import.meta.url)

/**
 * Trains natural's LogisticRegressionClassifier and keeps its θ as plain data. The vocabulary is
 * the features seen in MIN_DOCUMENTS of this model's own messages: a feature absent from them
 * only costs training time (its weight stays 0).
 */
function trainRegression(name: string, docs: { features: string[]; label: string }[]): LinearModel {
  const df = new Map<string, number>()
  for (const d of docs) for (const f of d.features) df.set(f, (df.get(f) ?? 0) + 1)
  const vocab = new Set([...df].filter(([, n]) => n >= MIN_DOCUMENTS).map(([f]) => f))
  const inputs = docs
    .map((d) => ({ known: d.features.filter((f) => vocab.has(f)), label: d.label }))
    .filter((d) => d.known.length > 0)
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 24)
  const cached = new URL(`${key}.json`, CACHE)
  try {
    const model = JSON.parse(readFileSync(cached, 'utf8')) as LinearModel
    log(`${name}: unchanged, from the cache`)
    return model
  } catch {
    // not trained yet: train below
  }
  const started = Date.now()
  const lr = new natural.LogisticRegressionClassifier()
  for (const d of inputs) lr.addDocument(d.known, d.label)
  lr.train()
  const inner = lr.classifier as unknown as {
    classifications: string[]
    theta: { elements: number[] }[]
  }
  const weights: Record<string, number[]> = {}
  let index = 0
  // natural numbers its features in for…in order of its vocabulary; so must we
  for (const feature in lr.features) {
    const i = index++
    weights[feature] = inner.theta.map((t) => round(t.elements[i] ?? 0))
  }
  log(
    `${name}: ${inputs.length} messages, ${index} features, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
  const model = { labels: inner.classifications, weights }
  mkdirSync(CACHE, { recursive: true })
  writeFileSync(cached, JSON.stringify(model))
  return model
}

function trainModels(docs: Doc[], weights: ClassifierModel['weights']): ClassifierModel {
  const reports = docs.filter((d) => d.gold.intent === 'report')
  const of = (category: 'air' | 'noise') =>
    trainRegression(
      `subcategory ${category}`,
      reports
        .filter((d) => d.gold.category === category)
        .map((d) => ({ features: d.evidence.features, label: d.gold.subcategory })),
    )
  return {
    intent: trainRegression(
      'intent',
      docs.map((d) => ({ features: d.evidence.features, label: d.gold.intent })),
    ),
    category: trainRegression(
      'category',
      reports.map((d) => ({ features: d.evidence.features, label: d.gold.category })),
    ),
    subcategory: { air: of('air'), noise: of('noise') },
    weights,
  }
}

function evaluate(model: ClassifierModel, docs: Doc[]) {
  const ready = prepare(model)
  let intent = 0,
    category = 0,
    sub = 0,
    reports = 0,
    subs = 0,
    logLoss = 0
  for (const { gold, evidence } of docs) {
    const got = decide(evidence, ready)
    const right = got.intent === gold.intent && got.category === gold.category
    const c = Math.min(0.99, Math.max(0.01, got.confidence))
    logLoss -= right ? Math.log(c) : Math.log(1 - c)
    if (got.intent === gold.intent) intent++
    if (gold.intent !== 'report') continue
    reports++
    if (got.category === gold.category) category++
    if (gold.category !== 'air' && gold.category !== 'noise') continue
    subs++
    if (got.subcategory === gold.subcategory) sub++
  }
  return {
    intent: intent / docs.length,
    category: category / reports,
    sub: sub / subs,
    logLoss: logLoss / docs.length,
  }
}

const docs: Doc[] = loadCorpus('train').map((gold) => ({ gold, evidence: gather(gold.text) }))

// `--keep-weights`: keep how the current model.json weighs model against lexicon and skip the
// validation fits, which take as long as the final one. For corpus growth, not for new features.
if (process.argv.includes('--keep-weights')) {
  const current = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ClassifierModel
  log(`keeping weights ${JSON.stringify(current.weights)}`)
  await writeModel(trainModels(docs, current.weights))
  process.exit(0)
}

const unweighted = {
  intent: { model: 0, temperature: 1 },
  category: { model: 0, temperature: 1 },
  subcategory: { model: 0, temperature: 1 },
}
const validation = docs.filter((_, i) => i % 5 === 0)
log(
  `validation: training on ${docs.length - validation.length}, validating on ${validation.length}`,
)
const partial = trainModels(
  docs.filter((_, i) => i % 5 !== 0),
  unweighted,
)

const GRID = [0, 1, 2, 3, 4, 6, 8, 12]
let best = { score: -1, weights: unweighted }
for (const wi of GRID)
  for (const wc of GRID)
    for (const ws of GRID) {
      const weights = {
        intent: { model: wi, temperature: 1 },
        category: { model: wc, temperature: 1 },
        subcategory: { model: ws, temperature: 1 },
      }
      const r = evaluate({ ...partial, weights }, validation)
      const score = r.intent + r.category + r.sub
      if (score > best.score) best = { score, weights }
    }
let calibrated = { loss: Infinity, weights: best.weights }
for (const ti of [0.5, 1, 1.5, 2, 3, 4, 6, 8])
  for (const tc of [0.5, 1, 1.5, 2, 3, 4, 6, 8]) {
    const weights = {
      ...best.weights,
      intent: { ...best.weights.intent, temperature: ti },
      category: { ...best.weights.category, temperature: tc },
    }
    const { logLoss } = evaluate({ ...partial, weights }, validation)
    if (logLoss < calibrated.loss) calibrated = { loss: logLoss, weights }
  }
const lexiconOnly = evaluate({ ...partial, weights: unweighted }, validation)
const mixed = evaluate({ ...partial, weights: calibrated.weights }, validation)
log(`weights ${JSON.stringify(calibrated.weights)}`)
log(`validation, lexicon alone: ${JSON.stringify(lexiconOnly)}`)
log(`validation, with the model: ${JSON.stringify(mixed)}`)

if (process.argv.includes('--show-errors')) {
  for (const { gold, evidence } of validation) {
    const got = decide(evidence, prepare({ ...partial, weights: calibrated.weights }))
    const wrong =
      got.intent !== gold.intent ||
      got.category !== gold.category ||
      (got.subcategory !== gold.subcategory && gold.category in { air: 1, noise: 1 })
    if (wrong) {
      const show = (x: { intent: string; category: string; subcategory: string }) =>
        `${x.intent}/${x.category}/${x.subcategory}`
      log(`${gold.id} gold ${show(gold)} got ${show(got)} [${got.terms.join(',')}] ${gold.text}`)
    }
  }
}
if (process.argv.includes('--validate-only')) process.exit(0)

await writeModel(trainModels(docs, calibrated.weights))
