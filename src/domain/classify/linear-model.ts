/**
 * A logistic-regression model trained by `natural` (scripts/train-classifier.ts), one-vs-rest,
 * kept as plain data so that classifying needs neither `natural` nor training at start-up.
 * natural scores a class as sigmoid(Σ θ over the features present); so do we, sparsely.
 */
export interface LinearModel {
  labels: string[]
  /** θ per label, for each feature the model knows */
  weights: Record<string, number[]>
}

/**
 * Several models compiled into one table, so that each feature of a message is looked up once
 * for all of them: a feature's row holds the θ of every label of every model side by side.
 */
export interface CompiledModels {
  /** per model, its labels and where its θ start in a row */
  models: { labels: string[]; offset: number }[]
  width: number
  rows: Map<string, Float64Array>
  /** reused by `score`: allocating a typed array per message costs more than the sums */
  scratch: Float64Array
}

export function compileTogether(models: readonly LinearModel[]): CompiledModels {
  let width = 0
  const parts = models.map((m) => {
    const part = { labels: m.labels, offset: width }
    width += m.labels.length
    return part
  })
  const rows = new Map<string, Float64Array>()
  models.forEach((m, k) => {
    for (const [feature, theta] of Object.entries(m.weights)) {
      let row = rows.get(feature)
      if (!row) rows.set(feature, (row = new Float64Array(width)))
      row.set(theta, parts[k]!.offset)
    }
  })
  return { models: parts, width, rows, scratch: new Float64Array(width) }
}

/**
 * Σ θ for every label of every model over a message's features, and how many features are known.
 * The sums live in the table's scratch space: valid until the next call.
 */
export function score(table: CompiledModels, feats: readonly string[]): Scores {
  const z = table.scratch.fill(0)
  let known = 0
  for (const f of feats) {
    const row = table.rows.get(f)
    if (!row) continue
    known++
    for (let i = 0; i < z.length; i++) z[i]! += row[i]!
  }
  return { z, known }
}

export interface Scores {
  z: Float64Array
  known: number
}

/** Model k's probabilities per label: its one-vs-rest scores, normalised to sum to 1. */
export function posterior(table: CompiledModels, scores: Scores, k: number): number[] {
  const { labels, offset } = table.models[k]!
  const p = new Array<number>(labels.length)
  let sum = 0
  for (let i = 0; i < labels.length; i++) {
    const s = 1 / (1 + Math.exp(-scores.z[offset + i]!))
    p[i] = s
    sum += s
  }
  for (let i = 0; i < p.length; i++) p[i]! /= sum
  return p
}

/** The features that speak most for `label` in model k, strongest first. */
export function strongestFeatures(
  table: CompiledModels,
  k: number,
  feats: readonly string[],
  label: string,
  n: number,
): string[] {
  const { labels, offset } = table.models[k]!
  const i = labels.indexOf(label)
  if (i < 0) return []
  return feats
    .map((f) => ({ f, w: table.rows.get(f)?.[offset + i] ?? 0 }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, n)
    .map((x) => x.f)
}

export function softmax(scores: readonly number[]): number[] {
  let max = -Infinity
  for (const s of scores) if (s > max) max = s
  const exps = scores.map((s) => Math.exp(s - max))
  let sum = 0
  for (const e of exps) sum += e
  return exps.map((e) => e / sum)
}
