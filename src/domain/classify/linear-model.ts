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

/** A model made ready for fast lookups. */
export interface CompiledModel {
  labels: string[]
  weights: Map<string, Float64Array>
}

export function compile(model: LinearModel): CompiledModel {
  return {
    labels: model.labels,
    weights: new Map(Object.entries(model.weights).map(([f, w]) => [f, Float64Array.from(w)])),
  }
}

/** Probabilities per label (one-vs-rest scores normalised to sum to 1), and how many features the model knew. */
export function posterior(
  model: CompiledModel,
  feats: readonly string[],
): { p: number[]; known: number } {
  const z = new Float64Array(model.labels.length)
  let known = 0
  for (const f of feats) {
    const w = model.weights.get(f)
    if (!w) continue
    known++
    for (let i = 0; i < z.length; i++) z[i]! += w[i]!
  }
  let sum = 0
  const p: number[] = []
  for (let i = 0; i < z.length; i++) {
    const s = 1 / (1 + Math.exp(-z[i]!))
    p.push(s)
    sum += s
  }
  for (let i = 0; i < p.length; i++) p[i]! /= sum
  return { p, known }
}

/** The features that speak most for `label`, strongest first. */
export function strongestFeatures(
  model: CompiledModel,
  feats: readonly string[],
  label: string,
  k: number,
): string[] {
  const i = model.labels.indexOf(label)
  if (i < 0) return []
  return feats
    .map((f) => ({ f, w: model.weights.get(f)?.[i] ?? 0 }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, k)
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
